using System.Text.Json.Serialization;

namespace Tellerrand.Boards;

/// <summary>
/// The value of one record property. Each property is its own last-writer-wins register (BM2), so a value is always
/// replaced whole; <see cref="PlacementValue"/> bundles parent, index and position for that reason (BM6).
/// </summary>
[GenerateSerializer, Immutable]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "t")]
[JsonDerivedType(typeof(TextValue), "text")]
[JsonDerivedType(typeof(NumberValue), "number")]
[JsonDerivedType(typeof(FlagValue), "flag")]
[JsonDerivedType(typeof(PlacementValue), "placement")]
public abstract record PropertyValue;

/// <summary>A string: free text, a choice from a fixed list, or a record id, as the schema says.</summary>
/// <param name="Value">The string.</param>
[GenerateSerializer, Immutable]
public sealed record TextValue(string Value) : PropertyValue;

/// <summary>A finite number.</summary>
/// <param name="Value">The number.</param>
[GenerateSerializer, Immutable]
public sealed record NumberValue(double Value) : PropertyValue;

/// <summary>A yes/no flag.</summary>
/// <param name="Value">The flag.</param>
[GenerateSerializer, Immutable]
public sealed record FlagValue(bool Value) : PropertyValue;

/// <summary>Where a record sits: parent, order among siblings and position, changed together as one value (BM6).</summary>
/// <param name="Parent">Id of the parent frame, or null for the board itself.</param>
/// <param name="Index">Fractional index among the parent's children (z-order and child order).</param>
/// <param name="X">Horizontal position relative to the parent.</param>
/// <param name="Y">Vertical position relative to the parent.</param>
[GenerateSerializer, Immutable]
public sealed record PlacementValue(string? Parent, string Index, double X, double Y) : PropertyValue;
