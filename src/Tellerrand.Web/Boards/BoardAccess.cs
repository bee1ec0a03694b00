using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Boards;

/// <summary>
/// Who may open a board and as what (docs/board-protocol.md AZ1): the room's business, its creatives and its moderator,
/// and organisers at moderator level. Derived from the authenticated connection and the room, never from a message.
/// </summary>
public sealed class BoardRooms(IDbContextFactory<TellerrandDb> dbs, IAuthorizationService authorization, MagicLinks links)
{
    /// <summary>
    /// The actor <paramref name="user"/> is on <paramref name="boardId"/>, or null when the board is unknown or belongs to a
    /// room the user is not part of; both look the same to the caller, so a refusal does not reveal that a board exists.
    /// </summary>
    public async Task<BoardActor?> ActorAsync(ClaimsPrincipal user, Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        var room = await db.Rooms.AsNoTracking()
            .Where(r => r.BoardId == boardId)
            .Select(r => new { r.Id, r.EventId, r.BusinessId, r.ModeratorId })
            .FirstOrDefaultAsync(cancellationToken);
        if (room is null)
        {
            return null;
        }

        if (user.PersonId() is { } personId && user.EventId() == room.EventId && await LinkActiveAsync(user, cancellationToken))
        {
            if (personId == room.ModeratorId)
            {
                return new BoardActor(ParticipantId(personId), BoardRole.Moderator);
            }
            var inRoom = await db.Set<Matching.RoomCreative>().AnyAsync(c => c.RoomId == room.Id && c.PersonId == personId, cancellationToken)
                || await db.Participations.AnyAsync(p => p.EventId == room.EventId && p.PersonId == personId
                    && p.Role == EventRole.BusinessRepresentative && p.BusinessId == room.BusinessId, cancellationToken);
            if (inRoom)
            {
                return new BoardActor(ParticipantId(personId), BoardRole.Participant);
            }
        }

        if (StaffUserId(user) is { } staffUserId)
        {
            var staffPerson = await db.People.AsNoTracking()
                .Where(p => p.StaffUserId == staffUserId)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var isModerator = staffPerson is not null && staffPerson == room.ModeratorId;
            if (isModerator || (await authorization.AuthorizeAsync(user, StaffRoles.OrganisePolicy)).Succeeded)
            {
                return new BoardActor(staffPerson is { } id ? ParticipantId(id) : staffUserId, BoardRole.Moderator);
            }
        }
        return null;
    }

    /// <summary>
    /// The challenge statement a new board of <paramref name="boardId"/> starts with: the business's challenge for the
    /// room's event, empty when it has none, null when no room has this board.
    /// </summary>
    public async Task<string?> ChallengeOfBoardAsync(Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        var room = await db.Rooms.AsNoTracking()
            .Where(r => r.BoardId == boardId)
            .Select(r => new { r.EventId, r.BusinessId })
            .FirstOrDefaultAsync(cancellationToken);
        if (room is null)
        {
            return null;
        }
        return await db.Challenges.AsNoTracking()
            .Where(c => c.EventId == room.EventId && c.BusinessId == room.BusinessId)
            .Select(c => c.Statement)
            .FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
    }

    /// <summary>Whether the results of <paramref name="boardId"/>'s room are final (AZ7): its event froze them.</summary>
    public async Task<bool> ResultsFrozenAsync(Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        return await db.Rooms.AsNoTracking()
            .Where(r => r.BoardId == boardId)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => e.ResultsFrozenAt)
            .AnyAsync(frozen => frozen != null, cancellationToken);
    }

    /// <summary>
    /// What the board page shows about its room: number, business, and the names of the room's people by their board
    /// participant id (for presence and cursors). Only called after <see cref="ActorAsync"/> admitted the caller.
    /// </summary>
    public async Task<BoardRoomInfo?> RoomOfBoardAsync(Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        var room = await db.Rooms.AsNoTracking()
            .Where(r => r.BoardId == boardId)
            .Select(r => new { r.Id, r.Number, r.EventId, r.BusinessId, Business = r.Business!.Name, r.ModeratorId })
            .FirstOrDefaultAsync(cancellationToken);
        if (room is null)
        {
            return null;
        }
        var creatives = db.Set<Matching.RoomCreative>().Where(c => c.RoomId == room.Id).Select(c => c.PersonId);
        var representatives = db.Participations
            .Where(p => p.EventId == room.EventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId == room.BusinessId)
            .Select(p => p.PersonId);
        var people = await db.People.AsNoTracking()
            .Where(p => p.Id == room.ModeratorId || creatives.Contains(p.Id) || representatives.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName })
            .ToListAsync(cancellationToken);
        return new BoardRoomInfo(room.EventId, room.Number, room.Business, people.ToDictionary(p => ParticipantId(p.Id), p => p.DisplayName));
    }

    // A hub connection keeps the principal it opened with; checking the link again makes revoking it end board access
    // on open connections too, as it ends the cookie session on the next request.
    private async Task<bool> LinkActiveAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.Identities
            .Where(i => i.AuthenticationType == ParticipantSession.Scheme)
            .Select(i => i.FindFirst(ParticipantSession.LinkClaim)?.Value)
            .FirstOrDefault(v => v is not null) is { } value
        && Guid.TryParse(value, out var linkId)
        && await links.IsActiveAsync(linkId, cancellationToken);

    // Participant ids on the board are 32-character Guids (docs/board-protocol.md §1, vote ids).
    internal static string ParticipantId(Guid personId) => personId.ToString("N");

    private static string? StaffUserId(ClaimsPrincipal user) =>
        user.Identities
            .Where(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme)
            .Select(i => i.FindFirst(ClaimTypes.NameIdentifier)?.Value)
            .FirstOrDefault(id => id is not null);
}

/// <summary>A board's room as its page shows it.</summary>
/// <param name="EventId">The event the room belongs to.</param>
/// <param name="Number">The room's number in its round.</param>
/// <param name="Business">The business the room works for.</param>
/// <param name="Names">Display names of the room's people by board participant id.</param>
public sealed record BoardRoomInfo(Guid EventId, int Number, string Business, IReadOnlyDictionary<string, string> Names);
