using Tellerrand.Matching;

namespace Tellerrand.Matching.Tests.Support;

/// <summary>
/// The reference solver: tries every set of pairs, keeps those that meet demand, group demand, capacity and minimum
/// load, and for rounds searches every placement into rounds. Knows nothing of flows or König's theorem.
/// </summary>
internal static class BruteForce
{
    /// <summary>The best objective, or <c>null</c> when the problem is infeasible; <paramref name="forced"/> must be in the set.</summary>
    public static double? Optimum(MatchingProblem problem, (int Business, int Creative)? forced = null)
    {
        var pairs = new List<(int B, int C)>();
        for (var b = 0; b < problem.Businesses.Count; b++)
        {
            for (var c = 0; c < problem.Creatives.Count; c++)
            {
                if (problem.Scores[b, c] is not null && Accepts(problem, b, c)) pairs.Add((b, c));
            }
        }
        double? best = null;
        for (var mask = 0L; mask < 1L << pairs.Count; mask++)
        {
            var chosen = pairs.Where((_, i) => (mask >> i & 1) == 1).ToList();
            if (forced is { } f && !chosen.Contains(f)) continue;
            if (!MeetsCounts(problem, chosen)) continue;
            var value = chosen.Sum(p => problem.Scores[p.B, p.C]!.Value);
            if (best is { } known && value <= known + 1e-12) continue;
            if (problem.Rounds is { } rounds && !CanPlace(problem, chosen, rounds, new int[chosen.Count], 0)) continue;
            best = value;
        }
        return best;
    }

    private static bool Accepts(MatchingProblem problem, int b, int c) =>
        problem.Businesses[b].GroupDemand is not { } groupDemand || (problem.Creatives[c].Group is { } g && groupDemand.ContainsKey(g));

    private static bool MeetsCounts(MatchingProblem problem, List<(int B, int C)> chosen)
    {
        for (var b = 0; b < problem.Businesses.Count; b++)
        {
            var business = problem.Businesses[b];
            var mine = chosen.Where(p => p.B == b).ToList();
            if (mine.Count != business.Demand) return false;
            foreach (var (group, demand) in business.GroupDemand ?? new Dictionary<string, int>())
            {
                if (mine.Count(p => problem.Creatives[p.C].Group == group) != demand) return false;
            }
        }
        for (var c = 0; c < problem.Creatives.Count; c++)
        {
            var load = chosen.Count(p => p.C == c);
            if (load > problem.Creatives[c].Capacity || load < problem.Creatives[c].MinLoad) return false;
        }
        return true;
    }

    private static bool CanPlace(MatchingProblem problem, List<(int B, int C)> chosen, int rounds, int[] round, int next)
    {
        if (next == chosen.Count) return RoundsAreEven(problem, chosen, rounds, round);
        var (b, c) = chosen[next];
        for (var r = 1; r <= rounds; r++)
        {
            if (problem.Creatives[c].UnavailableRounds?.Contains(r) == true) continue;
            var clash = false;
            for (var i = 0; i < next; i++)
            {
                if (round[i] == r && chosen[i].C == c) clash = true;
            }
            if (clash) continue;
            round[next] = r;
            if (CanPlace(problem, chosen, rounds, round, next + 1)) return true;
        }
        return false;
    }

    private static bool RoundsAreEven(MatchingProblem problem, List<(int B, int C)> chosen, int rounds, int[] round)
    {
        for (var b = 0; b < problem.Businesses.Count; b++)
        {
            var business = problem.Businesses[b];
            for (var r = 1; r <= rounds; r++)
            {
                var inRound = Enumerable.Range(0, chosen.Count).Where(i => chosen[i].B == b && round[i] == r).ToList();
                if (inRound.Count != business.Demand / rounds) return false;
                foreach (var (group, demand) in business.GroupDemand ?? new Dictionary<string, int>())
                {
                    if (inRound.Count(i => problem.Creatives[chosen[i].C].Group == group) != demand / rounds) return false;
                }
            }
        }
        return true;
    }
}
