using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tellerrand.Web.Events;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Tests.Live;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// After the event, as the people live it: a business answers its survey from its own page, and asks a creative of its
/// room to keep working together, who accepts in a browser of their own. The organiser reads the programme report.
/// </summary>
public sealed class FeedbackJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ABusinessFillsInTheSurveyFromItsPage()
    {
        var ev = await FinishedAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync(await ev.LinkAsync(app, ev.Rooms[0].Representative));
        await page.GotoAsync("/me");

        await page.GetByRole(AriaRole.Link, new() { Name = "Kurze Umfrage zur Veranstaltung beantworten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wie war's? Deine Rückmeldung" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Was war für dich am nützlichsten?").FillAsync("Der frische Blick von außen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Antworten senden" }).ClickAsync();

        await Expect(page.GetByText("Bitte wähle aus, wie wertvoll die Veranstaltung für dich war (1 bis 5).").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Was war für dich am nützlichsten?")).ToHaveValueAsync("Der frische Blick von außen");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Ja", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antworten senden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Danke! Deine Antworten sind angekommen.");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/me");
        await Expect(page.GetByText("Umfrage zur Veranstaltung: beantwortet – danke!")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheCreativeAcceptsAContactRequestInABrowserOfTheirOwn()
    {
        var ev = await FinishedAsync();
        var room = ev.Rooms[0];
        string creativeName, creativeEmail, businessEmail;
        await using (var db = app.CreateDb())
        {
            (creativeName, creativeEmail) = await db.People.Where(p => p.Id == room.Creative).Select(p => ValueTuple.Create(p.DisplayName, p.Email)).SingleAsync();
            businessEmail = await db.People.Where(p => p.Id == room.Representative).Select(p => p.Email).SingleAsync();
        }
        var business = await app.NewPageAsync();
        await business.GotoAsync(await ev.LinkAsync(app, room.Representative));
        await business.GotoAsync("/me");
        await business.GetByRole(AriaRole.Button, new() { Name = $"Zusammenarbeit anfragen: {creativeName}" }).ClickAsync();
        await Expect(business.GetByText("Deine Anfrage ist unterwegs.")).ToBeVisibleAsync();
        await Expect(business.GetByText(creativeEmail)).ToHaveCountAsync(0);
        await business.AssertAccessibleAsync();

        var creative = await app.NewPageAsync();
        await creative.GotoAsync(await ev.LinkAsync(app, room.Creative));
        await creative.GotoAsync("/me");
        await Expect(creative.GetByText("möchte gern mit dir weiterarbeiten")).ToBeVisibleAsync();
        await creative.AssertAccessibleAsync();
        await creative.GetByRole(AriaRole.Button, new() { Name = "Zustimmen und Kontaktdaten teilen" }).ClickAsync();
        await Expect(creative.GetByRole(AriaRole.Link, new() { Name = businessEmail })).ToBeVisibleAsync();

        await business.ReloadAsync();
        await Expect(business.GetByRole(AriaRole.Link, new() { Name = creativeEmail })).ToBeVisibleAsync();
        await business.AssertAccessibleAsync();
    }

    [Fact]
    public async Task TheOrganiserReadsTheProgrammeReport()
    {
        await FinishedAsync();
        var page = await app.SignedInOrganiserAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Berichte" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programmbericht" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Betriebe nach Gewerk" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Als Excel-Datei (XLSX) herunterladen" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    /// <summary>An event of the test's own, finished, with its surveys sent.</summary>
    private async Task<LiveTestEvent> FinishedAsync()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 2);
        await using (var db = app.CreateDb())
            await db.Events.Where(e => e.Id == ev.EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Finished));
        await app.Get<FeedbackSchedule>().RunAsync(CancellationToken.None);
        return ev;
    }
}
