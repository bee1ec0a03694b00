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
        var rooms = await WithPeople(await SeatedAsync(db, personId, eventId, cancellationToken))
            .OrderBy(r => r.Round).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken);
        return rooms.Select(Describe).ToList();
    }

    /// <summary>The rooms of one event the person sits in, in any role; what <see cref="ForAsync"/> shows and a data export lists.</summary>
    public static async Task<IQueryable<Room>> SeatedAsync(TellerrandDb db, Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        var businessIds = await db.Participations
            .Where(p => p.PersonId == personId && p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null)
            .Select(p => p.BusinessId!.Value)
            .ToListAsync(cancellationToken);
        return db.Rooms.AsNoTracking()
            .Where(r => r.EventId == eventId
                && (businessIds.Contains(r.BusinessId) || r.ModeratorId == personId || r.Creatives.Any(c => c.PersonId == personId)));
    }

    /// <summary>Loads what <see cref="Describe"/> shows: the business and its challenges, the creatives' profiles, the moderator.</summary>
    public static IQueryable<Room> WithPeople(IQueryable<Room> rooms) => rooms
        .Include(r => r.Business).ThenInclude(b => b!.Challenges)
        .Include(r => r.Creatives).ThenInclude(c => c.Person).ThenInclude(p => p!.CreativeProfile)
        .Include(r => r.Moderator);

    /// <summary>A room loaded <see cref="WithPeople"/>, as its people see it.</summary>
    public static MyRoom Describe(Room room)
    {
        var challenge = room.Business!.Challenges.FirstOrDefault(c => c.EventId == room.EventId);
        return new MyRoom(room.Round, room.Number, room.Business.Name, room.Business.Trade, challenge?.Statement, challenge?.DesiredOutcome,
            room.Creatives.Select(c => new RoomMember(c.Person!.DisplayName, c.Person.CreativeProfile?.Disciplines ?? [],
                c.Person.CreativeProfile?.PortfolioUrl, c.Person.CreativeProfile?.Bio)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList(),
            room.Moderator?.DisplayName);
    }
}
