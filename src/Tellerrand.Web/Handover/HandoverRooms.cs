using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tellerrand.Handover;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Handover;

/// <summary>A room's results as its page shows them: which room, whether they are final yet, and the package when they are.</summary>
/// <param name="RoomId">The room.</param>
/// <param name="EventTitle">The room's event.</param>
/// <param name="Number">The room's number in its round.</param>
/// <param name="Business">The business the room worked for.</param>
/// <param name="Challenge">The business's challenge, if it entered one.</param>
/// <param name="Final">Whether the event froze the results (AZ7); before that there is nothing to download.</param>
public sealed record RoomResultsInfo(Guid RoomId, string EventTitle, int Number, string Business, string? Challenge, bool Final);

/// <summary>
/// Reads what a results package is made of — the room's final board from the board log, its people (named only with their
/// consent), the challenge and the agenda's methods — and decides who may see a room's results: exactly those who may open
/// its board (AZ1), so the results and the board never disagree about access.
/// </summary>
public sealed class HandoverRooms(
    IDbContextFactory<TellerrandDb> dbs,
    BoardRooms boards,
    BoardLogStore boardLog,
    IStringLocalizer<RegistrationText> registrationText)
{
    /// <summary>
    /// The room <paramref name="user"/> may see the results of, or null when the room is unknown or not theirs; both look the
    /// same, so a refusal does not reveal another business's room.
    /// </summary>
    public async Task<RoomResultsInfo?> FindAsync(ClaimsPrincipal user, Guid roomId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var room = await db.Rooms.AsNoTracking()
            .Where(r => r.Id == roomId)
            .Select(r => new { r.Id, r.BoardId, r.EventId, r.BusinessId, r.Number, Business = r.Business!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (room is null || await boards.ActorAsync(user, room.BoardId, cancellationToken) is null)
        {
            return null;
        }
        var ev = await db.Events.AsNoTracking().Where(e => e.Id == room.EventId)
            .Select(e => new { e.Title, e.ResultsFrozenAt }).SingleAsync(cancellationToken);
        var challenge = await db.Challenges.AsNoTracking()
            .Where(c => c.EventId == room.EventId && c.BusinessId == room.BusinessId)
            .Select(c => c.Statement)
            .FirstOrDefaultAsync(cancellationToken);
        return new RoomResultsInfo(room.Id, ev.Title, room.Number, room.Business, challenge, ev.ResultsFrozenAt is not null);
    }

    /// <summary>The package of one room, in <paramref name="culture"/>. Only call it for a room whose access was checked.</summary>
    public async Task<RoomResults> LoadAsync(Guid roomId, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var room = await db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomId, cancellationToken);
        var ev = await db.Events.AsNoTracking().Include(e => e.Phases).SingleAsync(e => e.Id == room.EventId, cancellationToken);
        return await ResultsAsync(db, ev, room, culture, cancellationToken);
    }

    /// <summary>
    /// The packages of every room of <paramref name="eventId"/> in round and number order, each loaded only when the caller
    /// asks for it, so an event's archive never holds all its boards at once.
    /// </summary>
    public async IAsyncEnumerable<RoomResults> EventAsync(Guid eventId, CultureInfo culture, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ev = await db.Events.AsNoTracking().Include(e => e.Phases).SingleAsync(e => e.Id == eventId, cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId)
            .OrderBy(r => r.Round).ThenBy(r => r.Number).ToListAsync(cancellationToken);
        foreach (var room in rooms)
        {
            yield return await ResultsAsync(db, ev, room, culture, cancellationToken);
        }
    }

    private async Task<RoomResults> ResultsAsync(TellerrandDb db, Event ev, Matching.Room room, CultureInfo culture, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == room.BusinessId).Select(b => b.Name).SingleAsync(cancellationToken);
        var challenge = await db.Challenges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.EventId == room.EventId && c.BusinessId == room.BusinessId, cancellationToken);
        var board = (await boardLog.LoadAsync(room.BoardId, cancellationToken)).Authority.TakeSnapshot();
        var people = await PeopleAsync(db, room, cancellationToken);

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        string category;
        try
        {
            category = challenge is null ? "" : registrationText["Category_" + challenge.Category];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        var handover = new RoomHandover(
            board,
            ev.Title,
            DateOnly.FromDateTime(EventTimeZones.ToLocal(ev.StartsAt, ev.TimeZoneId)),
            business,
            new RoomChallenge(challenge?.Statement ?? "", category, challenge?.DesiredOutcome ?? ""),
            people,
            // The agenda's phases with instructions are the methods the room used; the instructions say how to run them again.
            [.. ev.Phases.OrderBy(p => p.Order).Where(p => !string.IsNullOrWhiteSpace(p.Instructions)).Select(p => new WorkshopMethod(p.Title, p.Instructions!))],
            // A deleted author is no longer among the people, so their notes stay on the board without a name.
            RoomHandover.AuthorsOf(board));
        return RoomResults.Create(handover, culture);
    }

    /// <summary>The room's business representatives, creatives and moderator, with whether each agreed to be named on exported boards.</summary>
    private static async Task<ImmutableArray<RoomPerson>> PeopleAsync(TellerrandDb db, Matching.Room room, CancellationToken cancellationToken)
    {
        var seats = (await RoomPeopleAsync(db, room.Id, cancellationToken)).ToList();
        var ids = seats.Select(s => s.PersonId).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var named = await db.Consents.AsNoTracking()
            .Where(c => ids.Contains(c.PersonId) && c.Purpose == ConsentPurpose.NameOnExportedBoards && c.Granted && c.WithdrawnAt == null
                && (c.EventId == null || c.EventId == room.EventId))
            .Select(c => c.PersonId)
            .ToListAsync(cancellationToken);
        return [.. seats.Where(s => names.ContainsKey(s.PersonId))
            .Select(s => new RoomPerson(BoardRooms.ParticipantId(s.PersonId), names[s.PersonId], s.Role, named.Contains(s.PersonId)))];
    }

    /// <summary>Who sits in a room and as what: the business's representatives, the creatives, the moderator — each once.</summary>
    internal static async Task<IReadOnlyList<(Guid PersonId, RoomRole Role)>> RoomPeopleAsync(TellerrandDb db, Guid roomId, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == roomId)
            .Select(r => new { r.EventId, r.BusinessId, r.ModeratorId, Creatives = r.Creatives.Select(c => c.PersonId).ToList() })
            .SingleAsync(cancellationToken);
        var representatives = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == room.EventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId == room.BusinessId)
            .OrderBy(p => p.RegisteredAt)
            .Select(p => p.PersonId)
            .ToListAsync(cancellationToken);
        return representatives.Select(id => (id, RoomRole.Business))
            .Concat(room.Creatives.Order().Select(id => (id, RoomRole.Creative)))
            .Concat(room.ModeratorId is { } moderator ? [(moderator, RoomRole.Moderator)] : [])
            .DistinctBy(s => s.Item1)
            .ToList();
    }
}
