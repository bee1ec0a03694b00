using System.Collections.Immutable;
using System.Text;
using System.Threading.Channels;
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
public sealed class BoardLogStore : IAsyncDisposable
{
    /// <summary>Bounds one transaction, so that a long queue is written in steps and the first appends are not held back.</summary>
    private const int MaxAppendsPerTransaction = 256;

    private readonly IDbContextFactory<TellerrandDb> _dbs;
    private readonly TimeProvider _clock;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public BoardLogStore(IDbContextFactory<TellerrandDb> dbs, TimeProvider clock)
    {
        _dbs = dbs;
        _clock = clock;
        _writer = Task.Run(RunWriterAsync);
    }

    /// <summary>The newest snapshot plus the entries after it (LG3); never more than one snapshot interval is replayed.</summary>
    /// <exception cref="InvalidDataException">When stored data cannot be read or the log has a gap (LG2, LG4).</exception>
    public async Task<LoadedBoard> LoadAsync(Guid boardId, CancellationToken cancellationToken = default)
    {
        await using var db = _dbs.CreateDbContext();
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
    /// Returns once the entries are committed. Appends of many boards share one transaction (see <see cref="RunWriterAsync"/>);
    /// a cancelled caller stops waiting, but an append already queued may still land.
    /// </summary>
    /// <exception cref="BoardLogConflictException">When the log does not end where the caller expects, or another writer won.</exception>
    public Task AppendAsync(Guid boardId, long expectedLastSeq, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].ServerSeq != expectedLastSeq + 1 + i)
            {
                throw new ArgumentException($"Entry {i} has serverSeq {entries[i].ServerSeq}; expected {expectedLastSeq + 1 + i}.", nameof(entries));
            }
        }
        return EnqueueAsync(new Append(boardId, expectedLastSeq, entries), cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="snapshot"/> and drops what loading and resuming no longer need (LG3): older snapshots and
    /// entries more than <see cref="BoardLimits.ResumeWindow"/> before it.
    /// </summary>
    public Task SaveSnapshotAsync(Guid boardId, BoardSnapshot snapshot, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new Snapshot(boardId, snapshot), cancellationToken);

    /// <summary>The stored entry at <paramref name="serverSeq"/>, or null when it was compacted away.</summary>
    public async Task<LogEntry?> ReadEntryAsync(Guid boardId, long serverSeq, CancellationToken cancellationToken = default)
    {
        await using var db = _dbs.CreateDbContext();
        var row = await db.BoardLog.AsNoTracking().FirstOrDefaultAsync(e => e.BoardId == boardId && e.ServerSeq == serverSeq, cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    private Task EnqueueAsync(Write write, CancellationToken cancellationToken)
    {
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(BoardLogStore));
        }
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The one writer of this host's board logs. Every board's grain writes through it, so the database sees one
    /// transaction per batch of boards instead of one per board: SQLite has a single write lock, and a writer that finds it
    /// taken sleeps on its thread (Microsoft.Data.Sqlite retries busy in a loop), which with a grain per board blocked the
    /// scheduler's threads; PostgreSQL saves the commits. It runs on the thread pool, outside every grain, and a grain
    /// awaits its append's completion. Snapshots go through it too, in their own transaction, for the same lock.
    /// </summary>
    private async Task RunWriterAsync()
    {
        var batch = new List<Append>();
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxAppendsPerTransaction && _writes.Reader.TryRead(out var write))
            {
                switch (write)
                {
                    case Append append:
                        batch.Add(append);
                        break;
                    case Snapshot snapshot:
                        await CompleteAsync(snapshot, () => StoreSnapshotAsync(snapshot));
                        break;
                }
            }
            if (batch.Count > 0)
            {
                await AppendBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task AppendBatchAsync(List<Append> batch)
    {
        try
        {
            var conflicts = await TryAppendAsync(batch);
            foreach (var append in batch)
            {
                if (conflicts.Contains(append))
                {
                    append.Done.TrySetException(new BoardLogConflictException(append.BoardId, append.ExpectedLastSeq));
                }
                else
                {
                    append.Done.TrySetResult();
                }
            }
        }
        catch (DbUpdateException) when (batch.Count > 1)
        {
            // A key collision: another writer (a second activation on another host) took some board's serverSeqs. Which
            // board is not known, so each append is tried again alone and gets its own answer.
            foreach (var append in batch)
            {
                await CompleteAsync(append, async () =>
                {
                    if ((await TryAppendAsync([append])).Count > 0)
                    {
                        throw new BoardLogConflictException(append.BoardId, append.ExpectedLastSeq);
                    }
                });
            }
        }
        catch (DbUpdateException e)
        {
            // The table has no constraint but its key, so a failed insert means another writer took these serverSeqs.
            batch[0].Done.TrySetException(new BoardLogConflictException(batch[0].BoardId, batch[0].ExpectedLastSeq, e));
        }
        catch (Exception e)
        {
            // The database is away or the commit failed: whether anything landed is unknown, so no append may be
            // reported durable. Each grain reloads from what is stored (LG2).
            foreach (var append in batch)
            {
                append.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// Writes every append whose board log ends where it expects, in one transaction, and returns the others. Appends of
    /// the same board are checked in order, each against what the earlier ones left.
    /// </summary>
    private async Task<HashSet<Append>> TryAppendAsync(IReadOnlyList<Append> batch)
    {
        await using var db = _dbs.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var lastSeqs = new Dictionary<Guid, long>();
        var conflicts = new HashSet<Append>(ReferenceEqualityComparer.Instance);
        var now = _clock.GetUtcNow();
        foreach (var append in batch)
        {
            if (!lastSeqs.TryGetValue(append.BoardId, out var last))
            {
                last = await db.BoardLog.Where(e => e.BoardId == append.BoardId).MaxAsync(e => (long?)e.ServerSeq) ?? 0;
            }
            if (last != append.ExpectedLastSeq)
            {
                lastSeqs[append.BoardId] = last;
                conflicts.Add(append);
                continue;
            }
            lastSeqs[append.BoardId] = append.ExpectedLastSeq + append.Entries.Count;
            db.BoardLog.AddRange(append.Entries.Select(e => new BoardLogEntry
            {
                BoardId = append.BoardId,
                ServerSeq = e.ServerSeq,
                ClientId = e.ClientId,
                ClientSeq = e.ClientSeq,
                Payload = Encoding.UTF8.GetString(BoardStorageFormat.Serialize(e)),
                CreatedAt = now,
            }));
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return conflicts;
    }

    private async Task StoreSnapshotAsync(Snapshot write)
    {
        await using var db = _dbs.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.BoardSnapshots.Add(new StoredBoardSnapshot
        {
            BoardId = write.BoardId,
            ServerSeq = write.Board.ServerSeq,
            Payload = Encoding.UTF8.GetString(BoardStorageFormat.Serialize(write.Board)),
            CreatedAt = _clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        await db.BoardSnapshots.Where(s => s.BoardId == write.BoardId && s.ServerSeq < write.Board.ServerSeq).ExecuteDeleteAsync();
        var keepFrom = write.Board.ServerSeq - BoardLimits.ResumeWindow;
        await db.BoardLog.Where(e => e.BoardId == write.BoardId && e.ServerSeq <= keepFrom).ExecuteDeleteAsync();
        await transaction.CommitAsync();
    }

    private static async Task CompleteAsync(Write write, Func<Task> work)
    {
        try
        {
            await work();
            write.Done.TrySetResult();
        }
        catch (Exception e)
        {
            write.Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
    }

    /// <summary>A write waiting for the writer; its task completes when it is committed or has failed.</summary>
    private abstract record Write(Guid BoardId)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Append(Guid BoardId, long ExpectedLastSeq, IReadOnlyList<LogEntry> Entries) : Write(BoardId);

    private sealed record Snapshot(Guid BoardId, BoardSnapshot Board) : Write(BoardId);

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
