using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Events;
using Tellerrand.Web.Localization;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Components;

namespace Tellerrand.Web.Tests.Events;

/// <summary>Bad input for events gets a specific message and changes nothing, on both databases.</summary>
public abstract class EventRulesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private EventService Events => app.Get<EventService>();

    [Fact]
    public async Task EventFromTemplateGetsTheExklusivrundeAgendaInTheEventsTimeZone()
    {
        var slug = Slug();
        var created = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, slug));

        Assert.True(created.Succeeded);
        await using var db = app.CreateDb();
        var stored = await db.Events.Include(e => e.Phases).SingleAsync(e => e.Slug == slug);
        Assert.Equal(EventStatus.Draft, stored.Status);
        Assert.Equal(6, stored.Phases.Count);
        Assert.Equal(150, stored.Phases.Sum(p => p.DurationMinutes));
        // 14:00 in Berlin in March is 13:00 UTC.
        Assert.Equal(new DateTimeOffset(2027, 3, 4, 13, 0, 0, TimeSpan.Zero), stored.StartsAt);
    }

    [Theory]
    [InlineData("Mit Leerzeichen")]
    [InlineData("GROSS")]
    [InlineData("ä-umlaut")]
    [InlineData("-vorne")]
    [InlineData("ab")]
    public async Task InvalidSlugIsRefusedAndNothingIsSaved(string slug)
    {
        var before = await CountEventsAsync();

        var outcome = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, slug));

        Assert.Contains(outcome.Violations, v => v.MessageKey == "Rule_SlugInvalid" && v.Field == "Slug");
        Assert.Equal(before, await CountEventsAsync());
    }

    [Fact]
    public async Task TakenSlugIsRefusedWithItsName()
    {
        var outcome = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, "exklusivrunde-goerlitz"));

        var violation = Assert.Single(outcome.Violations);
        Assert.Equal("Rule_SlugTaken", violation.MessageKey);
        Assert.Equal("Die Kurzadresse „exklusivrunde-goerlitz“ ist schon vergeben. Bitte wähle eine andere.", German(violation));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    public async Task UnknownTimeZoneIsRefusedAndNothingIsSaved(string zone)
    {
        var before = await CountEventsAsync();

        var outcome = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, Slug(), zone));

        Assert.Contains(outcome.Violations, v => v.MessageKey == "Rule_TimeZoneUnknown" && v.Field == "TimeZoneId");
        Assert.Equal(before, await CountEventsAsync());
    }

    [Fact]
    public async Task AgendaLongerThanTheEventSaysByHowMuchAndKeepsTheOldAgenda()
    {
        var created = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, Slug()));
        var phases = created.Value!.Phases.OrderBy(p => p.Order)
            .Select(p => new PhaseInput(p.Kind, p.Title, p.Kind == PhaseKind.Breakout ? 90 : p.DurationMinutes, p.Instructions)).ToList();

        var outcome = await Events.SaveAgendaAsync(created.Value.Id, phases);

        var violation = Assert.Single(outcome.Violations);
        Assert.Equal("Der Ablauf dauert 165 Minuten, die Veranstaltung aber nur 150. Bitte kürze den Ablauf um 15 Minuten oder verlängere die Veranstaltung.", German(violation));
        await using var db = app.CreateDb();
        Assert.Equal(75, await db.AgendaPhases.Where(p => p.EventId == created.Value.Id && p.Kind == PhaseKind.Breakout).Select(p => p.DurationMinutes).SingleAsync());
    }

    [Fact]
    public async Task ShorteningTheEventBelowItsAgendaIsRefused()
    {
        var slug = Slug();
        var created = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, slug));

        var outcome = await Events.UpdateDetailsAsync(created.Value!.Id, await EventsForTests.DetailsAsync(app, slug, duration: 120));

        Assert.Contains(outcome.Violations, v => v.MessageKey == "Rule_AgendaTooLong" && (int)v.Arguments[2] == 30);
        await using var db = app.CreateDb();
        Assert.Equal(150, (await db.Events.SingleAsync(e => e.Id == created.Value.Id)).DurationMinutes);
    }

    [Fact]
    public async Task EditedPhaseIsKeptInOrder()
    {
        var created = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, Slug()));
        var phases = created.Value!.Phases.OrderBy(p => p.Order).Select(p => new PhaseInput(p.Kind, p.Title, p.DurationMinutes, p.Instructions)).ToList();
        phases[1] = phases[1] with { Title = "Speed-Dating der Perspektiven", DurationMinutes = 15 };

        var outcome = await Events.SaveAgendaAsync(created.Value.Id, phases);

        Assert.True(outcome.Succeeded);
        await using var db = app.CreateDb();
        var stored = await db.AgendaPhases.Where(p => p.EventId == created.Value.Id).OrderBy(p => p.Order).ToListAsync();
        Assert.Equal("Speed-Dating der Perspektiven", stored[1].Title);
        Assert.Equal(145, stored.Sum(p => p.DurationMinutes));
    }

    [Fact]
    public async Task StatusMovesOnlyAlongTheLifecycle()
    {
        var created = await Events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, Slug()));

        var skipped = await Events.ChangeStatusAsync(created.Value!.Id, EventStatus.Finished);

        Assert.Equal("Rule_StatusTransition", Assert.Single(skipped.Violations).MessageKey);
        Assert.True((await Events.ChangeStatusAsync(created.Value.Id, EventStatus.Open)).Succeeded);
    }

    private string German(RuleViolation violation)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new("de");
        try
        {
            return app.Get<IStringLocalizer<SharedResource>>().Localize(violation);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    private async Task<int> CountEventsAsync()
    {
        await using var db = app.CreateDb();
        return await db.Events.CountAsync();
    }

    private static string Slug() => "test-" + Guid.NewGuid().ToString("N")[..10];
}

public sealed class EventRulesTestsOnSqlite(SqliteApp app) : EventRulesTests<SqliteApp>(app);

public sealed class EventRulesTestsOnPostgres(PostgresApp app) : EventRulesTests<PostgresApp>(app);
