using System.Collections.Immutable;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Orleans.Concurrency;
using Orleans.Utilities;
using Tellerrand.Boards;

namespace Tellerrand.Web.Boards;

/// <summary>A patch for the clients of one host, with the connection that pushed it, which gets an Ack instead (AK2).</summary>
/// <param name="Patch">The durable patch.</param>
/// <param name="SenderConnectionId">The SignalR connection that sent the push.</param>
[GenerateSerializer, Immutable]
public sealed record PatchDelivery(PatchMessage Patch, string SenderConnectionId);

/// <summary>
/// One host's subscription to one board (STYLE §5): the grain calls it, the host forwards to its own SignalR group.
/// One-way, so that a dead host never holds up the board; a lost patch is recovered by resume (RS1).
/// </summary>
public interface IBoardObserver : IGrainObserver
{
    [OneWay]
    Task OnPatches(ImmutableArray<PatchDelivery> patches);

    [OneWay]
    Task OnPresence(PresenceBatch batch);
}

/// <summary>
/// What became of a push once the grain is done with it. Neither set means the write failed and the board reloads (LG2):
/// the client resumes and sends the push again.
/// </summary>
/// <param name="Ack">Set when the push is durable (AK1) or was applied before (ID1, AK4).</param>
/// <param name="Reject">Set when the push was refused; nothing changed.</param>
[GenerateSerializer, Immutable]
public sealed record PushReply(AckMessage? Ack, RejectMessage? Reject);

/// <summary>
/// The one authority of a board (ARCHITECTURE.md, "Real-time"): orders pushes, makes them durable, then acknowledges and
/// fans them out. The rules live in <see cref="BoardAuthority"/>; this grain adds I/O.
/// </summary>
public interface IBoardGrain : IGrainWithGuidKey
{
    /// <summary>Answers a (re)connecting client once everything applied is durable (AK2, RS1, RS2); null when the board reloads.</summary>
    Task<ResumedMessage?> Resume(ResumeMessage resume);

    /// <summary>Applies a push and returns only after it is durable (AK1).</summary>
    Task<PushReply> Push(PushMessage push, BoardActor actor, string connectionId);

    /// <summary>Keeps the client's latest presence for the next batch (PR2); invalid presence is dropped (PR3).</summary>
    [OneWay]
    Task Presence(string clientId, string participantId, PresenceUpdate update);

    /// <summary>The client's connection closed (PR4).</summary>
    [OneWay]
    Task Leave(string clientId);

    /// <summary>Adds or renews a host's observer; it expires unless renewed (STYLE §5).</summary>
    Task Subscribe(IBoardObserver host);

    Task Unsubscribe(IBoardObserver host);

    /// <summary>The room's results are final from now on (AZ7); the grain refuses every push until it is gone.</summary>
    Task FreezeResults();
}

/// <summary>
/// Reentrant so that pushes arriving while a write is in flight are applied in memory and join the next group commit.
/// Every state change happens in one synchronous turn, so interleaving never sees half a change.
/// </summary>
[Reentrant]
internal sealed partial class BoardGrain(BoardLogStore store, BoardRooms rooms, TimeProvider clock, ILogger<BoardGrain> logger)
    : Grain, IBoardGrain
{
    /// <summary>Hosts renew every <see cref="BoardFanout.RenewInterval"/>; three missed renewals drop one.</summary>
    internal static readonly TimeSpan ObserverExpiry = BoardFanout.RenewInterval * 3;

    /// <summary>A client without presence for this long is listed as left (PR4).</summary>
    internal static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(30);

    private readonly ObserverManager<IBoardObserver> _hosts = new(ObserverExpiry, logger);
    private readonly PresenceBatcher _presence = new();
    private readonly Dictionary<string, DateTimeOffset> _presenceSeen = new(StringComparer.Ordinal);
    private readonly List<LogEntry> _recent = [];
    private readonly List<PatchDelivery> _unwritten = [];
    private readonly List<(long ServerSeq, TaskCompletionSource<bool> Durable)> _waiters = [];

    private BoardAuthority _authority = new();
    private long _durableSeq;
    private long _snapshotSeq;
    private Task? _writer;
    private bool _writing;
    private bool _lost;
    private bool _resultsFinal;
    private IGrainTimer? _presenceTimer;

    private Guid BoardId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(BoardId, cancellationToken);
        _authority = loaded.Authority;
        _recent.AddRange(loaded.Recent);
        _durableSeq = _authority.ServerSeq;
        _snapshotSeq = loaded.SnapshotSeq;
        _resultsFinal = await rooms.ResultsFrozenAsync(BoardId, cancellationToken);
        if (_authority.ServerSeq == 0 && await rooms.ChallengeOfBoardAsync(BoardId, cancellationToken) is { } challenge)
        {
            // A room's board starts from the template with the business's challenge (LG1: clientId "system", clientSeq 0).
            var entry = _authority.ApplySystem(BoardTemplate.CrossInnovation.Build(challenge));
            await store.AppendAsync(BoardId, 0, [entry], cancellationToken);
            _recent.Add(entry);
            _durableSeq = entry.ServerSeq;
            LogCreated(BoardId);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Pushes applied in memory are written before the activation goes, so their senders still get their acks.
        if (_writer is not null)
        {
            await _writer;
        }
    }

    public async Task<ResumedMessage?> Resume(ResumeMessage resume)
    {
        // AK2: the answer is read from memory, so it waits until everything in memory is durable.
        while (!_lost && _durableSeq < _authority.ServerSeq)
        {
            await WhenDurable(_authority.ServerSeq);
        }
        if (_lost)
        {
            return null;
        }
        var oldestResumable = _recent.Count > 0 ? _recent[0].ServerSeq - 1 : _authority.ServerSeq;
        return _authority.NeedsSnapshot(resume.LastServerSeq, oldestResumable)
            ? _authority.ResumeWithSnapshot()
            : _authority.ResumeWithPatches(_recent.Where(e => e.ServerSeq > resume.LastServerSeq));
    }

    public async Task<PushReply> Push(PushMessage push, BoardActor actor, string connectionId)
    {
        if (_lost)
        {
            return new PushReply(null, null);
        }
        if (_resultsFinal)
        {
            return new PushReply(null, new RejectMessage(push.ClientSeq, RejectReason.ResultsFinal));
        }
        switch (_authority.Receive(push, actor))
        {
            case PushOutcome.Rejected rejected:
                return new PushReply(null, rejected.Reject);
            case PushOutcome.Applied applied:
                _recent.Add(applied.Entry);
                _unwritten.Add(new PatchDelivery(applied.Patch, connectionId));
                if (!_writing)
                {
                    // Set before the call: with SQLite the write may complete synchronously.
                    _writing = true;
                    _writer = WriteAsync();
                }
                return await WhenDurable(applied.Entry.ServerSeq) ? new PushReply(applied.Ack, null) : new PushReply(null, null);
            case PushOutcome.Repeated repeated:
                // AK4: the re-ack, too, waits for durability; ID1: it always carries the patch.
                if (!await WhenDurable(repeated.ServerSeq))
                {
                    return new PushReply(null, null);
                }
                var entry = _recent.Find(e => e.ServerSeq == repeated.ServerSeq) ?? await store.ReadEntryAsync(BoardId, repeated.ServerSeq);
                return entry is null
                    ? new PushReply(null, new RejectMessage(push.ClientSeq, RejectReason.Stale))
                    : new PushReply(entry.ToRepeatAck(), null);
            default:
                throw new InvalidOperationException("A push outcome is applied, repeated or rejected.");
        }
    }

    public Task Presence(string clientId, string participantId, PresenceUpdate update)
    {
        if (_presence.Offer(clientId, participantId, update))
        {
            _presenceSeen[clientId] = clock.GetUtcNow();
            _presenceTimer ??= this.RegisterGrainTimer(FlushPresence, new GrainTimerCreationOptions
            {
                DueTime = BoardLimits.PresenceInterval,
                Period = BoardLimits.PresenceInterval,
                Interleave = true,
                KeepAlive = false,
            });
        }
        return Task.CompletedTask;
    }

    public Task Leave(string clientId)
    {
        if (_presenceSeen.Remove(clientId))
        {
            _presence.Leave(clientId);
        }
        return Task.CompletedTask;
    }

    public Task Subscribe(IBoardObserver host)
    {
        _hosts.Subscribe(host, host);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IBoardObserver host)
    {
        _hosts.Unsubscribe(host);
        return Task.CompletedTask;
    }

    public Task FreezeResults()
    {
        // Pushes already applied in memory still become durable and are acked; only later ones are refused.
        _resultsFinal = true;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Group commit with one write in flight: everything applied while a write runs goes into the next one. Acks and
    /// patches are released strictly in serverSeq order, after the write (AK1, AK2).
    /// </summary>
    private async Task WriteAsync()
    {
        try
        {
            while (_unwritten.Count > 0)
            {
                var batch = _unwritten.ToImmutableArray();
                _unwritten.Clear();
                var last = batch[^1].Patch.ServerSeq;
                // The state now is exactly the state at the batch's last serverSeq, so a snapshot taken here matches it.
                var snapshot = last - _snapshotSeq >= BoardLimits.SnapshotInterval ? _authority.TakeSnapshot() : null;
                var entries = batch.Select(d => new LogEntry(d.Patch.ServerSeq, d.Patch.ClientId, d.Patch.ClientSeq, d.Patch.Changes)).ToList();
                await store.AppendAsync(BoardId, _durableSeq, entries);
                _durableSeq = last;
                // One-way calls: this completes at once, and a dead host never holds up the board.
                await _hosts.Notify(host => host.OnPatches(batch));
                ReleaseWaiters();
                TrimRecent();
                if (snapshot is not null)
                {
                    await SaveSnapshotAsync(snapshot);
                }
            }
        }
        catch (BoardLogConflictException e)
        {
            // LG2: another activation wrote this board; what is only in memory here must never be acknowledged.
            LogConflict(e, BoardId, e.ExpectedLastSeq);
            Lose();
        }
        catch (Exception e)
        {
            // Whatever failed, whether the batch landed is unknown and the waiting pushes must neither hang nor be
            // acknowledged: reload from what is stored. Nothing is swallowed; the clients resume and re-send (RS4).
            LogWriteFailed(e, BoardId, _durableSeq);
            Lose();
        }
        finally
        {
            _writing = false;
        }
    }

    private async Task SaveSnapshotAsync(BoardSnapshot snapshot)
    {
        try
        {
            await store.SaveSnapshotAsync(BoardId, snapshot);
            _snapshotSeq = snapshot.ServerSeq;
            LogSnapshot(BoardId, snapshot.ServerSeq);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException)
        {
            // The log holds everything; a missing snapshot only makes the next load replay more, and the next commit retries.
            LogSnapshotFailed(e, BoardId, snapshot.ServerSeq);
        }
    }

    private void Lose()
    {
        _lost = true;
        _unwritten.Clear();
        foreach (var (_, durable) in _waiters)
        {
            durable.TrySetResult(false);
        }
        _waiters.Clear();
        this.DeactivateOnIdle();
    }

    private Task<bool> WhenDurable(long serverSeq)
    {
        if (serverSeq <= _durableSeq)
        {
            return Task.FromResult(true);
        }
        if (_lost)
        {
            return Task.FromResult(false);
        }
        var durable = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((serverSeq, durable));
        return durable.Task;
    }

    private void ReleaseWaiters()
    {
        _waiters.Sort((a, b) => a.ServerSeq.CompareTo(b.ServerSeq));
        var released = 0;
        while (released < _waiters.Count && _waiters[released].ServerSeq <= _durableSeq)
        {
            _waiters[released].Durable.TrySetResult(true);
            released++;
        }
        _waiters.RemoveRange(0, released);
    }

    private void TrimRecent()
    {
        var keepAfter = _authority.ServerSeq - BoardLimits.ResumeWindow;
        var drop = _recent.FindIndex(e => e.ServerSeq > keepAfter);
        _recent.RemoveRange(0, drop < 0 ? _recent.Count : drop);
    }

    private async Task FlushPresence()
    {
        var now = clock.GetUtcNow();
        foreach (var (clientId, seen) in _presenceSeen.Where(p => now - p.Value > PresenceTimeout).ToList())
        {
            _presenceSeen.Remove(clientId);
            _presence.Leave(clientId);
        }
        if (_presence.Drain() is { } batch)
        {
            await _hosts.Notify(host => host.OnPresence(batch));
        }
        else if (_presenceSeen.Count == 0)
        {
            // Nobody is left to move a cursor: stop ticking until someone does.
            _presenceTimer?.Dispose();
            _presenceTimer = null;
        }
    }

    [LoggerMessage(LogLevel.Information, "Board {BoardId} created from the template")]
    private partial void LogCreated(Guid boardId);

    [LoggerMessage(LogLevel.Information, "Board {BoardId} snapshot stored at serverSeq {ServerSeq}")]
    private partial void LogSnapshot(Guid boardId, long serverSeq);

    [LoggerMessage(LogLevel.Warning, "Board {BoardId} snapshot at serverSeq {ServerSeq} failed")]
    private partial void LogSnapshotFailed(Exception exception, Guid boardId, long serverSeq);

    [LoggerMessage(LogLevel.Error, "Board {BoardId} log append after serverSeq {ServerSeq} failed; the activation discards its state and reloads")]
    private partial void LogWriteFailed(Exception exception, Guid boardId, long serverSeq);

    [LoggerMessage(LogLevel.Warning, "Board {BoardId} log did not end at serverSeq {ServerSeq}; the activation discards its state and reloads")]
    private partial void LogConflict(Exception exception, Guid boardId, long serverSeq);
}
