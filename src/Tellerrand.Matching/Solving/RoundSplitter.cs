namespace Tellerrand.Matching.Solving;

/// <summary>
/// Splits an assignment into rounds without changing it (rule MF6). Each demand node of a business is cut into
/// slots of <c>rounds</c> pairs; slots and creatives form a bipartite graph of maximum degree <c>rounds</c>, which by
/// König's edge-colouring theorem has a proper colouring with <c>rounds</c> colours. A colour is a round: every slot
/// gets exactly one creative per round, so the business gets its group demand ÷ rounds per round, and no creative is
/// in two rooms at once. OR-Tools has no edge colouring, so this is the constructive proof of the theorem
/// (alternating-path recolouring), O(pairs × (slots + creatives)) in the worst case.
/// </summary>
internal static class RoundSplitter
{
    /// <summary>Returns the 1-based round of each pair, in the order of <paramref name="pairs"/>.</summary>
    public static int[] Split(MatchingProblem problem, IReadOnlyList<Pair> pairs, int rounds)
    {
        var demandNodes = DemandNode.Of(problem);
        var nodeOf = new Dictionary<(int Business, string? Group), int>();
        for (var d = 0; d < demandNodes.Count; d++) nodeOf[(demandNodes[d].Business, demandNodes[d].Group)] = d;

        // Sorted so that slots, and hence rounds, depend only on the assignment, not on the order it came in.
        var order = Enumerable.Range(0, pairs.Count)
            .OrderBy(i => pairs[i].Business).ThenBy(i => pairs[i].Creative).ToArray();
        var slotOf = new int[pairs.Count];
        var filled = new Dictionary<int, int>();
        var slots = 0;
        var openSlot = new Dictionary<int, int>();
        foreach (var i in order)
        {
            var pair = pairs[i];
            var creative = problem.Creatives[pair.Creative];
            var node = nodeOf.TryGetValue((pair.Business, creative.Group), out var grouped) ? grouped : nodeOf[(pair.Business, null)];
            if (!openSlot.TryGetValue(node, out var slot) || filled[slot] == rounds)
            {
                slot = slots++;
                openSlot[node] = slot;
                filled[slot] = 0;
            }
            filled[slot]++;
            slotOf[i] = slot;
        }

        var colouring = new BipartiteEdgeColouring(slots, problem.Creatives.Count, rounds);
        for (var i = 0; i < pairs.Count; i++) colouring.Add(slotOf[order[i]], pairs[order[i]].Creative);
        var round = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++) round[order[i]] = colouring.ColourOf(slotOf[order[i]], pairs[order[i]].Creative) + 1;
        return round;
    }

    /// <summary>Proper edge colouring of a simple bipartite graph with as many colours as its maximum degree.</summary>
    private sealed class BipartiteEdgeColouring
    {
        private readonly int colours;
        private readonly int[] leftAt;   // [left * colours + colour] = right vertex joined in that colour, or -1
        private readonly int[] rightAt;  // [right * colours + colour] = left vertex joined in that colour, or -1

        public BipartiteEdgeColouring(int left, int right, int colours)
        {
            this.colours = colours;
            leftAt = new int[left * colours];
            rightAt = new int[right * colours];
            Array.Fill(leftAt, -1);
            Array.Fill(rightAt, -1);
        }

        public void Add(int u, int v)
        {
            var alpha = FreeColour(leftAt, u);
            var beta = FreeColour(rightAt, v);
            if (rightAt[v * colours + alpha] != -1)
            {
                // alpha is taken at v: swap alpha and beta along the path from v that alternates alpha, beta, alpha, …
                // In a bipartite graph that path cannot end at u (it would close an odd cycle), so alpha is then free at both ends.
                FlipPath(v, alpha, beta);
            }
            leftAt[u * colours + alpha] = v;
            rightAt[v * colours + alpha] = u;
        }

        public int ColourOf(int u, int v)
        {
            for (var colour = 0; colour < colours; colour++)
            {
                if (leftAt[u * colours + colour] == v) return colour;
            }
            throw new InvalidOperationException("The edge was never coloured.");
        }

        private int FreeColour(int[] at, int vertex)
        {
            for (var colour = 0; colour < colours; colour++)
            {
                if (at[vertex * colours + colour] == -1) return colour;
            }
            throw new InvalidOperationException("A vertex has more edges than there are rounds.");
        }

        private void FlipPath(int v, int alpha, int beta)
        {
            var path = new List<(int Left, int Right, int Colour)>();
            var onRight = true;
            var vertex = v;
            var colour = alpha;
            while (true)
            {
                var next = onRight ? rightAt[vertex * colours + colour] : leftAt[vertex * colours + colour];
                if (next == -1) break;
                path.Add(onRight ? (next, vertex, colour) : (vertex, next, colour));
                vertex = next;
                onRight = !onRight;
                colour = colour == alpha ? beta : alpha;
            }
            foreach (var (left, right, c) in path)
            {
                leftAt[left * colours + c] = -1;
                rightAt[right * colours + c] = -1;
            }
            foreach (var (left, right, c) in path)
            {
                var swapped = c == alpha ? beta : alpha;
                leftAt[left * colours + swapped] = right;
                rightAt[right * colours + swapped] = left;
            }
        }
    }
}
