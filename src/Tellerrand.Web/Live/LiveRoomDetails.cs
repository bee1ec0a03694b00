using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Matching;

namespace Tellerrand.Web.Live;

/// <summary>One room of an event as its people see it in the lobby, looked up by the room (a live move may put a person anywhere).</summary>
public static class LiveRoomDetails
{
    public static async Task<MyRoom?> ForAsync(TellerrandDb db, Guid eventId, Guid roomId, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking()
            .Where(r => r.Id == roomId && r.EventId == eventId)
            .Include(r => r.Business).ThenInclude(b => b!.Challenges)
            .Include(r => r.Creatives).ThenInclude(c => c.Person).ThenInclude(p => p!.CreativeProfile)
            .Include(r => r.Moderator)
            .FirstOrDefaultAsync(cancellationToken);
        if (room is null)
        {
            return null;
        }
        var challenge = room.Business!.Challenges.FirstOrDefault(c => c.EventId == eventId);
        return new MyRoom(room.Round, room.Number, room.Business.Name, room.Business.Trade, challenge?.Statement, challenge?.DesiredOutcome,
            [.. room.Creatives.Select(c => new RoomMember(c.Person!.DisplayName, c.Person.CreativeProfile?.Disciplines ?? [])).OrderBy(m => m.Name, StringComparer.Ordinal)],
            room.Moderator?.DisplayName);
    }
}
