using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>The organiser puts the demo event's rooms together: computes, excludes a pair, pins one, and confirms.</summary>
public sealed class MatchingJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OrganiserExcludesAndPinsPairsSeesTheCostAndConfirmsTheRooms()
    {
        Guid eventId;
        await using (var db = app.CreateDb())
        {
            eventId = (await db.Events.SingleAsync(e => e.Slug == "exklusivrunde-goerlitz")).Id;
        }
        var page = await app.SignedInOrganiserAsync();

        await page.GotoAsync($"/organise/events/{eventId}/matching");
        var compute = page.GetByRole(AriaRole.Button, new() { Name = "Vorschlag berechnen" });
        await Expect(compute).ToBeEnabledAsync();
        await page.AssertAccessibleAsync();
        await compute.ClickAsync();

        var rooms = page.GetByRole(AriaRole.Table, new() { Name = "Vorgeschlagene Räume" });
        await Expect(rooms.GetByRole(AriaRole.Row)).ToHaveCountAsync(6);
        await Expect(page.Locator("#matching-summary")).ToContainTextAsync("in 5 Räumen");
        await page.AssertAccessibleAsync();

        // Excluding the first creative of the electrician's room moves them and shows the price.
        var electrician = rooms.GetByRole(AriaRole.Row).Filter(new() { HasText = "Elektro Jäschke GmbH" });
        var firstCreative = await electrician.Locator("li .fw-semibold").First.InnerTextAsync();
        await electrician.GetByRole(AriaRole.Button, new() { Name = "Ausschließen" }).First.ClickAsync();
        await Expect(electrician).Not.ToContainTextAsync(firstCreative);
        await Expect(page.Locator("#matching-summary")).ToContainTextAsync("Deine Vorgaben kosten");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deine Vorgaben" })).ToContainTextAsync($"Ausgeschlossen: {firstCreative} bei Elektro Jäschke GmbH");

        // Pinning keeps a pair, marked as such.
        await electrician.GetByRole(AriaRole.Button, new() { Name = "Festhalten" }).First.ClickAsync();
        await Expect(electrician.GetByText("festgehalten")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Räume festlegen" }).ClickAsync();
        await Expect(page.GetByText("5 Räume sind festgelegt.")).ToBeVisibleAsync();
        await using var check = app.CreateDb();
        Assert.Equal(5, await check.Rooms.CountAsync(r => r.EventId == eventId));
    }
}
