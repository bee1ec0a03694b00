using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>A room as one of its people sees it: whom they meet and on which challenge.</summary>
public sealed record MyRoom(int Round, int Number, string Business, string Trade, string? Challenge, string? DesiredOutcome,
    IReadOnlyList<RoomMember> Creatives, string? Moderator);

public sealed record RoomMember(string Name, IReadOnlyList<string> Disciplines);

public static class MyRooms
{
    /// <summary>
    /// The confirmed rooms a person sits in at one event — as the business's representative, a creative
    /// or the moderator. Everything is filtered by that person and event, so nobody sees another room.
    /// </summary>
    public static async Task<IReadOnlyList<MyRoom>> ForAsync(TellerrandDb db, Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        var businessIds = await db.Participations
            .Where(p => p.PersonId == personId && p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null)
            .Select(p => p.BusinessId!.Value)
            .ToListAsync(cancellationToken);
        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => r.EventId == eventId
                && (businessIds.Contains(r.BusinessId) || r.ModeratorId == personId || r.Creatives.Any(c => c.PersonId == personId)))
            .Include(r => r.Business).ThenInclude(b => b!.Challenges)
            .Include(r => r.Creatives).ThenInclude(c => c.Person).ThenInclude(p => p!.CreativeProfile)
            .Include(r => r.Moderator)
            .OrderBy(r => r.Round).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken);
        return rooms.Select(r =>
        {
            var challenge = r.Business!.Challenges.FirstOrDefault(c => c.EventId == eventId);
            return new MyRoom(r.Round, r.Number, r.Business.Name, r.Business.Trade, challenge?.Statement, challenge?.DesiredOutcome,
                r.Creatives.Select(c => new RoomMember(c.Person!.DisplayName, c.Person.CreativeProfile?.Disciplines ?? [])).OrderBy(m => m.Name, StringComparer.Ordinal).ToList(),
                r.Moderator?.DisplayName);
        }).ToList();
    }
}
