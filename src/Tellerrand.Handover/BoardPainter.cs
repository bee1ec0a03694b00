using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>
/// The one drawing routine of the board, for every canvas: a raster surface (PNG), <c>SKSvgCanvas</c> (SVG) and a PDF page.
/// It draws in board coordinates; the caller maps <see cref="BoardLayout.Bounds"/> onto its canvas.
/// </summary>
internal static class BoardPainter
{
    private static readonly SKColor Ink = new(0x1E, 0x1E, 0x1E);
    private static readonly SKColor FrameFill = new(0xF6, 0xF6, 0xF3);
    private static readonly SKColor FrameStroke = new(0xC4, 0xC4, 0xBE);
    private static readonly SKColor ConnectorInk = new(0x55, 0x55, 0x66);
    private static readonly SKColor VoteBadge = new(0x2F, 0x3B, 0x8F);

    /// <summary>The fill of a sticky note colour, shared with the .excalidraw export.</summary>
    public static string NoteHex(string colour) => colour switch
    {
        "orange" => "#ffcc80",
        "pink" => "#f8bbd0",
        "green" => "#c5e1a5",
        "blue" => "#b3e5fc",
        "purple" => "#d1c4e9",
        "grey" => "#e0e0e0",
        _ => "#fff59d",
    };

    /// <summary>Draws the whole board onto <paramref name="canvas"/>, scaled so that the board's bounds fill <paramref name="target"/>.</summary>
    public static void Draw(SKCanvas canvas, BoardLayout layout, SKRect target)
    {
        var bounds = layout.Bounds;
        var scale = Math.Min(target.Width / bounds.Width, target.Height / bounds.Height);
        canvas.Save();
        canvas.Translate(target.Left + (target.Width - bounds.Width * scale) / 2, target.Top + (target.Height - bounds.Height * scale) / 2);
        canvas.Scale(scale);
        canvas.Translate(-bounds.Left, -bounds.Top);

        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var fonts = new FontCache();
        try
        {
            fill.Color = SKColors.White;
            canvas.DrawRect(bounds, fill);
            foreach (var element in layout.DrawOrder)
            {
                switch (element)
                {
                    case LaidOutFrame frame:
                        DrawFrame(canvas, frame, fill, stroke, fonts.Get(BoardLayout.FrameTitleSize, bold: true));
                        break;
                    case LaidOutItem item:
                        DrawItem(canvas, item, fill, stroke, fonts.Get(item.FontSize));
                        break;
                }
            }
            foreach (var connector in layout.Connectors)
            {
                DrawConnector(canvas, layout, connector, fill, stroke, fonts.Get(16));
            }
            foreach (var item in layout.Items.Where(i => i.Votes > 0))
            {
                DrawVotes(canvas, item, fill, fonts.Get(16, bold: true));
            }
        }
        finally
        {
            canvas.Restore();
        }
    }

    private static void DrawFrame(SKCanvas canvas, LaidOutFrame frame, SKPaint fill, SKPaint stroke, SKFont titleFont)
    {
        fill.Color = FrameFill;
        canvas.DrawRect(frame.Bounds, fill);
        stroke.Color = FrameStroke;
        stroke.StrokeWidth = 2;
        canvas.DrawRect(frame.Bounds, stroke);
        var title = TextWrap.Fit(TextWrap.Lines(frame.Title.Replace('\n', ' '), titleFont, frame.Bounds.Width - 40), 1, titleFont, frame.Bounds.Width - 40);
        if (title.Count > 0)
        {
            fill.Color = Ink;
            canvas.DrawText(title[0], frame.Bounds.Left + 20, frame.Bounds.Top + 44, SKTextAlign.Left, titleFont, fill);
        }
    }

    private static void DrawItem(SKCanvas canvas, LaidOutItem item, SKPaint fill, SKPaint stroke, SKFont font)
    {
        var inset = 0f;
        if (item.IsNote)
        {
            fill.Color = new SKColor(0, 0, 0, 28);
            canvas.DrawRect(SKRect.Create(item.Bounds.Left + 3, item.Bounds.Top + 4, item.Bounds.Width, item.Bounds.Height), fill);
            fill.Color = SKColor.Parse(NoteHex(item.Colour));
            canvas.DrawRect(item.Bounds, fill);
            stroke.Color = new SKColor(0, 0, 0, 40);
            stroke.StrokeWidth = 1;
            canvas.DrawRect(item.Bounds, stroke);
            inset = BoardLayout.NoteInset;
        }
        fill.Color = Ink;
        var lineHeight = item.FontSize * BoardLayout.LineHeight;
        var y = item.Bounds.Top + inset - font.Metrics.Ascent + (lineHeight - font.Size) / 2;
        foreach (var line in item.VisibleLines)
        {
            if (line.Length > 0)
            {
                canvas.DrawText(line, item.Bounds.Left + inset, y, SKTextAlign.Left, font, fill);
            }
            y += lineHeight;
        }
    }

    private static void DrawConnector(SKCanvas canvas, BoardLayout layout, LaidOutConnector connector, SKPaint fill, SKPaint stroke, SKFont font)
    {
        var from = layout.BoundsOf(connector.FromId);
        var to = layout.BoundsOf(connector.ToId);
        var start = EdgePoint(from, new SKPoint(to.MidX, to.MidY));
        var end = EdgePoint(to, new SKPoint(from.MidX, from.MidY));
        stroke.Color = ConnectorInk;
        stroke.StrokeWidth = 3;
        canvas.DrawLine(start, end, stroke);
        var length = SKPoint.Distance(start, end);
        if (length > 1)
        {
            var dx = (end.X - start.X) / length;
            var dy = (end.Y - start.Y) / length;
            using var head = new SKPath();
            head.MoveTo(end);
            head.LineTo(end.X - 18 * dx + 9 * dy, end.Y - 18 * dy - 9 * dx);
            head.LineTo(end.X - 18 * dx - 9 * dy, end.Y - 18 * dy + 9 * dx);
            head.Close();
            fill.Color = ConnectorInk;
            canvas.DrawPath(head, fill);
        }
        if (connector.Label.Length > 0)
        {
            var label = TextWrap.Fit(TextWrap.Lines(connector.Label.Replace('\n', ' '), font, 300), 1, font, 300)[0];
            var width = font.MeasureText(label);
            var mid = new SKPoint((start.X + end.X) / 2, (start.Y + end.Y) / 2);
            fill.Color = SKColors.White;
            canvas.DrawRect(SKRect.Create(mid.X - width / 2 - 6, mid.Y - font.Size, width + 12, font.Size * 1.6f), fill);
            fill.Color = Ink;
            canvas.DrawText(label, mid.X, mid.Y + font.Size * 0.35f, SKTextAlign.Center, font, fill);
        }
    }

    private static void DrawVotes(SKCanvas canvas, LaidOutItem item, SKPaint fill, SKFont font)
    {
        var centre = new SKPoint(item.Bounds.Right - 4, item.Bounds.Top + 4);
        fill.Color = VoteBadge;
        canvas.DrawCircle(centre, 16, fill);
        fill.Color = SKColors.White;
        canvas.DrawText(item.Votes.ToString(System.Globalization.CultureInfo.InvariantCulture), centre.X, centre.Y + 6, SKTextAlign.Center, font, fill);
    }

    /// <summary>Where the line from the centre of <paramref name="rect"/> towards <paramref name="towards"/> leaves it.</summary>
    internal static SKPoint EdgePoint(SKRect rect, SKPoint towards)
    {
        var centre = new SKPoint(rect.MidX, rect.MidY);
        var dx = towards.X - centre.X;
        var dy = towards.Y - centre.Y;
        if (Math.Abs(dx) < 0.001 && Math.Abs(dy) < 0.001)
        {
            return centre;
        }
        var sx = Math.Abs(dx) > 0.001 ? rect.Width / 2 / Math.Abs(dx) : float.PositiveInfinity;
        var sy = Math.Abs(dy) > 0.001 ? rect.Height / 2 / Math.Abs(dy) : float.PositiveInfinity;
        var s = Math.Min(Math.Min(sx, sy), 1);
        return new SKPoint(centre.X + dx * s, centre.Y + dy * s);
    }
}
