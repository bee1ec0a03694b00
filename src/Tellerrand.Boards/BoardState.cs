using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>
/// The records of one board. Immutable: <see cref="TryApply"/> returns a new state and the patch of what actually changed,
/// so a rejected push leaves nothing behind (PU1) and a client can keep its confirmed state beside its view (CR2).
/// Everything here is deterministic: ordinal ordering, no clocks, no randomness (BM11).
/// </summary>
public sealed class BoardState : IEquatable<BoardState>
{
    /// <summary>The board without records.</summary>
    public static readonly BoardState Empty = new(ImmutableSortedDictionary.Create<string, BoardRecord>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, BoardRecord> _records;

    private BoardState(ImmutableSortedDictionary<string, BoardRecord> records) => _records = records;

    /// <summary>A state holding exactly <paramref name="records"/> (from a snapshot); ids must be unique.</summary>
    public static BoardState FromRecords(IEnumerable<BoardRecord> records) =>
        new(records.ToImmutableSortedDictionary(r => r.Id, r => r, StringComparer.Ordinal));

    /// <summary>Number of records, votes and settings included.</summary>
    public int Count => _records.Count;

    /// <summary>All records in ordinal id order.</summary>
    public IEnumerable<BoardRecord> Records => _records.Values;

    /// <summary>The record <paramref name="id"/>, or null.</summary>
    public BoardRecord? Get(string id) => _records.GetValueOrDefault(id);

    /// <summary>The board settings record, or null before a template created it (BM12).</summary>
    public BoardRecord? Settings => Get(BoardSchema.SettingsId);

    /// <summary>Whether the board is read-only (AZ6).</summary>
    public bool IsFrozen => Settings?.GetFlag(PropertyNames.Frozen) ?? false;

    /// <summary>The vote round state: <c>idle</c>, <c>open</c> or <c>revealed</c>.</summary>
    public string VoteState => Settings?.GetText(PropertyNames.VoteState) ?? BoardSchema.VoteIdle;

    /// <summary>Votes each person has in a round.</summary>
    public int VotesPerPerson => (int)(Settings?.GetNumber(PropertyNames.VotesPerPerson) ?? BoardLimits.DefaultVotesPerPerson);

    /// <summary>The children of <paramref name="parent"/> (null for the board itself), bottom to top.</summary>
    public IReadOnlyList<BoardRecord> ChildrenOf(string? parent) =>
        _records.Values
            .Where(r => r.Placement is { } p && p.Parent == parent)
            .OrderBy(r => r.Placement!.Index, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Validates <paramref name="changes"/> as a push by <paramref name="actor"/> and applies them (PU1–PU4, BM1–BM12,
    /// AZ2–AZ6). On success the result holds the new state and the patch; on failure the reason and this state.
    /// </summary>
    public ApplyResult TryApply(IReadOnlyList<BoardChange> changes, BoardActor actor) => TryApplyWithAuthor(changes, actor, actor.ParticipantId);

    /// <summary>
    /// <see cref="TryApply"/>, stamping created records with <paramref name="author"/>
    /// (AU1); null for the server's own records, which have no author (AU3).
    /// </summary>
    internal ApplyResult TryApplyWithAuthor(IReadOnlyList<BoardChange> changes, BoardActor actor, string? author)
    {
        if (changes.Count is 0 or > BoardLimits.MaxChangesPerPush)
        {
            return ApplyResult.Rejected(this, RejectReason.TooManyChanges);
        }
        if (WireSize.Estimate(changes) > BoardLimits.MaxMessageBytes)
        {
            return ApplyResult.Rejected(this, RejectReason.Oversized);
        }
        var wasFrozen = IsFrozen;
        if (wasFrozen && (actor.Role != BoardRole.Moderator || changes.Any(c => c?.Id != BoardSchema.SettingsId)))
        {
            return ApplyResult.Rejected(this, RejectReason.BoardFrozen);
        }
        if (actor.Role == BoardRole.Observer)
        {
            return ApplyResult.Rejected(this, RejectReason.NotPermitted);
        }

        var push = new PushApplication(_records.ToBuilder(), actor, author);
        foreach (var change in changes)
        {
            if (push.Apply(change) is { } reason)
            {
                return ApplyResult.Rejected(this, reason);
            }
        }
        push.RepairIndices();
        if (push.Records.Count > BoardLimits.MaxRecordsPerBoard)
        {
            return ApplyResult.Rejected(this, RejectReason.BoardFull);
        }
        var next = new BoardState(push.Records.ToImmutable());
        if (wasFrozen && next.IsFrozen)
        {
            return ApplyResult.Rejected(this, RejectReason.BoardFrozen);
        }
        return ApplyResult.Accepted(next, [.. push.Patch]);
    }

    /// <summary>
    /// Applies a patch as the server produced it, without validation: <c>put</c> sets the record exactly, <c>update</c> sets
    /// or (null) removes properties of an existing record, <c>delete</c> removes without cascading, because the patch
    /// already lists the cascade (BM5). Used for log replay and by clients for confirmed state.
    /// </summary>
    public BoardState ApplyPatch(IEnumerable<BoardChange> patch)
    {
        var records = _records.ToBuilder();
        foreach (var change in patch)
        {
            switch (change.Op)
            {
                case ChangeOp.Put:
                    records[change.Id] = new BoardRecord(change.Id, change.Kind!, WithoutNulls(change.Props ?? PropertyMap.Empty));
                    break;
                case ChangeOp.Update when records.TryGetValue(change.Id, out var existing):
                    records[change.Id] = existing with { Props = Merge(existing.Props, change.Props ?? PropertyMap.Empty) };
                    break;
                case ChangeOp.Delete:
                    records.Remove(change.Id);
                    break;
            }
        }
        return new BoardState(records.ToImmutable());
    }

    /// <inheritdoc />
    public bool Equals(BoardState? other) =>
        other is not null && other.Count == Count && _records.All(r => Equals(other.Get(r.Key), r.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BoardState);

    /// <inheritdoc />
    public override int GetHashCode() => Count;

    /// <inheritdoc />
    public override string ToString() => $"BoardState({Count} records)";

    internal static PropertyMap WithoutNulls(PropertyMap props) =>
        props.Any(p => p.Value is null) ? PropertyMap.Of(props.Where(p => p.Value is not null).Select(p => (p.Key, p.Value))) : props;

    internal static PropertyMap Merge(PropertyMap current, PropertyMap changes)
    {
        var merged = current;
        foreach (var (name, value) in changes)
        {
            merged = value is null ? merged.Without(name) : merged.With(name, value);
        }
        return merged;
    }
}

/// <summary>The outcome of <see cref="BoardState.TryApply"/>.</summary>
/// <param name="State">The new state, or the unchanged one when rejected.</param>
/// <param name="Patch">What actually changed (empty when rejected, possibly empty when every change was a no-op).</param>
/// <param name="Reason">Why the push was rejected, or null when it was applied.</param>
public sealed record ApplyResult(BoardState State, ImmutableArray<BoardChange> Patch, RejectReason? Reason)
{
    /// <summary>Whether the push was applied.</summary>
    public bool IsApplied => Reason is null;

    internal static ApplyResult Accepted(BoardState state, ImmutableArray<BoardChange> patch) => new(state, patch, null);

    internal static ApplyResult Rejected(BoardState state, RejectReason reason) => new(state, [], reason);
}
