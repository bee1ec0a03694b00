using Microsoft.Playwright;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Mail;
using Tellerrand.Web.Tests.Registration;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// An organiser reviews applications: filters the list by trade, declines one and admits one from the
/// waiting list (each after a confirmation), writes a note, then reads the decline mail in the outbox.
/// axe checks every page.
/// </summary>
public sealed class RegistrationReviewJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OrganiserFiltersDecidesWritesANoteAndReadsTheMailInTheOutbox()
    {
        var ev = await app.OpenEventAsync(businesses: 1);
        var registrations = app.Get<RegistrationService>();
        foreach (var (email, company, trade, contact) in new[]
        {
            ("holz@lange.example", "Tischlerei Lange", "Tischler", "Kerstin Lange"),
            ("strom@foerster.example", "Elektro Förster", "Elektrotechniker", "Jörg Förster"),
        })
        {
            var input = new BusinessRegistrationInput
            {
                Company = company, Trade = trade, ContactName = contact, Email = email, Category = ChallengeCategory.Recruiting,
                Statement = "Wir suchen Auszubildende.", Consent = new ConsentInput { Privacy = true },
            };
            Assert.True((await registrations.RegisterBusinessAsync(ev.Slug, input, app.BaseUrl, "de")).Succeeded);
            // Each confirms from their mail in their own browser; the first takes the only place.
            var visitor = await app.NewPageAsync();
            await visitor.GotoAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Ja, ich bestätige meine Anmeldung" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Deine Anmeldung", Level = 1 })).ToBeVisibleAsync();
        }
        var page = await app.SignedInOrganiserAsync();

        await page.GotoAsync($"/organise/events/{ev.Id}/registrations");
        await Expect(page.GetByText("2 von 2 Anmeldungen")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Expect(page.GetByLabel("Gewerk")).ToBeEnabledAsync();
        await page.GetByLabel("Gewerk").SelectOptionAsync("Elektrotechniker");
        await Expect(page.GetByText("1 von 2 Anmeldungen")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Tischlerei Lange" })).ToHaveCountAsync(0);
        await page.GetByLabel("Gewerk").SelectOptionAsync("");

        // The place is Tischlerei Lange's; Elektro Förster waits. Decline first, then admit.
        await page.GetByRole(AriaRole.Button, new() { Name = "Absagen Kerstin Lange" }).First.ClickAsync();
        await Expect(page.GetByText("„Absagen“? Kerstin Lange bekommt dazu eine E-Mail.").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, E-Mail schicken" }).ClickAsync();
        await Expect(page.GetByText("hat eine Absage und bekommt eine freundliche E-Mail")).ToBeVisibleAsync();

        await page.GetByLabel("Stand").SelectOptionAsync(new SelectOptionValue { Label = "Warteliste" });
        await Expect(page.GetByText("1 von 2 Anmeldungen")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zusagen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, E-Mail schicken" }).ClickAsync();
        await Expect(page.GetByText("hat eine Zusage und bekommt eine E-Mail mit dem Kalendereintrag")).ToBeVisibleAsync();
        await page.GetByLabel("Stand").SelectOptionAsync(new SelectOptionValue { Label = "Alle" });
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Zugesagt" })).ToBeVisibleAsync();

        // A note on the declined application.
        await page.GetByRole(AriaRole.Link, new() { Name = "Details und Notiz Kerstin Lange" }).First.ClickAsync();
        await page.GetByLabel("Notiz des Orga-Teams").FillAsync("Nächstes Mal zuerst einladen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Notiz speichern" }).ClickAsync();
        await Expect(page.GetByText("Notiz gespeichert.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // The decline mail, read where an installation without mail server keeps it.
        await app.MailSettledAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Postausgang" }).ClickAsync();
        await page.GetByLabel("Empfänger:in oder Betreff").FillAsync("holz@lange.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Verschickt" }).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Deine Anmeldung zu Werkstattrunde Zittau" }).ClickAsync();
        await Expect(page.GetByText("Diesmal können wir dir leider keinen Platz anbieten", new() { Exact = false })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
