using Google.OrTools.Graph;

namespace Tellerrand.Matching.Solving;

/// <summary>The outcome of the min-cost flow: the chosen pairs and a proved bound, or the reason there are none.</summary>
internal sealed record FlowOutcome(IReadOnlyList<Pair> Pairs, double Bound, string? Shortfall);

/// <summary>
/// The core assignment as a min-cost flow (rules MF1–MF4): demand nodes → creatives → sink, one unit per place.
/// Minimum loads are lower bounds on the creative → sink arcs, removed by the standard transformation: the creative
/// node demands <c>minLoad</c> units itself and its arc to the sink keeps only <c>capacity − minLoad</c>.
/// </summary>
internal static class FlowSolver
{
    /// <summary>Arcs per demand node in the first restricted network, as a multiple of its demand (plus a margin).</summary>
    private const int InitialArcsPerPlace = 4;

    /// <summary>Most arcs one pricing pass adds per demand node.</summary>
    private const int PricedArcsPerNode = 30;

    /// <param name="problem">A validated problem.</param>
    /// <param name="forced">A pair every solution must contain (rule MX3).</param>
    /// <param name="warmStart">Pairs of a previous optimum: put into the first restricted network, they make a re-solve
    /// of a slightly changed problem start near its answer. They change speed, never the result.</param>
    public static FlowOutcome Solve(MatchingProblem problem, Pair? forced = null, IReadOnlyList<Pair>? warmStart = null)
    {
        var shortfall = Feasibility.FindShortfall(problem, forced);
        if (shortfall is not null) return new FlowOutcome([], 0, shortfall);

        var network = Network.Build(problem, forced);
        var arcsPerNode = network.Nodes.Select(n => InitialArcsPerPlace * n.Demand + 8).ToArray();
        network.SelectTop(arcsPerNode);
        network.SelectSpread(arcsPerNode);
        if (warmStart is not null) network.SelectPairs(warmStart);

        // Column generation: solve on the restricted network, then price every left-out arc against the optimal duals.
        // When no arc has negative reduced cost the restricted optimum is optimal for the full network (LP duality),
        // so the answer is exact while the solver only ever sees a few dozen arcs per business.
        while (true)
        {
            var solved = network.SolveRestricted();
            if (solved is null)
            {
                if (network.AllSelected)
                {
                    return new FlowOutcome([], 0, Feasibility.ExplainFlowShortfall(problem, forced, network.Nodes, network.Capacity));
                }
                for (var d = 0; d < arcsPerNode.Length; d++) arcsPerNode[d] *= 4;
                network.SelectTop(arcsPerNode);
                continue;
            }
            if (network.AddArcsWithNegativeReducedCost(solved) == 0)
            {
                // The flow is exactly optimal for the rounded scores. Every score is within RoundingError of its rounded
                // value, so the true optimum exceeds the rounded optimum by at most (number of places) × RoundingError (MF5).
                var forcedScore = forced is { } fp ? problem.Scores.Raw(fp.Business, fp.Creative) : 0;
                var roundedOptimum = -(double)solved.Cost / network.Scale + forcedScore;
                var bound = roundedOptimum + network.TotalDemand * network.RoundingError;
                var pairs = new List<Pair>();
                if (forced is { } forcedPair) pairs.Add(forcedPair);
                pairs.AddRange(solved.Pairs);
                return new FlowOutcome(pairs, bound, null);
            }
        }
    }

    private sealed record RestrictedSolution(long Cost, List<Pair> Pairs, long[] Distance);

    /// <summary>
    /// The full network (every candidate arc) and the restricted subset the solver sees. Node numbering: demand nodes,
    /// then creatives, then the sink.
    /// </summary>
    private sealed class Network
    {
        private readonly MatchingProblem problem;
        private readonly Pair? forced;
        private readonly int[] start;      // candidate arcs of demand node d: start[d] .. start[d + 1] - 1
        private readonly int[] head;       // creative index of each candidate arc
        private readonly long[] cost;      // scaled cost of each candidate arc (−score × Scale, rounded)
        private readonly bool[] selected;

        private Network(MatchingProblem problem, Pair? forced, IReadOnlyList<DemandNode> nodes, int[] capacity, int[] start, int[] head, long[] cost, double scale, double roundingError)
        {
            this.problem = problem;
            this.forced = forced;
            Nodes = nodes;
            Capacity = capacity;
            this.start = start;
            this.head = head;
            this.cost = cost;
            selected = new bool[head.Length];
            Scale = scale;
            RoundingError = roundingError;
            TotalDemand = nodes.Sum(n => (long)n.Demand);
        }

        public IReadOnlyList<DemandNode> Nodes { get; }

        public int[] Capacity { get; }

        public double Scale { get; }

        public double RoundingError { get; }

        public long TotalDemand { get; }

        public bool AllSelected => Array.TrueForAll(selected, s => s);

        public static Network Build(MatchingProblem problem, Pair? forced)
        {
            var scores = problem.Scores;
            var creatives = problem.Creatives;
            var capacity = creatives.Select(problem.EffectiveCapacity).ToArray();
            var nodes = DemandNode.Of(problem);
            var byGroup = creatives.Select((creative, index) => (creative, index)).ToLookup(x => x.creative.Group, x => x.index);
            var everyone = Enumerable.Range(0, creatives.Count).ToArray();

            var groupMembers = nodes.Select(node => node.Group is null ? everyone : byGroup[node.Group].ToArray()).ToList();
            var start = new int[nodes.Count + 1];
            var upperBound = groupMembers.Sum(members => (long)members.Length);
            var head = new int[upperBound];
            var score = new double[upperBound];
            var arcs = 0;
            for (var d = 0; d < nodes.Count; d++)
            {
                start[d] = arcs;
                var node = nodes[d];
                var row = scores.Row(node.Business);
                foreach (var c in groupMembers[d])
                {
                    if (double.IsNaN(row[c]) || capacity[c] == 0) continue;
                    if (forced is { } f && f.Business == node.Business && f.Creative == c) continue;
                    head[arcs] = c;
                    score[arcs++] = row[c];
                }
            }
            start[nodes.Count] = arcs;
            var arcHead = head.AsSpan(0, arcs).ToArray();
            var arcScore = score.AsSpan(0, arcs);
            var scale = CostScale.Choose(arcScore);
            var cost = new long[arcHead.Length];
            for (var a = 0; a < cost.Length; a++) cost[a] = -CostScale.Scaled(arcScore[a], scale);
            var roundingError = CostScale.RoundingError(arcScore, scale);
            return new Network(problem, forced, nodes, capacity, start, arcHead, cost, scale, roundingError);
        }

        /// <summary>Adds the arcs of the given pairs, where they are candidates.</summary>
        public void SelectPairs(IReadOnlyList<Pair> pairs)
        {
            var nodesOf = Enumerable.Range(0, Nodes.Count).ToLookup(d => Nodes[d].Business);
            foreach (var pair in pairs)
            {
                foreach (var d in nodesOf[pair.Business])
                {
                    // Candidates of a node are in ascending creative order, so a binary search finds the arc.
                    var found = Array.BinarySearch(head, start[d], start[d + 1] - start[d], pair.Creative);
                    if (found >= 0) selected[found] = true;
                }
            }
        }

        /// <summary>
        /// Adds arcs spread evenly over each node's candidates. The cheapest arcs alone crowd onto the popular
        /// creatives and often leave the restricted network infeasible; spread arcs give every creative some in-degree.
        /// </summary>
        public void SelectSpread(int[] arcsPerNode)
        {
            for (var d = 0; d < Nodes.Count; d++)
            {
                var count = start[d + 1] - start[d];
                if (count == 0) continue;
                var stride = Math.Max(1, count / arcsPerNode[d]);
                for (var i = d % stride; i < count; i += stride) selected[start[d] + i] = true;
            }
        }

        /// <summary>Adds each demand node's cheapest candidate arcs (ties broken by creative index, for determinism).</summary>
        public void SelectTop(int[] arcsPerNode)
        {
            var buffer = new long[problem.Creatives.Count];
            for (var d = 0; d < Nodes.Count; d++)
            {
                var count = start[d + 1] - start[d];
                if (count <= arcsPerNode[d])
                {
                    Array.Fill(selected, true, start[d], count);
                    continue;
                }
                var sorted = buffer.AsSpan(0, count);
                cost.AsSpan(start[d], count).CopyTo(sorted);
                sorted.Sort();
                // Every arc at or below the threshold cost, so that ties never depend on the sort's order.
                var threshold = sorted[arcsPerNode[d] - 1];
                for (var a = start[d]; a < start[d + 1]; a++)
                {
                    if (cost[a] <= threshold) selected[a] = true;
                }
            }
        }

        public RestrictedSolution? SolveRestricted()
        {
            var creatives = problem.Creatives;
            var creativeNode = Nodes.Count;
            var sink = creativeNode + creatives.Count;
            var flow = new MinCostFlow();
            var arcs = new List<int>();
            for (var d = 0; d < Nodes.Count; d++)
            {
                var supply = (long)Nodes[d].Demand;
                // A forced pair is a lower bound of 1 on its arc: one unit of supply moves past it (MX3).
                if (forced is { } f && f.Business == Nodes[d].Business && Nodes[d].Accepts(creatives[f.Creative])) supply--;
                flow.SetNodeSupply(d, supply);
                for (var a = start[d]; a < start[d + 1]; a++)
                {
                    if (!selected[a]) continue;
                    flow.AddArcWithCapacityAndUnitCost(d, creativeNode + head[a], 1, cost[a]);
                    arcs.Add(a);
                }
            }
            long minLoads = 0;
            var sinkArc = new int[creatives.Count];
            for (var c = 0; c < creatives.Count; c++)
            {
                var minLoad = creatives[c].MinLoad;
                minLoads += minLoad;
                var forcedHere = forced is { } f && f.Creative == c ? 1 : 0;
                flow.SetNodeSupply(creativeNode + c, forcedHere - minLoad);
                sinkArc[c] = flow.AddArcWithCapacityAndUnitCost(creativeNode + c, sink, Capacity[c] - minLoad, 0);
            }
            flow.SetNodeSupply(sink, minLoads - TotalDemand);

            var status = flow.Solve();
            if (status == MinCostFlowBase.Status.INFEASIBLE) return null;
            if (status != MinCostFlowBase.Status.OPTIMAL)
            {
                throw new InvalidOperationException($"The min-cost flow solver stopped with status {status}.");
            }

            // Duals from shortest paths in the residual network (Bellman–Ford from a virtual root joined to every node):
            // every residual arc then has a non-negative reduced cost cost(u, v) + dist(u) − dist(v).
            var residual = new List<(int From, int To, long Cost)>();
            var pairs = new List<Pair>();
            for (var i = 0; i < arcs.Count; i++)
            {
                var a = arcs[i];
                var d = DemandOf(a);
                if (flow.Flow(i) > 0)
                {
                    pairs.Add(new Pair(Nodes[d].Business, head[a]));
                    residual.Add((creativeNode + head[a], d, -cost[a]));
                }
                else
                {
                    residual.Add((d, creativeNode + head[a], cost[a]));
                }
            }
            for (var c = 0; c < creatives.Count; c++)
            {
                var used = flow.Flow(sinkArc[c]);
                if (used < Capacity[c] - creatives[c].MinLoad) residual.Add((creativeNode + c, sink, 0));
                if (used > 0) residual.Add((sink, creativeNode + c, 0));
            }
            return new RestrictedSolution(flow.OptimalCost(), pairs, ShortestDistances(sink + 1, residual));
        }

        /// <summary>
        /// Selects, per demand node, the left-out arcs with the most negative reduced cost (at most
        /// <see cref="PricedArcsPerNode"/>, since adding all of them bloats the network for little gain), and returns
        /// how many arcs had a negative reduced cost at all.
        /// </summary>
        public int AddArcsWithNegativeReducedCost(RestrictedSolution solution)
        {
            var creativeNode = Nodes.Count;
            var negative = 0;
            var found = new List<(long ReducedCost, int Arc)>();
            for (var d = 0; d < Nodes.Count; d++)
            {
                found.Clear();
                for (var a = start[d]; a < start[d + 1]; a++)
                {
                    if (selected[a]) continue;
                    var reducedCost = cost[a] + solution.Distance[d] - solution.Distance[creativeNode + head[a]];
                    if (reducedCost < 0) found.Add((reducedCost, a));
                }
                negative += found.Count;
                found.Sort();
                for (var i = 0; i < Math.Min(found.Count, PricedArcsPerNode); i++) selected[found[i].Arc] = true;
            }
            return negative;
        }

        private int DemandOf(int arc)
        {
            var d = Array.BinarySearch(start, arc);
            if (d < 0) return ~d - 1;
            // Several nodes may start at the same arc when some have no candidates; the arc belongs to the last of them.
            while (d + 1 < start.Length && start[d + 1] == arc) d++;
            return d;
        }

        /// <summary>SPFA (queue-based Bellman–Ford); the residual network of an optimal flow has no negative cycle.</summary>
        private static long[] ShortestDistances(int nodeCount, List<(int From, int To, long Cost)> arcs)
        {
            var outStart = new int[nodeCount + 1];
            foreach (var arc in arcs) outStart[arc.From + 1]++;
            for (var v = 0; v < nodeCount; v++) outStart[v + 1] += outStart[v];
            var fill = outStart.ToArray();
            var outArcs = new (int To, long Cost)[arcs.Count];
            foreach (var arc in arcs) outArcs[fill[arc.From]++] = (arc.To, arc.Cost);

            var distance = new long[nodeCount];
            var queued = new bool[nodeCount];
            var queue = new Queue<int>(Enumerable.Range(0, nodeCount));
            Array.Fill(queued, true);
            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                queued[u] = false;
                for (var i = outStart[u]; i < outStart[u + 1]; i++)
                {
                    var (to, arcCost) = outArcs[i];
                    if (distance[u] + arcCost >= distance[to]) continue;
                    distance[to] = distance[u] + arcCost;
                    if (!queued[to])
                    {
                        queued[to] = true;
                        queue.Enqueue(to);
                    }
                }
            }
            return distance;
        }
    }
}
