namespace Tellerrand.Boards;

internal enum HistoryEffect
{
    NewEdit,
    Undo,
    Redo,
}

/// <summary>
/// Undo and redo of the user's own edits (CR4). A step remembers each record the edit touched as it was before and after;
/// the inverse is computed only when it is used, against the state at that moment, so that it sets back only what still
/// has the edit's value and never overwrites someone else's later change.
/// </summary>
internal sealed class UndoHistory
{
    private const int MaxSteps = 100;

    private readonly LinkedList<HistoryStep> _undo = new();
    private readonly LinkedList<HistoryStep> _redo = new();

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    public void Record(BoardState before, ApplyResult applied, HistoryEffect effect)
    {
        var ids = applied.Patch.Select(c => c.Id).Distinct(StringComparer.Ordinal);
        var step = new HistoryStep([.. ids.Select(id => new RecordChange(id, before.Get(id), applied.State.Get(id)))]);
        if (step.Records.Count == 0)
        {
            return;
        }
        if (effect == HistoryEffect.NewEdit)
        {
            _redo.Clear();
        }
        Push(effect == HistoryEffect.Undo ? _redo : _undo, step);
    }

    public IReadOnlyList<BoardChange>? PopUndo(BoardState current) => Pop(_undo, current);

    public IReadOnlyList<BoardChange>? PopRedo(BoardState current) => Pop(_redo, current);

    private static void Push(LinkedList<HistoryStep> stack, HistoryStep step)
    {
        stack.AddLast(step);
        if (stack.Count > MaxSteps)
        {
            stack.RemoveFirst();
        }
    }

    private static IReadOnlyList<BoardChange>? Pop(LinkedList<HistoryStep> stack, BoardState current)
    {
        if (stack.Last is not { } last)
        {
            return null;
        }
        stack.RemoveLast();
        return Inverse(last.Value, current);
    }

    // Recreates deleted records (dependencies first), sets back properties that still hold the edit's value, and deletes
    // records the edit created.
    private static List<BoardChange> Inverse(HistoryStep step, BoardState current)
    {
        var changes = new List<BoardChange>();
        var toRecreate = step.Records
            .Where(r => r.After is null && r.Before is not null && current.Get(r.Id) is null)
            .Select(r => r.Before!)
            .ToList();
        var available = new HashSet<string>(StringComparer.Ordinal);
        bool progress;
        do
        {
            progress = false;
            foreach (var record in toRecreate.ToList())
            {
                if (Dependencies(record).All(d => available.Contains(d) || current.Get(d) is not null))
                {
                    changes.Add(BoardChange.Put(record));
                    available.Add(record.Id);
                    toRecreate.Remove(record);
                    progress = true;
                }
            }
        }
        while (progress);

        foreach (var (id, before, after) in step.Records)
        {
            if (before is null || after is null || current.Get(id) is not { } now)
            {
                continue;
            }
            var restore = PropertyMap.Empty;
            foreach (var name in before.Props.Names.Union(after.Props.Names, StringComparer.Ordinal))
            {
                if (!Equals(before.Props[name], after.Props[name]) && Equals(now.Props[name], after.Props[name]))
                {
                    restore = restore.With(name, before.Props[name]);
                }
            }
            if (restore.Count > 0)
            {
                changes.Add(BoardChange.Update(id, restore));
            }
        }

        foreach (var (id, before, after) in step.Records)
        {
            if (before is null && after is not null && current.Get(id) is not null)
            {
                changes.Add(BoardChange.Delete(id));
            }
        }
        return changes;
    }

    private static IEnumerable<string> Dependencies(BoardRecord record)
    {
        if (record.Placement?.Parent is { } parent)
        {
            yield return parent;
        }
        foreach (var name in (string[])[PropertyNames.From, PropertyNames.To, PropertyNames.Target])
        {
            if (record.Props[name] is TextValue reference)
            {
                yield return reference.Value;
            }
        }
    }

    private sealed record HistoryStep(IReadOnlyList<RecordChange> Records);

    private sealed record RecordChange(string Id, BoardRecord? Before, BoardRecord? After);
}
