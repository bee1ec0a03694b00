using Microsoft.EntityFrameworkCore;
using Tellerrand.Matching;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Matching;

/// <summary>The demo event's registrations through the engine and back into rooms, on both databases.</summary>
public abstract class MatchingServiceTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static readonly HashSet<string> Telling = ["storytelling", "copywriting", "online_marketing", "social_media", "film_video", "photography"];

    private MatchingService Matching => app.Get<MatchingService>();

    [Fact]
    public async Task EveryBusinessGetsADesignerAndATellerAndNobodySitsTwice()
    {
        var input = await DemoInputAsync();

        var proposal = Matching.Propose(input, new HashSet<MatchingPair>(), new HashSet<MatchingPair>());

        Assert.Equal(MatchingStatus.Optimal, proposal.Status);
        Assert.Equal(5, proposal.Rooms.Count);
        Assert.All(proposal.Rooms, room =>
        {
            Assert.Equal(2, room.Seats.Count);
            Assert.Single(room.Seats, s => Telling.Contains(s.Disciplines[0]));
        });
        var seated = proposal.Rooms.SelectMany(r => r.Seats.Select(s => s.CreativeId)).ToList();
        Assert.Equal(seated.Count, seated.Distinct().Count());
        Assert.All(proposal.Rooms.SelectMany(r => r.Seats), s => Assert.Equal(s.Score, Math.Round(s.Contributions.Sum(c => c.Value), 3), 3));
        Assert.Equal(0, proposal.Cost);
    }

    [Fact]
    public async Task ExcludingAPairMovesTheCreativeAndShowsWhatItCosts()
    {
        var input = await DemoInputAsync();
        var best = Matching.Propose(input, new HashSet<MatchingPair>(), new HashSet<MatchingPair>());
        var room = best.Rooms[0];
        var excluded = new MatchingPair(room.BusinessId, room.Seats[0].CreativeId);

        var after = Matching.Propose(input, new HashSet<MatchingPair>(), new HashSet<MatchingPair> { excluded });

        Assert.DoesNotContain(after.Rooms.Single(r => r.BusinessId == room.BusinessId).Seats, s => s.CreativeId == excluded.CreativeId);
        Assert.True(after.Cost >= 0);
        Assert.Equal(best.Objective - after.Objective, after.Cost, 3);
    }

    [Fact]
    public async Task PinnedPairIsKept()
    {
        var input = await DemoInputAsync();
        var best = Matching.Propose(input, new HashSet<MatchingPair>(), new HashSet<MatchingPair>());
        var room = best.Rooms[0];
        var elsewhere = best.Rooms[1].Seats.First(s => Telling.Contains(s.Disciplines[0]) == Telling.Contains(room.Seats[0].Disciplines[0]));
        var pin = new MatchingPair(room.BusinessId, elsewhere.CreativeId);

        var after = Matching.Propose(input, new HashSet<MatchingPair> { pin }, new HashSet<MatchingPair>());

        var seat = Assert.Single(after.Rooms.Single(r => r.BusinessId == room.BusinessId).Seats, s => s.CreativeId == elsewhere.CreativeId);
        Assert.True(seat.Pinned);
        Assert.Equal(best.Objective - after.Objective, after.Cost, 3);
    }

    [Fact]
    public async Task ExcludingEveryoneFromABusinessSaysWhatIsShort()
    {
        var input = await DemoInputAsync();
        var business = input.Businesses[0].BusinessId;
        var everyone = input.Creatives.Select(c => new MatchingPair(business, c.PersonId)).ToHashSet();

        var proposal = Matching.Propose(input, new HashSet<MatchingPair>(), everyone);

        Assert.Equal(MatchingStatus.Infeasible, proposal.Status);
        Assert.False(string.IsNullOrWhiteSpace(proposal.Problem));
        Assert.Empty(proposal.Rooms);
    }

    [Fact]
    public async Task PublishingWritesOneRoomPerBusinessWithBoardAndModeratorAndReplacesEarlierRooms()
    {
        var input = await DemoInputAsync();
        var proposal = Matching.Propose(input, new HashSet<MatchingPair>(), new HashSet<MatchingPair>());

        await Matching.PublishAsync(input, proposal);
        await Matching.PublishAsync(input, proposal);

        await using var db = app.CreateDb();
        var rooms = await db.Rooms.Include(r => r.Creatives).Where(r => r.EventId == input.EventId).ToListAsync();
        Assert.Equal(5, rooms.Count);
        Assert.All(rooms, r => Assert.Equal(2, r.Creatives.Count));
        Assert.All(rooms, r => Assert.NotNull(r.ModeratorId));
        Assert.Equal(5, rooms.Select(r => r.BoardId).Distinct().Count());
        Assert.Equal(5, rooms.Select(r => r.ModeratorId).Distinct().Count());
    }

    [Fact]
    public async Task ConfirmedRoomReachesEveryoneByMailAndOnlyTheirOwnRoomOnTheirPage()
    {
        var input = await DemoInputAsync();
        var proposal = Matching.Propose(input, new HashSet<MatchingPair>(), new HashSet<MatchingPair>());
        await Matching.PublishAsync(input, proposal);
        var before = Directory.Exists(app.OutboxPath) ? Directory.GetFiles(app.OutboxPath).Length : 0;

        var sent = await app.Get<RoomMails>().SendAsync(input.EventId, "https://tellerrand.example");

        Assert.Equal(20, sent);
        await app.MailSettledAsync();
        Assert.Equal(before + 20, Directory.GetFiles(app.OutboxPath).Length);
        var room = proposal.Rooms[0];
        var creative = room.Seats[0];
        var link = await app.Get<Tellerrand.Web.Accounts.MagicLinks>().IssueAsync(creative.CreativeId, input.EventId);
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        await client.GetAsync(link.RelativeUrl);
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/me"));
        Assert.Contains("Dein Raum", page);
        Assert.Contains(room.BusinessName, page);
        Assert.Contains(room.Seats[1].Name, page);
        foreach (var other in proposal.Rooms.Skip(1))
        {
            Assert.DoesNotContain(other.BusinessName, page);
        }
    }

    private async Task<MatchingInput> DemoInputAsync()
    {
        await using var db = app.CreateDb();
        var demo = await db.Events.SingleAsync(e => e.Slug == "exklusivrunde-goerlitz");
        var input = await Matching.LoadAsync(demo.Id);
        Assert.NotNull(input);
        Assert.Equal(5, input.Businesses.Count);
        Assert.Equal(10, input.Creatives.Count);
        return input;
    }
}

public sealed class MatchingServiceTestsOnSqlite(SqliteApp app) : MatchingServiceTests<SqliteApp>(app);

public sealed class MatchingServiceTestsOnPostgres(PostgresApp app) : MatchingServiceTests<PostgresApp>(app);
