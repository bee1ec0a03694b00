using Microsoft.Playwright;
using Tellerrand.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>An organiser keeps partner organisations, programmes and people, as a person at a chamber would.</summary>
public sealed class OrganiserListsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OrganiserMaintainsPartnersProgrammesAndPeople()
    {
        var page = await app.SignedInOrganiserAsync();

        // A partner organisation: a bad web address is explained, then fixed.
        await page.GotoAsync("/organise/organisations");
        var createOrganisation = page.GetByRole(AriaRole.Button, new() { Name = "Anlegen", Exact = true });
        await Expect(createOrganisation).ToBeEnabledAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Kreativzentrum Bautzen");
        await page.GetByLabel("Art").SelectOptionAsync(new SelectOptionValue { Label = "Agentur der Kreativwirtschaft" });
        await page.GetByLabel("Website").FillAsync("kreativzentrum-bautzen");
        await createOrganisation.ClickAsync();
        await Expect(page.GetByText("Bitte gib eine vollständige Webadresse an").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Website").FillAsync("https://kreativzentrum-bautzen.example");
        await createOrganisation.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kreativzentrum Bautzen" })).ToContainTextAsync("Agentur der Kreativwirtschaft");

        // A programme with that partner; the demo programme cannot be deleted while it has events.
        await page.GotoAsync("/organise/programmes");
        var createProgramme = page.GetByRole(AriaRole.Button, new() { Name = "Anlegen", Exact = true });
        await Expect(createProgramme).ToBeEnabledAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Handwerk trifft Design 2027");
        await page.GetByLabel("Kreativzentrum Bautzen").CheckAsync();
        await createProgramme.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Handwerk trifft Design 2027" })).ToContainTextAsync("Kreativzentrum Bautzen");
        var demo = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Werk.Stadt.Camp Görlitz" });
        await demo.GetByRole(AriaRole.Button, new() { Name = "Löschen" }).ClickAsync();
        await demo.GetByRole(AriaRole.Button, new() { Name = "Ja" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "noch Veranstaltungen" })).ToBeVisibleAsync();
        await Expect(demo).ToBeVisibleAsync();

        // A person, a duplicate refused, and a role in the demo event.
        await page.GotoAsync("/organise/people");
        var createPerson = page.GetByRole(AriaRole.Button, new() { Name = "Anlegen", Exact = true });
        await Expect(createPerson).ToBeEnabledAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Karla Krüger");
        await page.GetByLabel("E-Mail-Adresse", new() { Exact = true }).FillAsync("karla@krueger-design.example");
        await createPerson.ClickAsync();
        var karla = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Karla Krüger" });
        await Expect(karla).ToBeVisibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Karla Doppelt");
        await page.GetByLabel("E-Mail-Adresse", new() { Exact = true }).FillAsync("karla@krueger-design.example");
        await createPerson.ClickAsync();
        await Expect(page.GetByText("gehört schon zu einer anderen Person").First).ToBeVisibleAsync();

        await karla.GetByLabel("Veranstaltung").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await karla.GetByLabel("Rolle").SelectOptionAsync(new SelectOptionValue { Label = "Kreative" });
        await karla.GetByRole(AriaRole.Button, new() { Name = "Rolle zuweisen" }).ClickAsync();
        await Expect(karla).ToContainTextAsync("Kreative bei Exklusivrunde");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task BusinessOpensItsPersonalLinkAndSeesOnlyItsOwnRegistration()
    {
        await using var db = app.CreateDb();
        var person = db.People.Single(p => p.Email == "k.wendler@schweisstechnik-neisse.example");
        var eventId = db.Participations.Where(p => p.PersonId == person.Id).Select(p => p.EventId).First();
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);
        var page = await app.NewPageAsync();

        await page.GotoAsync(link.RelativeUrl);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Hallo Katrin Wendler")).ToBeVisibleAsync();
        await Expect(page.GetByText("Exklusivrunde").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Thomas Jäschke")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/m/{link.Token[..^2]}xx");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Diesen Link kennen wir nicht");
    }
}
