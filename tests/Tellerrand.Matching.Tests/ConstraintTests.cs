using CsCheck;
using Tellerrand.Matching.Tests.Support;

namespace Tellerrand.Matching.Tests;

public sealed class ConstraintTests
{
    [Fact]
    public void MF1_To_MF4_EveryConstraintHoldsOnEverySolutionOfARandomisedCorpus()
    {
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var problem = MediumInstances.Create(seed);
            Constraints.AssertAllHold(problem, MatchingSolver.Solve(problem));
        }, seed: OptimalityTests.Seed, iter: 60, threads: 1);
    }

    [Fact]
    public void MF3_ForbiddenPairIsNeverAssigned()
    {
        var problem = Problems.TwoByTwo(rounds: null, forbid: (0, 0));
        var result = MatchingSolver.Solve(problem);
        Assert.DoesNotContain(result.Assignments, a => a.Business == "b0" && a.Creative == "c0");
        Constraints.AssertAllHold(problem, result);
    }

    [Fact]
    public void MF4_NoCreativeSitsInTwoRoomsInOneRoundAndNoPairMeetsTwice()
    {
        var problem = MediumInstances.Create(7, rounds: 3);
        var result = MatchingSolver.Solve(problem);
        Assert.Equal(MatchingStatus.Optimal, result.Status);
        Assert.Equal(result.Assignments.Count, result.Assignments.Select(a => (a.Creative, a.Round)).Distinct().Count());
        Assert.Equal(result.Assignments.Count, result.Assignments.Select(a => (a.Business, a.Creative)).Distinct().Count());
    }

    [Fact]
    public void MF2_MinimumLoadIsMetEvenWhenItCostsScore()
    {
        // c1 is worse for everybody, but must meet one business.
        var scores = new ScoreMatrix(2, 2) { [0, 0] = 1, [0, 1] = 0.1, [1, 0] = 1, [1, 1] = 0.1 };
        var problem = new MatchingProblem(null, [],
            [new MatchingBusiness("b0", 1), new MatchingBusiness("b1", 1)],
            [new MatchingCreative("c0", null, 2), new MatchingCreative("c1", null, 2, MinLoad: 1)],
            scores);
        var result = MatchingSolver.Solve(problem);
        Assert.Single(result.Assignments, a => a.Creative == "c1");
        Assert.Equal(1.1, result.Objective, 9);
    }

    [Fact]
    public void MO7_SameInputGivesIdenticalOutputSaveTheSeconds()
    {
        var problem = MediumInstances.Create(11, rounds: 2);
        var first = Json.MatchingJson.WriteResult(MatchingSolver.Solve(problem) with { Seconds = 0 });
        var second = Json.MatchingJson.WriteResult(MatchingSolver.Solve(problem) with { Seconds = 0 });
        Assert.Equal(first, second);
    }

    [Fact]
    public void MO7_TheSameProblemReadTwiceFromJsonGivesIdenticalOutput()
    {
        var json = System.Text.Encoding.UTF8.GetBytes(Json.MatchingJson.WriteProblem(MediumInstances.Create(5, rounds: 3)));
        var first = MatchingSolver.Solve(Json.MatchingJson.ReadProblem(json)) with { Seconds = 0 };
        var second = MatchingSolver.Solve(Json.MatchingJson.ReadProblem(json)) with { Seconds = 0 };
        Assert.Equal(Json.MatchingJson.WriteResult(first), Json.MatchingJson.WriteResult(second));
    }
}
