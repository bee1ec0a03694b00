using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Registration;

/// <summary>What an organiser decides about one application; each decision tells the person by e-mail.</summary>
public enum ReviewDecision
{
    /// <summary>A place: from the waiting list, from a confirmed registration, or after a decline. Needs a free place.</summary>
    Accept,
    Waitlist,
    Decline,
}

/// <summary>One application as the organiser's list shows it.</summary>
public sealed record RegistrationRow(
    Guid ParticipationId, Guid PersonId, string Name, string Email, string? Company, string? Trade, string? TradeKey,
    IReadOnlyList<string> Disciplines, EventRole Role, ParticipationStatus Status, IReadOnlyList<int> AvailableRounds,
    string? Note, DateTimeOffset RegisteredAt)
{
    /// <summary>The decisions that make sense from the current status; a withdrawn application is the person's own choice.</summary>
    public IReadOnlyList<ReviewDecision> PossibleDecisions => Status switch
    {
        ParticipationStatus.Registered => [ReviewDecision.Decline],
        ParticipationStatus.Confirmed => [ReviewDecision.Accept, ReviewDecision.Waitlist, ReviewDecision.Decline],
        ParticipationStatus.Accepted => [ReviewDecision.Waitlist, ReviewDecision.Decline],
        ParticipationStatus.Waitlisted => [ReviewDecision.Accept, ReviewDecision.Decline],
        ParticipationStatus.Declined => [ReviewDecision.Accept, ReviewDecision.Waitlist],
        _ => [],
    };
}

/// <summary>The organiser's filters; empty means "all".</summary>
public sealed record ReviewFilter(EventRole? Role = null, string? Trade = null, string? Discipline = null, ParticipationStatus? Status = null)
{
    public bool Matches(RegistrationRow row) =>
        (Role is null || row.Role == Role)
        && (string.IsNullOrEmpty(Trade) || row.TradeKey == Trade || string.Equals(row.Trade, Trade, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Discipline) || row.Disciplines.Contains(Discipline))
        && (Status is null || row.Status == Status);
}

/// <summary>
/// The organiser's review of an event's applications: the filtered list, decisions with a mail to the
/// person, and notes. Every query is bound to the event in the address, so an id from another event is not found.
/// </summary>
public sealed class RegistrationReview(
    IDbContextFactory<TellerrandDb> dbFactory,
    MagicLinks links,
    RegistrationMails mails,
    ILogger<RegistrationReview> logger)
{
    public const int NoteMaxLength = 2000;

    /// <summary>All applications of the event (businesses and creatives), waiting list in the order people confirmed.</summary>
    public async Task<IReadOnlyList<RegistrationRow>> ListAsync(Guid eventId, ReviewFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && (p.Role == EventRole.BusinessRepresentative || p.Role == EventRole.Creative))
            .OrderBy(p => p.Role).ThenBy(p => p.RegisteredAt)
            .Select(p => new
            {
                p.Id, p.PersonId, p.Person!.DisplayName, p.Person.Email, Company = p.Business != null ? p.Business.Name : null,
                Trade = p.Business != null ? p.Business.Trade : null, TradeKey = p.Business != null ? p.Business.TradeKey : null,
                Disciplines = p.Role == EventRole.Creative && p.Person.CreativeProfile != null ? p.Person.CreativeProfile.Disciplines : null,
                p.Role, p.Status, p.AvailableRounds, p.OrganiserNote, p.RegisteredAt,
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(p => new RegistrationRow(p.Id, p.PersonId, p.DisplayName, p.Email, p.Company, p.Trade, p.TradeKey, p.Disciplines ?? [],
                p.Role, p.Status, p.AvailableRounds, p.OrganiserNote, p.RegisteredAt))
            .Where(filter is null ? _ => true : filter.Matches)
            .ToList();
    }

    public async Task<RegistrationRow?> FindAsync(Guid eventId, Guid participationId, CancellationToken cancellationToken = default) =>
        (await ListAsync(eventId, null, cancellationToken)).SingleOrDefault(r => r.ParticipationId == participationId);

    /// <summary>
    /// Applies the decision and mails the person in their language: acceptance with a fresh personal link and
    /// the calendar file, waiting list or decline with a friendly word. Acceptance holds the event's lock
    /// while it counts, like a confirmation does.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> DecideAsync(Guid eventId, Guid participationId, ReviewDecision decision, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EventPlaces.LockAsync(db, eventId, cancellationToken);
        var participation = await db.Participations.Include(p => p.Person).Include(p => p.Event)
            .SingleOrDefaultAsync(p => p.Id == participationId && p.EventId == eventId
                && (p.Role == EventRole.BusinessRepresentative || p.Role == EventRole.Creative), cancellationToken);
        if (participation is null) return [new RuleViolation("", "Registration_NotFound")];
        var row = new RegistrationRow(participation.Id, participation.PersonId, "", "", null, null, null, [], participation.Role, participation.Status, [], null, participation.RegisteredAt);
        if (!row.PossibleDecisions.Contains(decision))
            return [new RuleViolation("", "Review_NotPossible")];

        var ev = participation.Event!;
        var hadPlace = EventPlaces.TakingAPlace.Contains(participation.Status);
        if (decision == ReviewDecision.Accept && !hadPlace && await EventPlaces.IsFullAsync(db, ev, participation.Role, cancellationToken))
            return [new RuleViolation("", "Review_Full")];

        participation.Status = decision switch
        {
            ReviewDecision.Accept => ParticipationStatus.Accepted,
            ReviewDecision.Waitlist => ParticipationStatus.Waitlisted,
            _ => ParticipationStatus.Declined,
        };
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Participation {ParticipationId} in event {EventId} is now {Status} by an organiser's decision", participation.Id, eventId, participation.Status);

        var person = participation.Person!;
        var link = await links.IssueAsync(person.Id, eventId, cancellationToken);
        var personalLink = RegistrationService.Combine(baseUrl, link.RelativeUrl.TrimStart('/'));
        switch (decision)
        {
            case ReviewDecision.Accept:
                await mails.SendConfirmedAsync(person, ev, personalLink, RegistrationService.Combine(baseUrl, $"events/{ev.Slug}"), cancellationToken);
                break;
            case ReviewDecision.Waitlist:
                await mails.SendMovedToWaitlistAsync(person, ev, personalLink, cancellationToken);
                break;
            default:
                await mails.SendDeclinedAsync(person, ev, cancellationToken);
                break;
        }
        return [];
    }

    /// <summary>The organisers' note on an application; empty removes it. Markup is kept as typed and shown encoded.</summary>
    public async Task<IReadOnlyList<RuleViolation>> SaveNoteAsync(Guid eventId, Guid participationId, string? note, CancellationToken cancellationToken = default)
    {
        var cleaned = FormText.Block(note);
        if (cleaned is { Length: > NoteMaxLength })
            return [new RuleViolation("Note", "Registration_TooLong", new FieldLabel("Field_Note"), NoteMaxLength, cleaned.Length)];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Participations.Where(p => p.Id == participationId && p.EventId == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganiserNote, cleaned), cancellationToken);
        return changed == 0 ? [new RuleViolation("", "Registration_NotFound")] : [];
    }
}
