using SkiaSharp;
using Tellerrand.Boards;

namespace Tellerrand.Handover;

/// <summary>A frame with its absolute position on the board.</summary>
internal sealed record LaidOutFrame(string Id, string Title, SKRect Bounds, string? FrameId);

/// <summary>A sticky note or text with absolute bounds, its wrapped lines and its votes.</summary>
/// <param name="Id">Record id.</param>
/// <param name="IsNote">Sticky note (true) or free text (false).</param>
/// <param name="Text">The cleaned text.</param>
/// <param name="Colour">The note's colour name (<see cref="BoardSchema.Colours"/>); texts have none.</param>
/// <param name="Bounds">Absolute bounds on the board.</param>
/// <param name="FontSize">Font size of the text on the board.</param>
/// <param name="Lines">All lines of the text, wrapped to the item's width.</param>
/// <param name="VisibleLines">The lines that fit the item on the board picture (cut with an ellipsis).</param>
/// <param name="FrameId">The nearest frame it sits in, or null.</param>
/// <param name="Votes">How many votes it got.</param>
/// <param name="Author">Name or label of its author, or null when unknown or deleted.</param>
internal sealed record LaidOutItem(
    string Id,
    bool IsNote,
    string Text,
    string Colour,
    SKRect Bounds,
    float FontSize,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> VisibleLines,
    string? FrameId,
    int Votes,
    string? Author);

/// <summary>A connector between two laid-out records.</summary>
internal sealed record LaidOutConnector(string Id, string FromId, string ToId, string Label);

/// <summary>
/// The board of a snapshot resolved once for every format: absolute positions (placements are relative to the parent
/// frame), drawing order (siblings by fractional index, parents before children), wrapped text, vote counts and authors.
/// </summary>
internal sealed class BoardLayout
{
    public const float Padding = 40;
    public const float NoteInset = 14;
    public const float FrameTitleSize = 32;
    public const float FrameTitleBand = 64;
    private const int MaxDepth = 32;

    private readonly Dictionary<string, SKRect> _boundsById = new(StringComparer.Ordinal);

    private BoardLayout(BoardState state, RoomPeople people, IReadOnlyDictionary<string, string> authors)
    {
        var votes = state.Records
            .Where(r => r.Kind == RecordKinds.Vote)
            .Select(r => r.GetText(PropertyNames.Target))
            .Where(t => t is not null)
            .GroupBy(t => t!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var placed = state.Records.Where(r => r.Placement is not null).ToDictionary(r => r.Id, StringComparer.Ordinal);
        // A child of a parent that is missing or not a frame is drawn on the board itself, so nothing on it is lost.
        var children = placed.Values
            .GroupBy(r => r.Placement!.Parent is { } p && placed.TryGetValue(p, out var parent) && parent.Kind == RecordKinds.Frame ? p : "")
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Placement!.Index, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        using var fonts = new FontCache();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void PlaceChildren(string parentKey, SKPoint origin, string? frameId, float frameRight, int depth)
        {
            if (depth > MaxDepth || !children.TryGetValue(parentKey, out var list))
            {
                return;
            }
            foreach (var record in list)
            {
                Place(record, origin, frameId, frameRight, depth);
            }
        }
        void Place(BoardRecord record, SKPoint origin, string? frameId, float frameRight, int depth)
        {
            if (!visited.Add(record.Id))
            {
                return;
            }
            var p = record.Placement!;
            var at = new SKPoint(origin.X + (float)p.X, origin.Y + (float)p.Y);
            switch (record.Kind)
            {
                case RecordKinds.Frame:
                    var bounds = SKRect.Create(at.X, at.Y, (float)(record.GetNumber(PropertyNames.Width) ?? 800), (float)(record.GetNumber(PropertyNames.Height) ?? 600));
                    var frame = new LaidOutFrame(record.Id, HandoverContent.Clean(record.GetText(PropertyNames.Title), BoardLimits.MaxTitleLength), bounds, frameId);
                    Frames.Add(frame);
                    DrawOrder.Add(frame);
                    _boundsById[record.Id] = bounds;
                    PlaceChildren(record.Id, at, record.Id, bounds.Right, depth + 1);
                    break;
                case RecordKinds.Sticky or RecordKinds.Text:
                    var item = LayOutItem(record, at, frameId, frameRight, fonts,
                        votes.GetValueOrDefault(record.Id), people.LabelOf(authors.GetValueOrDefault(record.Id)));
                    Items.Add(item);
                    DrawOrder.Add(item);
                    _boundsById[record.Id] = item.Bounds;
                    break;
            }
        }
        PlaceChildren("", SKPoint.Empty, null, float.PositiveInfinity, 0);
        // Frames in a parent cycle (which the model refuses, BM) never hang from the board; they and theirs go on it directly.
        foreach (var record in placed.Values.Where(r => !visited.Contains(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList())
        {
            Place(record, SKPoint.Empty, null, float.PositiveInfinity, 0);
        }

        Connectors = state.Records
            .Where(r => r.Kind == RecordKinds.Connector)
            .Select(r => new LaidOutConnector(r.Id, r.GetText(PropertyNames.From) ?? "", r.GetText(PropertyNames.To) ?? "",
                HandoverContent.Clean(r.GetText(PropertyNames.Label), BoardLimits.MaxTitleLength)))
            .Where(c => _boundsById.ContainsKey(c.FromId) && _boundsById.ContainsKey(c.ToId))
            .ToList();

        var all = _boundsById.Values.ToList();
        Bounds = all.Count == 0
            ? SKRect.Create(0, 0, 800, 600)
            : new SKRect(all.Min(b => b.Left) - Padding, all.Min(b => b.Top) - Padding - FrameTitleBand, all.Max(b => b.Right) + Padding, all.Max(b => b.Bottom) + Padding);
    }

    /// <summary>Frames in drawing order.</summary>
    public List<LaidOutFrame> Frames { get; } = [];

    /// <summary>Notes and texts in drawing order.</summary>
    public List<LaidOutItem> Items { get; } = [];

    /// <summary>Frames, notes and texts interleaved in drawing order (bottom first).</summary>
    public List<object> DrawOrder { get; } = [];

    /// <summary>Connectors whose two ends are on the board.</summary>
    public IReadOnlyList<LaidOutConnector> Connectors { get; }

    /// <summary>The area the board takes, with a margin.</summary>
    public SKRect Bounds { get; }

    /// <summary>Lays out <paramref name="snapshot"/>; authors are resolved through <paramref name="people"/>.</summary>
    public static BoardLayout Of(BoardSnapshot snapshot, RoomPeople people, IReadOnlyDictionary<string, string> authors) =>
        new(BoardState.FromRecords(snapshot.Records.DistinctBy(r => r.Id)), people, authors);

    /// <summary>The bounds of the frame, note or text <paramref name="id"/>.</summary>
    public SKRect BoundsOf(string id) => _boundsById[id];

    /// <summary>The side of a square sticky note of the given size.</summary>
    public static float NoteSide(string size) => size switch { "s" => 160, "l" => 300, _ => 220 };

    private static float NoteFontSize(string size) => size switch { "s" => 14, "l" => 24, _ => 18 };

    private static float TextFontSize(string size) => size switch { "s" => 16, "l" => 36, _ => 24 };

    private static float TextWidth(string size) => size switch { "s" => 320, "l" => 900, _ => 560 };

    /// <summary>Line height as a multiple of the font size, shared with the .excalidraw export.</summary>
    public const float LineHeight = 1.25f;

    private static LaidOutItem LayOutItem(BoardRecord record, SKPoint at, string? frameId, float frameRight, FontCache fonts, int votes, string? author)
    {
        var isNote = record.Kind == RecordKinds.Sticky;
        var size = record.GetText(PropertyNames.Size) ?? "m";
        var text = HandoverContent.Clean(record.GetText(PropertyNames.Text), BoardLimits.MaxTextLength);
        var font = fonts.Get(isNote ? NoteFontSize(size) : TextFontSize(size));
        var lineHeight = font.Size * LineHeight;
        if (isNote)
        {
            var side = NoteSide(size);
            var inner = side - 2 * NoteInset;
            var lines = TextWrap.Lines(text, font, inner);
            var visible = TextWrap.Fit(lines, (int)(inner / lineHeight), font, inner);
            return new LaidOutItem(record.Id, true, text, record.GetText(PropertyNames.Colour) ?? "yellow", SKRect.Create(at.X, at.Y, side, side),
                font.Size, lines, visible, frameId, votes, author);
        }
        // Free text has no width in the model: it wraps at a width for its size, but not beyond its frame.
        var width = Math.Max(Math.Min(TextWidth(size), frameRight - at.X - Padding / 2), 120);
        var textLines = TextWrap.Lines(text, font, width);
        var measured = textLines.Count == 0 ? 0 : textLines.Max(l => font.MeasureText(l));
        return new LaidOutItem(record.Id, false, text, "", SKRect.Create(at.X, at.Y, Math.Max(measured, font.Size), textLines.Count * lineHeight),
            font.Size, textLines, textLines, frameId, votes, author);
    }
}
