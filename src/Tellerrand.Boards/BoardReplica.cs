using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>One of the client's own pushes that the confirmed state does not yet contain.</summary>
/// <param name="ClientSeq">The push's number.</param>
/// <param name="Changes">The changes as pushed.</param>
public sealed record PendingPush(long ClientSeq, ImmutableArray<BoardChange> Changes)
{
    internal bool Sent { get; set; }

    internal long? AckedServerSeq { get; set; }

    internal PushMessage ToMessage(string clientId) => new(clientId, ClientSeq, Changes);
}

/// <summary>
/// The client's copy of a board (CR1–CR4, RS3–RS5): the confirmed state at the last serverSeq applied in order, the
/// client's pending pushes, and the view (confirmed + pending) that the user sees. The TypeScript client mirrors this
/// class. Not thread-safe.
/// </summary>
public sealed class BoardReplica
{
    private readonly List<PendingPush> _pending = [];
    private readonly SortedDictionary<long, Arrival> _inbox = [];
    private readonly UndoHistory _history = new();
    private long _nextClientSeq = 1;
    private bool _resumed;

    /// <summary>A replica of an empty board that has not connected yet.</summary>
    /// <param name="clientId">A random id for this page load (<see cref="BoardSchema.IsValidId"/>).</param>
    /// <param name="actor">The person using this client; local edits are checked with the server's rules for them.</param>
    public BoardReplica(string clientId, BoardActor actor)
    {
        ClientId = clientId;
        Actor = actor;
    }

    /// <summary>This client's id.</summary>
    public string ClientId { get; }

    /// <summary>The person using this client.</summary>
    public BoardActor Actor { get; }

    /// <summary>The state at <see cref="ConfirmedSeq"/>, exactly as the server had it.</summary>
    public BoardState Confirmed { get; private set; } = BoardState.Empty;

    /// <summary>The last serverSeq applied to <see cref="Confirmed"/>.</summary>
    public long ConfirmedSeq { get; private set; }

    /// <summary>What the user sees: the confirmed state with the pending pushes that still validate on top (CR2).</summary>
    public BoardState View { get; private set; } = BoardState.Empty;

    /// <summary>The client's own pushes not yet in the confirmed state, oldest first.</summary>
    public IReadOnlyList<PendingPush> Pending => _pending;

    /// <summary>Whether patches after a missing serverSeq are waiting; resume when this lasts (RS3).</summary>
    public bool HasGap => _inbox.Count > 0;

    /// <summary>Whether <see cref="Undo"/> has a step to act on.</summary>
    public bool CanUndo => _history.CanUndo;

    /// <summary>Whether <see cref="Redo"/> has a step to act on.</summary>
    public bool CanRedo => _history.CanRedo;

    /// <summary>Starts a new connection: nothing is sent until <see cref="Receive(ResumedMessage)"/> (RS4). Send the returned message first.</summary>
    public ResumeMessage Connect()
    {
        _resumed = false;
        foreach (var push in _pending)
        {
            push.Sent = false;
        }
        return new ResumeMessage(BoardLimits.ProtocolVersion, ClientId, ConfirmedSeq);
    }

    /// <summary>The connection is gone; edits keep queueing locally.</summary>
    public void Disconnect() => _resumed = false;

    /// <summary>
    /// Applies a local edit optimistically and queues it as a push (CR1). Returns the reason when the rules refuse it; then
    /// nothing is queued. Text must already be clean (<see cref="BoardText.Clean"/>).
    /// </summary>
    public RejectReason? Edit(IReadOnlyList<BoardChange> changes) => Commit(changes, HistoryEffect.NewEdit);

    /// <summary>Undoes the user's last own edit that still has an effect (CR4); false when there is none or the rules refuse it.</summary>
    public bool Undo() => Step(_history.PopUndo, HistoryEffect.Undo);

    /// <summary>Redoes the last undone edit (CR4); false when there is none or the rules refuse it.</summary>
    public bool Redo() => Step(_history.PopRedo, HistoryEffect.Redo);

    /// <summary>The pushes to send now, in clientSeq order: after a resume all pending ones, then each new one once (RS4).</summary>
    public IReadOnlyList<PushMessage> TakeOutgoing()
    {
        if (!_resumed)
        {
            return [];
        }
        var outgoing = new List<PushMessage>();
        foreach (var push in _pending.Where(p => !p.Sent && p.AckedServerSeq is null))
        {
            push.Sent = true;
            outgoing.Add(push.ToMessage(ClientId));
        }
        return outgoing;
    }

    /// <summary>The answer to <see cref="Connect"/>: patches to apply in order, or a snapshot that replaces the confirmed state (RS1, RS2, RS5).</summary>
    public void Receive(ResumedMessage resumed)
    {
        if (resumed.Snapshot is { } records)
        {
            Confirmed = BoardState.FromRecords(records);
            ConfirmedSeq = resumed.ServerSeq;
            foreach (var seq in _inbox.Keys.Where(s => s <= ConfirmedSeq).ToList())
            {
                _inbox.Remove(seq);
            }
            // Acked pushes at or below the snapshot are in it; the others are re-sent and decided by the server (ID1, ID3).
            _pending.RemoveAll(p => p.AckedServerSeq <= ConfirmedSeq);
        }
        foreach (var patch in resumed.Patches ?? [])
        {
            Enqueue(patch.ServerSeq, new Arrival(patch.Changes, patch.ClientId, patch.ClientSeq));
        }
        Drain();
        _resumed = true;
        Rebase();
    }

    /// <summary>Another client's change, or one delivered on resume (CR2, RS3).</summary>
    public void Receive(PatchMessage patch)
    {
        Enqueue(patch.ServerSeq, new Arrival(patch.Changes, patch.ClientId, patch.ClientSeq));
        Drain();
        Rebase();
    }

    /// <summary>The server applied one of this client's pushes (AK1, AK3, ID1).</summary>
    public void Receive(AckMessage ack)
    {
        var push = _pending.Find(p => p.ClientSeq == ack.ClientSeq);
        if (push is null)
        {
            // Already confirmed through a resumed patch or a snapshot.
            return;
        }
        if (ack.ServerSeq <= ConfirmedSeq)
        {
            _pending.Remove(push);
        }
        else
        {
            push.AckedServerSeq = ack.ServerSeq;
            Enqueue(ack.ServerSeq, new Arrival(ack.Changes ?? push.Changes, ClientId, ack.ClientSeq));
            Drain();
        }
        Rebase();
    }

    /// <summary>The server refused one of this client's pushes (CR3).</summary>
    public void Receive(RejectMessage reject)
    {
        if (_pending.RemoveAll(p => p.ClientSeq == reject.ClientSeq && p.AckedServerSeq is null) > 0)
        {
            Rebase();
        }
    }

    private bool Step(Func<BoardState, IReadOnlyList<BoardChange>?> pop, HistoryEffect effect)
    {
        while (pop(View) is { } changes)
        {
            if (changes.Count > 0)
            {
                return Commit(changes, effect) is null;
            }
        }
        return false;
    }

    private RejectReason? Commit(IReadOnlyList<BoardChange> changes, HistoryEffect effect)
    {
        var result = View.TryApply(changes, Actor);
        if (result.Reason is { } reason)
        {
            return reason;
        }
        _history.Record(View, result, effect);
        _pending.Add(new PendingPush(_nextClientSeq++, BoardSchema.StampAuthor(changes, Actor.ParticipantId)));
        View = result.State;
        return null;
    }

    private void Enqueue(long serverSeq, Arrival arrival)
    {
        if (serverSeq > ConfirmedSeq)
        {
            _inbox[serverSeq] = arrival;
        }
    }

    private void Drain()
    {
        while (_inbox.Remove(ConfirmedSeq + 1, out var arrival))
        {
            Confirmed = Confirmed.ApplyPatch(arrival.Changes);
            ConfirmedSeq++;
            if (arrival.ClientId == ClientId)
            {
                _pending.RemoveAll(p => p.ClientSeq == arrival.ClientSeq);
            }
        }
    }

    // The confirmed state with every pending push that still validates on top; one that no longer does stays pending,
    // since the server decides it (CR2).
    private void Rebase()
    {
        var view = Confirmed;
        foreach (var push in _pending)
        {
            var result = view.TryApply(push.Changes, Actor);
            if (result.IsApplied)
            {
                view = result.State;
            }
        }
        View = view;
    }

    private sealed record Arrival(ImmutableArray<BoardChange> Changes, string ClientId, long ClientSeq);
}
