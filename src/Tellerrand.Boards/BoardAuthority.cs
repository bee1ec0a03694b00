using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>What became of a push at the authority.</summary>
public abstract record PushOutcome
{
    private PushOutcome()
    {
    }

    /// <summary>
    /// Applied in memory: append <paramref name="Entry"/> to the log, and only once it is durable send <paramref name="Ack"/>
    /// to the sender and <paramref name="Patch"/> to everyone else (AK1, AK2).
    /// </summary>
    /// <param name="Entry">The log entry to append.</param>
    /// <param name="Ack">The ack for the sender.</param>
    /// <param name="Patch">The patch for the other clients.</param>
    public sealed record Applied(LogEntry Entry, AckMessage Ack, PatchMessage Patch) : PushOutcome;

    /// <summary>
    /// Applied before (ID1): read the entry at <paramref name="ServerSeq"/> and send its <see cref="LogEntry.ToRepeatAck"/>
    /// once that serverSeq is durable (AK4).
    /// </summary>
    /// <param name="ServerSeq">The serverSeq the push became.</param>
    public sealed record Repeated(long ServerSeq) : PushOutcome;

    /// <summary>Refused; nothing changed. Send <paramref name="Reject"/> to the sender at once.</summary>
    /// <param name="Reject">The reject message.</param>
    public sealed record Rejected(RejectMessage Reject) : PushOutcome;
}

/// <summary>
/// The server side of one board without I/O: state, serverSeq and idempotency table. <c>BoardGrain</c> wraps it and adds the
/// log store, group commit, snapshots and fan-out. Not thread-safe; a grain is single-threaded.
/// </summary>
public sealed class BoardAuthority
{
    private static readonly BoardActor System = new("system", BoardRole.Moderator);

    private readonly IdempotencyTracker _clients;

    /// <summary>An empty board at serverSeq 0.</summary>
    public BoardAuthority()
        : this(BoardState.Empty, 0, new IdempotencyTracker())
    {
    }

    private BoardAuthority(BoardState state, long serverSeq, IdempotencyTracker clients)
    {
        State = state;
        ServerSeq = serverSeq;
        _clients = clients;
    }

    /// <summary>The current records.</summary>
    public BoardState State { get; private set; }

    /// <summary>The last applied serverSeq (in memory; may be ahead of what is durable).</summary>
    public long ServerSeq { get; private set; }

    /// <summary>Restores a board from a stored snapshot; replay the later log entries with <see cref="Replay"/>.</summary>
    /// <exception cref="InvalidDataException">When the snapshot's format is unknown (LG4).</exception>
    public static BoardAuthority FromSnapshot(BoardSnapshot snapshot)
    {
        if (snapshot.FormatVersion != BoardSnapshot.CurrentFormatVersion)
        {
            throw new InvalidDataException($"Board snapshot format {snapshot.FormatVersion} is not known.");
        }
        return new BoardAuthority(BoardState.FromRecords(snapshot.Records), snapshot.ServerSeq, IdempotencyTracker.FromProgress(snapshot.Clients));
    }

    /// <summary>Validates and applies a push from <paramref name="actor"/> (PU, ID, AZ).</summary>
    public PushOutcome Receive(PushMessage push, BoardActor actor)
    {
        if (!BoardSchema.IsValidId(push.ClientId) || push.ClientSeq < 1 || push.Changes.IsDefault)
        {
            return new PushOutcome.Rejected(new RejectMessage(push.ClientSeq, RejectReason.Malformed));
        }
        var (novelty, serverSeq) = _clients.Classify(push.ClientId, push.ClientSeq);
        switch (novelty)
        {
            case PushNovelty.Repeated:
                return new PushOutcome.Repeated(serverSeq);
            case PushNovelty.Stale:
                return new PushOutcome.Rejected(new RejectMessage(push.ClientSeq, RejectReason.Stale));
        }
        var result = State.TryApply(push.Changes, actor);
        if (result.Reason is { } reason)
        {
            return new PushOutcome.Rejected(new RejectMessage(push.ClientSeq, reason));
        }
        State = result.State;
        ServerSeq++;
        _clients.Record(push.ClientId, push.ClientSeq, ServerSeq);
        var entry = new LogEntry(ServerSeq, push.ClientId, push.ClientSeq, result.Patch);
        var asPushed = result.Patch.AsSpan().SequenceEqual(push.Changes.AsSpan());
        return new PushOutcome.Applied(entry, new AckMessage(push.ClientSeq, ServerSeq, asPushed ? null : result.Patch), entry.ToPatch());
    }

    /// <summary>Applies server-made changes, such as a template's initial records, as the next log entry with clientSeq 0.</summary>
    /// <exception cref="ArgumentException">When the changes do not validate; a template is content the server controls.</exception>
    public LogEntry ApplySystem(IReadOnlyList<BoardChange> changes)
    {
        var result = State.TryApplyWithAuthor(changes, System, author: null);
        if (result.Reason is { } reason)
        {
            throw new ArgumentException($"Server-made changes were rejected: {reason}.", nameof(changes));
        }
        State = result.State;
        ServerSeq++;
        return new LogEntry(ServerSeq, System.ParticipantId, 0, result.Patch);
    }

    /// <summary>Re-applies a stored log entry after loading a snapshot (LG1).</summary>
    /// <exception cref="InvalidDataException">When the entry is not the next serverSeq (LG2).</exception>
    public void Replay(LogEntry entry)
    {
        if (entry.ServerSeq != ServerSeq + 1)
        {
            throw new InvalidDataException($"Board log entry {entry.ServerSeq} does not follow {ServerSeq}.");
        }
        State = State.ApplyPatch(entry.Changes);
        ServerSeq = entry.ServerSeq;
        if (entry.ClientSeq > 0)
        {
            _clients.Record(entry.ClientId, entry.ClientSeq, entry.ServerSeq);
        }
    }

    /// <summary>The whole board for storage (LG3).</summary>
    public BoardSnapshot TakeSnapshot() =>
        new(BoardSnapshot.CurrentFormatVersion, ServerSeq, [.. State.Records], _clients.ToProgress());

    /// <summary>
    /// Whether a client resuming from <paramref name="lastServerSeq"/> gets a snapshot rather than patches (RS1, RS2):
    /// on first load, when further behind than <paramref name="window"/>, when the log no longer holds the entries after
    /// <paramref name="lastServerSeq"/> (it starts after <paramref name="oldestResumableSeq"/>), or when the client is ahead.
    /// </summary>
    public bool NeedsSnapshot(long lastServerSeq, long oldestResumableSeq, int window = BoardLimits.ResumeWindow) =>
        lastServerSeq <= 0
        || lastServerSeq > ServerSeq
        || lastServerSeq < oldestResumableSeq
        || ServerSeq - lastServerSeq > window;

    /// <summary>The snapshot answer to a resume (RS2).</summary>
    public ResumedMessage ResumeWithSnapshot() => new(ServerSeq, null, [.. State.Records]);

    /// <summary>The patch answer to a resume (RS1): <paramref name="entriesAfter"/> are the log entries after the client's serverSeq.</summary>
    public ResumedMessage ResumeWithPatches(IEnumerable<LogEntry> entriesAfter) =>
        new(ServerSeq, [.. entriesAfter.Select(e => e.ToPatch())], null);
}
