namespace Tellerrand.Matching.Bench;

/// <summary>What the greedy baseline achieved.</summary>
internal sealed record GreedyOutcome(double Objective, int Unfilled, int MissedMinLoads, double Seconds);

/// <summary>
/// The baseline an organiser would write by hand: round by round, each business in turn takes its best free creative
/// of each group it still needs (a creative it has not met, not busy this round, with capacity left). Without rounds it
/// is one pass. It may leave places unfilled and minimum loads unmet; both are counted, and unfilled places score nothing.
/// </summary>
internal static class GreedyBaseline
{
    public static GreedyOutcome Solve(MatchingProblem problem)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rounds = problem.Rounds ?? 1;
        var load = new int[problem.Creatives.Count];
        var met = new HashSet<(int, int)>();
        var objective = 0.0;
        var unfilled = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var busy = new bool[problem.Creatives.Count];
            for (var b = 0; b < problem.Businesses.Count; b++)
            {
                var business = problem.Businesses[b];
                var needs = business.GroupDemand is { } groupDemand
                    ? problem.Groups.Select(g => (Group: (string?)g, Count: groupDemand.GetValueOrDefault(g) / rounds)).ToList()
                    : [(Group: (string?)null, Count: business.Demand / rounds)];
                foreach (var (group, count) in needs)
                {
                    for (var k = 0; k < count; k++)
                    {
                        var best = -1;
                        for (var c = 0; c < problem.Creatives.Count; c++)
                        {
                            var creative = problem.Creatives[c];
                            if (group is not null && creative.Group != group) continue;
                            if (busy[c] || load[c] >= creative.Capacity || met.Contains((b, c))) continue;
                            if (problem.Rounds is not null && creative.UnavailableRounds?.Contains(round) == true) continue;
                            if (problem.Scores[b, c] is not { } score) continue;
                            if (best < 0 || score > problem.Scores[b, best]!.Value) best = c;
                        }
                        if (best < 0)
                        {
                            unfilled++;
                            continue;
                        }
                        objective += problem.Scores[b, best]!.Value;
                        met.Add((b, best));
                        load[best]++;
                        if (problem.Rounds is not null) busy[best] = true;
                    }
                }
            }
        }
        var missedMinLoads = problem.Creatives.Where((creative, c) => load[c] < creative.MinLoad).Count();
        return new GreedyOutcome(objective, unfilled, missedMinLoads, clock.Elapsed.TotalSeconds);
    }
}
