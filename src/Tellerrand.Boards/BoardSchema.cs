using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>Wire names of the record kinds (docs/board-protocol.md §1).</summary>
public static class RecordKinds
{
    /// <summary>A sticky note.</summary>
    public const string Sticky = "sticky";

    /// <summary>Free text on the board.</summary>
    public const string Text = "text";

    /// <summary>A frame (section) that holds other records, e.g. a template part.</summary>
    public const string Frame = "frame";

    /// <summary>A line between two placed records.</summary>
    public const string Connector = "connector";

    /// <summary>One person's vote on one item (BM8).</summary>
    public const string Vote = "vote";

    /// <summary>The board settings record (BM12).</summary>
    public const string Board = "board";
}

/// <summary>Wire names of the record properties.</summary>
public static class PropertyNames
{
    /// <summary>Parent, index and position (<see cref="PlacementValue"/>).</summary>
    public const string Placement = "placement";

    /// <summary>The text of a sticky note or text record.</summary>
    public const string Text = "text";

    /// <summary>A sticky note's colour (<see cref="BoardSchema.Colours"/>).</summary>
    public const string Colour = "colour";

    /// <summary>Size of a sticky note or text (<see cref="BoardSchema.Sizes"/>).</summary>
    public const string Size = "size";

    /// <summary>A frame's title.</summary>
    public const string Title = "title";

    /// <summary>A frame's width.</summary>
    public const string Width = "width";

    /// <summary>A frame's height.</summary>
    public const string Height = "height";

    /// <summary>Set by the moderator; participants cannot change a locked record (AZ3).</summary>
    public const string Locked = "locked";

    /// <summary>A connector's start record.</summary>
    public const string From = "from";

    /// <summary>A connector's end record.</summary>
    public const string To = "to";

    /// <summary>A connector's label.</summary>
    public const string Label = "label";

    /// <summary>The participant id of the person who created a sticky, text, frame or connector; stamped by the server (AU1).</summary>
    public const string Author = "author";

    /// <summary>A vote's participant id.</summary>
    public const string Voter = "voter";

    /// <summary>The record a vote is for.</summary>
    public const string Target = "target";

    /// <summary>Whether the board is read-only (AZ6).</summary>
    public const string Frozen = "frozen";

    /// <summary>The vote round: <c>idle</c>, <c>open</c> or <c>revealed</c>.</summary>
    public const string VoteState = "voteState";

    /// <summary>Votes each person has in a round.</summary>
    public const string VotesPerPerson = "votesPerPerson";

    /// <summary>When the moderator's timer ends, in Unix milliseconds (UTC).</summary>
    public const string TimerEndsAt = "timerEndsAt";

    /// <summary>The record the moderator brings everyone to.</summary>
    public const string GatherTarget = "gatherTarget";

    /// <summary>A new value each time the moderator brings everyone there, so that repeating it is a change.</summary>
    public const string GatherAt = "gatherAt";
}

/// <summary>The type of a property's value, which decides its validation and its wire encoding.</summary>
public enum PropertyType
{
    /// <summary>Free text (<see cref="TextValue"/>), checked by <see cref="BoardText"/>.</summary>
    Text,

    /// <summary>One string of a fixed list (<see cref="TextValue"/>).</summary>
    Choice,

    /// <summary>A finite number within a range (<see cref="NumberValue"/>).</summary>
    Number,

    /// <summary>A flag (<see cref="FlagValue"/>).</summary>
    Flag,

    /// <summary>A record id (<see cref="TextValue"/>).</summary>
    Ref,

    /// <summary>Parent, index and position (<see cref="PlacementValue"/>).</summary>
    Placement,
}

/// <summary>What one property of a record kind accepts.</summary>
/// <param name="Name">Wire name.</param>
/// <param name="Type">Value type.</param>
/// <param name="Required">Whether a put must give it and an update may not reset it.</param>
/// <param name="Default">The value an absent property reads as, or null when there is none.</param>
/// <param name="MaxLength">Length limit for text.</param>
/// <param name="Min">Lower bound for numbers.</param>
/// <param name="Max">Upper bound for numbers.</param>
/// <param name="Choices">The allowed strings of a choice.</param>
public sealed record PropertySpec(
    string Name,
    PropertyType Type,
    bool Required = false,
    PropertyValue? Default = null,
    int MaxLength = 0,
    double Min = 0,
    double Max = 0,
    ImmutableArray<string> Choices = default);

/// <summary>A record kind and the properties it accepts; unknown properties are <see cref="RejectReason.Malformed"/> (BM10).</summary>
public sealed class RecordKindSpec
{
    private readonly FrozenDictionary<string, PropertySpec> _properties;

    internal RecordKindSpec(string name, bool placed, params PropertySpec[] properties)
    {
        Name = name;
        IsPlaced = placed;
        _properties = properties.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Wire name of the kind.</summary>
    public string Name { get; }

    /// <summary>Whether records of this kind have a placement and can be connected.</summary>
    public bool IsPlaced { get; }

    /// <summary>All properties of the kind.</summary>
    public IEnumerable<PropertySpec> Properties => _properties.Values;

    /// <summary>The property called <paramref name="name"/>, or null when the kind has none.</summary>
    public PropertySpec? Find(string name) => _properties.GetValueOrDefault(name);
}

/// <summary>The record kinds of a workshop board and their properties (docs/board-protocol.md §1, BM10).</summary>
public static class BoardSchema
{
    /// <summary>The id of the single board settings record (BM12).</summary>
    public const string SettingsId = "board";

    /// <summary>Sticky note colours.</summary>
    public static readonly ImmutableArray<string> Colours = ["yellow", "orange", "pink", "green", "blue", "purple", "grey"];

    /// <summary>Sizes of sticky notes and texts.</summary>
    public static readonly ImmutableArray<string> Sizes = ["s", "m", "l"];

    /// <summary>Vote round states.</summary>
    public static readonly ImmutableArray<string> VoteStates = [VoteIdle, VoteOpen, VoteRevealed];

    /// <summary>No vote round is running.</summary>
    public const string VoteIdle = "idle";

    /// <summary>People may vote.</summary>
    public const string VoteOpen = "open";

    /// <summary>Votes are shown and read-only.</summary>
    public const string VoteRevealed = "revealed";

    private static readonly PropertySpec PlacementSpec = new(PropertyNames.Placement, PropertyType.Placement, Required: true);
    private static readonly PropertySpec LockedSpec = new(PropertyNames.Locked, PropertyType.Flag, Default: new FlagValue(false));
    private static readonly PropertySpec SizeSpec = new(PropertyNames.Size, PropertyType.Choice, Default: new TextValue("m"), Choices: Sizes);
    private static readonly PropertySpec AuthorSpec = new(PropertyNames.Author, PropertyType.Ref);
    private static readonly PropertySpec TextSpec = new(PropertyNames.Text, PropertyType.Text, Default: new TextValue(""), MaxLength: BoardLimits.MaxTextLength);

    private static readonly FrozenDictionary<string, RecordKindSpec> Kinds = new RecordKindSpec[]
    {
        new(RecordKinds.Sticky, placed: true, PlacementSpec, TextSpec, SizeSpec, LockedSpec, AuthorSpec,
            new PropertySpec(PropertyNames.Colour, PropertyType.Choice, Default: new TextValue("yellow"), Choices: Colours)),
        new(RecordKinds.Text, placed: true, PlacementSpec, TextSpec, SizeSpec, LockedSpec, AuthorSpec),
        new(RecordKinds.Frame, placed: true, PlacementSpec, LockedSpec, AuthorSpec,
            new PropertySpec(PropertyNames.Title, PropertyType.Text, Default: new TextValue(""), MaxLength: BoardLimits.MaxTitleLength),
            new PropertySpec(PropertyNames.Width, PropertyType.Number, Default: new NumberValue(800), Min: BoardLimits.MinExtent, Max: BoardLimits.MaxExtent),
            new PropertySpec(PropertyNames.Height, PropertyType.Number, Default: new NumberValue(600), Min: BoardLimits.MinExtent, Max: BoardLimits.MaxExtent)),
        new(RecordKinds.Connector, placed: false, LockedSpec, AuthorSpec,
            new PropertySpec(PropertyNames.From, PropertyType.Ref, Required: true),
            new PropertySpec(PropertyNames.To, PropertyType.Ref, Required: true),
            new PropertySpec(PropertyNames.Label, PropertyType.Text, Default: new TextValue(""), MaxLength: BoardLimits.MaxTitleLength)),
        new(RecordKinds.Vote, placed: false,
            new PropertySpec(PropertyNames.Voter, PropertyType.Ref, Required: true),
            new PropertySpec(PropertyNames.Target, PropertyType.Ref, Required: true)),
        new(RecordKinds.Board, placed: false,
            new PropertySpec(PropertyNames.Frozen, PropertyType.Flag, Default: new FlagValue(false)),
            new PropertySpec(PropertyNames.VoteState, PropertyType.Choice, Default: new TextValue(VoteIdle), Choices: VoteStates),
            new PropertySpec(PropertyNames.VotesPerPerson, PropertyType.Number, Default: new NumberValue(BoardLimits.DefaultVotesPerPerson), Min: 1, Max: BoardLimits.MaxVotesPerPerson),
            new PropertySpec(PropertyNames.TimerEndsAt, PropertyType.Number, Min: 0, Max: 1e15),
            new PropertySpec(PropertyNames.GatherTarget, PropertyType.Ref),
            new PropertySpec(PropertyNames.GatherAt, PropertyType.Number, Min: 0, Max: 1e15)),
    }.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    // A property name has one type in every kind, so the hub can decode an update's values without the record's kind.
    private static readonly FrozenDictionary<string, PropertyType> Types = Kinds.Values
        .SelectMany(k => k.Properties)
        .GroupBy(p => p.Name, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Type).Distinct().Single(), StringComparer.Ordinal);

    /// <summary>The kind called <paramref name="kind"/>, or null when unknown (<see cref="RejectReason.UnknownRecordKind"/>).</summary>
    public static RecordKindSpec? Find(string kind) => Kinds.GetValueOrDefault(kind);

    /// <summary>The value type of the property <paramref name="name"/> in any kind, or null for an unknown name; for wire decoding.</summary>
    public static PropertyType? TypeOf(string name) => Types.TryGetValue(name, out var type) ? type : null;

    /// <summary>Whether records of <paramref name="kind"/> carry a server-stamped <see cref="PropertyNames.Author"/> (AU1).</summary>
    public static bool HasAuthor(string kind) => Find(kind)?.Find(PropertyNames.Author) is not null;

    /// <summary>
    /// <paramref name="changes"/> with every <c>put</c> of a kind that has an author stamped with <paramref name="author"/>,
    /// as the server will stamp them (AU1), so that a client's push equals the server's patch and its ack carries nothing (AU5).
    /// </summary>
    public static ImmutableArray<BoardChange> StampAuthor(IEnumerable<BoardChange> changes, string author) =>
        [.. changes.Select(c => c is { Op: ChangeOp.Put, Kind: { } kind, Props: { } props } && HasAuthor(kind)
            ? c with { Props = props.With(PropertyNames.Author, new TextValue(author)) }
            : c)];

    /// <summary>The deterministic id of <paramref name="voter"/>'s vote on <paramref name="target"/> (BM8).</summary>
    public static string VoteId(string voter, string target) => $"vote:{voter}:{target}";

    /// <summary>
    /// Whether <paramref name="id"/> is a valid record, client or participant id: 1 to <see cref="BoardLimits.MaxIdLength"/>
    /// characters from <c>A–Z a–z 0–9 _ - :</c>.
    /// </summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > BoardLimits.MaxIdLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}
