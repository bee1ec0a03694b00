using Tellerrand.Matching;

namespace Tellerrand.Matching.Tests.Support;

/// <summary>Checks every rule a result must keep, independently of how the solver got there.</summary>
internal static class Constraints
{
    public static void AssertAllHold(MatchingProblem problem, MatchingResult result)
    {
        if (result.Status == MatchingStatus.Infeasible)
        {
            Assert.Empty(result.Assignments);
            Assert.False(string.IsNullOrWhiteSpace(result.Explanation));
            return;
        }
        var business = problem.Businesses.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var creative = problem.Creatives.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var groupOf = problem.Creatives.ToDictionary(c => c.Id, c => c.Group);

        // MF3: forbidden pairs never, no pair twice.
        foreach (var a in result.Assignments) Assert.NotNull(problem.Scores[business[a.Business], creative[a.Creative]]);
        Assert.Equal(result.Assignments.Count, result.Assignments.Select(a => (a.Business, a.Creative)).Distinct().Count());

        // MF1: demand and group demand.
        foreach (var b in problem.Businesses)
        {
            var mine = result.Assignments.Where(a => a.Business == b.Id).ToList();
            Assert.Equal(b.Demand, mine.Count);
            foreach (var (group, demand) in b.GroupDemand ?? new Dictionary<string, int>())
            {
                Assert.Equal(demand, mine.Count(a => groupOf[a.Creative] == group));
            }
        }

        // MF2: capacity and minimum load.
        foreach (var c in problem.Creatives)
        {
            var load = result.Assignments.Count(a => a.Creative == c.Id);
            Assert.InRange(load, c.MinLoad, c.Capacity);
        }

        Assert.Equal(result.Assignments.Sum(a => a.Score), result.Objective, 9);
        Assert.True(result.Bound >= result.Objective - 1e-9);

        if (problem.Rounds is not { } rounds)
        {
            Assert.All(result.Assignments, a => Assert.Null(a.Round));
            return;
        }

        // MF4: per round, each business gets its share of every group, nobody is in two rooms, availability holds.
        Assert.All(result.Assignments, a => Assert.InRange(a.Round ?? 0, 1, rounds));
        for (var r = 1; r <= rounds; r++)
        {
            var inRound = result.Assignments.Where(a => a.Round == r).ToList();
            Assert.Equal(inRound.Count, inRound.Select(a => a.Creative).Distinct().Count());
            Assert.All(inRound, a => Assert.True(problem.Creatives[creative[a.Creative]].UnavailableRounds?.Contains(r) != true));
            foreach (var b in problem.Businesses)
            {
                var mine = inRound.Where(a => a.Business == b.Id).ToList();
                Assert.Equal(b.Demand / rounds, mine.Count);
                foreach (var (group, demand) in b.GroupDemand ?? new Dictionary<string, int>())
                {
                    Assert.Equal(demand / rounds, mine.Count(a => groupOf[a.Creative] == group));
                }
            }
        }
    }
}
