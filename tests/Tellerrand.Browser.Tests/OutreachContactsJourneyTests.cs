using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// An organiser uploads a contact list saved by German Excel (Windows-1252, semicolons), reads the
/// preview's report, confirms, and finds the contacts in the list. axe checks every page.
/// </summary>
public sealed class OutreachContactsJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OrganiserImportsAnExcelListAfterThePreview()
    {
        var file = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(
            "Firma;Ansprechpartner;E-Mail;Gewerk;Ort\r\nBäckerei Müller;Grit Müller;mueller@baeckerei.example;Bäcker;Görlitz\r\n" +
            "Bäckerei Müller (doppelt);Grit Müller;MUELLER@baeckerei.example;Bäcker;Görlitz\r\nMalerei Bunt;Ole Bunt;bunt@malerei.example;Maler und Lackierer;Zittau\r\n");
        var page = await app.SignedInOrganiserAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Kontakte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kontakte", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("CSV-Datei").SetInputFilesAsync(new FilePayload { Name = "kontakte.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau zeigen" }).ClickAsync();

        await Expect(page.GetByText("2 Kontakte können übernommen werden, 1 Zeilen nicht. Gelesen als Windows-1252, getrennt durch Semikolon.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Diese E-Mail-Adresse steht schon in Zeile 2." })).ToBeVisibleAsync();
        await Expect(page.GetByText("Noch keine Kontakte.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "2 Kontakte übernehmen" }).ClickAsync();

        await Expect(page.GetByText("2 Kontakte übernommen.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Bäckerei Müller" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Görlitz" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
