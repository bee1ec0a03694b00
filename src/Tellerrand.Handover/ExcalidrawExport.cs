using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>
/// The board as an <c>.excalidraw</c> file (format "excalidraw", version 2), so the business can keep working on it in a free
/// tool. Notes become rectangles with bound text, texts become text elements, frames become <c>frame</c> elements whose
/// children carry their <c>frameId</c>, connectors become bound arrows, votes a small text grouped with their note.
/// Element order follows the board's drawing order; children come before their frames and bound text right after its
/// container, which is the order Excalidraw itself keeps. Seeds and nonces derive from the record ids, so the same board
/// always gives the same file.
/// </summary>
internal static class ExcalidrawExport
{
    private const string Ink = "#1e1e1e";
    private const int Helvetica = 2;
    private const float BoundTextPadding = 5;
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(RoomResults results, Stream output)
    {
        var layout = results.Layout;
        var updated = new DateTimeOffset(results.Room.EventDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var arrowsByEnd = layout.Connectors
            .SelectMany(c => new[] { (End: c.FromId, c.Id), (End: c.ToId, c.Id) })
            .GroupBy(e => e.End, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Id).Distinct().ToList(), StringComparer.Ordinal);
        var frameIds = layout.Frames.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        using var fonts = new FontCache();

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("type", "excalidraw");
        json.WriteNumber("version", 2);
        json.WriteString("source", "https://github.com/tellerrand/tellerrand");
        json.WriteStartArray("elements");
        var index = 0;
        var writer = new ElementWriter(json, updated, () => IndexKey(index++));

        foreach (var item in layout.Items)
        {
            var arrows = arrowsByEnd.GetValueOrDefault(item.Id) ?? [];
            var group = item.Votes > 0 ? "g-" + item.Id : null;
            var frameId = item.FrameId is { } f && frameIds.Contains(f) ? f : null;
            var lineHeight = item.FontSize * BoardLayout.LineHeight;
            var textHeight = Math.Max(item.Lines.Count, 1) * lineHeight;
            var textWidth = Math.Max(1, item.Lines.Select(l => fonts.Get(item.FontSize).MeasureText(l)).DefaultIfEmpty(0).Max());
            if (item.IsNote)
            {
                var rect = item.Bounds;
                var height = Math.Max(rect.Height, textHeight + 2 * BoundTextPadding);
                writer.Begin(item.Id, "rectangle", rect.Left, rect.Top, rect.Width, height, frameId, group);
                json.WriteString("strokeColor", Ink);
                json.WriteString("backgroundColor", BoardPainter.NoteHex(item.Colour));
                writer.Style(roundness: 3);
                writer.BoundElements([(item.Id + "-text", "text"), .. arrows.Select(a => (a, "arrow"))]);
                json.WriteEndObject();

                var width = rect.Width - 2 * BoundTextPadding;
                writer.Text(item.Id + "-text", rect.Left + BoundTextPadding, rect.Top + (height - textHeight) / 2, width, textHeight, frameId, group,
                    item.Lines, item.Text, item.FontSize, "center", "middle", containerId: item.Id, autoResize: true);
            }
            else
            {
                writer.Text(item.Id, item.Bounds.Left, item.Bounds.Top, textWidth, textHeight, frameId, group,
                    item.Lines, item.Text, item.FontSize, "left", "top", containerId: null, autoResize: true, arrows);
            }
            if (group is not null)
            {
                var votes = "● " + item.Votes.ToString(CultureInfo.InvariantCulture);
                writer.Text(item.Id + "-votes", item.Bounds.Right - 44, item.Bounds.Top - 26, 48, 20, frameId, group,
                    [votes], votes, 16, "left", "top", containerId: null, autoResize: true);
            }
        }

        foreach (var connector in layout.Connectors)
        {
            var from = layout.BoundsOf(connector.FromId);
            var to = layout.BoundsOf(connector.ToId);
            var start = BoardPainter.EdgePoint(from, new SKPoint(to.MidX, to.MidY));
            var end = BoardPainter.EdgePoint(to, new SKPoint(from.MidX, from.MidY));
            var hasLabel = connector.Label.Length > 0;
            writer.Begin(connector.Id, "arrow", start.X, start.Y, Math.Abs(end.X - start.X), Math.Abs(end.Y - start.Y), null, null);
            json.WriteString("strokeColor", Ink);
            json.WriteString("backgroundColor", "transparent");
            writer.Style(roundness: 2);
            writer.BoundElements(hasLabel ? [(connector.Id + "-label", "text")] : []);
            json.WriteStartArray("points");
            WritePoint(json, 0, 0);
            WritePoint(json, end.X - start.X, end.Y - start.Y);
            json.WriteEndArray();
            json.WriteNull("lastCommittedPoint");
            WriteBinding(json, "startBinding", connector.FromId);
            WriteBinding(json, "endBinding", connector.ToId);
            json.WriteNull("startArrowhead");
            json.WriteString("endArrowhead", "arrow");
            json.WriteBoolean("elbowed", false);
            json.WriteEndObject();
            if (hasLabel)
            {
                var width = fonts.Get(16).MeasureText(connector.Label);
                writer.Text(connector.Id + "-label", (start.X + end.X - width) / 2, (start.Y + end.Y) / 2 - 10, width, 20, null, null,
                    [connector.Label], connector.Label, 16, "center", "middle", containerId: connector.Id, autoResize: true);
            }
        }

        foreach (var frame in layout.Frames)
        {
            // Excalidraw has no nested frames: a frame inside a frame becomes a frame of its own.
            writer.Begin(frame.Id, "frame", frame.Bounds.Left, frame.Bounds.Top, frame.Bounds.Width, frame.Bounds.Height, null, null);
            json.WriteString("strokeColor", "#bbb");
            json.WriteString("backgroundColor", "transparent");
            writer.Style(roundness: null);
            writer.BoundElements(arrowsByEnd.GetValueOrDefault(frame.Id)?.Select(a => (a, "arrow")).ToList() ?? []);
            json.WriteString("name", frame.Title);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("appState");
        json.WriteString("viewBackgroundColor", "#ffffff");
        json.WriteNull("gridSize");
        json.WriteEndObject();
        json.WriteStartObject("files");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// The n-th key of Excalidraw's fractional <c>index</c> (rocicorp fractional-indexing integer keys: "a" and one base-62
    /// digit, "b" and two, "c" and three), so the keys rise with the element order.
    /// </summary>
    internal static string IndexKey(int n)
    {
        var (head, length) = n < 62 ? ('a', 1) : n < 62 * 62 ? ('b', 2) : ('c', 3);
        var digits = new char[length];
        for (var i = length - 1; i >= 0; i--)
        {
            digits[i] = Digits[n % 62];
            n /= 62;
        }
        return head + new string(digits);
    }

    private static void WritePoint(Utf8JsonWriter json, float x, float y)
    {
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(x, 2));
        json.WriteNumberValue(Math.Round(y, 2));
        json.WriteEndArray();
    }

    private static void WriteBinding(Utf8JsonWriter json, string name, string elementId)
    {
        json.WriteStartObject(name);
        json.WriteString("elementId", elementId);
        json.WriteNumber("focus", 0);
        json.WriteNumber("gap", 8);
        json.WriteEndObject();
    }

    /// <summary>Writes the fields every element has, and text elements whole.</summary>
    private sealed class ElementWriter(Utf8JsonWriter json, long updated, Func<string> nextIndex)
    {
        public void Begin(string id, string type, float x, float y, float width, float height, string? frameId, string? group)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", type);
            json.WriteNumber("x", Math.Round(x, 2));
            json.WriteNumber("y", Math.Round(y, 2));
            json.WriteNumber("width", Math.Round(width, 2));
            json.WriteNumber("height", Math.Round(height, 2));
            json.WriteNumber("angle", 0);
            json.WriteStartArray("groupIds");
            if (group is not null)
            {
                json.WriteStringValue(group);
            }
            json.WriteEndArray();
            if (frameId is null)
            {
                json.WriteNull("frameId");
            }
            else
            {
                json.WriteString("frameId", frameId);
            }
            json.WriteString("index", nextIndex());
            var hash = StableHash(id);
            json.WriteNumber("seed", hash & 0x7FFFFFFF);
            json.WriteNumber("version", 1);
            json.WriteNumber("versionNonce", (hash >> 1) & 0x7FFFFFFF);
            json.WriteBoolean("isDeleted", false);
            json.WriteNumber("updated", updated);
            json.WriteNull("link");
            json.WriteBoolean("locked", false);
        }

        public void Style(int? roundness)
        {
            json.WriteString("fillStyle", "solid");
            json.WriteNumber("strokeWidth", 1);
            json.WriteString("strokeStyle", "solid");
            json.WriteNumber("roughness", 0);
            json.WriteNumber("opacity", 100);
            if (roundness is { } type)
            {
                json.WriteStartObject("roundness");
                json.WriteNumber("type", type);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("roundness");
            }
        }

        public void BoundElements(IReadOnlyList<(string Id, string Type)> bound)
        {
            if (bound.Count == 0)
            {
                json.WriteNull("boundElements");
                return;
            }
            json.WriteStartArray("boundElements");
            foreach (var (id, type) in bound)
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("type", type);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        public void Text(string id, float x, float y, float width, float height, string? frameId, string? group, IReadOnlyList<string> lines,
            string original, float fontSize, string textAlign, string verticalAlign, string? containerId, bool autoResize, IReadOnlyList<string>? arrows = null)
        {
            Begin(id, "text", x, y, width, height, frameId, group);
            json.WriteString("strokeColor", Ink);
            json.WriteString("backgroundColor", "transparent");
            Style(roundness: null);
            BoundElements(arrows?.Select(a => (a, "arrow")).ToList() ?? []);
            json.WriteString("text", string.Join('\n', lines));
            json.WriteString("originalText", original);
            json.WriteNumber("fontSize", fontSize);
            json.WriteNumber("fontFamily", Helvetica);
            json.WriteString("textAlign", textAlign);
            json.WriteString("verticalAlign", verticalAlign);
            if (containerId is null)
            {
                json.WriteNull("containerId");
            }
            else
            {
                json.WriteString("containerId", containerId);
            }
            json.WriteNumber("lineHeight", BoardLayout.LineHeight);
            json.WriteBoolean("autoResize", autoResize);
            json.WriteEndObject();
        }

        // FNV-1a: stable across processes, unlike string.GetHashCode.
        private static long StableHash(string text)
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }
            return hash;
        }
    }
}
