using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Live;

/// <summary>A person admitted to an event's lobby, taken from their magic-link session, never from a message.</summary>
public sealed record LiveMember(Guid PersonId, Guid EventId);

/// <summary>
/// Who may be in a live event's lobby: a person whose magic link for that event is still active and who takes part in
/// it (not withdrawn or declined) or sits in one of its rooms. Everybody else, and every other event, is refused alike.
/// </summary>
public sealed class LiveAccess(IDbContextFactory<TellerrandDb> dbs, MagicLinks links)
{
    public async Task<LiveMember?> MemberAsync(ClaimsPrincipal user, Guid eventId, CancellationToken cancellationToken = default)
    {
        if (user.PersonId() is not { } personId || user.EventId() != eventId || !await LinkActiveAsync(user, cancellationToken))
        {
            return null;
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var takesPart = await db.Participations.AnyAsync(p => p.EventId == eventId && p.PersonId == personId
                && p.Status != ParticipationStatus.Withdrawn && p.Status != ParticipationStatus.Declined, cancellationToken)
            || await db.Rooms.AnyAsync(r => r.EventId == eventId && (r.ModeratorId == personId || r.Creatives.Any(c => c.PersonId == personId)), cancellationToken);
        return takesPart ? new LiveMember(personId, eventId) : null;
    }

    // A hub connection keeps the principal it opened with; checking the link again makes revoking it end the lobby too.
    private async Task<bool> LinkActiveAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.Identities
            .Where(i => i.AuthenticationType == ParticipantSession.Scheme)
            .Select(i => i.FindFirst(ParticipantSession.LinkClaim)?.Value)
            .FirstOrDefault(v => v is not null) is { } value
        && Guid.TryParse(value, out var linkId)
        && await links.IsActiveAsync(linkId, cancellationToken);
}
