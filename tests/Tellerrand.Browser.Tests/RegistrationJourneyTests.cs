using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tellerrand.Web.Tests.Mail;
using MimeKit;
using Tellerrand.Web.Tests.Registration;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// A craft business registers on a phone: from the public event page through the form (first
/// without the required consent), the confirmation link from the e-mail, to its own registration
/// page, where it withdraws. axe checks every page, and no page may be wider than the phone.
/// </summary>
public sealed partial class RegistrationJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Email = "kerstin@tischlerei-lange.example";

    [Fact]
    public async Task BusinessRegistersOnAPhoneAndConfirmsFromTheMail()
    {
        var ev = await app.OpenEventAsync();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
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
        await phone.GotoAsync(await ConfirmLinkAsync());
        await AssertFitsAndAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ja, ich bestätige meine Anmeldung" }).ClickAsync();

        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Deine Anmeldung", Level = 1 })).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Deine Anmeldung ist bestätigt");
        await Expect(phone.GetByText("Tischlerei Lange")).ToBeVisibleAsync();
        await AssertFitsAndAccessibleAsync(phone);

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

    /// <summary>axe finds nothing serious, and nothing makes the page scroll sideways on a 375 px phone.</summary>
    private static async Task AssertFitsAndAccessibleAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{page.Url} is {width} px wide on a 375 px phone.");
        await page.AssertAccessibleAsync();
    }

    private async Task<string> ConfirmLinkAsync()
    {
        await app.MailSettledAsync();
        foreach (var file in Directory.GetFiles(app.OutboxPath, "*.eml"))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => m.Address == Email))
            {
                return ConfirmLink().Match(mail.TextBody ?? "").Value;
            }
        }
        throw new InvalidOperationException($"No confirmation mail to {Email} in the outbox.");
    }

    [GeneratedRegex(@"https?://\S+/m/[A-Za-z0-9_\-]+/confirm")]
    private static partial Regex ConfirmLink();
}
