using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>A room as one of its people sees it: whom they meet and on which challenge.</summary>
public sealed record MyRoom(int Round, int Number, string Business, string Trade, string? Challenge, string? DesiredOutcome,
    IReadOnlyList<RoomMember> Creatives, string? Moderator);

/// <summary>
/// A creative as the others in the room see them: only the profile they entered to be shown for the joint work
/// (disciplines, and the optional portfolio link and short bio), never contact details, organisation or interests.
/// </summary>
public sealed record RoomMember(string Name, IReadOnlyList<string> Disciplines, string? PortfolioUrl, string? Bio);

public static class MyRooms
{
    /// <summary>A discipline key's name in the reader's language; an unknown key is shown as it is.</summary>
    public static string DisciplineName(string key) => Disciplines.All.FirstOrDefault(d => d.Key == key)?.Name ?? key;

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
                r.Creatives.Select(c => new RoomMember(c.Person!.DisplayName, c.Person.CreativeProfile?.Disciplines ?? [],
                    c.Person.CreativeProfile?.PortfolioUrl, c.Person.CreativeProfile?.Bio)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList(),
                r.Moderator?.DisplayName);
        }).ToList();
    }
}
