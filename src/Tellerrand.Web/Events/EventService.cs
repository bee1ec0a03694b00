using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Events;

/// <summary>The details an organiser enters for an event; times are wall-clock at the event's place.</summary>
public sealed record EventDetails(
    Guid ProgrammeId,
    string Title,
    string Slug,
    string? Description,
    DateTime LocalStart,
    string TimeZoneId,
    int DurationMinutes,
    int BusinessCapacity,
    int CreativesPerRoom,
    int Rounds,
    IReadOnlyList<Guid> OrganisationIds);

/// <summary>A phase as the agenda editor hands it in.</summary>
public sealed record PhaseInput(PhaseKind Kind, string Title, int DurationMinutes, string? Instructions);

/// <summary>The outcome of a change: the saved value, or the rules it broke (and then nothing was saved).</summary>
public sealed record Outcome<T>(T? Value, IReadOnlyList<RuleViolation> Violations)
{
    public bool Succeeded => Violations.Count == 0;
    public static Outcome<T> Ok(T value) => new(value, []);
    public static Outcome<T> Failed(IReadOnlyList<RuleViolation> violations) => new(default, violations);
}

/// <summary>Creating events from templates and editing them, with the rules checked before anything is saved.</summary>
public sealed class EventService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock)
{
    /// <summary>Which status may follow which: forward through the lifecycle, and an open event may close and reopen.</summary>
    private static readonly Dictionary<EventStatus, EventStatus[]> Transitions = new()
    {
        [EventStatus.Draft] = [EventStatus.Open],
        [EventStatus.Open] = [EventStatus.Closed, EventStatus.Draft],
        [EventStatus.Closed] = [EventStatus.Open, EventStatus.Live],
        [EventStatus.Live] = [EventStatus.Finished],
        [EventStatus.Finished] = [],
    };

    public static IReadOnlyList<EventStatus> NextStatuses(EventStatus status) => Transitions[status];

    public async Task<Outcome<Event>> CreateFromTemplateAsync(string templateKey, EventDetails details, CancellationToken cancellationToken = default)
    {
        var template = FormatTemplate.Find(templateKey);
        if (template is null)
            return Outcome<Event>.Failed([new RuleViolation("FormatKey", "Rule_TemplateUnknown", templateKey)]);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var violations = await CheckAsync(db, null, details, cancellationToken);
        if (violations.Count > 0) return Outcome<Event>.Failed(violations);

        var now = clock.GetUtcNow();
        var created = new Event
        {
            Id = Guid.CreateVersion7(now),
            FormatKey = template.Key,
            Title = details.Title.Trim(),
            Slug = details.Slug,
            CreatedAt = now,
            Status = EventStatus.Draft,
            ModeratorsPerRoom = template.ModeratorsPerRoom,
            Phases = template.Phases.Select((p, i) => new AgendaPhase
            {
                Id = Guid.CreateVersion7(now),
                Order = i,
                Kind = p.Kind,
                Title = p.Title,
                DurationMinutes = p.DurationMinutes,
                Instructions = p.Instructions,
            }).ToList(),
        };
        await ApplyAsync(db, created, details, cancellationToken);
        var agenda = EventRules.CheckAgenda(created.DurationMinutes, created.Phases.Select(p => (p.Title, p.DurationMinutes)));
        if (agenda.Count > 0) return Outcome<Event>.Failed(agenda);

        db.Events.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Event>.Ok(created);
    }

    public async Task<Outcome<Event>> UpdateDetailsAsync(Guid eventId, EventDetails details, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Events.Include(e => e.Phases).Include(e => e.Organisations)
            .SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (existing is null) return Outcome<Event>.Failed([new RuleViolation("", "Event_NotFound")]);

        var violations = (await CheckAsync(db, eventId, details, cancellationToken)).ToList();
        violations.AddRange(EventRules.CheckAgenda(details.DurationMinutes, existing.Phases.Select(p => (p.Title, p.DurationMinutes))));
        if (violations.Count > 0) return Outcome<Event>.Failed(violations);

        existing.Title = details.Title.Trim();
        existing.Slug = details.Slug;
        await ApplyAsync(db, existing, details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Event>.Ok(existing);
    }

    /// <summary>Replaces the agenda as a whole, in the order given, if it fits the event.</summary>
    public async Task<Outcome<Event>> SaveAgendaAsync(Guid eventId, IReadOnlyList<PhaseInput> phases, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Events.Include(e => e.Phases).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (existing is null) return Outcome<Event>.Failed([new RuleViolation("", "Event_NotFound")]);

        var violations = EventRules.CheckAgenda(existing.DurationMinutes, phases.Select(p => (p.Title, p.DurationMinutes)));
        if (phases.Count == 0) violations = [new RuleViolation("Phases", "Rule_AgendaEmpty")];
        if (violations.Count > 0) return Outcome<Event>.Failed(violations);

        var now = clock.GetUtcNow();
        db.AgendaPhases.RemoveRange(existing.Phases);
        db.AgendaPhases.AddRange(phases.Select((p, i) => new AgendaPhase
        {
            Id = Guid.CreateVersion7(now),
            EventId = eventId,
            Order = i,
            Kind = p.Kind,
            Title = p.Title.Trim(),
            DurationMinutes = p.DurationMinutes,
            Instructions = string.IsNullOrWhiteSpace(p.Instructions) ? null : p.Instructions.Trim(),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Event>.Ok(existing);
    }

    public async Task<Outcome<Event>> ChangeStatusAsync(Guid eventId, EventStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (existing is null) return Outcome<Event>.Failed([new RuleViolation("", "Event_NotFound")]);
        if (!Transitions[existing.Status].Contains(status))
            return Outcome<Event>.Failed([new RuleViolation("Status", "Rule_StatusTransition", existing.Status, status)]);
        existing.Status = status;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Event>.Ok(existing);
    }

    /// <summary>Deletes an event that has not run; a live or finished event holds results and stays.</summary>
    public async Task<IReadOnlyList<RuleViolation>> DeleteAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (existing is null) return [new RuleViolation("", "Event_NotFound")];
        if (existing.Status is EventStatus.Live or EventStatus.Finished)
            return [new RuleViolation("", "Event_CannotDeleteHeld")];
        db.Events.Remove(existing);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private static async Task<List<RuleViolation>> CheckAsync(TellerrandDb db, Guid? eventId, EventDetails details, CancellationToken cancellationToken)
    {
        var violations = EventRules.CheckDetails(details.Title, details.Slug, details.TimeZoneId,
            details.DurationMinutes, details.BusinessCapacity, details.CreativesPerRoom, details.Rounds).ToList();
        if (EventSlug.IsValid(details.Slug) && await db.Events.AnyAsync(e => e.Slug == details.Slug && e.Id != eventId, cancellationToken))
            violations.Add(new RuleViolation("Slug", "Rule_SlugTaken", details.Slug));
        if (!await db.Programmes.AnyAsync(p => p.Id == details.ProgrammeId, cancellationToken))
            violations.Add(new RuleViolation("ProgrammeId", "Rule_ProgrammeRequired"));
        return violations;
    }

    private static async Task ApplyAsync(TellerrandDb db, Event target, EventDetails details, CancellationToken cancellationToken)
    {
        target.ProgrammeId = details.ProgrammeId;
        target.Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        target.TimeZoneId = details.TimeZoneId;
        target.StartsAt = EventTimeZones.ToUtc(details.LocalStart, details.TimeZoneId);
        target.DurationMinutes = details.DurationMinutes;
        target.BusinessCapacity = details.BusinessCapacity;
        target.CreativesPerRoom = details.CreativesPerRoom;
        target.Rounds = details.Rounds;
        target.Organisations = await db.Organisations.Where(o => details.OrganisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
    }
}
