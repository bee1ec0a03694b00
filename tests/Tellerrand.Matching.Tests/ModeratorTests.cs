namespace Tellerrand.Matching.Tests;

public sealed class ModeratorTests
{
    private static MatchingResult TwoRoundsOfTwoRooms() =>
        MatchingSolver.Solve(Support.Problems.TwoByTwo(rounds: 2));

    [Fact]
    public void MD1_EveryRoomGetsOneModeratorAndNobodyModeratesTwoRoomsAtOnce()
    {
        Moderator[] moderators = [new("m0", null, new Dictionary<string, double>(), 4), new("m1", null, new Dictionary<string, double>(), 4)];
        var plan = ModeratorPlanner.Assign(TwoRoundsOfTwoRooms(), moderators, _ => null);
        Assert.Equal(4, plan.Count);
        Assert.All(plan, room => Assert.NotNull(room.Moderator));
        Assert.All(plan.GroupBy(p => p.Round), round => Assert.Equal(2, round.Select(r => r.Moderator).Distinct().Count()));
    }

    [Fact]
    public void MD2_ModeratorNeverLeadsARoomWithSomeoneOfItsOwnOrganisation()
    {
        Moderator[] moderators = [new("m0", "Kammer", new Dictionary<string, double> { ["b0"] = 1 }, 4), new("m1", null, new Dictionary<string, double>(), 4)];
        var plan = ModeratorPlanner.Assign(TwoRoundsOfTwoRooms(), moderators, id => id == "b0" ? "Kammer" : null);
        Assert.All(plan.Where(p => p.Business == "b0"), room => Assert.Equal("m1", room.Moderator));
    }

    [Fact]
    public void MD3_PreferencesDecideAndLoadSpreadsWhenTheyAreEqual()
    {
        Moderator[] moderators =
        [
            new("m0", null, new Dictionary<string, double> { ["b1"] = 1 }, 4),
            new("m1", null, new Dictionary<string, double> { ["b0"] = 1 }, 4),
            new("m2", null, new Dictionary<string, double>(), 4),
        ];
        var plan = ModeratorPlanner.Assign(TwoRoundsOfTwoRooms(), moderators, _ => null);
        Assert.All(plan.Where(p => p.Business == "b0"), room => Assert.Equal("m1", room.Moderator));
        Assert.All(plan.Where(p => p.Business == "b1"), room => Assert.Equal("m0", room.Moderator));
    }

    [Fact]
    public void MD4_RoomWithoutAnEligibleModeratorIsLeftUnmoderatedRatherThanFailing()
    {
        Moderator[] moderators = [new("m0", null, new Dictionary<string, double>(), 1)];
        var plan = ModeratorPlanner.Assign(TwoRoundsOfTwoRooms(), moderators, _ => null);
        Assert.Single(plan, p => p.Moderator == "m0");
        Assert.Equal(3, plan.Count(p => p.Moderator is null));
    }
}
