using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tellerrand.Boards;

/// <summary>
/// The stored form of snapshots and log entries: UTF-8 JSON, independent of the Orleans wire format so that stored boards
/// outlive serializer and protocol versions (LG4, VS3).
/// </summary>
public static class BoardStorageFormat
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
    };

    /// <summary>The snapshot as JSON.</summary>
    public static byte[] Serialize(BoardSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Options);

    /// <summary>A snapshot read from JSON.</summary>
    /// <exception cref="InvalidDataException">When the data is not a snapshot of a known format (LG4).</exception>
    public static BoardSnapshot DeserializeSnapshot(ReadOnlySpan<byte> json)
    {
        var snapshot = Read<BoardSnapshot>(json);
        if (snapshot.FormatVersion != BoardSnapshot.CurrentFormatVersion)
        {
            throw new InvalidDataException($"Board snapshot format {snapshot.FormatVersion} is not known.");
        }
        return snapshot;
    }

    /// <summary>The log entry as JSON.</summary>
    public static byte[] Serialize(LogEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, Options);

    /// <summary>A log entry read from JSON.</summary>
    /// <exception cref="InvalidDataException">When the data is not a log entry.</exception>
    public static LogEntry DeserializeLogEntry(ReadOnlySpan<byte> json) => Read<LogEntry>(json);

    private static T Read<T>(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Stored {typeof(T).Name} is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Stored {typeof(T).Name} cannot be read.", e);
        }
    }
}
