using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Events;

/// <summary>What anybody may know about a published event. It holds no personal data by construction.</summary>
public sealed record PublicEvent(
    string Title,
    string Slug,
    string? Description,
    DateTimeOffset StartsAt,
    DateTime LocalStart,
    string TimeZone,
    int DurationMinutes,
    string Status,
    string Programme,
    IReadOnlyList<PublicPhase> Phases,
    IReadOnlyList<PublicOrganisation> Organisations);

public sealed record PublicPhase(string Kind, string Title, int DurationMinutes, DateTime LocalStart, string? Instructions);

public sealed record PublicOrganisation(string Name, string Kind, string? Website);

public static class PublicEvents
{
    /// <summary>Drafts are not public: an organiser may still change everything about them.</summary>
    public static async Task<PublicEvent?> FindAsync(TellerrandDb db, string slug, CancellationToken cancellationToken)
    {
        if (!EventSlug.IsValid(slug)) return null;
        var found = await db.Events.AsNoTracking()
            .Include(e => e.Phases)
            .Include(e => e.Organisations)
            .Include(e => e.Programme)
            .Where(e => e.Slug == slug && e.Status != EventStatus.Draft)
            .SingleOrDefaultAsync(cancellationToken);
        return found?.AsPublicEvent();
    }

    public static PublicEvent AsPublicEvent(this Event e)
    {
        var localStart = EventTimeZones.ToLocal(e.StartsAt, e.TimeZoneId);
        var phaseStart = localStart;
        var phases = new List<PublicPhase>();
        foreach (var phase in e.Phases.OrderBy(p => p.Order))
        {
            phases.Add(new PublicPhase(phase.Kind.ToString(), phase.Title, phase.DurationMinutes, phaseStart, phase.Instructions));
            phaseStart = phaseStart.AddMinutes(phase.DurationMinutes);
        }
        return new PublicEvent(e.Title, e.Slug, e.Description, e.StartsAt, localStart, e.TimeZoneId, e.DurationMinutes,
            e.Status.ToString(), e.Programme?.Title ?? "", phases,
            e.Organisations.OrderBy(o => o.Name).Select(o => new PublicOrganisation(o.Name, o.Kind.ToString(), o.Website)).ToList());
    }
}
