using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>
/// The PDF for reading and forwarding (A4): the challenge and the people, the board as a picture on a landscape page,
/// every note by frame with its votes, the next steps, and the methods with how to use them again.
/// </summary>
internal static class ResultsPdf
{
    private const float PortraitWidth = 595.28f;
    private const float PortraitHeight = 841.89f;

    public static void Write(RoomResults results, Stream output)
    {
        var room = results.Room;
        var text = results.Text;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{text.PdfTitle}: {results.RoomName}",
            Subject = results.EventName,
            Creator = "Tellerrand",
            Producer = "Tellerrand",
            RasterDpi = 150,
        };
        using var stream = SkiaOutput.Over(output);
        using var document = SKDocument.CreatePdf(stream, metadata)
            ?? throw new InvalidOperationException("No PDF document could be made.");
        using var flow = new PdfFlow(document, text);

        flow.NewPage();
        flow.Paragraph(text.PdfTitle.ToUpper(text.Culture), PdfFlow.Small, SKColors.DimGray, after: 6);
        flow.Paragraph(results.RoomName, PdfFlow.Title, bold: true, after: 4);
        flow.Paragraph($"{results.EventName} · {room.EventDate.ToString("D", text.Culture)}", PdfFlow.Body, SKColors.DimGray, after: 24);

        flow.Heading(text.Challenge);
        flow.Paragraph(HandoverContent.Clean(room.Challenge.Statement), PdfFlow.Lead, after: 10);
        flow.Label(text.Category, HandoverContent.Clean(room.Challenge.Category));
        flow.Label(text.HopedForOutcome, HandoverContent.Clean(room.Challenge.HopedForOutcome));
        flow.Space(14);

        flow.Heading(text.PeopleInRoom);
        foreach (var person in results.People.Listed)
        {
            flow.Paragraph(person, PdfFlow.Body, indent: 12, after: 3);
        }

        var canvas = flow.NewPage(landscape: true);
        flow.Heading(text.Board);
        var area = SKRect.Create(PdfFlow.Margin, flow.Y, PortraitHeight - 2 * PdfFlow.Margin, PortraitWidth - PdfFlow.Margin - flow.Y - 20);
        BoardPainter.Draw(canvas, results.Layout, area);

        flow.NewPage();
        flow.Heading(text.NotesByFrame);
        var groups = NoteGroups.Of(results.Layout, text);
        if (groups.Count == 0)
        {
            flow.Paragraph(text.NoNotes, PdfFlow.Body);
        }
        foreach (var group in groups)
        {
            flow.Subheading(group.Title);
            foreach (var item in group.Items)
            {
                Note(flow, text, item);
            }
            flow.Space(8);
        }

        flow.Space(12);
        flow.Heading(text.NextSteps);
        var nextSteps = NoteGroups.Within(results.Layout, results.NextStepsFrameId);
        if (nextSteps.Count == 0)
        {
            flow.Paragraph(text.NoNextSteps, PdfFlow.Body);
        }
        foreach (var item in nextSteps)
        {
            Note(flow, text, item);
        }

        if (room.Methods.Length > 0)
        {
            flow.Space(12);
            flow.Heading(text.Methods);
            foreach (var method in room.Methods)
            {
                flow.Paragraph(HandoverContent.Clean(method.Name), PdfFlow.Body, bold: true, after: 2, keepWithNext: true);
                flow.Paragraph(HandoverContent.Clean(method.HowToUseAgain), PdfFlow.Body, indent: 12, after: 10);
            }
        }
        flow.Finish();
    }

    private static void Note(PdfFlow flow, HandoverText text, LaidOutItem item)
    {
        var details = item.Votes > 0 ? text.Votes(item.Votes) : "";
        if (item.Author is { } author)
        {
            details = details.Length > 0 ? $"{details} · {text.By(author)}" : text.By(author);
        }
        flow.Bullet(item.Text.Length > 0 ? item.Text : "–", item.IsNote ? SKColor.Parse(BoardPainter.NoteHex(item.Colour)) : SKColors.LightGray, keepWithNext: details.Length > 0);
        if (details.Length > 0)
        {
            flow.Paragraph(details, PdfFlow.Small, SKColors.DimGray, indent: 16, after: 6);
        }
        else
        {
            flow.Space(6);
        }
    }

    /// <summary>Text that flows down A4 pages: wraps to the column and starts a new page when a line does not fit.</summary>
    private sealed class PdfFlow(SKDocument document, HandoverText text) : IDisposable
    {
        public const float Margin = 56;
        public const float Title = 24;
        public const float Lead = 13;
        public const float Body = 10.5f;
        public const float Small = 9;

        private readonly FontCache _fonts = new();
        private readonly SKPaint _paint = new() { IsAntialias = true };
        private readonly SKPaint _outline = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };
        private SKCanvas? _canvas;
        private float _width = PortraitWidth;
        private float _height = PortraitHeight;
        private int _page;

        public float Y { get; private set; }

        public SKCanvas NewPage(bool landscape = false)
        {
            EndPage();
            (_width, _height) = landscape ? (PortraitHeight, PortraitWidth) : (PortraitWidth, PortraitHeight);
            _canvas = document.BeginPage(_width, _height);
            _page++;
            Y = Margin;
            _paint.Color = SKColors.Gray;
            _canvas.DrawText(text.PageNumber(_page), _width - Margin, _height - Margin / 2, SKTextAlign.Right, Font(Small, false), _paint);
            return _canvas;
        }

        public void Heading(string heading)
        {
            Paragraph(heading, 15, bold: true, after: 8, keepWithNext: true);
        }

        public void Subheading(string heading)
        {
            Paragraph(heading, 12, bold: true, after: 6, keepWithNext: true);
        }

        public void Label(string label, string value)
        {
            if (value.Length > 0)
            {
                Paragraph(label, Small, SKColors.DimGray, after: 1, keepWithNext: true);
                Paragraph(value, Body, after: 6);
            }
        }

        public void Space(float points) => Y += points;

        public void Bullet(string content, SKColor colour, bool keepWithNext)
        {
            // As much room as the paragraph below asks for, so that the square and its text stay on one page.
            EnsureSpace(Font(Body, false).Spacing * 1.1f * 3);
            _paint.Color = colour;
            _canvas!.DrawRect(SKRect.Create(Margin, Y + 2, 9, 9), _paint);
            _outline.Color = SKColors.Gray;
            _canvas.DrawRect(SKRect.Create(Margin, Y + 2, 9, 9), _outline);
            Paragraph(content, Body, indent: 16, after: 2, keepWithNext: keepWithNext);
        }

        public void Paragraph(string content, float size, SKColor? colour = null, bool bold = false, float indent = 0, float after = 0, bool keepWithNext = false)
        {
            var font = Font(size, bold);
            var width = _width - 2 * Margin - indent;
            var lineHeight = font.Spacing * 1.1f;
            var lines = TextWrap.Lines(content, font, width);
            EnsureSpace(lineHeight * (keepWithNext ? 3 : 1));
            foreach (var line in lines)
            {
                EnsureSpace(lineHeight);
                if (line.Length > 0)
                {
                    _paint.Color = colour ?? SKColors.Black;
                    _canvas!.DrawText(line, Margin + indent, Y - font.Metrics.Ascent, SKTextAlign.Left, font, _paint);
                }
                Y += lineHeight;
            }
            Y += after;
        }

        public void Finish()
        {
            EndPage();
            document.Close();
        }

        public void Dispose()
        {
            _paint.Dispose();
            _outline.Dispose();
            _fonts.Dispose();
        }

        private void EnsureSpace(float height)
        {
            if (_canvas is null || Y + height > _height - Margin)
            {
                NewPage();
            }
        }

        private void EndPage()
        {
            if (_canvas is not null)
            {
                document.EndPage();
                _canvas = null;
            }
        }

        private SKFont Font(float size, bool bold) => _fonts.Get(size, bold);
    }
}
