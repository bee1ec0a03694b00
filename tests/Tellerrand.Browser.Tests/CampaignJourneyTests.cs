using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tellerrand.Web.Outreach;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Registration;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// An organiser writes an invitation with texts for two trade groups, previews it, sends it and watches the
/// figures per trade; a recipient follows the unsubscribe link from their mail. axe checks every page.
/// </summary>
public sealed partial class CampaignJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<Contact> ContactAsync(string region, string trade, string company, bool unsubscribed = false)
    {
        var email = $"einladung-{Guid.NewGuid():N}@betrieb.example";
        var contact = new Contact
        {
            Id = Guid.NewGuid(), Kind = ContactKind.Business, Email = email, EmailKey = email, Organisation = company, Trade = trade,
            TradeKey = Trades.Find(trade)?.Key, Region = region, CreatedAt = app.Clock.GetUtcNow(), UnsubscribedAt = unsubscribed ? app.Clock.GetUtcNow() : null,
        };
        await using var db = app.CreateDb();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    [Fact]
    public async Task OrganiserSendsByTradeAndARecipientUnsubscribes()
    {
        var region = $"Oberlausitz {Guid.NewGuid():N}"[..18];
        var maurer = await ContactAsync(region, "Maurer und Betonbauer", "Stein & Söhne");
        var baeckerei = await ContactAsync(region, "Bäcker", "Backstube Korn");
        await ContactAsync(region, "Tischler", "Holzwerk Abgemeldet", unsubscribed: true);
        var ev = await app.OpenEventAsync();
        var page = await app.SignedInOrganiserAsync();

        await page.GotoAsync($"/organise/events/{ev.Id}/campaigns");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Einladungen: Werkstattrunde Zittau", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Name (nur für euch)").FillAsync("Frühjahrsrunde");
        await page.GetByRole(AriaRole.Button, new() { Name = "Einladung anlegen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Frühjahrsrunde", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name (nur für euch)")).ToBeEnabledAsync();
        await page.GetByLabel("Eigenen Text für eine Gewerkegruppe").SelectOptionAsync(new SelectOptionValue { Label = "Bau und Ausbau" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Text hinzufügen" }).ClickAsync();
        var bau = page.GetByRole(AriaRole.Group, new() { Name = "Text für Bau und Ausbau" });
        await bau.GetByLabel("Betreff").FillAsync("Baustelle Zukunft: {Veranstaltung}");
        await bau.GetByLabel("Text").FillAsync("{Anrede}, bei {Betrieb} wird gebaut – am {Datum} mit Kreativen. Anmelden: {Anmeldelink}");
        await page.GetByLabel("Eigenen Text für eine Gewerkegruppe").SelectOptionAsync(new SelectOptionValue { Label = "Nahrung" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Text hinzufügen" }).ClickAsync();
        var nahrung = page.GetByRole(AriaRole.Group, new() { Name = "Text für Nahrung" });
        await nahrung.GetByLabel("Betreff").FillAsync("Frisch gedacht: {Vorname}");
        await nahrung.GetByLabel("Text").FillAsync("{Anrede}, Brot und Ideen am {Datum}. Anmelden: {Anmeldelink}");
        await page.GetByLabel("Region").SelectOptionAsync(new SelectOptionValue { Label = region });
        await Expect(page.GetByText("2 Betriebe bekommen diese Einladung.")).ToBeVisibleAsync();
        await Expect(page.GetByText("1 Kontakte haben sich abgemeldet und bleiben außen vor.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und Vorschau zeigen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Im Betreff für „Nahrung“ steht der Platzhalter {Vorname}, den wir nicht kennen.");
        await nahrung.GetByLabel("Betreff").FillAsync("Frisch gedacht: {Veranstaltung}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern und Vorschau zeigen" }).ClickAsync();

        var bauPreview = page.GetByRole(AriaRole.Article, new() { Name = "Bau und Ausbau – zum Beispiel an Stein & Söhne" });
        await Expect(bauPreview).ToContainTextAsync("Baustelle Zukunft: Werkstattrunde Zittau");
        await Expect(bauPreview).ToContainTextAsync("Hallo liebes Team von Stein & Söhne, bei Stein & Söhne wird gebaut");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Nahrung – zum Beispiel an Backstube Korn" })).ToContainTextAsync("Frisch gedacht: Werkstattrunde Zittau");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Einladungen senden" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, jetzt senden" }).ClickAsync();
        await Expect(page.GetByText("2 von 2 verschickt")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var figures = page.GetByRole(AriaRole.Table, new() { Name = "Zahlen nach Gewerk" });
        await Expect(figures.GetByRole(AriaRole.Row, new() { Name = "Bäcker 1 1 0 0" })).ToBeVisibleAsync();
        await Expect(figures.GetByRole(AriaRole.Row, new() { Name = "Maurer und Betonbauer 1 1 0 0" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var mail = Assert.Single(await app.MailsToAsync(baeckerei.Email));
        Assert.Equal("Frisch gedacht: Werkstattrunde Zittau", mail.Subject);
        Assert.Equal("Baustelle Zukunft: Werkstattrunde Zittau", Assert.Single(await app.MailsToAsync(maurer.Email)).Subject);
        var unsubscribe = UnsubscribeLink().Match(mail.TextBody ?? "").Value;
        var recipient = await app.NewPageAsync();
        await recipient.GotoAsync(new Uri(unsubscribe).PathAndQuery);
        await Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "Keine Einladungen mehr?" })).ToBeVisibleAsync();
        await recipient.AssertAccessibleAsync();
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Ja, bitte austragen" }).ClickAsync();
        await Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "Du bist ausgetragen" })).ToBeVisibleAsync();
        await recipient.AssertAccessibleAsync();

        await recipient.GotoAsync("/unsubscribe/ausgedacht");
        await Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "Dieser Link passt nicht" })).ToBeVisibleAsync();
        await recipient.AssertAccessibleAsync();
    }

    [GeneratedRegex(@"https?://\S+/unsubscribe/[A-Za-z0-9_\-]+")]
    private static partial Regex UnsubscribeLink();
}
