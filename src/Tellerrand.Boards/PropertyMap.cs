using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tellerrand.Boards;

/// <summary>
/// An immutable map from property name to value, kept sorted by name (ordinal) and compared by content, so that records
/// and changes that hold one compare structurally and serialize in a stable order (BM11). Records have a handful of
/// properties, so a sorted array beats a tree. In a record no value is null; in an update a null value resets the
/// property to its default.
/// </summary>
[GenerateSerializer, Immutable]
[JsonConverter(typeof(PropertyMapJsonConverter))]
public sealed class PropertyMap : IReadOnlyCollection<KeyValuePair<string, PropertyValue?>>, IEquatable<PropertyMap>
{
    /// <summary>The map without entries.</summary>
    public static readonly PropertyMap Empty = new([]);

    [Id(0)]
    private readonly PropertyEntry[] _entries;

    private PropertyMap(PropertyEntry[] entries) => _entries = entries;

    /// <summary>Builds a map from name/value pairs; a later pair with the same name wins.</summary>
    public static PropertyMap Of(params IEnumerable<(string Name, PropertyValue? Value)> entries)
    {
        var map = Empty;
        foreach (var (name, value) in entries)
        {
            map = map.With(name, value);
        }
        return map;
    }

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <summary>The property names in ordinal order.</summary>
    public IEnumerable<string> Names => _entries.Select(e => e.Name);

    /// <summary>The value of <paramref name="name"/>, or null when absent (or reset, in an update).</summary>
    public PropertyValue? this[string name]
    {
        get
        {
            var at = Find(name);
            return at >= 0 ? _entries[at].Value : null;
        }
    }

    /// <summary>Whether the map has an entry for <paramref name="name"/>, even a null one.</summary>
    public bool Contains(string name) => Find(name) >= 0;

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public PropertyMap With(string name, PropertyValue? value)
    {
        var at = Find(name);
        if (at >= 0)
        {
            var replaced = (PropertyEntry[])_entries.Clone();
            replaced[at] = new PropertyEntry(name, value);
            return new PropertyMap(replaced);
        }
        var insertAt = ~at;
        var grown = new PropertyEntry[_entries.Length + 1];
        Array.Copy(_entries, grown, insertAt);
        grown[insertAt] = new PropertyEntry(name, value);
        Array.Copy(_entries, insertAt, grown, insertAt + 1, _entries.Length - insertAt);
        return new PropertyMap(grown);
    }

    /// <summary>A copy without <paramref name="name"/>.</summary>
    public PropertyMap Without(string name)
    {
        var at = Find(name);
        if (at < 0)
        {
            return this;
        }
        var shrunk = new PropertyEntry[_entries.Length - 1];
        Array.Copy(_entries, shrunk, at);
        Array.Copy(_entries, at + 1, shrunk, at, _entries.Length - at - 1);
        return new PropertyMap(shrunk);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, PropertyValue?>> GetEnumerator() =>
        _entries.Select(e => new KeyValuePair<string, PropertyValue?>(e.Name, e.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(PropertyMap? other) => other is not null && _entries.AsSpan().SequenceEqual(other._entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PropertyMap);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries)
        {
            hash.Add(entry);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Name}: {e.Value?.ToString() ?? "nil"}")) + "}";

    private int Find(string name)
    {
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(_entries[mid].Name, name);
            if (order == 0)
            {
                return mid;
            }
            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return ~low;
    }
}

/// <summary>One name/value pair of a <see cref="PropertyMap"/>.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The value; null only in an update, where it resets the property.</param>
[GenerateSerializer, Immutable]
public sealed record PropertyEntry(string Name, PropertyValue? Value);

/// <summary>Writes a <see cref="PropertyMap"/> as a JSON object of name → value, so stored snapshots read naturally.</summary>
internal sealed class PropertyMapJsonConverter : JsonConverter<PropertyMap>
{
    public override PropertyMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A property map must be a JSON object.");
        }
        var entries = new List<(string, PropertyValue?)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? throw new JsonException("A property name must be a string.");
            reader.Read();
            entries.Add((name, JsonSerializer.Deserialize<PropertyValue>(ref reader, options)));
        }
        return PropertyMap.Of(entries);
    }

    public override void Write(Utf8JsonWriter writer, PropertyMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, propertyValue) in value)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, propertyValue, options);
        }
        writer.WriteEndObject();
    }
}
