using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Registration;

/// <summary>
/// The places of an event. Whoever gives one (a confirmation click, an organiser's acceptance) first
/// takes the event's write lock inside their transaction, then counts: so two people confirming at the
/// same moment can never both take the last place.
/// </summary>
internal static class EventPlaces
{
    /// <summary>Statuses that take a place; Registered does not count until it is confirmed.</summary>
    public static readonly ParticipationStatus[] TakingAPlace = [ParticipationStatus.Confirmed, ParticipationStatus.Accepted];

    /// <summary>
    /// A no-op update of the event row, which PostgreSQL answers with a row lock and SQLite with the
    /// database write lock; either way the next taker waits for this transaction to end.
    /// </summary>
    public static Task LockAsync(TellerrandDb db, Guid eventId, CancellationToken cancellationToken) =>
        db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, e => e.Status), cancellationToken);

    public static async Task<bool> IsFullAsync(TellerrandDb db, Event e, EventRole role, CancellationToken cancellationToken)
    {
        var capacity = role == EventRole.Creative ? e.CreativeCapacity : e.BusinessCapacity;
        var taken = await db.Participations.CountAsync(p => p.EventId == e.Id && p.Role == role && TakingAPlace.Contains(p.Status), cancellationToken);
        return taken >= capacity;
    }
}
