using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>A staff member looks after their own account and reads Tellerrand in English.</summary>
public sealed class AccountTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OrganiserVisitsEveryAccountPageAndChangesThePassword()
    {
        var page = await app.SignedInOrganiserAsync();
        var email = await EmailOfSignedInAsync(page);

        foreach (var section in new[] { "Profil", "E-Mail-Adresse", "Zwei-Faktor-Anmeldung", "Passkeys", "Meine Daten", "Passwort" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = section, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            await page.AssertAccessibleAsync();
        }

        await page.GetByLabel("Aktuelles Passwort").FillAsync("Werkstatt-2026");
        await page.GetByLabel("Neues Passwort").FillAsync("Hobelbank-2027");
        await page.GetByLabel("Passwort wiederholen").FillAsync("Hobelbank-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort ändern" }).ClickAsync();
        await Expect(page.GetByText("Dein Passwort ist geändert.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Werkstatt-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await Expect(page.GetByText("E-Mail-Adresse oder Passwort stimmen nicht.")).ToBeVisibleAsync();
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Hobelbank-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Veranstaltungen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LanguageSwitchTurnsTheInterfaceEnglishAndBack()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/events/exklusivrunde-goerlitz");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veranstaltet von" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/events/exklusivrunde-goerlitz$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organised by" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veranstaltet von" })).ToBeVisibleAsync();
    }

    private static async Task<string> EmailOfSignedInAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Mein Konto" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mein Konto" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "E-Mail-Adresse", Exact = true }).ClickAsync();
        return await page.Locator("input[type=email]").First.InputValueAsync();
    }
}
