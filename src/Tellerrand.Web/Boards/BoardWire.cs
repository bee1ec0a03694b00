using System.Collections.Immutable;
using MessagePack;
using Tellerrand.Boards;

namespace Tellerrand.Web.Boards;

// The messages of docs/board-protocol.md §4 as they travel in MessagePack: maps with camelCase keys. They exist to give
// the library's records that wire shape; every field of a message from a client is optional here, because a client is
// untrusted and a missing field must become a Reject, not a failed call.

[MessagePackObject]
public sealed class ResumeWire
{
    [Key("protocolVersion")] public long ProtocolVersion { get; set; }
    [Key("boardId")] public string? BoardId { get; set; }
    [Key("clientId")] public string? ClientId { get; set; }
    [Key("lastServerSeq")] public long LastServerSeq { get; set; }
}

[MessagePackObject]
public sealed class ResumedWire
{
    [Key("serverSeq")] public long ServerSeq { get; set; }
    [Key("patches")] public PatchWire[]? Patches { get; set; }
    [Key("snapshot")] public RecordWire[]? Snapshot { get; set; }
}

[MessagePackObject]
public sealed class IncompatibleWire
{
    [Key("protocolVersion")] public long ProtocolVersion { get; set; }
}

[MessagePackObject]
public sealed class PushWire
{
    [Key("clientId")] public string? ClientId { get; set; }
    [Key("clientSeq")] public long ClientSeq { get; set; }
    [Key("changes")] public ChangeWire?[]? Changes { get; set; }
}

[MessagePackObject]
public sealed class ChangeWire
{
    [Key("op")] public string? Op { get; set; }
    [Key("id")] public string? Id { get; set; }
    [Key("kind")] public string? Kind { get; set; }
    [Key("props")] public Dictionary<string, object?>? Props { get; set; }
}

[MessagePackObject]
public sealed class AckWire
{
    [Key("clientSeq")] public long ClientSeq { get; set; }
    [Key("serverSeq")] public long ServerSeq { get; set; }
    [Key("changes")] public ChangeWire[]? Changes { get; set; }
}

[MessagePackObject]
public sealed class RejectWire
{
    [Key("clientSeq")] public long ClientSeq { get; set; }
    [Key("reason")] public int Reason { get; set; }
}

[MessagePackObject]
public sealed class PatchWire
{
    [Key("serverSeq")] public long ServerSeq { get; set; }
    [Key("clientId")] public string ClientId { get; set; } = "";
    [Key("clientSeq")] public long ClientSeq { get; set; }
    [Key("changes")] public ChangeWire[] Changes { get; set; } = [];
}

[MessagePackObject]
public sealed class RecordWire
{
    [Key("id")] public string Id { get; set; } = "";
    [Key("kind")] public string Kind { get; set; } = "";
    [Key("props")] public Dictionary<string, object?> Props { get; set; } = [];
}

[MessagePackObject]
public sealed class PresenceWire
{
    [Key("cursor")] public PointWire? Cursor { get; set; }
    [Key("selection")] public string[]? Selection { get; set; }
    [Key("drag")] public DragWire[]? Drag { get; set; }
}

[MessagePackObject]
public sealed class PointWire
{
    [Key("x")] public double X { get; set; }
    [Key("y")] public double Y { get; set; }
}

[MessagePackObject]
public sealed class DragWire
{
    [Key("id")] public string? Id { get; set; }
    [Key("x")] public double X { get; set; }
    [Key("y")] public double Y { get; set; }
}

[MessagePackObject]
public sealed class PresenceBatchWire
{
    [Key("entries")] public PresenceEntryWire[] Entries { get; set; } = [];
    [Key("left")] public string[] Left { get; set; } = [];
}

[MessagePackObject]
public sealed class PresenceEntryWire
{
    [Key("clientId")] public string ClientId { get; set; } = "";
    [Key("participantId")] public string ParticipantId { get; set; } = "";
    [Key("presence")] public PresenceWire Presence { get; set; } = new();
}

/// <summary>Converts between the library's records and the wire shapes, decoding property values by their name's type.</summary>
public static class BoardWire
{
    public static ResumedWire From(ResumedMessage resumed) => new()
    {
        ServerSeq = resumed.ServerSeq,
        Patches = resumed.Patches is { } patches ? [.. patches.Select(From)] : null,
        Snapshot = resumed.Snapshot is { } records ? [.. records.Select(r => new RecordWire { Id = r.Id, Kind = r.Kind, Props = From(r.Props) })] : null,
    };

    public static PatchWire From(PatchMessage patch) => new()
    {
        ServerSeq = patch.ServerSeq,
        ClientId = patch.ClientId,
        ClientSeq = patch.ClientSeq,
        Changes = [.. patch.Changes.Select(From)],
    };

    public static AckWire From(AckMessage ack) => new()
    {
        ClientSeq = ack.ClientSeq,
        ServerSeq = ack.ServerSeq,
        Changes = ack.Changes is { } changes ? [.. changes.Select(From)] : null,
    };

    public static RejectWire From(RejectMessage reject) => new() { ClientSeq = reject.ClientSeq, Reason = (int)reject.Reason };

    public static PresenceBatchWire From(PresenceBatch batch) => new()
    {
        Entries = [.. batch.Entries.Select(e => new PresenceEntryWire { ClientId = e.ClientId, ParticipantId = e.ParticipantId, Presence = From(e.Presence) })],
        Left = [.. batch.Left],
    };

    public static PresenceWire From(PresenceUpdate presence) => new()
    {
        Cursor = presence.Cursor is { } cursor ? new PointWire { X = cursor.X, Y = cursor.Y } : null,
        Selection = presence.Selection.IsDefault ? [] : [.. presence.Selection],
        Drag = presence.Drag.IsDefault ? [] : [.. presence.Drag.Select(d => new DragWire { Id = d.Id, X = d.X, Y = d.Y })],
    };

    public static ChangeWire From(BoardChange change) => new()
    {
        Op = change.Op switch { ChangeOp.Put => "put", ChangeOp.Update => "update", _ => "delete" },
        Id = change.Id,
        Kind = change.Kind,
        Props = change.Props is { } props ? From(props) : null,
    };

    /// <summary>A push as the library's record, or null when its shape cannot be decoded at all (<see cref="RejectReason.Malformed"/>).</summary>
    public static PushMessage? ToPush(PushWire push)
    {
        var changes = ImmutableArray.CreateBuilder<BoardChange>(push.Changes?.Length ?? 0);
        foreach (var change in push.Changes ?? [])
        {
            if (change is null || ToChange(change) is not { } decoded)
            {
                return null;
            }
            changes.Add(decoded);
        }
        return new PushMessage(push.ClientId ?? "", push.ClientSeq, changes.MoveToImmutable());
    }

    /// <summary>Presence as the library's record; ids are checked by <see cref="PresenceBatcher"/> (PR3).</summary>
    public static PresenceUpdate ToPresence(PresenceWire presence) => new(
        presence.Cursor is { } cursor ? new PresencePoint(cursor.X, cursor.Y) : null,
        [.. (presence.Selection ?? []).Select(s => s ?? "")],
        [.. (presence.Drag ?? []).Select(d => new DragPreview(d?.Id ?? "", d?.X ?? double.NaN, d?.Y ?? double.NaN))]);

    public static BoardChange? ToChange(ChangeWire change)
    {
        ChangeOp? op = change.Op switch { "put" => ChangeOp.Put, "update" => ChangeOp.Update, "delete" => ChangeOp.Delete, _ => null };
        if (op is null || change.Id is null)
        {
            return null;
        }
        PropertyMap? props = null;
        if (change.Props is not null)
        {
            props = PropertyMap.Empty;
            foreach (var (name, raw) in change.Props)
            {
                if (BoardSchema.TypeOf(name) is not { } type)
                {
                    return null;
                }
                PropertyValue? value = null;
                if (raw is not null && (value = ToValue(type, raw)) is null)
                {
                    return null;
                }
                props = props.With(name, value);
            }
        }
        return new BoardChange(op.Value, change.Id, change.Kind, props);
    }

    private static PropertyValue? ToValue(PropertyType type, object raw) => type switch
    {
        PropertyType.Text or PropertyType.Choice or PropertyType.Ref => raw is string text ? new TextValue(text) : null,
        PropertyType.Number => ToNumber(raw) is { } number ? new NumberValue(number) : null,
        PropertyType.Flag => raw is bool flag ? new FlagValue(flag) : null,
        PropertyType.Placement => ToPlacement(raw),
        _ => null,
    };

    private static PlacementValue? ToPlacement(object raw)
    {
        if (raw is not IDictionary<object, object?> map)
        {
            return null;
        }
        var parent = map.TryGetValue("parent", out var p) ? p : null;
        return parent is null or string
            && map.TryGetValue("index", out var index) && index is string indexText
            && map.TryGetValue("x", out var x) && ToNumber(x) is { } xValue
            && map.TryGetValue("y", out var y) && ToNumber(y) is { } yValue
            && map.Count == (map.ContainsKey("parent") ? 4 : 3)
            ? new PlacementValue((string?)parent, indexText, xValue, yValue)
            : null;
    }

    // MessagePack hands integers over as the smallest type that holds them; the spec accepts integers for numbers.
    private static double? ToNumber(object? raw) => raw switch
    {
        double d => d,
        float f => f,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u,
        _ => null,
    };

    private static Dictionary<string, object?> From(PropertyMap props) =>
        props.ToDictionary(p => p.Key, p => p.Value switch
        {
            TextValue text => text.Value,
            NumberValue number => number.Value,
            FlagValue flag => flag.Value,
            PlacementValue placement => new Dictionary<string, object?>
            {
                ["parent"] = placement.Parent,
                ["index"] = placement.Index,
                ["x"] = placement.X,
                ["y"] = placement.Y,
            },
            _ => (object?)null,
        });
}
