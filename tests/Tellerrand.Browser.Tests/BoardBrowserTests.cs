using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Tests.Boards;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// A room's board in real browsers: each person in a browser context of their own, signed in by their own magic link,
/// on one host. They see each other's notes, votes and cursors; one goes offline and loses nothing; the outline reads
/// and edits the same board by keyboard alone; another room's people cannot open it.
/// </summary>
public sealed class BoardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Connected = "Verbunden";

    [Fact]
    public async Task ThreePeopleSeeEachOthersNotesVotesAndCursors()
    {
        var room = await SeedRoomAsync();
        var business = await OpenBoardAsync(room, room.Business);
        var creative = await OpenBoardAsync(room, room.Creative);
        var moderator = await OpenBoardAsync(room, room.Moderator);
        await business.AssertAccessibleAsync();

        // Everyone is listed as here, with the template's frames on the board.
        foreach (var page in new[] { business, creative, moderator })
        {
            var here = page.Locator(".board-people");
            await Expect(here).ToContainTextAsync("Bea Betrieb");
            await Expect(here).ToContainTextAsync("Kai Kreativ");
            await Expect(here).ToContainTextAsync("Mona Moderation");
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Bereich: Ideen" })).ToBeVisibleAsync();
        }

        // A note written on the canvas, in place, shows up for the others.
        await business.GetByRole(AriaRole.Button, new() { Name = "Notiz", Exact = true }).ClickAsync();
        await business.GetByRole(AriaRole.Textbox, new() { Name = "Text bearbeiten" }).FillAsync("Brot aus dem 3D-Drucker");
        await business.Keyboard.PressAsync("Control+Enter");
        var note = "Notiz: Brot aus dem 3D-Drucker";
        await Expect(creative.GetByRole(AriaRole.Group, new() { Name = note })).ToBeVisibleAsync();
        await Expect(moderator.GetByRole(AriaRole.Group, new() { Name = note })).ToBeVisibleAsync();

        // The creative's colour change and selection reach the business; the cursor carries the creative's name.
        await creative.GetByRole(AriaRole.Group, new() { Name = note }).ClickAsync();
        await creative.GetByLabel("Farbe").SelectOptionAsync("blue");
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = note })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("board-colour-blue"));
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = note })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-remote-selected"));
        var viewport = creative.Locator(".board-viewport");
        var box = (await viewport.BoundingBoxAsync())!;
        await creative.Mouse.MoveAsync(box.X + 40, box.Y + 40);
        await creative.Mouse.MoveAsync(box.X + 60, box.Y + 50);
        await Expect(business.Locator(".board-cursor", new() { HasText = "Kai Kreativ" })).ToBeVisibleAsync();

        // Dot voting: votes stay hidden from the others until the moderator reveals them.
        await moderator.GetByLabel("Stimmen pro Person").FillAsync("2");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Abstimmung starten" }).ClickAsync();
        await Expect(business.Locator(".board-status")).ToContainTextAsync("du hast noch 2 von 2 Stimmen");
        await business.GetByRole(AriaRole.Button, new() { Name = "Stimme geben: Brot aus dem 3D-Drucker" }).ClickAsync();
        await creative.GetByRole(AriaRole.Button, new() { Name = "Stimme geben: Brot aus dem 3D-Drucker" }).ClickAsync();
        await Expect(business.Locator(".board-status")).ToContainTextAsync("du hast noch 1 von 2 Stimmen");
        await Expect(creative.Locator(".board-status")).ToContainTextAsync("du hast noch 1 von 2 Stimmen");
        await Expect(moderator.GetByText("2 Stimme(n)")).ToHaveCountAsync(0);
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Ergebnis zeigen" }).ClickAsync();
        foreach (var page in new[] { business, creative, moderator })
        {
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = note }).GetByText("2 Stimme(n)")).ToBeVisibleAsync();
        }
        // Results stay after the round ends.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Abstimmung beenden" }).ClickAsync();
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = note }).GetByText("2 Stimme(n)")).ToBeVisibleAsync();

        // The moderator locks the note: the others can no longer change it. Then brings everyone to the ideas frame.
        await moderator.GetByRole(AriaRole.Group, new() { Name = note }).ClickAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Sperren", Exact = true }).ClickAsync();
        var locked = $"{note} (gesperrt)";
        await Expect(creative.GetByRole(AriaRole.Group, new() { Name = locked })).ToBeVisibleAsync();
        await creative.GetByRole(AriaRole.Group, new() { Name = locked }).ClickAsync();
        await Expect(creative.GetByRole(AriaRole.Button, new() { Name = "Löschen" })).ToBeDisabledAsync();
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Entsperren" }).ClickAsync();
        await Expect(creative.GetByRole(AriaRole.Group, new() { Name = note })).ToBeVisibleAsync();
        await moderator.GetByRole(AriaRole.Group, new() { Name = "Bereich: Ideen" }).ClickAsync(new() { Position = new() { X = 20, Y = 20 } });
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Alle hierher holen" }).ClickAsync();
        await Expect(business.Locator(".board-notice")).ToHaveTextAsync("Die Moderation hat alle zu „Ideen“ geholt.");

        // The moderator's timer is visible to all; freezing makes the board read-only for everyone else.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Timer starten" }).ClickAsync();
        await Expect(creative.Locator(".board-timer")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Timer: noch [45]:"));
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Board abschließen" }).ClickAsync();
        await Expect(creative.Locator(".board-status")).ToContainTextAsync("nur noch lesbar");
        await Expect(creative.GetByRole(AriaRole.Button, new() { Name = "Notiz", Exact = true })).ToBeDisabledAsync();
        await moderator.AssertAccessibleAsync();

        // Undo on the business's own note still works after the moderator reopens the board.
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Board wieder öffnen" }).ClickAsync();
        await Expect(business.GetByRole(AriaRole.Button, new() { Name = "Notiz", Exact = true })).ToBeEnabledAsync();
        await business.GetByRole(AriaRole.Group, new() { Name = note }).ClickAsync();
        await business.GetByRole(AriaRole.Button, new() { Name = "Duplizieren" }).ClickAsync();
        await Expect(creative.GetByRole(AriaRole.Group, new() { Name = note })).ToHaveCountAsync(2);
        await business.GetByRole(AriaRole.Button, new() { Name = "Rückgängig" }).ClickAsync();
        await Expect(creative.GetByRole(AriaRole.Group, new() { Name = note })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnOfflineEditIsKeptAndArrivesWhenBackEvenAfterTheTabWasClosed()
    {
        var room = await SeedRoomAsync();
        var business = await OpenBoardAsync(room, room.Business);
        var creative = await OpenBoardAsync(room, room.Creative, outline: true);

        await creative.Context.SetOfflineAsync(true);
        await Expect(creative.Locator(".board-state")).ToContainTextAsync("Offline – deine Änderungen sind sicher gespeichert");
        await AddNoteInOutlineAsync(creative, "Ideen", "Offline geschrieben");
        await Expect(creative.Locator(".board-state")).ToContainTextAsync("1 Änderung(en) noch nicht gesendet");
        await creative.Context.SetOfflineAsync(false);
        await Expect(creative.Locator(".board-state")).ToHaveTextAsync(Connected);
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = "Notiz: Offline geschrieben" })).ToBeVisibleAsync();

        // Offline again; the tab is closed before the network returns. The edit waits in IndexedDB for the next visit.
        await creative.Context.SetOfflineAsync(true);
        await Expect(creative.Locator(".board-state")).ToContainTextAsync("Offline");
        await AddNoteInOutlineAsync(creative, "Ideen", "Im Zug ohne Netz");
        await Expect(creative.Locator(".board-state")).ToContainTextAsync("1 Änderung(en) noch nicht gesendet");
        var context = creative.Context;
        await creative.CloseAsync();
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = "Notiz: Im Zug ohne Netz" })).ToHaveCountAsync(0);
        await context.SetOfflineAsync(false);
        var again = await context.NewPageAsync();
        await again.GotoAsync($"/boards/{room.BoardId}");
        await Expect(again.Locator(".board-state")).ToHaveTextAsync(Connected);
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = "Notiz: Im Zug ohne Netz" })).ToBeVisibleAsync();
        await Expect(business.GetByRole(AriaRole.Group, new() { Name = "Notiz: Offline geschrieben" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TheOutlineReadsAndEditsTheSameBoardByKeyboardAlone()
    {
        var room = await SeedRoomAsync();
        var canvas = await OpenBoardAsync(room, room.Moderator);
        var outline = await OpenBoardAsync(room, room.Business);

        var outlineButton = outline.GetByRole(AriaRole.Button, new() { Name = "Gliederung" });
        await outlineButton.FocusAsync();
        await outline.Keyboard.PressAsync("Enter");
        await Expect(outlineButton).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(outline.GetByRole(AriaRole.Heading, new() { Name = "Ideen", Level = 3 })).ToBeVisibleAsync();
        await Expect(outline.GetByRole(AriaRole.Heading, new() { Name = "Herausforderung", Level = 3 })).ToBeVisibleAsync();

        // Add by keyboard: type into the frame's field, Tab to "Hinzufügen", Enter.
        await AddNoteInOutlineAsync(outline, "Ideen", "Werkstatt als Showroom");
        await Expect(canvas.GetByRole(AriaRole.Group, new() { Name = "Notiz: Werkstatt als Showroom" })).ToBeVisibleAsync();

        // Edit by keyboard.
        var ideas = outline.GetByRole(AriaRole.Region, new() { Name = "Ideen" });
        await ideas.GetByRole(AriaRole.Button, new() { Name = "Bearbeiten: Werkstatt als Showroom" }).FocusAsync();
        await outline.Keyboard.PressAsync("Enter");
        var field = outline.GetByRole(AriaRole.Textbox, new() { Name = "Notiz bearbeiten" });
        await Expect(field).ToBeFocusedAsync();
        await outline.Keyboard.PressAsync("Control+A");
        await outline.Keyboard.TypeAsync("Werkstatt als Showroom am Abend");
        await outline.Keyboard.PressAsync("Tab");
        await outline.Keyboard.PressAsync("Enter");
        await Expect(canvas.GetByRole(AriaRole.Group, new() { Name = "Notiz: Werkstatt als Showroom am Abend" })).ToBeVisibleAsync();

        // Live: a note someone adds on the canvas appears in the outline.
        await canvas.GetByRole(AriaRole.Group, new() { Name = "Bereich: Ideen" }).DblClickAsync();
        await canvas.GetByRole(AriaRole.Textbox, new() { Name = "Text bearbeiten" }).FillAsync("Vom Canvas");
        await canvas.Keyboard.PressAsync("Control+Enter");
        await Expect(ideas.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Vom Canvas" })).ToBeVisibleAsync();
        await outline.AssertAccessibleAsync();

        // Delete by keyboard; the canvas loses the note too.
        await ideas.GetByRole(AriaRole.Button, new() { Name = "Löschen: Werkstatt als Showroom am Abend" }).FocusAsync();
        await outline.Keyboard.PressAsync("Enter");
        await Expect(canvas.GetByRole(AriaRole.Group, new() { Name = "Notiz: Werkstatt als Showroom am Abend" })).ToHaveCountAsync(0);
        await Expect(ideas.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task OnTheCanvasNotesAreWrittenDraggedIntoFramesDuplicatedConnectedResizedAndUndoneByShortcuts()
    {
        var room = await SeedRoomAsync();
        var page = await OpenBoardAsync(room, room.Business);
        var viewport = page.Locator(".board-viewport");

        await viewport.FocusAsync();
        await page.Keyboard.PressAsync("n");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Text bearbeiten" }).FillAsync("Zieh mich");
        await page.Keyboard.PressAsync("Control+Enter");
        var note = page.GetByRole(AriaRole.Group, new() { Name = "Notiz: Zieh mich" });
        await Expect(note).ToBeVisibleAsync();

        // Drag the note into the frame "Nächste Schritte": it becomes one of the frame's notes.
        var from = (await note.BoundingBoxAsync())!;
        var to = (await page.GetByRole(AriaRole.Group, new() { Name = "Bereich: Nächste Schritte" }).BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 3, new() { Steps = 8 });
        await page.Mouse.UpAsync();

        // Resize through the size choice; duplicate, move the copy aside, delete it, and bring it back with undo.
        await page.GetByLabel("Größe").SelectOptionAsync("l");
        await Expect(note).ToHaveCSSAsync("width", "260px");
        await note.FocusAsync();
        await page.Keyboard.PressAsync("Control+d");
        await Expect(note).ToHaveCountAsync(2);
        for (var i = 0; i < 6; i++)
        {
            await page.Keyboard.PressAsync("Shift+ArrowRight");
        }
        await page.Keyboard.PressAsync("Delete");
        await Expect(note).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(note).ToHaveCountAsync(2);

        // Select both (Shift adds) and connect them.
        await note.First.ClickAsync();
        await note.Nth(1).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Verbindungslinie" }).ClickAsync();
        await Expect(page.Locator(".board-lines line")).ToHaveCountAsync(1);

        // Zoom by shortcut changes the scale of the world.
        var before = await page.Locator(".board-world").GetAttributeAsync("style");
        await viewport.FocusAsync();
        await page.Keyboard.PressAsync("+");
        Assert.NotEqual(before, await page.Locator(".board-world").GetAttributeAsync("style"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Gliederung" }).ClickAsync();
        var nextSteps = page.GetByRole(AriaRole.Region, new() { Name = "Nächste Schritte" });
        await Expect(nextSteps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Zieh mich" })).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task APersonOfAnotherRoomGetsTheSameNotFoundPageAsForAnUnknownBoardAndMeLinksTheOwnBoard()
    {
        var mine = await SeedRoomAsync();
        var other = await SeedRoomAsync();
        var page = await SignInAsync(mine, mine.Creative);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Zum Board" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Zum Board" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/boards/{mine.BoardId}$"));
        await Expect(page.Locator(".board-state")).ToHaveTextAsync(Connected);

        var foreign = await page.GotoAsync($"/boards/{other.BoardId}");
        Assert.Equal(404, foreign!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seite nicht gefunden" })).ToBeVisibleAsync();
        await Expect(page.Locator("#board-config")).ToHaveCountAsync(0);
        var unknown = await page.GotoAsync($"/boards/{Guid.NewGuid()}");
        Assert.Equal(404, unknown!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seite nicht gefunden" })).ToBeVisibleAsync();

        // Embedded (the live room page frames it): the board without the site's navigation.
        await page.GotoAsync($"/boards/{mine.BoardId}?embed=1");
        await Expect(page.Locator(".board-state")).ToHaveTextAsync(Connected);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Zurück zu deiner Seite" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    private async Task<BoardTestRoom> SeedRoomAsync()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var db = app.CreateDb();
        foreach (var (id, name) in new[] { (room.Business, "Bea Betrieb"), (room.Creative, "Kai Kreativ"), (room.OtherCreative, "Ida Illustration"), (room.Moderator, "Mona Moderation") })
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            person.DisplayName = name;
        }
        await db.SaveChangesAsync();
        return room;
    }

    /// <summary>A new browser context signed in through the person's own magic link, on their page.</summary>
    private async Task<IPage> SignInAsync(BoardTestRoom room, Guid personId)
    {
        var link = await app.Get<MagicLinks>().IssueAsync(personId, room.EventId);
        var page = await app.NewPageAsync();
        await page.GotoAsync(link.RelativeUrl);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/me$"));
        return page;
    }

    private async Task<IPage> OpenBoardAsync(BoardTestRoom room, Guid personId, bool outline = false)
    {
        var page = await SignInAsync(room, personId);
        await page.GotoAsync($"/boards/{room.BoardId}" + (outline ? "?view=outline" : ""));
        await Expect(page.Locator(".board-state")).ToHaveTextAsync(Connected, new() { Timeout = 20_000 });
        return page;
    }

    private static async Task AddNoteInOutlineAsync(IPage page, string frame, string text)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = $"Neue Notiz in „{frame}“" }).FocusAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = frame }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = text })).ToBeVisibleAsync();
    }
}
