namespace Tellerrand.Boards;

/// <summary>One thing on the board: a client-generated id, a kind and its properties (BM1).</summary>
/// <param name="Id">Record id, unique on the board.</param>
/// <param name="Kind">Wire name of the kind (<see cref="RecordKinds"/>).</param>
/// <param name="Props">The properties that are set; absent ones read as the kind's default.</param>
[GenerateSerializer, Immutable]
public sealed record BoardRecord(string Id, string Kind, PropertyMap Props)
{
    /// <summary>The value of <paramref name="name"/>, or the kind's default when it is not set.</summary>
    public PropertyValue? Get(string name) => Props[name] ?? BoardSchema.Find(Kind)?.Find(name)?.Default;

    /// <summary>The text, choice or ref <paramref name="name"/>, or null.</summary>
    public string? GetText(string name) => (Get(name) as TextValue)?.Value;

    /// <summary>The number <paramref name="name"/>, or null.</summary>
    public double? GetNumber(string name) => (Get(name) as NumberValue)?.Value;

    /// <summary>The flag <paramref name="name"/>, false when unset.</summary>
    public bool GetFlag(string name) => Get(name) is FlagValue { Value: true };

    /// <summary>Where the record sits, or null for kinds that are not placed.</summary>
    public PlacementValue? Placement => Props[PropertyNames.Placement] as PlacementValue;

    /// <summary>Whether the moderator locked the record (AZ3).</summary>
    public bool IsLocked => GetFlag(PropertyNames.Locked);
}
