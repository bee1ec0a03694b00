using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

/// <summary>Contact details, shown only to the other side of an accepted request.</summary>
public sealed record SharedContact(string Name, string Email, string? Phone);

/// <summary>A creative of the business's room, with the state of the business's request to them, if any.</summary>
public sealed record ContactCandidate(Guid PersonId, string Name, ContactRequestStatus? Status, SharedContact? Contact);

/// <summary>A request to the creative, as the creative sees it.</summary>
public sealed record IncomingRequest(Guid Id, string BusinessName, string AskedBy, ContactRequestStatus Status, SharedContact? Contact);

public enum ContactAnswer
{
    Accept,
    Decline,
}

/// <summary>
/// Contact requests between a business and the creatives of its rooms. Who may ask whom follows from the rooms alone; only the
/// asked creative may answer; contact details leave the database only for an accepted request, and only to its two people.
/// </summary>
public sealed class ContactRequests(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, MagicLinks links, FeedbackMails mails, ILogger<ContactRequests> logger)
{
    /// <summary>The creatives a business's representative sat with in this event, each with the state of the request to them.</summary>
    public async Task<IReadOnlyList<ContactCandidate>> CandidatesAsync(Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var creatives = await RoomCreatives(db, personId, eventId)
            .Select(c => new { Id = c.CreativeId, DisplayName = c.Name })
            .Distinct().ToListAsync(cancellationToken);
        var requests = await db.ContactRequests.AsNoTracking().Include(r => r.To)
            .Where(r => r.EventId == eventId && r.FromPersonId == personId)
            .ToListAsync(cancellationToken);
        return creatives.OrderBy(c => c.DisplayName, StringComparer.Ordinal).Select(c =>
        {
            var request = requests.FirstOrDefault(r => r.ToPersonId == c.Id);
            return new ContactCandidate(c.Id, c.DisplayName, request?.Status, request is { Status: ContactRequestStatus.Accepted } ? Contact(request.To!) : null);
        }).ToList();
    }

    /// <summary>The requests a creative received in this event, with the business's details once they accepted.</summary>
    public async Task<IReadOnlyList<IncomingRequest>> IncomingAsync(Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = await db.ContactRequests.AsNoTracking()
            .Where(r => r.EventId == eventId && r.ToPersonId == personId)
            .Join(db.Businesses, r => r.BusinessId, b => b.Id, (r, b) => new { r.Id, r.CreatedAt, r.Status, r.From, Business = b.Name })
            .ToListAsync(cancellationToken);
        return requests.OrderBy(r => r.CreatedAt).Select(r => new IncomingRequest(r.Id, r.Business, r.From!.DisplayName, r.Status,
            r.Status == ContactRequestStatus.Accepted ? Contact(r.From) : null)).ToList();
    }

    /// <summary>A business's representative asks a creative of their room. Anybody else is refused as unknown; a second request as a duplicate.</summary>
    public async Task<IReadOnlyList<RuleViolation>> AskAsync(Guid personId, Guid eventId, Guid creativeId, string baseUrl, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var businessId = await RoomCreatives(db, personId, eventId)
            .Where(c => c.CreativeId == creativeId)
            .Select(c => (Guid?)c.BusinessId).FirstOrDefaultAsync(cancellationToken);
        if (businessId is null) return [new RuleViolation("", "Contact_NotInRoom")];
        if (await db.ContactRequests.AnyAsync(r => r.EventId == eventId && r.FromPersonId == personId && r.ToPersonId == creativeId, cancellationToken))
            return [new RuleViolation("", "Contact_AlreadyAsked")];

        var now = clock.GetUtcNow();
        var request = new ContactRequest
        {
            Id = Guid.CreateVersion7(now), EventId = eventId, FromPersonId = personId, ToPersonId = creativeId, BusinessId = businessId.Value,
            Status = ContactRequestStatus.Pending, CreatedAt = now,
        };
        db.ContactRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same request posted twice at once: the unique index kept one.
            return [new RuleViolation("", "Contact_AlreadyAsked")];
        }
        var creative = await db.People.AsNoTracking().SingleAsync(p => p.Id == creativeId, cancellationToken);
        var business = await db.Businesses.Where(b => b.Id == businessId).Select(b => b.Name).SingleAsync(cancellationToken);
        var title = await db.Events.Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        var link = await links.IssueAsync(creativeId, eventId, cancellationToken);
        await mails.SendContactRequestAsync(creative, business, title, baseUrl.TrimEnd('/') + link.RelativeUrl, cancellationToken);
        logger.LogInformation("Contact request {RequestId} in event {EventId} sent", request.Id, eventId);
        return [];
    }

    /// <summary>The asked creative answers; anybody else, or a second answer, is refused and changes nothing.</summary>
    public async Task<IReadOnlyList<RuleViolation>> AnswerAsync(Guid personId, Guid eventId, Guid requestId, ContactAnswer answer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var status = answer == ContactAnswer.Accept ? ContactRequestStatus.Accepted : ContactRequestStatus.Declined;
        var changed = await db.ContactRequests
            .Where(r => r.Id == requestId && r.ToPersonId == personId && r.EventId == eventId && r.Status == ContactRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.AnsweredAt, now), cancellationToken);
        if (changed == 0) return [new RuleViolation("", "Contact_CannotAnswer")];

        var request = await db.ContactRequests.AsNoTracking().Include(r => r.From).Include(r => r.To).SingleAsync(r => r.Id == requestId, cancellationToken);
        if (status == ContactRequestStatus.Accepted)
        {
            await mails.SendContactSharedAsync(request.From!, request.To!, cancellationToken);
            await mails.SendContactSharedAsync(request.To!, request.From!, cancellationToken);
        }
        else
        {
            await mails.SendContactDeclinedAsync(request.From!, request.To!.DisplayName, cancellationToken);
        }
        logger.LogInformation("Contact request {RequestId} {Status}", requestId, status);
        return [];
    }

    private static SharedContact Contact(Person person) => new(person.DisplayName, person.Email, person.Phone);

    /// <summary>The seats of the rooms of the business the person represents in this event: the only creatives they may ask.</summary>
    private static IQueryable<RoomSeat> RoomCreatives(TellerrandDb db, Guid personId, Guid eventId) =>
        from p in db.Participations
        where p.PersonId == personId && p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null
        join r in db.Rooms on new { BusinessId = p.BusinessId!.Value, p.EventId } equals new { r.BusinessId, r.EventId }
        from c in r.Creatives
        select new RoomSeat { BusinessId = r.BusinessId, CreativeId = c.PersonId, Name = c.Person!.DisplayName };

    private sealed class RoomSeat
    {
        public Guid BusinessId { get; init; }
        public Guid CreativeId { get; init; }
        public string Name { get; init; } = "";
    }
}
