using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>How one room changes when a proposal is published over the rooms already published.</summary>
/// <param name="Dropped">The business has no room in this round any more; the room and its board go.</param>
/// <param name="HasWork">Somebody has already written on the room's board.</param>
public sealed record RoomChange(int Round, string Business, IReadOnlyList<string> Leaving, IReadOnlyList<string> Joining, bool ModeratorChanges,
    bool Dropped, bool HasWork);

/// <summary>What publishing a proposal would do, shown to the organiser before anything changes.</summary>
public sealed record PublicationPlan(bool Locked, DateTimeOffset? PublishedAt, int Unchanged, IReadOnlyList<RoomChange> Changes)
{
    /// <summary>Publishing would delete a board somebody has worked on: it needs a confirmation of its own.</summary>
    public bool DropsWork => Changes.Any(c => c.Dropped && c.HasWork);

    /// <summary>Once locked, any change needs a confirmation; the first publication does not.</summary>
    public bool NeedsConfirmation => Locked && Changes.Count > 0;
}

/// <summary>The result of publishing: the rooms now published and the people whose rooms changed (and only they get mail).</summary>
public sealed record Publication(bool Done, PublicationPlan Plan, int Rooms, IReadOnlySet<Guid> PeopleToTell);

/// <summary>
/// Writes a proposal as the event's rooms and locks them. A room is one business in one round; a republished room that
/// keeps its business and round keeps its id, number and board (so the board's work stays with the challenge), and
/// people whose rooms did not change are not told again. Dropping a room whose board holds work needs an explicit yes.
/// </summary>
public sealed class RoomPublisher(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, AccessRevocations revocations)
{
    public async Task<bool> IsLockedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MatchingLocks.AnyAsync(l => l.EventId == eventId, cancellationToken);
    }

    /// <summary>What publishing <paramref name="proposal"/> would change; changes nothing.</summary>
    public async Task<PublicationPlan> PlanAsync(MatchingInput input, MatchingProposal proposal, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PlanAsync(db, input, proposal, cancellationToken);
    }

    /// <summary>
    /// Publishes the proposal unless it needs a confirmation that was not given: <paramref name="changesConfirmed"/> for
    /// any change to locked rooms, <paramref name="dropWorkConfirmed"/> for deleting a board that holds work.
    /// </summary>
    public async Task<Publication> PublishAsync(MatchingInput input, MatchingProposal proposal, bool changesConfirmed, bool dropWorkConfirmed,
        CancellationToken cancellationToken = default)
    {
        if (proposal.Status == Tellerrand.Matching.MatchingStatus.Infeasible || proposal.Rooms.Count == 0)
        {
            throw new InvalidOperationException("Only a feasible proposal with rooms can be published.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await PlanAsync(db, input, proposal, cancellationToken);
        if (plan.NeedsConfirmation && !changesConfirmed || plan.DropsWork && !dropWorkConfirmed)
        {
            return new Publication(false, plan, 0, new HashSet<Guid>());
        }

        var rooms = await db.Rooms.Include(r => r.Creatives).Where(r => r.EventId == input.EventId).ToListAsync(cancellationToken);
        var before = await SeatingAsync(db, input.EventId, rooms, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var proposed in proposal.Rooms)
        {
            var room = rooms.SingleOrDefault(r => r.Round == proposed.Round && r.BusinessId == proposed.BusinessId);
            if (room is null)
            {
                room = new Room
                {
                    Id = Guid.CreateVersion7(now),
                    EventId = input.EventId,
                    Round = proposed.Round,
                    Number = 1 + rooms.Where(r => r.Round == proposed.Round).Select(r => r.Number).DefaultIfEmpty().Max(),
                    BusinessId = proposed.BusinessId,
                    BoardId = Guid.NewGuid(),
                };
                rooms.Add(room);
                db.Rooms.Add(room);
            }
            room.ModeratorId = proposed.ModeratorId;
            var wanted = proposed.Seats.Select(s => s.CreativeId).ToHashSet();
            room.Creatives.RemoveAll(c => !wanted.Contains(c.PersonId));
            room.Creatives.AddRange(wanted.Where(id => room.Creatives.All(c => c.PersonId != id)).Select(id => new RoomCreative { RoomId = room.Id, PersonId = id }));
        }
        var dropped = rooms.Where(r => !proposal.Rooms.Any(p => p.Round == r.Round && p.BusinessId == r.BusinessId)).ToList();
        db.Rooms.RemoveRange(dropped);
        rooms.RemoveAll(dropped.Contains);

        var state = await db.MatchingLocks.SingleOrDefaultAsync(l => l.EventId == input.EventId, cancellationToken);
        if (state is null) db.MatchingLocks.Add(new MatchingLock { EventId = input.EventId, LockedAt = now, PublishedAt = now });
        else state.PublishedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Whoever lost a seat must stop writing on that room's board now (PU6).
        revocations.Revoked();

        var after = await SeatingAsync(db, input.EventId, rooms, cancellationToken);
        var changed = before.Keys.Union(after.Keys)
            .Where(person => before.GetValueOrDefault(person, "") != after.GetValueOrDefault(person, ""))
            .ToHashSet();
        return new Publication(true, plan, rooms.Count, changed);
    }

    private static async Task<PublicationPlan> PlanAsync(TellerrandDb db, MatchingInput input, MatchingProposal proposal, CancellationToken cancellationToken)
    {
        var state = await db.MatchingLocks.AsNoTracking().SingleOrDefaultAsync(l => l.EventId == input.EventId, cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == input.EventId)
            .Include(r => r.Business).Include(r => r.Creatives).ThenInclude(c => c.Person)
            .ToListAsync(cancellationToken);
        var boards = rooms.Select(r => r.BoardId).ToList();
        // The template the board starts from is written by "system"; anything else is somebody's work.
        var worked = (await db.BoardLog.Where(e => boards.Contains(e.BoardId) && e.ClientId != "system").Select(e => e.BoardId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var names = input.Creatives.ToDictionary(c => c.PersonId, c => c.Name);

        var changes = new List<RoomChange>();
        var unchanged = 0;
        foreach (var room in rooms)
        {
            var proposed = proposal.Rooms.SingleOrDefault(p => p.Round == room.Round && p.BusinessId == room.BusinessId);
            if (proposed is null)
            {
                changes.Add(new RoomChange(room.Round, room.Business!.Name, room.Creatives.Select(c => c.Person!.DisplayName).Order().ToList(), [], false,
                    true, worked.Contains(room.BoardId)));
                continue;
            }
            var now = room.Creatives.Select(c => c.PersonId).ToHashSet();
            var next = proposed.Seats.Select(s => s.CreativeId).ToHashSet();
            var leaving = room.Creatives.Where(c => !next.Contains(c.PersonId)).Select(c => c.Person!.DisplayName).Order().ToList();
            var joining = next.Where(id => !now.Contains(id)).Select(id => names.GetValueOrDefault(id, "")).Order().ToList();
            var moderatorChanges = room.ModeratorId != proposed.ModeratorId;
            if (leaving.Count + joining.Count == 0 && !moderatorChanges) unchanged++;
            else changes.Add(new RoomChange(room.Round, room.Business!.Name, leaving, joining, moderatorChanges, false, worked.Contains(room.BoardId)));
        }
        foreach (var proposed in proposal.Rooms.Where(p => !rooms.Any(r => r.Round == p.Round && r.BusinessId == p.BusinessId)))
        {
            changes.Add(new RoomChange(proposed.Round, proposed.BusinessName, [], proposed.Seats.Select(s => s.Name).Order().ToList(), proposed.ModeratorId is not null,
                false, false));
        }
        return new PublicationPlan(state is not null, state?.PublishedAt, unchanged,
            changes.OrderBy(c => c.Round).ThenBy(c => c.Business, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Per person, a fingerprint of every room they sit in (round, number, business, creatives, moderator), so that
    /// comparing before and after names exactly the people whose rooms changed.
    /// </summary>
    private static async Task<Dictionary<Guid, string>> SeatingAsync(TellerrandDb db, Guid eventId, IReadOnlyList<Room> rooms, CancellationToken cancellationToken)
    {
        var representatives = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null)
            .Select(p => new { BusinessId = p.BusinessId!.Value, p.PersonId })
            .ToListAsync(cancellationToken);
        var seats = new Dictionary<Guid, List<string>>();
        foreach (var room in rooms)
        {
            var fingerprint = $"{room.Round}/{room.Number}/{room.BusinessId}/{string.Join(",", room.Creatives.Select(c => c.PersonId).Order())}/{room.ModeratorId}";
            var people = representatives.Where(r => r.BusinessId == room.BusinessId).Select(r => r.PersonId)
                .Concat(room.Creatives.Select(c => c.PersonId))
                .Concat(room.ModeratorId is { } m ? [m] : []);
            foreach (var person in people.Distinct())
            {
                if (!seats.TryGetValue(person, out var list)) seats[person] = list = [];
                list.Add(fingerprint);
            }
        }
        return seats.ToDictionary(s => s.Key, s => string.Join("|", s.Value.Order(StringComparer.Ordinal)));
    }
}
