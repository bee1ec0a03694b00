using System.Collections.Immutable;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Boards;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Boards;

/// <summary>
/// Another writer appended to the board's log first (LG2): a second activation after a partition, or a stale one. The
/// caller must drop its in-memory state and reload.
/// </summary>
public sealed class BoardLogConflictException(Guid boardId, long expectedLastSeq, Exception? inner = null)
    : Exception($"The log of board {boardId} does not end at serverSeq {expectedLastSeq}.", inner)
{
    public Guid BoardId { get; } = boardId;
    public long ExpectedLastSeq { get; } = expectedLastSeq;
}

/// <summary>A board as loaded: its authority and the log entries a resuming client may still get as patches (RS1).</summary>
/// <param name="Authority">State, serverSeq and idempotency table at the end of the log.</param>
/// <param name="Recent">The newest entries, at most <see cref="BoardLimits.ResumeWindow"/>, in serverSeq order.</param>
/// <param name="SnapshotSeq">The serverSeq of the newest stored snapshot, 0 when there is none.</param>
public sealed record LoadedBoard(BoardAuthority Authority, ImmutableArray<LogEntry> Recent, long SnapshotSeq);

/// <summary>
/// The durable per-board log and its snapshots (docs/board-protocol.md LG1–LG3), in the one database. Entries and
/// snapshots are stored as <see cref="BoardStorageFormat"/> JSON, so they outlive the Orleans wire format.
/// </summary>
public sealed class BoardLogStore(IDbContextFactory<TellerrandDb> dbs, TimeProvider clock)
{
    /// <summary>The newest snapshot plus the entries after it (LG3); never more than one snapshot interval is replayed.</summary>
    /// <exception cref="InvalidDataException">When stored data cannot be read or the log has a gap (LG2, LG4).</exception>
    public async Task<LoadedBoard> LoadAsync(Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        var snapshot = await db.BoardSnapshots.AsNoTracking()
            .Where(s => s.BoardId == boardId)
            .OrderByDescending(s => s.ServerSeq)
            .FirstOrDefaultAsync(cancellationToken);
        var authority = snapshot is null
            ? new BoardAuthority()
            : BoardAuthority.FromSnapshot(BoardStorageFormat.DeserializeSnapshot(Encoding.UTF8.GetBytes(snapshot.Payload)));
        // Entries before the snapshot are read only to answer resumes with patches; they are not replayed.
        var from = Math.Max(0, authority.ServerSeq - BoardLimits.ResumeWindow);
        var rows = await db.BoardLog.AsNoTracking()
            .Where(e => e.BoardId == boardId && e.ServerSeq > from)
            .OrderBy(e => e.ServerSeq)
            .ToListAsync(cancellationToken);
        var entries = rows.Select(ToEntry).ToImmutableArray();
        foreach (var entry in entries.Where(e => e.ServerSeq > authority.ServerSeq))
        {
            authority.Replay(entry);
        }
        return new LoadedBoard(authority, ContiguousTail(entries, authority.ServerSeq), snapshot?.ServerSeq ?? 0);
    }

    /// <summary>
    /// Appends <paramref name="entries"/> (consecutive serverSeqs) in one transaction, only if the stored log ends at
    /// <paramref name="expectedLastSeq"/> (LG2). The key (board, serverSeq) turns a concurrent writer's append into a failure too.
    /// </summary>
    /// <exception cref="BoardLogConflictException">When the log does not end where the caller expects, or another writer won.</exception>
    public async Task AppendAsync(Guid boardId, long expectedLastSeq, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].ServerSeq != expectedLastSeq + 1 + i)
            {
                throw new ArgumentException($"Entry {i} has serverSeq {entries[i].ServerSeq}; expected {expectedLastSeq + 1 + i}.", nameof(entries));
            }
        }
        await using var db = dbs.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = await db.BoardLog.Where(e => e.BoardId == boardId).MaxAsync(e => (long?)e.ServerSeq, cancellationToken) ?? 0;
        if (last != expectedLastSeq)
        {
            throw new BoardLogConflictException(boardId, expectedLastSeq);
        }
        var now = clock.GetUtcNow();
        db.BoardLog.AddRange(entries.Select(e => new BoardLogEntry
        {
            BoardId = boardId,
            ServerSeq = e.ServerSeq,
            ClientId = e.ClientId,
            ClientSeq = e.ClientSeq,
            Payload = Encoding.UTF8.GetString(BoardStorageFormat.Serialize(e)),
            CreatedAt = now,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // The table has no constraint but its key, so a failed insert means another writer took these serverSeqs.
            throw new BoardLogConflictException(boardId, expectedLastSeq, e);
        }
    }

    /// <summary>
    /// Stores <paramref name="snapshot"/> and drops what loading and resuming no longer need (LG3): older snapshots and
    /// entries more than <see cref="BoardLimits.ResumeWindow"/> before it.
    /// </summary>
    public async Task SaveSnapshotAsync(Guid boardId, BoardSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.BoardSnapshots.Add(new StoredBoardSnapshot
        {
            BoardId = boardId,
            ServerSeq = snapshot.ServerSeq,
            Payload = Encoding.UTF8.GetString(BoardStorageFormat.Serialize(snapshot)),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await db.BoardSnapshots.Where(s => s.BoardId == boardId && s.ServerSeq < snapshot.ServerSeq).ExecuteDeleteAsync(cancellationToken);
        var keepFrom = snapshot.ServerSeq - BoardLimits.ResumeWindow;
        await db.BoardLog.Where(e => e.BoardId == boardId && e.ServerSeq <= keepFrom).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The stored entry at <paramref name="serverSeq"/>, or null when it was compacted away.</summary>
    public async Task<LogEntry?> ReadEntryAsync(Guid boardId, long serverSeq, CancellationToken cancellationToken = default)
    {
        await using var db = dbs.CreateDbContext();
        var row = await db.BoardLog.AsNoTracking().FirstOrDefaultAsync(e => e.BoardId == boardId && e.ServerSeq == serverSeq, cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    private static LogEntry ToEntry(BoardLogEntry row)
    {
        var entry = BoardStorageFormat.DeserializeLogEntry(Encoding.UTF8.GetBytes(row.Payload));
        if (entry.ServerSeq != row.ServerSeq)
        {
            throw new InvalidDataException($"Board log row {row.ServerSeq} holds entry {entry.ServerSeq}.");
        }
        return entry;
    }

    // The entries a resume may use must end at the current serverSeq without gaps.
    private static ImmutableArray<LogEntry> ContiguousTail(ImmutableArray<LogEntry> entries, long current)
    {
        var start = entries.Length;
        var expected = current;
        while (start > 0 && entries[start - 1].ServerSeq == expected)
        {
            start--;
            expected--;
        }
        return entries[start..];
    }
}
