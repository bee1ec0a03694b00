using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>A point on the board.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
[GenerateSerializer, Immutable]
public sealed record PresencePoint(double X, double Y);

/// <summary>Where a record is being dragged, before the drop becomes a change.</summary>
/// <param name="Id">The dragged record.</param>
/// <param name="X">Preview horizontal position.</param>
/// <param name="Y">Preview vertical position.</param>
[GenerateSerializer, Immutable]
public sealed record DragPreview(string Id, double X, double Y);

/// <summary>A client's cursor, selection and drag preview (PR1): lossy, never stored.</summary>
/// <param name="Cursor">The cursor, or null when it left the board.</param>
/// <param name="Selection">Selected record ids.</param>
/// <param name="Drag">Records being dragged.</param>
[GenerateSerializer, Immutable]
public sealed record PresenceUpdate(PresencePoint? Cursor, ImmutableArray<string> Selection, ImmutableArray<DragPreview> Drag);

/// <summary>One client's presence in a batch.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="ParticipantId">The person, for the name and colour of the cursor.</param>
/// <param name="Presence">The latest presence.</param>
[GenerateSerializer, Immutable]
public sealed record PresenceEntry(string ClientId, string ParticipantId, PresenceUpdate Presence);

/// <summary>What changed since the last batch (PR2).</summary>
/// <param name="Entries">The latest presence of each client that sent one, in ordinal client id order.</param>
/// <param name="Left">Clients that left, in ordinal order.</param>
[GenerateSerializer, Immutable]
public sealed record PresenceBatch(ImmutableArray<PresenceEntry> Entries, ImmutableArray<string> Left);

/// <summary>
/// Coalesces presence per board (PR2): only the latest update per client survives until the grain's timer drains a batch
/// every <see cref="BoardLimits.PresenceInterval"/>. A client seen for the first time gets everyone's latest presence in
/// the next batch (PR5), because batches are otherwise deltas and people who are only reading would stay invisible to
/// the newcomer until their next heartbeat. Not thread-safe; a grain is single-threaded.
/// </summary>
public sealed class PresenceBatcher
{
    private readonly SortedDictionary<string, PresenceEntry> _changed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PresenceEntry> _latest = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _left = new(StringComparer.Ordinal);
    private bool _newcomer;

    /// <summary>Keeps <paramref name="update"/> as the client's latest presence; false when it is dropped as invalid (PR3).</summary>
    public bool Offer(string clientId, string participantId, PresenceUpdate update)
    {
        if (!IsValid(update))
        {
            return false;
        }
        _left.Remove(clientId);
        var entry = new PresenceEntry(clientId, participantId, update);
        _newcomer |= !_latest.ContainsKey(clientId);
        _latest[clientId] = entry;
        _changed[clientId] = entry;
        return true;
    }

    /// <summary>The client disconnected or timed out (PR4); it is listed in the next batch's <see cref="PresenceBatch.Left"/>.</summary>
    public void Leave(string clientId)
    {
        _changed.Remove(clientId);
        _latest.Remove(clientId);
        _left.Add(clientId);
    }

    /// <summary>The batch to send now, or null when nothing changed since the last one.</summary>
    public PresenceBatch? Drain()
    {
        if (_changed.Count == 0 && _left.Count == 0)
        {
            return null;
        }
        var entries = _newcomer ? _latest.Values.OrderBy(e => e.ClientId, StringComparer.Ordinal) : _changed.Values.AsEnumerable();
        var batch = new PresenceBatch([.. entries], [.. _left]);
        _changed.Clear();
        _left.Clear();
        _newcomer = false;
        return batch;
    }

    private static bool IsValid(PresenceUpdate update)
    {
        var selection = update.Selection.IsDefault ? [] : update.Selection;
        var drag = update.Drag.IsDefault ? [] : update.Drag;
        return (update.Cursor is null || (IsCoordinate(update.Cursor.X) && IsCoordinate(update.Cursor.Y)))
            && selection.Length <= BoardLimits.MaxSelection
            && selection.All(BoardSchema.IsValidId)
            && drag.Length <= BoardLimits.MaxSelection
            && drag.All(d => BoardSchema.IsValidId(d.Id) && IsCoordinate(d.X) && IsCoordinate(d.Y));
    }

    private static bool IsCoordinate(double value) => double.IsFinite(value) && Math.Abs(value) <= BoardLimits.MaxCoordinate;
}
