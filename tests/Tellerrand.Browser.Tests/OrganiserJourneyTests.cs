using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tellerrand.Web.Tests.Mail;
using MimeKit;
using Tellerrand.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// The foundation's journey as people make it: the administrator follows the first-run link,
/// invites an organiser, who sets a password from the e-mail, creates an event from the
/// template, edits a phase and publishes it, and sees it on the public page. axe checks every page.
/// </summary>
public sealed partial class OrganiserJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "Werkstatt-2026";

    [Fact]
    public async Task AdministratorInvitesAnOrganiserWhoPublishesAnEventFromTheTemplate()
    {
        // The administrator follows the link printed at the first start.
        var admin = await app.NewPageAsync();
        await admin.GotoAsync(app.Get<FirstRunSetup>().PendingLink!);
        await admin.AssertAccessibleAsync();
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Anja Hennig");
        await admin.GetByLabel("E-Mail-Adresse").FillAsync("admin@kreatives-sachsen.example");
        await admin.GetByLabel("Passwort", new() { Exact = true }).FillAsync(Password);
        await admin.GetByLabel("Passwort wiederholen").FillAsync(Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen und anmelden" }).ClickAsync();

        // … and invites an organiser.
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Konten", Exact = true })).ToBeVisibleAsync();
        var invite = admin.GetByRole(AriaRole.Button, new() { Name = "Einladung verschicken" });
        await Expect(invite).ToBeEnabledAsync();
        await admin.AssertAccessibleAsync();
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Ulrike Franke");
        await admin.GetByLabel("E-Mail-Adresse").FillAsync("u.franke@hwk-dresden.example");
        await admin.GetByLabel("Rolle").SelectOptionAsync(new SelectOptionValue { Label = "Organisator:in" });
        await invite.ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("u.franke@hwk-dresden.example");

        // The organiser opens the invitation from the outbox and chooses a password.
        var setPasswordLink = await InvitationLinkAsync("u.franke@hwk-dresden.example");
        var organiser = await app.NewPageAsync();
        await organiser.GotoAsync(setPasswordLink);
        await organiser.AssertAccessibleAsync();
        await organiser.GetByLabel("E-Mail-Adresse").FillAsync("u.franke@hwk-dresden.example");
        await organiser.GetByLabel("Neues Passwort").FillAsync(Password);
        await organiser.GetByLabel("Passwort wiederholen").FillAsync(Password);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Passwort speichern" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Passwort gespeichert" })).ToBeVisibleAsync();

        await organiser.GotoAsync("/Account/Login");
        await organiser.AssertAccessibleAsync();
        await organiser.GetByLabel("E-Mail-Adresse").FillAsync("u.franke@hwk-dresden.example");
        await organiser.GetByLabel("Passwort", new() { Exact = true }).FillAsync(Password);
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();

        // A new event from the Exklusivrunde template.
        await organiser.GotoAsync("/organise/events/new");
        var create = organiser.GetByRole(AriaRole.Button, new() { Name = "Veranstaltung anlegen" });
        await Expect(create).ToBeEnabledAsync();
        await organiser.AssertAccessibleAsync();
        await organiser.GetByLabel("Titel", new() { Exact = true }).FillAsync("Werkstattrunde Bautzen");
        await organiser.Keyboard.PressAsync("Tab");
        await Expect(organiser.GetByLabel("Kurzadresse")).ToHaveValueAsync("werkstattrunde-bautzen");
        await create.ClickAsync();

        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Name = "Werkstattrunde Bautzen", Level = 1 })).ToBeVisibleAsync();
        var saveAgenda = organiser.GetByRole(AriaRole.Button, new() { Name = "Ablauf speichern" });
        await Expect(saveAgenda).ToBeEnabledAsync();
        await organiser.AssertAccessibleAsync();

        // Too long an agenda is refused with by how much; nothing is saved.
        await organiser.GetByLabel("Minuten der Phase 4").FillAsync("120");
        await saveAgenda.ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Region, new() { Name = "Ablauf" }).GetByRole(AriaRole.Alert)).ToContainTextAsync("um 45 Minuten");
        await organiser.AssertAccessibleAsync();

        // The organiser shortens the introduction round and renames it.
        await organiser.GetByLabel("Minuten der Phase 4").FillAsync("75");
        await organiser.GetByLabel("Titel der Phase 2").FillAsync("Blitzlicht-Runde");
        await organiser.GetByLabel("Minuten der Phase 2").FillAsync("15");
        await saveAgenda.ClickAsync();
        await Expect(organiser.GetByText("Der Ablauf ist gespeichert.")).ToBeVisibleAsync();
        await Expect(organiser.GetByText("Summe: 145 von 150 Minuten")).ToBeVisibleAsync();

        await organiser.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen und Anmeldung öffnen" }).ClickAsync();
        await Expect(organiser.Locator("#event-status")).ToHaveTextAsync("Anmeldung offen");

        // Anybody now sees it on the public page, without an account.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/events/werkstattrunde-bautzen");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Werkstattrunde Bautzen" })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Blitzlicht-Runde" })).ToContainTextAsync("15 Min.");
        await visitor.AssertAccessibleAsync();
    }

    [Fact]
    public async Task PublicPagesAreAccessibleInGermanAndEnglish()
    {
        foreach (var locale in new[] { "de-DE", "en-GB" })
        {
            var page = await app.NewPageAsync(locale);
            foreach (var path in new[] { "/", "/events/exklusivrunde-goerlitz", "/events/gibt-es-nicht", "/Account/Login", "/link-problem?reason=expired" })
            {
                await page.GotoAsync(path);
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", locale[..2]);
                await page.AssertAccessibleAsync();
            }
        }
    }

    private async Task<string> InvitationLinkAsync(string recipient)
    {
        await app.MailSettledAsync();
        foreach (var file in Directory.GetFiles(app.OutboxPath, "*.eml"))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => m.Address == recipient))
            {
                return ResetLink().Match(mail.TextBody ?? "").Value;
            }
        }
        throw new InvalidOperationException($"No invitation to {recipient} in the outbox.");
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();
}
