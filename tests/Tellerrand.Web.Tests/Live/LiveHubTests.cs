using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Events;
using Tellerrand.Web.Live;
using Tellerrand.Web.Tests.Boards;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Live;

/// <summary>The live event through its real hub and grain: the run of show reaches the lobbies, and nobody acts beyond their part.</summary>
public abstract class LiveHubTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private IEventGrain Grain(LiveTestEvent ev) => app.Get<IGrainFactory>().GetGrain<IEventGrain>(ev.EventId);

    private async Task<LiveSnapshot> AdvanceToAsync(LiveTestEvent ev, PhaseKind kind)
    {
        var grain = Grain(ev);
        if ((await grain.Snapshot()).Stage == PlaceKind.NotStarted)
        {
            Assert.True((await grain.Start()).Done);
        }
        while ((await grain.Snapshot()).PhaseKind != kind)
        {
            Assert.True((await grain.Advance()).Done);
        }
        return await grain.Snapshot();
    }

    [Fact]
    public async Task ParticipantFollowsTheRunOfShowIntoTheirOwnRoomAndBack()
    {
        var ev = await LiveTestEvent.CreateAsync(app);
        var room = ev.Rooms[1];
        await using var lobby = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, room.Creative));
        var joined = await lobby.JoinAsync(ev.EventId);
        Assert.Equal(PlaceKind.NotStarted, joined.Place.Kind);

        await Grain(ev).Start();
        var welcome = await lobby.ChangeAsync(s => s.PhaseNumber == 1);
        Assert.Equal(PlaceKind.Plenary, welcome.Stage);
        Assert.Equal("Begrüßung", welcome.PhaseTitle);
        Assert.Equal("Vorstellungsrunde", welcome.NextTitle);

        await AdvanceToAsync(ev, PhaseKind.Breakout);
        var breakout = await lobby.ChangeAsync(s => s.Stage == PlaceKind.Room);
        Assert.Equal(breakout.PhaseEndsAt!.Value.AddMinutes(-2), breakout.WarningAt);
        Assert.Equal(new Place(PlaceKind.Room, room.RoomId), await lobby.Connection.InvokeAsync<Place>("WhereAmI"));

        Assert.True((await Grain(ev).EndBreakout()).Done);
        var shareOut = await lobby.ChangeAsync(s => s.PhaseKind == PhaseKind.ShareOut);
        Assert.Equal(PlaceKind.Plenary, shareOut.Stage);
        Assert.Equal(new Place(PlaceKind.Plenary, null), await lobby.Connection.InvokeAsync<Place>("WhereAmI"));
    }

    [Fact]
    public async Task ParticipantCannotJoinAnotherEventWhateverIdTheySend()
    {
        var mine = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var other = await LiveTestEvent.CreateAsync(app, rooms: 1);
        await using var lobby = await LiveClient.ConnectAsync(app, await mine.CookieAsync(app, mine.Rooms[0].Representative));

        var foreign = await Assert.ThrowsAsync<HubException>(() => lobby.JoinAsync(other.EventId));
        var unknown = await Assert.ThrowsAsync<HubException>(() => lobby.JoinAsync(Guid.NewGuid()));
        var forged = await Assert.ThrowsAsync<HubException>(() => lobby.Connection.InvokeAsync<LiveJoined>("Join", "'; drop table"));
        // Nothing joined, nothing to act on: the actions are refused too.
        var help = await Assert.ThrowsAsync<HubException>(() => lobby.Connection.InvokeAsync<LiveReply>("CallOrganiser", "hallo"));

        Assert.Contains(LiveHub.NotPermittedMessage, foreign.Message);
        Assert.Equal(foreign.Message, unknown.Message);
        Assert.Equal(foreign.Message, forged.Message);
        Assert.Contains(LiveHub.NotPermittedMessage, help.Message);
        Assert.Empty((await Grain(other).Overview()).State.Help);
        Assert.Empty((await Grain(mine).Overview()).State.Help);
    }

    [Fact]
    public async Task HubHasNoOrganiserActionsAndTakesNoStaffOrAnonymousConnection()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        await using var lobby = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, ev.Rooms[0].Creative));
        await lobby.JoinAsync(ev.EventId);

        await Assert.ThrowsAsync<HubException>(() => lobby.Connection.InvokeAsync<ShowOutcome>("Start"));
        await Assert.ThrowsAsync<HubException>(() => lobby.Connection.InvokeAsync<ShowOutcome>("Advance"));
        await Assert.ThrowsAsync<HubException>(() => lobby.Connection.InvokeAsync<ShowOutcome>("Move", ev.Rooms[0].Creative, ev.Rooms[0].RoomId));
        Assert.Equal(PlaceKind.NotStarted, (await Grain(ev).Snapshot()).Stage);

        var organiser = await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Organiser);
        await Assert.ThrowsAsync<HttpRequestException>(() => LiveClient.ConnectAsync(app, organiser));
        await Assert.ThrowsAsync<HttpRequestException>(() => LiveClient.ConnectAsync(app, cookie: null));
    }

    [Fact]
    public async Task ParticipantCannotSeeTheCockpitButTheOrganiserCan()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var participant = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        participant.DefaultRequestHeaders.Add("Cookie", await ev.CookieAsync(app, ev.Rooms[0].Representative));
        var organiser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        organiser.DefaultRequestHeaders.Add("Cookie", await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Organiser));
        var moderatorAccount = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        moderatorAccount.DefaultRequestHeaders.Add("Cookie", await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Moderator));

        var refused = await participant.GetAsync($"/organise/events/{ev.EventId}/live");
        var refusedModerator = await moderatorAccount.GetAsync($"/organise/events/{ev.EventId}/live");
        var cockpit = await organiser.GetAsync($"/organise/events/{ev.EventId}/live");

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("Cockpit", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("Cockpit:", WebUtility.HtmlDecode(await refusedModerator.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, cockpit.StatusCode);
        var html = WebUtility.HtmlDecode(await cockpit.Content.ReadAsStringAsync());
        Assert.Contains("Cockpit: Live-Test", html);
        Assert.Contains(ev.Rooms[0].Business, html);
    }

    [Fact]
    public async Task CockpitShowsEachRoomsBoardActivityWithoutTheTemplate()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 3);
        var now = DateTimeOffset.UtcNow;
        await using (var db = app.CreateDb())
        {
            BoardLogEntry Entry(Guid board, long seq, string client, TimeSpan ago) =>
                new() { BoardId = board, ServerSeq = seq, ClientId = client, ClientSeq = seq, Payload = "{}", CreatedAt = now - ago };
            // Room 1: the template and two changes by people, the last one seven minutes ago.
            db.BoardLog.AddRange(Entry(ev.Rooms[0].BoardId, 1, "system", TimeSpan.FromMinutes(30)),
                Entry(ev.Rooms[0].BoardId, 2, "tab-1", TimeSpan.FromMinutes(20)), Entry(ev.Rooms[0].BoardId, 3, "tab-2", TimeSpan.FromMinutes(7.5)));
            // Room 2: only the template, nobody has written yet. Room 3: no log at all.
            db.BoardLog.Add(Entry(ev.Rooms[1].BoardId, 1, "system", TimeSpan.FromMinutes(30)));
            await db.SaveChangesAsync();
        }
        var organiser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        organiser.DefaultRequestHeaders.Add("Cookie", await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Organiser));

        var html = WebUtility.HtmlDecode(await organiser.GetStringAsync($"/organise/events/{ev.EventId}/live"));

        Assert.Contains("<th scope=\"col\">Board</th>", html);
        Assert.Contains("<td>Änderungen: 2 · zuletzt vor 7 Min.</td>", html);
        Assert.Equal(2, html.Split("<td>noch nichts geändert</td>").Length - 1);
    }

    [Fact]
    public async Task BoardPageShowsTheCurrentBroadcastToTheEventsPeopleOnly()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var room = ev.Rooms[0];
        Assert.True((await Grain(ev).Start()).Done);
        Assert.True((await Grain(ev).Broadcast("Kaffee steht bereit – bis gleich!")).Done);
        var participant = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        participant.DefaultRequestHeaders.Add("Cookie", await ev.CookieAsync(app, room.Creative));
        var organiser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        organiser.DefaultRequestHeaders.Add("Cookie", await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Organiser));

        var board = WebUtility.HtmlDecode(await participant.GetStringAsync($"/boards/{room.BoardId}?embed=1"));
        var staffBoard = await organiser.GetAsync($"/boards/{room.BoardId}");

        Assert.Contains($"id=\"board-broadcast\" role=\"status\" aria-live=\"polite\" data-event-id=\"{ev.EventId}\"", board);
        Assert.Contains("Durchsage der Organisation", board);
        Assert.Contains("Kaffee steht bereit – bis gleich!", board);
        Assert.Contains("js/broadcast.js", board);
        // Staff have no lobby session to hear broadcasts with; they send them from the cockpit.
        Assert.DoesNotContain("board-broadcast", await staffBoard.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HelpRequestReachesTheOrganiserWithItsRoomAndTheAnswerReachesTheLobby()
    {
        var ev = await LiveTestEvent.CreateAsync(app);
        var room = ev.Rooms[0];
        await using var lobby = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, room.Representative));
        await lobby.JoinAsync(ev.EventId);
        await AdvanceToAsync(ev, PhaseKind.Breakout);

        var reply = await lobby.Connection.InvokeAsync<LiveReply>("CallOrganiser", "Das Board lädt nicht.");
        var tooLong = await lobby.Connection.InvokeAsync<LiveReply>("CallOrganiser", new string('x', 501));

        Assert.Null(reply.Refusal);
        Assert.Equal("Die Nachricht ist zu lang: höchstens 500 Zeichen.", tooLong.Refusal);
        var request = Assert.Single((await Grain(ev).Overview()).State.Help);
        Assert.Equal((room.Representative, room.RoomId, "Das Board lädt nicht.", true), (request.PersonId, request.RoomId, request.Note, request.IsOpen));
        Assert.Equal(request.Id, reply.RequestId);

        Assert.True((await Grain(ev).AnswerHelp(request.Id)).Done);
        var answered = await lobby.ChangeAsync(s => !s.OpenHelp.Contains(request.Id));
        Assert.Empty(answered.OpenHelp);
    }

    [Fact]
    public async Task OrganiserMovesAPersonLiveOnlyIntoARoomOfTheEvent()
    {
        var ev = await LiveTestEvent.CreateAsync(app);
        var other = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var person = ev.Rooms[0].OtherCreative;
        await using var lobby = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, person));
        await using var bystander = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, ev.Rooms[1].Creative));
        await lobby.JoinAsync(ev.EventId);
        await bystander.JoinAsync(ev.EventId);
        await AdvanceToAsync(ev, PhaseKind.Breakout);

        Assert.Equal("Refused_UnknownRoom", (await Grain(ev).Move(person, other.Rooms[0].RoomId)).Refusal);
        Assert.True((await Grain(ev).Move(person, ev.Rooms[1].RoomId)).Done);

        await lobby.MovedAsync();
        Assert.Equal(new Place(PlaceKind.Room, ev.Rooms[1].RoomId), await lobby.Connection.InvokeAsync<Place>("WhereAmI"));
        var seating = (await Grain(ev).Overview()).Roster.Seating((await Grain(ev).Overview()).State, 1);
        Assert.DoesNotContain(person, seating[0].People);
        Assert.Contains(person, seating[1].People);
        // Only the moved person's lobbies are told.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bystander.MovedAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task OnlyTheRoomsModeratorSetsTheRoomTimerAndOnlyModeratorsAdvanceTheIntroRound()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var room = ev.Rooms[0];
        await using var moderator = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, room.Moderator));
        await using var creative = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, room.Creative));
        await moderator.JoinAsync(ev.EventId);
        await creative.JoinAsync(ev.EventId);

        var intro = await AdvanceToAsync(ev, PhaseKind.IntroRound);
        Assert.Equal((room.Business, 1, 3), (intro.Speaker!.Line, intro.Speaker.Number, intro.Speaker.Count));
        await Assert.ThrowsAsync<HubException>(() => creative.Connection.InvokeAsync<LiveReply>("NextSpeaker"));
        Assert.Null((await moderator.Connection.InvokeAsync<LiveReply>("NextSpeaker")).Refusal);
        var second = await creative.ChangeAsync(s => s.Speaker?.Number == 2);
        Assert.Equal(("Industriedesign", "Ich gestalte Produkte."), (second.Speaker!.Line, second.Speaker.Sentence));

        await AdvanceToAsync(ev, PhaseKind.Breakout);
        var refused = await creative.Connection.InvokeAsync<LiveReply>("SetRoomTimer", 10);
        var set = await moderator.Connection.InvokeAsync<LiveReply>("SetRoomTimer", 10);

        Assert.Equal("Den Raum-Timer stellt die Moderation des Raums.", refused.Refusal);
        Assert.Null(set.Refusal);
        var timed = await creative.ChangeAsync(s => s.RoomTimers.ContainsKey(room.RoomId));
        Assert.InRange(timed.RoomTimers[room.RoomId] - timed.ServerNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task RunOfShowContinuesAfterTheGrainIsGone()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var before = await AdvanceToAsync(ev, PhaseKind.Breakout);
        await Grain(ev).Extend(7);
        await Grain(ev).Broadcast("Bitte alle in 10 Minuten zurück ins Plenum.");
        await Grain(ev).Move(ev.Rooms[0].Creative, ev.Rooms[0].RoomId);
        var stored = await Grain(ev).Snapshot();

        await app.Get<IGrainFactory>().GetGrain<IEventGrain>(ev.EventId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        var after = await Grain(ev).Snapshot();

        Assert.Equal(PhaseKind.Breakout, after.PhaseKind);
        Assert.Equal(before.PhaseEndsAt!.Value.AddMinutes(7), after.PhaseEndsAt);
        Assert.Equal("Bitte alle in 10 Minuten zurück ins Plenum.", after.Broadcast!.Text);
        Assert.Equal(stored.Version, after.Version);
        Assert.True((await Grain(ev).Advance()).Done);
        Assert.Equal(PhaseKind.ShareOut, (await Grain(ev).Snapshot()).PhaseKind);
    }

    [Fact]
    public async Task RevokingTheLinkEndsLobbyActionsOnAnOpenConnection()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var person = ev.Rooms[0].Creative;
        await using var lobby = await LiveClient.ConnectAsync(app, await ev.CookieAsync(app, person));
        await lobby.JoinAsync(ev.EventId);

        await app.Get<MagicLinks>().RevokeAsync(person, ev.EventId);

        await Assert.ThrowsAnyAsync<Exception>(() => lobby.Connection.InvokeAsync<LiveReply>("CallOrganiser", "noch da?"));
        Assert.Empty((await Grain(ev).Overview()).State.Help);
    }

    [Fact]
    public async Task LobbyPageShowsTheOwnRoomWithItsBoardFrameAndNoOtherRoom()
    {
        var ev = await LiveTestEvent.CreateAsync(app);
        var (mine, theirs) = (ev.Rooms[0], ev.Rooms[1]);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", await ev.CookieAsync(app, mine.Creative));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/live"));

        Assert.Contains($"<iframe class=\"live-board\" title=\"Board von Raum 1\" src=\"/boards/{mine.BoardId}?embed=1\"", html);
        Assert.DoesNotContain(theirs.BoardId.ToString(), html);
        Assert.DoesNotContain(theirs.Business, html);
        Assert.Contains("Wie gewinnen wir Auszubildende für Raum 1?", html);
        Assert.Contains("Texter 1", html);
        Assert.Contains("Storytelling", html);
        Assert.Contains("Moderatorin 1", html);
        Assert.Contains("Die Veranstaltung hat noch nicht begonnen.", html);
    }

    [Fact]
    public async Task JitsiRoomNamesDifferPerRoomAndEventAndALinkEventShowsItsLinkOrSaysItIsMissing()
    {
        var ev = await LiveTestEvent.CreateAsync(app);
        var other = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var rooms = new List<string>();
        foreach (var (e, person) in new[] { (ev, ev.Rooms[0].Creative), (ev, ev.Rooms[1].Creative), (other, other.Rooms[0].Creative) })
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            client.DefaultRequestHeaders.Add("Cookie", await e.CookieAsync(app, person));
            var html = WebUtility.HtmlDecode(await client.GetStringAsync("/live"));
            rooms.AddRange(System.Text.RegularExpressions.Regex.Matches(html, "data-jitsi-room=\"(tellerrand-[a-z2-7]{26})\"").Select(m => m.Groups[1].Value));
        }
        // Each page: the plenary and the own room. Both rooms of one event share its plenary, nothing else is shared:
        // two plenaries and three rooms.
        Assert.Equal(6, rooms.Count);
        Assert.Equal(rooms[0], rooms[2]);
        Assert.Equal(5, rooms.Distinct().Count());

        await using (var db = app.CreateDb())
        {
            var linked = await db.Events.FindAsync(ev.EventId);
            linked!.VideoProvider = VideoProvider.Link;
            linked.PlenaryVideoLink = "https://zoom.example/j/123";
            await db.SaveChangesAsync();
        }
        var linkClient = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        linkClient.DefaultRequestHeaders.Add("Cookie", await ev.CookieAsync(app, ev.Rooms[0].Creative));
        var linkPage = WebUtility.HtmlDecode(await linkClient.GetStringAsync("/live"));
        Assert.Contains("href=\"https://zoom.example/j/123\" target=\"_blank\"", linkPage);
        Assert.Contains("Für dieses Video ist noch nichts eingerichtet.", linkPage);
        Assert.DoesNotContain("data-jitsi-room=\"tellerrand-", linkPage);
    }
}

public sealed class LiveHubTestsOnSqlite(SqliteApp app) : LiveHubTests<SqliteApp>(app);

public sealed class LiveHubTestsOnPostgres(PostgresApp app) : LiveHubTests<PostgresApp>(app);
