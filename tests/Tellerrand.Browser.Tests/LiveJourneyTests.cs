using System.Diagnostics;
using Microsoft.Playwright;
using Tellerrand.Web.Tests.Live;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// The live event as five people live it, each in their own browser context: the organiser in the cockpit and four
/// participants of two rooms in their lobbies, opened through their magic links.
/// </summary>
public sealed class LiveJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Fact]
    public async Task OrganiserRunsTheBreakoutAndEveryLobbyFollows()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 2);
        var (room1, room2) = (ev.Rooms[0], ev.Rooms[1]);

        var cockpit = await app.SignedInOrganiserAsync();
        await cockpit.GotoAsync($"/organise/events/{ev.EventId}/live");
        var start = cockpit.GetByRole(AriaRole.Button, new() { Name = "Veranstaltung starten" });
        await Expect(start).ToBeEnabledAsync();
        await cockpit.AssertAccessibleAsync();

        var people = new[] { room1.Creative, room1.Representative, room2.Creative, room2.Representative };
        var lobbies = new List<IPage>();
        foreach (var person in people)
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync(await ev.LinkAsync(app, person));
            await page.GotoAsync("/live");
            await Expect(page.Locator("#live[data-joined='true']")).ToHaveCountAsync(1);
            lobbies.Add(page);
        }
        await Expect(lobbies[0].Locator("#live-where")).ToHaveTextAsync("Die Veranstaltung hat noch nicht begonnen. Du kannst schon ins Plenum kommen.");
        await lobbies[0].AssertAccessibleAsync();

        await start.ClickAsync();
        await Task.WhenAll(lobbies.Select(l => Expect(l.Locator("#live-phase")).ToHaveTextAsync("Begrüßung")));

        // The introduction round: everybody sees the current speaker's card; the organiser hands on the word.
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Nächste Phase" }).ClickAsync();
        var card = lobbies[2].GetByRole(AriaRole.Region, new() { Name = "Vorstellungsrunde" });
        await Expect(card).ToContainTextAsync("Person 1 von 6");
        await Expect(card).ToContainTextAsync(room1.Business);
        await Expect(card).ToContainTextAsync("Wie gewinnen wir Auszubildende für Raum 1?");
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Nächste Person in der Vorstellungsrunde" }).ClickAsync();
        await Expect(card).ToContainTextAsync("Person 2 von 6");
        await Expect(card).ToContainTextAsync("Industriedesign");
        await lobbies[2].AssertAccessibleAsync();
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Nächste Phase" }).ClickAsync();
        await Expect(cockpit.Locator("#cockpit-where")).ToContainTextAsync("Einführung in die Breakout-Räume");
        await Expect(lobbies[0].Locator("#live-phase")).ToHaveTextAsync("Einführung in die Breakout-Räume");

        // Breakouts start: every participant lands in their own room within two seconds, with a visible notice.
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Nächste Phase" }).ClickAsync();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(lobbies.Select((l, i) => Expect(l.GetByRole(AriaRole.Heading, new() { Name = i < 2 ? $"Raum 1: {room1.Business}" : $"Raum 2: {room2.Business}" })).ToBeVisibleAsync(WithinTwoSeconds)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"rooms took {clock.Elapsed}");
        foreach (var (lobby, i) in lobbies.Select((l, i) => (l, i)))
        {
            await Expect(lobby.GetByRole(AriaRole.Status).Filter(new() { HasText = "Neue Phase: Arbeit in den Breakout-Räumen." })).ToBeVisibleAsync();
            var board = i < 2 ? room1 : room2;
            await Expect(lobby.Locator($"iframe[title='Board von Raum {(i < 2 ? 1 : 2)}']")).ToHaveAttributeAsync("src", $"/boards/{board.BoardId}?embed=1");
            await Expect(lobby.GetByRole(AriaRole.Region, new() { Name = "Plenum" })).ToBeHiddenAsync();
        }
        await Expect(lobbies[0].GetByRole(AriaRole.Link, new() { Name = $"Video in neuem Tab öffnen: Raum 1: {room1.Business}" })).ToBeVisibleAsync();
        await lobbies[0].AssertAccessibleAsync();

        // Board activity per room in the cockpit: a note on room 1's board shows up there, room 2's board stays quiet.
        var roomTable = cockpit.GetByRole(AriaRole.Table, new() { Name = "Räume auf einen Blick" });
        await Expect(roomTable.GetByRole(AriaRole.Row).Filter(new() { HasText = room1.Business })).ToContainTextAsync("noch nichts geändert");
        var board1 = lobbies[1].FrameLocator("iframe[title='Board von Raum 1']");
        await board1.GetByRole(AriaRole.Button, new() { Name = "Notiz", Exact = true }).ClickAsync();
        await board1.GetByRole(AriaRole.Textbox, new() { Name = "Text bearbeiten" }).FillAsync("Ausbildung als Abenteuer");
        await Expect(roomTable.GetByRole(AriaRole.Row).Filter(new() { HasText = room1.Business })).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex("Änderungen: [1-9][0-9]* · zuletzt gerade eben"), new() { Timeout = 10_000 });
        await Expect(roomTable.GetByRole(AriaRole.Row).Filter(new() { HasText = room2.Business })).ToContainTextAsync("noch nichts geändert");

        // Room 2's business has its board open on its own as well, e.g. on a second screen.
        var standaloneBoard = await lobbies[3].Context.NewPageAsync();
        await standaloneBoard.GotoAsync($"/boards/{room2.BoardId}");
        await Expect(standaloneBoard.Locator("#board-broadcast[data-joined='true']")).ToHaveCountAsync(1);

        // A broadcast reaches every room.
        await cockpit.GetByLabel("Nachricht").FillAsync("Noch 15 Minuten – haltet eure Ideen fest!");
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Durchsage senden" }).ClickAsync();
        await Task.WhenAll(lobbies.Select(l => Expect(l.GetByRole(AriaRole.Region, new() { Name = "Durchsage der Organisation" }))
            .ToContainTextAsync("Noch 15 Minuten – haltet eure Ideen fest!")));
        // ... and every board: the standalone one and the one embedded in the room page, as a live region.
        await Expect(standaloneBoard.GetByRole(AriaRole.Status).Filter(new() { HasText = "Durchsage der Organisation" }))
            .ToContainTextAsync("Noch 15 Minuten – haltet eure Ideen fest!", new() { Timeout = 2_000 });
        await Expect(board1.GetByRole(AriaRole.Status).Filter(new() { HasText = "Durchsage der Organisation" }))
            .ToContainTextAsync("Noch 15 Minuten – haltet eure Ideen fest!", new() { Timeout = 2_000 });
        await standaloneBoard.AssertAccessibleAsync();

        // A call for help appears in the cockpit with its room, and the answer goes back.
        var caller = lobbies[3];
        await caller.GetByLabel("Worum geht es? (freiwillig)").FillAsync("Unser Video hat keinen Ton.");
        await caller.GetByRole(AriaRole.Button, new() { Name = "Organisation rufen" }).ClickAsync();
        await Expect(caller.Locator("#live-help-status")).ToHaveTextAsync("Die Organisation ist informiert und meldet sich gleich.");
        var help = cockpit.GetByRole(AriaRole.Region, new() { Name = "Offene Hilferufe" });
        await Expect(help).ToContainTextAsync($"Raum 2: {room2.Business}");
        await Expect(help).ToContainTextAsync("Unser Video hat keinen Ton.");
        await cockpit.AssertAccessibleAsync();
        await help.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(help).ToContainTextAsync("Keine offenen Hilferufe.");
        await Expect(caller.Locator("#live-help-status")).ToHaveTextAsync("Die Organisation hat deine Anfrage gesehen und kümmert sich darum.");

        // The organiser moves the first room's creative into room 2; their lobby follows.
        var moved = lobbies[0];
        // A marker on the window survives only if the lobby switches in place instead of loading the page again.
        await moved.EvaluateAsync("() => { window.stayedOnPage = true; }");
        await using (var db = app.CreateDb())
        {
            var name = (await db.People.FindAsync(room1.Creative))!.DisplayName;
            await cockpit.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        }
        await cockpit.GetByLabel("Neuer Raum").SelectOptionAsync(new SelectOptionValue { Label = $"Raum 2: {room2.Business}" });
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Umsetzen" }).ClickAsync();
        await Expect(moved.GetByRole(AriaRole.Heading, new() { Name = $"Raum 2: {room2.Business}" })).ToBeVisibleAsync();
        await Expect(moved.Locator("iframe[title='Board von Raum 2']")).ToHaveAttributeAsync("src", $"/boards/{room2.BoardId}?embed=1");
        await Expect(moved.Locator("#live-notice")).ToHaveTextAsync("Die Organisation hat dich in einen anderen Raum gesetzt.");
        Assert.True(await moved.EvaluateAsync<bool>("() => window.stayedOnPage === true"), "the lobby reloaded instead of switching in place");
        await Expect(moved.Locator("#live-where")).ToHaveTextAsync("Jetzt bist du in deinem Breakout-Raum 2.");
        await moved.AssertAccessibleAsync();
        await Expect(roomTable.GetByRole(AriaRole.Row).Filter(new() { HasText = room2.Business })).ToContainTextAsync("Designerin 1");
        await Expect(roomTable.GetByRole(AriaRole.Row).Filter(new() { HasText = room1.Business })).Not.ToContainTextAsync("Designerin 1");

        // The organiser ends the breakout: everybody is back in the plenary.
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Breakout für alle beenden" }).ClickAsync();
        await Task.WhenAll(lobbies.Select(l => Expect(l.GetByRole(AriaRole.Region, new() { Name = "Plenum" })).ToBeVisibleAsync(WithinTwoSeconds)));
        foreach (var lobby in lobbies)
        {
            await Expect(lobby.Locator("#live-where")).ToHaveTextAsync("Jetzt sind alle im Plenum.");
            await Expect(lobby.Locator("#live-phase")).ToHaveTextAsync("Ergebnisse im Plenum");
        }
        await lobbies[1].AssertAccessibleAsync();
        await cockpit.AssertAccessibleAsync();
    }

    [Fact]
    public async Task ModeratorSetsTheRoomTimerAndSendsANoteToTheOrganiser()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var room = ev.Rooms[0];
        var cockpit = await app.SignedInOrganiserAsync();
        await cockpit.GotoAsync($"/organise/events/{ev.EventId}/live");
        await cockpit.GetByRole(AriaRole.Button, new() { Name = "Veranstaltung starten" }).ClickAsync();
        foreach (var phase in new[] { "Vorstellungsrunde", "Einführung in die Breakout-Räume", "Arbeit in den Breakout-Räumen" })
        {
            await cockpit.GetByRole(AriaRole.Button, new() { Name = "Nächste Phase" }).ClickAsync();
            await Expect(cockpit.Locator("#cockpit-where")).ToContainTextAsync(phase);
        }

        var moderator = await app.NewPageAsync();
        await moderator.GotoAsync(await ev.LinkAsync(app, room.Moderator));
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Zur Live-Veranstaltung: wo du gerade sein solltest" }).ClickAsync();
        await Expect(moderator.Locator("#live[data-joined='true']")).ToHaveCountAsync(1);
        var business = await app.NewPageAsync();
        await business.GotoAsync(await ev.LinkAsync(app, room.Representative));
        await business.GotoAsync("/live");
        await Expect(business.Locator("#live[data-joined='true']")).ToHaveCountAsync(1);
        await Expect(business.Locator("#live-room-timer")).ToHaveTextAsync("nicht gestellt");

        await moderator.GetByLabel("Raum-Timer in Minuten (0 löscht ihn)").FillAsync("10");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Raum-Timer stellen" }).ClickAsync();
        await Expect(moderator.Locator("#live-notice")).ToHaveTextAsync("Der Raum-Timer ist gestellt.");
        await Expect(business.Locator("#live-room-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(10:00|9:[0-5][0-9])$"));
        // A business representative has no moderator controls.
        await Expect(business.GetByRole(AriaRole.Button, new() { Name = "Raum-Timer stellen" })).ToHaveCountAsync(0);

        await moderator.GetByLabel("Notiz an die Organisation (freiwillig)").FillAsync("Wir bräuchten 5 Minuten mehr.");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Organisation rufen" }).ClickAsync();
        await Expect(cockpit.GetByRole(AriaRole.Region, new() { Name = "Offene Hilferufe" })).ToContainTextAsync("Wir bräuchten 5 Minuten mehr.");
        await Expect(cockpit.GetByRole(AriaRole.Table, new() { Name = "Räume auf einen Blick" })).ToContainTextAsync("Raum-Timer bis");
        await moderator.AssertAccessibleAsync();
    }

    [Fact]
    public async Task OrganiserSetsLinkVideoAndABadLinkIsNamed()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var organiser = await app.SignedInOrganiserAsync();
        await organiser.GotoAsync($"/organise/events/{ev.EventId}/video");
        var save = organiser.GetByRole(AriaRole.Button, new() { Name = "Video-Einstellungen speichern" });
        await Expect(save).ToBeEnabledAsync();
        await organiser.AssertAccessibleAsync();

        await organiser.GetByLabel("Eigene Links (z. B. Zoom oder Teams)").CheckAsync();
        var plenary = organiser.GetByLabel("Link fürs Plenum (nur bei eigenen Links)");
        await plenary.FillAsync("zoom.example/j/123");
        await save.ClickAsync();
        await Expect(organiser.GetByText("Bitte gib eine vollständige Webadresse an, die mit https:// beginnt.")).ToBeVisibleAsync();
        await Expect(plenary).ToHaveValueAsync("zoom.example/j/123");
        await organiser.AssertAccessibleAsync();

        await plenary.FillAsync("https://zoom.example/j/123");
        await save.ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Status).Filter(new() { HasText = "Die Video-Einstellungen sind gespeichert." })).ToBeVisibleAsync();

        var lobby = await app.NewPageAsync();
        await lobby.GotoAsync(await ev.LinkAsync(app, ev.Rooms[0].Creative));
        await lobby.GotoAsync("/live");
        await Expect(lobby.GetByRole(AriaRole.Link, new() { Name = "Video in neuem Tab öffnen: Plenum" })).ToHaveAttributeAsync("href", "https://zoom.example/j/123");
        // The room has no link yet: the lobby says so instead of showing a dead button.
        await Expect(lobby.GetByText("Für dieses Video ist noch nichts eingerichtet. Die Organisation sagt dir Bescheid.")).ToHaveCountAsync(1);
    }
}
