namespace Tellerrand.Matching.Tests;

public sealed class InfeasibilityTests
{
    private static MatchingProblem Workshop(int businesses, int tellers, int? unavailableRound = null)
    {
        string[] groups = ["make", "tell"];
        var creatives = Enumerable.Range(0, businesses).Select(i => new MatchingCreative($"m{i}", "make", 3))
            .Concat(Enumerable.Range(0, tellers).Select(i => new MatchingCreative($"t{i}", "tell", 3, 0, i < 2 && unavailableRound is { } r ? [r] : null)))
            .ToList();
        var scores = new ScoreMatrix(businesses, creatives.Count);
        for (var b = 0; b < businesses; b++)
        {
            for (var c = 0; c < creatives.Count; c++) scores[b, c] = 0.5;
        }
        return new MatchingProblem(3, groups,
            Enumerable.Range(0, businesses).Select(b => new MatchingBusiness($"b{b}", 6, new Dictionary<string, int> { ["make"] = 3, ["tell"] = 3 })).ToList(),
            creatives, scores);
    }

    [Fact]
    public void MF9_ShortRoundNamesTheGroupTheRoundAndBothCounts()
    {
        var result = MatchingSolver.Solve(Workshop(businesses: 30, tellers: 30, unavailableRound: 2));
        Assert.Equal(MatchingStatus.Infeasible, result.Status);
        Assert.Equal("28 creatives of the group tell are available, 30 are needed in round 2.", result.Explanation);
    }

    [Fact]
    public void MF9_TooFewPlacesInAGroupIsNamed()
    {
        var scores = new ScoreMatrix(2, 1) { [0, 0] = 1, [1, 0] = 1 };
        var problem = new MatchingProblem(null, ["make"],
            [new MatchingBusiness("b0", 1, new Dictionary<string, int> { ["make"] = 1 }), new MatchingBusiness("b1", 1, new Dictionary<string, int> { ["make"] = 1 })],
            [new MatchingCreative("c0", "make", 1)], scores);
        var result = MatchingSolver.Solve(problem);
        Assert.Equal("The creatives of the group make have 1 place in all, 2 are needed.", result.Explanation);
    }

    [Fact]
    public void MF9_BusinessWithTooFewAllowedCreativesIsNamed()
    {
        var scores = new ScoreMatrix(1, 3) { [0, 0] = 1 };
        var problem = new MatchingProblem(null, [], [new MatchingBusiness("b0", 2)],
            [new MatchingCreative("c0", null, 1), new MatchingCreative("c1", null, 1), new MatchingCreative("c2", null, 1)], scores);
        var result = MatchingSolver.Solve(problem);
        Assert.Equal("Business b0 needs 2 creatives, but may meet only 1 (the others are forbidden or have no capacity).", result.Explanation);
    }

    [Fact]
    public void MF9_HallViolationAcrossBusinessesIsExplainedByTheMinimumCut()
    {
        // b0 and b1 may only meet c0 (capacity 1); c1 and c2 are free but forbidden to them.
        var scores = new ScoreMatrix(3, 3) { [0, 0] = 1, [1, 0] = 1, [2, 0] = 1, [2, 1] = 1, [2, 2] = 1 };
        var problem = new MatchingProblem(null, [],
            [new MatchingBusiness("b0", 1), new MatchingBusiness("b1", 1), new MatchingBusiness("b2", 1)],
            [new MatchingCreative("c0", null, 1), new MatchingCreative("c1", null, 1), new MatchingCreative("c2", null, 1)], scores);
        var result = MatchingSolver.Solve(problem);
        Assert.Equal(MatchingStatus.Infeasible, result.Status);
        Assert.Equal("The businesses b0, b1 need 2 creatives together, but the creatives they may meet can give them at most 1.", result.Explanation);
    }

    [Fact]
    public void MF9_MinimumLoadsAboveTheDemandAreNamed()
    {
        var scores = new ScoreMatrix(1, 2) { [0, 0] = 1, [0, 1] = 1 };
        var problem = new MatchingProblem(null, [], [new MatchingBusiness("b0", 1)],
            [new MatchingCreative("c0", null, 1, MinLoad: 1), new MatchingCreative("c1", null, 1, MinLoad: 1)], scores);
        Assert.Equal("The creatives' minimum loads add up to 2 places, but the businesses need only 1.", MatchingSolver.Solve(problem).Explanation);
    }

    [Fact]
    public void MP7_DemandNotDivisibleByTheRoundsIsRejectedWithAClearError()
    {
        var problem = new MatchingProblem(3, [], [new MatchingBusiness("b0", 4)], [new MatchingCreative("c0", null, 3)], new ScoreMatrix(1, 1) { [0, 0] = 1 });
        var error = Assert.Throws<MatchingInputException>(() => MatchingSolver.Solve(problem));
        Assert.Equal("Business \"b0\" has demand 4, which does not divide evenly over 3 rounds.", error.Message);
    }
}
