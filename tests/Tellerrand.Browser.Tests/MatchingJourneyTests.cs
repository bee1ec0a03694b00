using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tellerrand.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// The organiser puts the demo event's rooms together over two rounds: computes, excludes, pins and swaps (each change
/// shows its cost, a bad one is refused), reloads to find the decisions kept, locks and publishes, then publishes a
/// change after seeing what it changes. A creative then finds both rounds' rooms and their co-participants on /me.
/// </summary>
public sealed class MatchingJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly HashSet<string> Telling = ["storytelling", "copywriting", "online_marketing", "social_media", "film_video", "photography"];
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task OrganiserPinsForbidsSwapsLocksAndPublishesAndACreativeSeesBothRoundsWithTheOthers()
    {
        Guid eventId;
        Dictionary<string, bool> tellers;
        await using (var db = app.CreateDb())
        {
            var demo = await db.Events.SingleAsync(e => e.Slug == "exklusivrunde-goerlitz");
            demo.Rounds = 2;
            await db.SaveChangesAsync();
            eventId = demo.Id;
            tellers = (await db.People.Where(p => p.CreativeProfile != null).Select(p => new { p.DisplayName, p.CreativeProfile!.Disciplines }).ToListAsync())
                .ToDictionary(p => p.DisplayName, p => Telling.Contains(p.Disciplines[0]));
        }
        var page = await app.SignedInOrganiserAsync();
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync($"/organise/events/{eventId}/matching");
        var compute = page.GetByRole(AriaRole.Button, new() { Name = "Vorschlag berechnen" });
        await Expect(compute).ToBeEnabledAsync();
        await page.AssertAccessibleAsync();
        await compute.ClickAsync();

        var round1 = page.GetByRole(AriaRole.Table, new() { Name = "Vorgeschlagene Räume – Runde 1" });
        var round2 = page.GetByRole(AriaRole.Table, new() { Name = "Vorgeschlagene Räume – Runde 2" });
        await Expect(round1.GetByRole(AriaRole.Row)).ToHaveCountAsync(6, new() { Timeout = 60_000 });
        await Expect(round2.GetByRole(AriaRole.Row)).ToHaveCountAsync(6);
        await Expect(page.Locator("#matching-summary")).ToContainTextAsync("in 10 Räumen");
        await page.AssertAccessibleAsync();

        // Excluding the first creative of the electrician's first room keeps them away in both rounds and shows the price.
        // A room's row is found by its row header; its seats and moderator by their own elements, because the swap
        // lists in every row name all the other rooms' people too.
        var electrician = round1.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Elektro Jäschke GmbH" }) });
        var electricianRooms = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Elektro Jäschke GmbH" }) });
        ILocator With(string name) => electricianRooms.Filter(new() { Has = page.Locator("li .fw-semibold, .room-moderator", new() { HasTextString = name }) });
        var excluded = await electrician.Locator("li .fw-semibold").First.InnerTextAsync();
        await electrician.GetByRole(AriaRole.Button, new() { Name = "Ausschließen" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deine Vorgaben" })).ToContainTextAsync($"Ausgeschlossen: {excluded} bei Elektro Jäschke GmbH", new() { Timeout = 60_000 });
        await Expect(With(excluded)).ToHaveCountAsync(0);
        await Expect(page.Locator("#matching-summary")).ToContainTextAsync("Deine Vorgaben kosten");

        // Pinning keeps a pair, marked as such.
        var pinned = await electrician.Locator("li .fw-semibold").First.InnerTextAsync();
        await electrician.GetByRole(AriaRole.Button, new() { Name = "Festhalten" }).First.ClickAsync();
        await Expect(electricianRooms.GetByText("festgehalten")).ToBeVisibleAsync(Slow);
        await Expect(With(pinned)).ToHaveCountAsync(1);

        // A swap that would put two of a kind in one room is refused and changes nothing.
        var other = await electrician.Locator("li").Filter(new() { HasNotText = "festgehalten" }).Locator(".fw-semibold").First.InnerTextAsync();
        var swapSelect = page.GetByLabel($"{other} bei Elektro Jäschke GmbH tauschen mit");
        var options = await swapSelect.Locator("option").AllInnerTextsAsync();
        var wrongKind = options.First(o => o.Contains("(bei ", StringComparison.Ordinal) && tellers[NameIn(o)] != tellers[other]);
        await swapSelect.SelectOptionAsync(new SelectOptionValue { Label = wrongKind });
        await electrician.GetByRole(AriaRole.Button, new() { Name = $"Tauschen {other} bei Elektro Jäschke GmbH" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{other} und {NameIn(wrongKind)} können nicht tauschen", new() { Timeout = 60_000 });
        await Expect(electrician).ToContainTextAsync(other);

        // A swap with someone of the same kind from another room exchanges the two.
        var sameKind = options.First(o => o.Contains("(bei ", StringComparison.Ordinal) && tellers[NameIn(o)] == tellers[other] && NameIn(o) != excluded);
        await swapSelect.SelectOptionAsync(new SelectOptionValue { Label = sameKind });
        await electrician.GetByRole(AriaRole.Button, new() { Name = $"Tauschen {other} bei Elektro Jäschke GmbH" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deine Vorgaben" })).ToContainTextAsync($"Festgehalten: {NameIn(sameKind)} bei Elektro Jäschke GmbH", new() { Timeout = 60_000 });
        await Expect(With(NameIn(sameKind))).ToHaveCountAsync(1);
        await Expect(With(other)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeEmptyAsync();

        // Marking someone away in a round where every creative is needed is refused, and the box is ticked again.
        var away = page.GetByLabel($"{pinned} kann in Runde 2");
        await away.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{pinned} in Runde 2 als verhindert einzutragen geht nicht", new() { Timeout = 60_000 });
        await Expect(page.GetByLabel($"{pinned} kann in Runde 2")).ToBeCheckedAsync();
        await page.AssertAccessibleAsync();

        // The decisions are stored: a reload shows them and the same rooms.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deine Vorgaben" })).ToContainTextAsync($"Festgehalten: {pinned} bei Elektro Jäschke GmbH", new() { Timeout = 60_000 });
        await Expect(With(NameIn(sameKind))).ToHaveCountAsync(1, new() { Timeout = 60_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Räume festlegen und veröffentlichen" }).ClickAsync();
        await Expect(page.GetByText("10 Räume sind festgelegt.")).ToBeVisibleAsync(Slow);
        await Expect(page.GetByText("Die Räume sind festgelegt und veröffentlicht.")).ToBeVisibleAsync();
        await using (var check = app.CreateDb())
        {
            Assert.Equal(10, await check.Rooms.CountAsync(r => r.EventId == eventId));
        }

        // Once locked, a change is published only after the organiser has seen what it changes: here another moderator
        // for the electrician's rooms.
        var moderating = string.Join(" ", await electricianRooms.Locator(".room-moderator").AllInnerTextsAsync());
        var wish = electrician.GetByRole(AriaRole.Combobox, new() { Name = "Wunsch für Elektro Jäschke GmbH" });
        await Expect(wish).ToBeEnabledAsync();
        var moderatorOptions = await wish.Locator("option").AllTextContentsAsync();
        var moderator = moderatorOptions.Skip(1).Select(name => name.Trim()).FirstOrDefault(name => !moderating.Contains(name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No moderator outside \"{moderating}\" among {string.Join(", ", moderatorOptions)}");
        await wish.SelectOptionAsync(new SelectOptionValue { Label = moderator });
        await Expect(With(moderator)).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderungen veröffentlichen" }).ClickAsync();
        var plan = page.GetByRole(AriaRole.Region, new() { Name = "Was sich ändert" });
        await Expect(plan).ToContainTextAsync("Räume bleiben, wie sie sind", new() { Timeout = 60_000 });
        await Expect(plan).ToContainTextAsync("Die Moderation wechselt.");
        await page.AssertAccessibleAsync();
        await plan.GetByRole(AriaRole.Button, new() { Name = "Ja, so veröffentlichen" }).ClickAsync();
        await Expect(page.GetByText("10 Räume sind festgelegt.")).ToBeVisibleAsync(Slow);

        // The creative swapped into the electrician's room sees both rounds and the others in each room.
        Guid creativeId;
        string challenge;
        string partner;
        await using (var db = app.CreateDb())
        {
            var swappedIn = NameIn(sameKind);
            creativeId = await db.People.Where(p => p.DisplayName == swappedIn).Select(p => p.Id).SingleAsync();
            challenge = await db.Businesses.Where(b => b.Name == "Elektro Jäschke GmbH").SelectMany(b => b.Challenges).Where(c => c.EventId == eventId)
                .Select(c => c.Statement).SingleAsync();
            var id = creativeId;
            partner = await db.Rooms.Where(r => r.EventId == eventId && r.Business!.Name == "Elektro Jäschke GmbH" && r.Creatives.Any(c => c.PersonId == id))
                .SelectMany(r => r.Creatives).Where(c => c.PersonId != id).Select(c => c.Person!.DisplayName).SingleAsync();
        }
        var link = await app.Get<MagicLinks>().IssueAsync(creativeId, eventId);
        var creativePage = await app.NewPageAsync();
        await creativePage.GotoAsync(link.RelativeUrl);
        await creativePage.GotoAsync("/me");
        var rooms = creativePage.GetByRole(AriaRole.Region, new() { Name = "Deine Räume" });
        await Expect(rooms).ToContainTextAsync("Runde 1 · Raum");
        await Expect(rooms).ToContainTextAsync("Runde 2 · Raum");
        await Expect(rooms).ToContainTextAsync("Elektro Jäschke GmbH");
        await Expect(rooms).ToContainTextAsync(challenge);
        await Expect(rooms).ToContainTextAsync(partner);
        await Expect(rooms).ToContainTextAsync(moderator);
        await creativePage.AssertAccessibleAsync();
    }

    /// <summary>"Lena Vogt (bei Tischlerei Hoffmann)" → "Lena Vogt".</summary>
    private static string NameIn(string option) => option[..option.IndexOf(" (", StringComparison.Ordinal)];
}
