using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>
/// Applies one push change by change to a working copy of the records, in the check order of PU4, and collects the patch.
/// Thrown away when a change fails, so a rejected push changes nothing (PU1).
/// </summary>
/// <param name="records">The working copy.</param>
/// <param name="actor">Who pushes.</param>
/// <param name="author">The participant id stamped on created records (AU1), or null for the server's own records (AU3).</param>
internal sealed class PushApplication(ImmutableSortedDictionary<string, BoardRecord>.Builder records, BoardActor actor, string? author)
{
    // Parents whose children got a new placement in this push; the root is the empty string, which no record id can be.
    private readonly SortedSet<string> _touchedParents = new(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, BoardRecord>.Builder Records { get; } = records;

    public List<BoardChange> Patch { get; } = [];

    private bool IsModerator => actor.Role == BoardRole.Moderator;

    public RejectReason? Apply(BoardChange? change)
    {
        // A hub decodes changes from untrusted bytes, so a missing change or field is possible despite the annotations.
        if (change is null || !BoardSchema.IsValidId(change.Id))
        {
            return RejectReason.Malformed;
        }
        return change.Op switch
        {
            ChangeOp.Put => Put(change),
            ChangeOp.Update => Update(change),
            ChangeOp.Delete => Delete(change.Id),
            _ => RejectReason.Malformed,
        };
    }

    private RejectReason? Put(BoardChange change)
    {
        if (change.Kind is null || change.Props is null)
        {
            return RejectReason.Malformed;
        }
        if (BoardSchema.Find(change.Kind) is not { } kind)
        {
            return RejectReason.UnknownRecordKind;
        }
        var existing = Records.GetValueOrDefault(change.Id);
        var props = StampAuthor(kind, BoardState.WithoutNulls(change.Props), existing);
        if (CheckShape(kind, props) is { } reason)
        {
            return reason;
        }
        if ((change.Id == BoardSchema.SettingsId) != (kind.Name == RecordKinds.Board)
            || kind.Properties.Any(p => p.Required && props[p.Name] is null))
        {
            return RejectReason.Malformed;
        }
        if (existing is not null && existing.Kind != kind.Name)
        {
            return RejectReason.Malformed;
        }
        if (kind.Name == RecordKinds.Vote
            && change.Id != BoardSchema.VoteId(((TextValue)props[PropertyNames.Voter]!).Value, ((TextValue)props[PropertyNames.Target]!).Value))
        {
            return RejectReason.Malformed;
        }
        if ((CheckPermission(kind, props, existing) ?? CheckVoteCast(kind, props)) is { } permission)
        {
            return permission;
        }
        if (existing is { IsLocked: true } && !IsModerator)
        {
            return RejectReason.RecordLocked;
        }
        if (CheckReferences(change.Id, kind, props) is { } missing)
        {
            return missing;
        }
        if (existing is not null)
        {
            SetProperties(existing, props);
            return null;
        }
        var created = new BoardRecord(change.Id, kind.Name, props);
        Records[change.Id] = created;
        Patch.Add(BoardChange.Put(created));
        Touch(created.Placement);
        return kind.Name == RecordKinds.Vote ? CheckVoteLimit(((TextValue)props[PropertyNames.Voter]!).Value) : null;
    }

    private RejectReason? Update(BoardChange change)
    {
        if (change.Props is not { Count: > 0 } props)
        {
            return RejectReason.Malformed;
        }
        if (!Records.TryGetValue(change.Id, out var existing))
        {
            // It lost a race with a delete (BM4): drop the change, keep the rest of the push.
            return null;
        }
        var kind = BoardSchema.Find(existing.Kind)!;
        if (kind.Name == RecordKinds.Vote)
        {
            return RejectReason.Malformed;
        }
        if (CheckShape(kind, props) is { } reason)
        {
            return reason;
        }
        if (props.Any(p => p.Value is null && kind.Find(p.Key)!.Required))
        {
            return RejectReason.Malformed;
        }
        // Only the authority stamps authors, and only when a record is created (AU2).
        if (props.Contains(PropertyNames.Author))
        {
            return RejectReason.NotPermitted;
        }
        if (CheckPermission(kind, props, existing) is { } permission)
        {
            return permission;
        }
        if (existing.IsLocked && !IsModerator)
        {
            return RejectReason.RecordLocked;
        }
        if (CheckReferences(change.Id, kind, props) is { } missing)
        {
            return missing;
        }
        SetProperties(existing, props);
        return null;
    }

    private RejectReason? Delete(string id)
    {
        if (!Records.TryGetValue(id, out var existing))
        {
            return null;
        }
        if (existing.Kind == RecordKinds.Board)
        {
            return RejectReason.NotPermitted;
        }
        if (existing.Kind == RecordKinds.Vote && !IsModerator)
        {
            if (existing.GetText(PropertyNames.Voter) != actor.ParticipantId)
            {
                return RejectReason.NotPermitted;
            }
            if (VoteState != BoardSchema.VoteOpen)
            {
                return RejectReason.VotingClosed;
            }
        }
        var removed = CollectCascade(id);
        if (!IsModerator && removed.Any(r => Records[r].IsLocked))
        {
            return RejectReason.RecordLocked;
        }
        Patch.Add(BoardChange.Delete(id));
        Records.Remove(id);
        foreach (var cascaded in removed.Where(r => r != id).Order(StringComparer.Ordinal))
        {
            Patch.Add(BoardChange.Delete(cascaded));
            Records.Remove(cascaded);
        }
        return null;
    }

    /// <summary>Gives duplicate sibling indices fresh keys under every parent this push placed something in (BM7).</summary>
    public void RepairIndices()
    {
        if (_touchedParents.Count == 0)
        {
            return;
        }
        var siblings = Records.Values
            .Where(r => r.Placement is { } p && _touchedParents.Contains(p.Parent ?? ""))
            .GroupBy(r => r.Placement!.Parent ?? "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in siblings)
        {
            foreach (var (id, index) in FractionalIndex.Repair(group.Select(r => (r.Id, r.Placement!.Index))))
            {
                var record = Records[id];
                var placement = record.Placement! with { Index = index };
                Records[id] = record with { Props = record.Props.With(PropertyNames.Placement, placement) };
                Patch.Add(BoardChange.Update(id, PropertyMap.Of((PropertyNames.Placement, placement))));
            }
        }
    }

    private string VoteState =>
        Records.GetValueOrDefault(BoardSchema.SettingsId)?.GetText(PropertyNames.VoteState) ?? BoardSchema.VoteIdle;

    // Whatever the push carried is replaced, before the shape check, so that a forged or broken value never decides the
    // outcome (AU1); a put over an existing record keeps that record's author, and the server's own records get none (AU3).
    private PropertyMap StampAuthor(RecordKindSpec kind, PropertyMap props, BoardRecord? existing)
    {
        if (kind.Find(PropertyNames.Author) is null)
        {
            return props;
        }
        return existing is null && author is not null
            ? props.With(PropertyNames.Author, new TextValue(author))
            : props.Without(PropertyNames.Author);
    }

    private static RejectReason? CheckShape(RecordKindSpec kind, PropertyMap props)
    {
        foreach (var (name, value) in props)
        {
            if (kind.Find(name) is not { } spec)
            {
                return RejectReason.Malformed;
            }
            if (value is not null && CheckValue(spec, value) is { } reason)
            {
                return reason;
            }
        }
        return null;
    }

    private static RejectReason? CheckValue(PropertySpec spec, PropertyValue value) => (spec.Type, value) switch
    {
        (PropertyType.Text, TextValue { Value: not null } text) => BoardText.Check(text.Value, spec.MaxLength),
        (PropertyType.Choice, TextValue choice) when spec.Choices.Contains(choice.Value) => null,
        (PropertyType.Number, NumberValue number) when double.IsFinite(number.Value) && number.Value >= spec.Min && number.Value <= spec.Max => null,
        (PropertyType.Flag, FlagValue) => null,
        (PropertyType.Ref, TextValue reference) when BoardSchema.IsValidId(reference.Value) => null,
        (PropertyType.Placement, PlacementValue placement) when IsValidPlacement(placement) => null,
        _ => RejectReason.Malformed,
    };

    private static bool IsValidPlacement(PlacementValue placement) =>
        (placement.Parent is null || BoardSchema.IsValidId(placement.Parent))
        && FractionalIndex.IsValid(placement.Index)
        && IsCoordinate(placement.X)
        && IsCoordinate(placement.Y);

    private static bool IsCoordinate(double value) => double.IsFinite(value) && Math.Abs(value) <= BoardLimits.MaxCoordinate;

    // Participants may carry a lock flag along (an undo recreates a record with all its properties) but not flip it.
    private RejectReason? CheckPermission(RecordKindSpec kind, PropertyMap props, BoardRecord? existing)
    {
        if (IsModerator)
        {
            return null;
        }
        var flipsLock = props.Contains(PropertyNames.Locked)
            && props[PropertyNames.Locked] is FlagValue { Value: true } != (existing?.IsLocked ?? false);
        return kind.Name == RecordKinds.Board || flipsLock ? RejectReason.NotPermitted : null;
    }

    private RejectReason? CheckVoteCast(RecordKindSpec kind, PropertyMap props)
    {
        if (kind.Name != RecordKinds.Vote)
        {
            return null;
        }
        if (((TextValue)props[PropertyNames.Voter]!).Value != actor.ParticipantId)
        {
            return RejectReason.NotPermitted;
        }
        return VoteState == BoardSchema.VoteOpen ? null : RejectReason.VotingClosed;
    }

    private RejectReason? CheckReferences(string id, RecordKindSpec kind, PropertyMap props)
    {
        if (props[PropertyNames.Placement] is PlacementValue { Parent: { } parent })
        {
            if (!Records.TryGetValue(parent, out var parentRecord) || parentRecord.Kind != RecordKinds.Frame)
            {
                return RejectReason.ParentMissing;
            }
            for (string? ancestor = parent; ancestor is not null; ancestor = Records[ancestor].Placement?.Parent)
            {
                if (ancestor == id)
                {
                    return RejectReason.CycleInParents;
                }
            }
        }
        foreach (var name in (string[])[PropertyNames.From, PropertyNames.To, PropertyNames.Target, PropertyNames.GatherTarget])
        {
            if (props[name] is TextValue reference && !IsValidReference(kind.Name, reference.Value))
            {
                return RejectReason.ReferenceMissing;
            }
        }
        return null;
    }

    private bool IsValidReference(string kind, string target)
    {
        if (!Records.TryGetValue(target, out var record))
        {
            return false;
        }
        return kind == RecordKinds.Vote
            ? record.Kind is RecordKinds.Sticky or RecordKinds.Text
            : BoardSchema.Find(record.Kind)!.IsPlaced;
    }

    private RejectReason? CheckVoteLimit(string voter)
    {
        var limit = (int)(Records.GetValueOrDefault(BoardSchema.SettingsId)?.GetNumber(PropertyNames.VotesPerPerson)
            ?? BoardLimits.DefaultVotesPerPerson);
        var cast = Records.Values.Count(r => r.Kind == RecordKinds.Vote && r.GetText(PropertyNames.Voter) == voter);
        return cast > limit ? RejectReason.VoteLimitReached : null;
    }

    private void SetProperties(BoardRecord existing, PropertyMap props)
    {
        var changed = PropertyMap.Empty;
        foreach (var (name, value) in props)
        {
            if (!Equals(existing.Props[name], value))
            {
                changed = changed.With(name, value);
            }
        }
        if (changed.Count == 0)
        {
            return;
        }
        var updated = existing with { Props = BoardState.Merge(existing.Props, changed) };
        Records[existing.Id] = updated;
        Patch.Add(BoardChange.Update(existing.Id, changed));
        if (changed.Contains(PropertyNames.Placement))
        {
            Touch(updated.Placement);
        }
    }

    private void Touch(PlacementValue? placement)
    {
        if (placement is not null)
        {
            _touchedParents.Add(placement.Parent ?? "");
        }
    }

    // The record, its descendants, the connectors that end in any of them and the votes on any of them (BM5).
    private HashSet<string> CollectCascade(string id)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal) { id };
        var children = Records.Values
            .Where(r => r.Placement?.Parent is not null)
            .ToLookup(r => r.Placement!.Parent!, r => r.Id, StringComparer.Ordinal);
        var queue = new Queue<string>([id]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var child in children[current])
            {
                if (removed.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }
        foreach (var record in Records.Values)
        {
            var attached = record.Kind switch
            {
                RecordKinds.Connector => removed.Contains(record.GetText(PropertyNames.From)!) || removed.Contains(record.GetText(PropertyNames.To)!),
                RecordKinds.Vote => removed.Contains(record.GetText(PropertyNames.Target)!),
                _ => false,
            };
            if (attached)
            {
                removed.Add(record.Id);
            }
        }
        return removed;
    }
}
