using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tellerrand.Web.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Registration;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// A craft business and a creative register on a phone: from the public event page through the form,
/// the confirmation link from the e-mail (received by a real SMTP server in the test process), to their
/// own registration page and into the organiser's list; the creative corrects its rounds and waits for
/// a place, the business withdraws. axe checks every page, and no page may be wider than the phone.
/// </summary>
public sealed partial class RegistrationJourneyTests(SmtpBrowserApp app) : IClassFixture<SmtpBrowserApp>
{
    private const string Email = "kerstin@tischlerei-lange.example";

    [Fact]
    public async Task BusinessRegistersOnAPhoneAndConfirmsFromTheMail()
    {
        var ev = await app.OpenEventAsync();
        var context = await PhoneAsync();
        var phone = await context.NewPageAsync();

        await phone.GotoAsync($"/events/{ev.Slug}");
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Als Handwerksbetrieb anmelden" }).ClickAsync();

        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Anmeldung für Handwerksbetriebe" })).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByLabel("Name des Betriebs").FillAsync("Tischlerei Lange");
        await phone.GetByLabel("Gewerk", new() { Exact = true }).FillAsync("Tischler");
        await phone.GetByLabel("Region oder Ort (freiwillig)").FillAsync("Zittau");
        await phone.GetByLabel("Größe des Betriebs").SelectOptionAsync(new SelectOptionValue { Label = "2 bis 9 Beschäftigte" });
        await phone.GetByLabel("Dein Name").FillAsync("Kerstin Lange");
        await phone.GetByLabel("E-Mail-Adresse").FillAsync(Email);
        await phone.GetByLabel("Eure Herausforderung in eigenen Worten").FillAsync("Wir finden keine Auszubildenden.");
        await phone.GetByLabel("Worum geht es am ehesten?").SelectOptionAsync(new SelectOptionValue { Label = "Nachwuchs und Fachkräfte" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        // Without the privacy consent nothing is stored, and the form says why.
        await Expect(phone.GetByText("Bitte stimm dem Datenschutzhinweis zu").First).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByLabel("Ich habe den Datenschutzhinweis gelesen", new() { Exact = false }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Fast geschafft – bitte schau in dein Postfach" })).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);

        // The link from the e-mail shows a button; pressing it confirms and opens the business's own page.
        await phone.GotoAsync(await ConfirmLinkAsync(Email));
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ja, ich bestätige meine Anmeldung" }).ClickAsync();

        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Deine Anmeldung", Level = 1 })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Deine Anmeldung ist bestätigt");
        await Expect(phone.GetByText("Tischlerei Lange")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);
        var organiser = await app.SignedInOrganiserAsync();
        await organiser.GotoAsync($"/organise/events/{ev.Id}/registrations");
        await Expect(organiser.GetByRole(AriaRole.Cell, new() { Name = "Tischlerei Lange" })).ToBeVisibleAsync();
        await Expect(organiser.GetByRole(AriaRole.Cell, new() { Name = "Bestätigt" })).ToBeVisibleAsync();

        // Plans change: the business withdraws, and its page says so.
        await phone.GetByLabel("Ja, ich möchte meine Anmeldung zurückziehen.").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Anmeldung zurückziehen" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Deine Anmeldung ist zurückgezogen");
        await Expect(phone.GetByText("Stand: Zurückgezogen")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);

        await phone.GetByRole(AriaRole.Link, new() { Name = "Meine Daten löschen" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Deine Daten löschen" })).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);

        await phone.GotoAsync($"/events/{ev.Slug}/register/creative");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Anmeldung für Kreative" })).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);
        await context.CloseAsync();
    }

    [Fact]
    public async Task CreativeRegistersOnAPhoneWhenFullCorrectsItsRoundsAndIsAdmittedFromTheWaitingList()
    {
        var ev = await app.OpenEventAsync(businesses: 1, creativesPerRoom: 1, rounds: 2);
        // Two creatives take both places (one business, one creative per room, two rounds).
        var holders = new[] { "erste@kreativ.example", "zweite@kreativ.example" };
        foreach (var holder in holders)
        {
            var input = new CreativeRegistrationInput
            {
                Name = "Platzhalter:in", Email = holder, Disciplines = ["graphic_design"], Languages = ["de"], AvailableRounds = [1, 2],
                Consent = new ConsentInput { Privacy = true },
            };
            Assert.True((await app.Get<RegistrationService>().RegisterCreativeAsync(ev.Slug, input, app.BaseUrl, "de")).Succeeded);
            var visitor = await app.NewPageAsync();
            await visitor.GotoAsync(await ConfirmLinkAsync(holder));
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Ja, ich bestätige meine Anmeldung" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Deine Anmeldung", Level = 1 })).ToBeVisibleAsync();
            await visitor.Context.CloseAsync();
        }
        const string email = "jule@baumann-film.example";
        var context = await PhoneAsync();
        var phone = await context.NewPageAsync();

        await phone.GotoAsync($"/events/{ev.Slug}");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Als Kreative:r anmelden", Exact = false }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Anmeldung für Kreative" })).ToBeVisibleAsync();
        await Expect(phone.GetByText("Alle Plätze sind schon vergeben", new() { Exact = false })).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByLabel("Dein Name").FillAsync("Jule Baumann");
        await phone.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await phone.GetByLabel("Storytelling").CheckAsync();
        await phone.GetByLabel("Deutsch").CheckAsync();
        await phone.GetByLabel("Ich habe den Datenschutzhinweis gelesen", new() { Exact = false }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        // Without a round nothing is stored, and the form says why.
        await Expect(phone.GetByText("Bitte wähl mindestens eine Runde").First).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByLabel("Runde 2", new() { Exact = true }).CheckAsync();
        await phone.GetByLabel("Ich habe den Datenschutzhinweis gelesen", new() { Exact = false }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(phone.GetByText("Nach der Bestätigung kommst du auf die Warteliste")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);

        await phone.GotoAsync(await ConfirmLinkAsync(email));
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ja, ich bestätige meine Anmeldung" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("stehst du auf der Warteliste");
        await Expect(phone.GetByText("Stand: Warteliste")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);

        // Another round frees up in the creative's diary: they correct it through their link.
        await phone.GetByRole(AriaRole.Link, new() { Name = "Angaben korrigieren" }).ClickAsync();
        await Expect(phone.GetByLabel("Runde 2", new() { Exact = true })).ToBeCheckedAsync();
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByLabel("Runde 1", new() { Exact = true }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Änderungen speichern" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Deine Änderungen sind gespeichert");
        await Expect(phone.GetByText("1, 2")).ToBeVisibleAsync();

        // A place is freed; the organiser admits the creative from the waiting list, who is told by mail.
        await using (var db = app.CreateDb())
        {
            var first = await db.People.SingleAsync(p => p.Email == holders[0]);
            Assert.True(await app.Get<RegistrationService>().WithdrawAsync(first.Id, ev.Id));
        }
        var organiser = await app.SignedInOrganiserAsync();
        await organiser.GotoAsync($"/organise/events/{ev.Id}/registrations");
        await Expect(organiser.GetByLabel("Stand")).ToBeEnabledAsync();
        await organiser.GetByLabel("Stand").SelectOptionAsync(new SelectOptionValue { Label = "Warteliste" });
        await Expect(organiser.GetByRole(AriaRole.Rowheader, new() { Name = "Jule Baumann" })).ToBeVisibleAsync();
        await Expect(organiser.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(1);
        await Expect(organiser.GetByRole(AriaRole.Cell, new() { Name = "1, 2", Exact = true })).ToBeVisibleAsync();
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Zusagen" }).ClickAsync();
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Ja, E-Mail schicken" }).ClickAsync();
        await Expect(organiser.GetByText("hat eine Zusage und bekommt eine E-Mail mit dem Kalendereintrag")).ToBeVisibleAsync();

        await app.MailSettledAsync();
        Assert.Contains(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email) && (m.Subject ?? "").StartsWith("Du bist dabei", StringComparison.Ordinal));
        await phone.ReloadAsync();
        await Expect(phone.GetByText("Stand: Zugesagt")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    private async Task<IBrowserContext> PhoneAsync()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>axe finds nothing serious, and nothing makes the page scroll sideways on a 375 px phone.</summary>
    private static async Task AssertFitsAndAccessibleAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{page.Url} is {width} px wide on a 375 px phone.");
        await page.AssertAccessibleAsync();
    }

    /// <summary>The confirmation link from the first mail the in-process SMTP server received for the address.</summary>
    private async Task<string> ConfirmLinkAsync(string email)
    {
        await app.MailSettledAsync();
        var mail = app.Smtp.Received.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == email))
            ?? throw new InvalidOperationException($"The SMTP server received no mail to {email}.");
        return ConfirmLink().Match(mail.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"https?://\S+/m/[A-Za-z0-9_\-]+/confirm")]
    private static partial Regex ConfirmLink();
}
