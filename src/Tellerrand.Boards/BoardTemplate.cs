using System.Collections.Immutable;
using System.Text.Json;

namespace Tellerrand.Boards;

/// <summary>One locked frame a template puts on a new board.</summary>
/// <param name="Key">Stable key; the frame's record id is <c>tpl-{Key}</c>.</param>
/// <param name="Title">The frame title shown on the board. Content in the workshop's language, not a UI string.</param>
/// <param name="X">Horizontal position on the board.</param>
/// <param name="Y">Vertical position on the board.</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="HoldsChallenge">Whether the challenge statement is placed in this frame.</param>
public sealed record TemplateFrame(string Key, string Title, double X, double Y, double Width, double Height, bool HoldsChallenge);

/// <summary>
/// The initial records of a room board: the settings record, locked frames and the challenge statement. Templates are
/// content, kept as JSON beside the code (<c>Templates/*.json</c>), so their wording changes without touching the model.
/// </summary>
/// <param name="Name">The template's name.</param>
/// <param name="VotesPerPerson">Votes each person gets per round.</param>
/// <param name="Frames">The frames, in drawing order.</param>
public sealed record BoardTemplate(string Name, int VotesPerPerson, ImmutableArray<TemplateFrame> Frames)
{
    /// <summary>The record id of the challenge statement.</summary>
    public const string ChallengeId = "tpl-challenge-text";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The default cross-innovation board: Herausforderung, Perspektiven, Ideen, Nächste Schritte.</summary>
    public static BoardTemplate CrossInnovation { get; } = LoadEmbedded("cross-innovation.json");

    /// <summary>Reads a template from JSON.</summary>
    /// <exception cref="InvalidDataException">When the JSON is not a template.</exception>
    public static BoardTemplate FromJson(Stream json)
    {
        try
        {
            return JsonSerializer.Deserialize<BoardTemplate>(json, Options) ?? throw new InvalidDataException("A board template is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("A board template cannot be read.", e);
        }
    }

    /// <summary>The frame record id for <paramref name="key"/>.</summary>
    public static string FrameId(string key) => $"tpl-{key}";

    /// <summary>
    /// The changes that create the board for <paramref name="challenge"/>, for <see cref="BoardAuthority.ApplySystem"/>.
    /// The statement is cleaned like any text (BM9) and cut to <see cref="BoardLimits.MaxTextLength"/>.
    /// </summary>
    public ImmutableArray<BoardChange> Build(string challenge)
    {
        var changes = ImmutableArray.CreateBuilder<BoardChange>();
        changes.Add(BoardChange.Put(BoardSchema.SettingsId, RecordKinds.Board,
            PropertyMap.Of((PropertyNames.VotesPerPerson, new NumberValue(VotesPerPerson)))));
        var indices = FractionalIndex.Between(null, null, Frames.Length);
        for (var i = 0; i < Frames.Length; i++)
        {
            var frame = Frames[i];
            changes.Add(BoardChange.Put(FrameId(frame.Key), RecordKinds.Frame, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue(null, indices[i], frame.X, frame.Y)),
                (PropertyNames.Title, new TextValue(BoardText.Clean(frame.Title, BoardLimits.MaxTitleLength))),
                (PropertyNames.Width, new NumberValue(frame.Width)),
                (PropertyNames.Height, new NumberValue(frame.Height)),
                (PropertyNames.Locked, new FlagValue(true)))));
        }
        if (Frames.FirstOrDefault(f => f.HoldsChallenge) is { } holder)
        {
            changes.Add(BoardChange.Put(ChallengeId, RecordKinds.Text, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue(FrameId(holder.Key), FractionalIndex.Between(null, null), 40, 80)),
                (PropertyNames.Text, new TextValue(BoardText.Clean(challenge, BoardLimits.MaxTextLength))),
                (PropertyNames.Size, new TextValue("l")),
                (PropertyNames.Locked, new FlagValue(true)))));
        }
        return changes.ToImmutable();
    }

    private static BoardTemplate LoadEmbedded(string fileName)
    {
        using var stream = typeof(BoardTemplate).Assembly.GetManifestResourceStream($"Tellerrand.Boards.Templates.{fileName}")
            ?? throw new InvalidOperationException($"The board template {fileName} is not embedded.");
        return FromJson(stream);
    }
}
