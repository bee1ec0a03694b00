using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Matching;

/// <summary>An app on SQLite with a real SMTP server, for the matching tests that follow mail.</summary>
public sealed class MatchingSqliteApp : SqliteApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => Smtp.Settings;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>An app on PostgreSQL with a real SMTP server.</summary>
public sealed class MatchingPostgresApp : PostgresApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => Smtp.Settings;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public static class MatchingEvents
{
    /// <summary>
    /// A new event of its own for one test, with the demo's people: its first <paramref name="businesses"/> businesses
    /// (with their challenges), all ten creatives and five moderators, and the given number of rounds. Its title is
    /// unique, so the test can pick its own mails out of the SMTP server.
    /// </summary>
    public static async Task<Event> CopyOfDemoAsync(TellerrandApp app, int rounds = 1, int businesses = 5)
    {
        await using var db = app.CreateDb();
        var demo = await db.Events.AsNoTracking().SingleAsync(e => e.Slug == DemoProgramme.EventSlug);
        var copy = new Event
        {
            Id = Guid.NewGuid(),
            ProgrammeId = demo.ProgrammeId,
            Title = $"Matching-Probe {Guid.NewGuid():N}",
            Slug = $"matching-{Guid.NewGuid():N}"[..30],
            Description = demo.Description,
            StartsAt = demo.StartsAt,
            TimeZoneId = demo.TimeZoneId,
            DurationMinutes = demo.DurationMinutes,
            FormatKey = demo.FormatKey,
            BusinessCapacity = demo.BusinessCapacity,
            CreativesPerRoom = demo.CreativesPerRoom,
            ModeratorsPerRoom = demo.ModeratorsPerRoom,
            Rounds = rounds,
            Status = EventStatus.Open,
            CreatedAt = demo.CreatedAt,
        };
        db.Events.Add(copy);
        var participations = await db.Participations.AsNoTracking().Where(p => p.EventId == demo.Id)
            .OrderBy(p => p.RegisteredAt).ThenBy(p => p.Id).ToListAsync();
        var keptBusinesses = participations.Where(p => p.Role == EventRole.BusinessRepresentative).Select(p => p.BusinessId!.Value).Take(businesses).ToHashSet();
        foreach (var p in participations.Where(p => p.Role != EventRole.BusinessRepresentative || keptBusinesses.Contains(p.BusinessId!.Value)))
        {
            db.Participations.Add(new EventParticipation
            {
                Id = Guid.NewGuid(), EventId = copy.Id, PersonId = p.PersonId, BusinessId = p.BusinessId, Role = p.Role, Status = p.Status, RegisteredAt = p.RegisteredAt,
            });
        }
        foreach (var challenge in await db.Challenges.AsNoTracking().Where(c => c.EventId == demo.Id && keptBusinesses.Contains(c.BusinessId)).ToListAsync())
        {
            db.Challenges.Add(new Challenge
            {
                Id = Guid.NewGuid(), BusinessId = challenge.BusinessId, EventId = copy.Id, Statement = challenge.Statement,
                Category = challenge.Category, DesiredOutcome = challenge.DesiredOutcome,
            });
        }
        await db.SaveChangesAsync();
        return copy;
    }
}
