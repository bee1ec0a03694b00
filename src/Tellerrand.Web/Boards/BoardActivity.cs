using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Boards;

/// <summary>How busy a board is: the changes people made on it and when the last one was stored.</summary>
public sealed record BoardActivity(long Changes, DateTimeOffset LastChange);

/// <summary>
/// Board activity for the organiser's cockpit, read from the newest entry of each board's log. The cockpit asks every few
/// seconds for all rooms of an event, so this never loads a board or activates its grain: per board it is one lookup of
/// the highest serverSeq on the primary key plus that one row, whatever the board's size. Since serverSeqs are
/// consecutive, the newest one is the number of changes; the template the board starts from (serverSeq 1, client
/// "system") is not counted as anybody's change.
/// </summary>
public sealed class BoardActivityReader(IDbContextFactory<TellerrandDb> dbs)
{
    private const string SystemClient = "system";

    /// <summary>Activity per board; a board nobody has changed yet is missing from the answer.</summary>
    public async Task<IReadOnlyDictionary<Guid, BoardActivity>> ForBoardsAsync(IReadOnlyCollection<Guid> boardIds, CancellationToken cancellationToken = default)
    {
        if (boardIds.Count == 0)
        {
            return new Dictionary<Guid, BoardActivity>();
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ids = boardIds.ToList();
        var newest = await db.BoardLog.AsNoTracking()
            .Where(e => ids.Contains(e.BoardId) && e.ServerSeq == db.BoardLog.Where(o => o.BoardId == e.BoardId).Max(o => o.ServerSeq))
            .Select(e => new
            {
                e.BoardId,
                e.ServerSeq,
                e.ClientId,
                e.CreatedAt,
                FromTemplate = db.BoardLog.Any(f => f.BoardId == e.BoardId && f.ServerSeq == 1 && f.ClientId == SystemClient),
            })
            .ToListAsync(cancellationToken);
        return newest
            .Where(e => e.ClientId != SystemClient)
            .ToDictionary(e => e.BoardId, e => new BoardActivity(e.FromTemplate ? e.ServerSeq - 1 : e.ServerSeq, e.CreatedAt));
    }
}
