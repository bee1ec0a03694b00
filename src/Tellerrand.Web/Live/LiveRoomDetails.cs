using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Matching;

namespace Tellerrand.Web.Live;

/// <summary>One room of an event as its people see it in the lobby, looked up by the room (a live move may put a person anywhere).</summary>
public static class LiveRoomDetails
{
    public static async Task<MyRoom?> ForAsync(TellerrandDb db, Guid eventId, Guid roomId, CancellationToken cancellationToken)
    {
        var room = await MyRooms.WithPeople(db.Rooms.AsNoTracking().Where(r => r.Id == roomId && r.EventId == eventId))
            .FirstOrDefaultAsync(cancellationToken);
        return room is null ? null : MyRooms.Describe(room);
    }
}
