using System.Xml.Linq;
using SkiaSharp;

namespace Tellerrand.Handover.Tests;

public class BoardImageTests
{
    [Fact]
    public void ThePngHasTheBoardsSizeAndShowsEachNoteInItsColour()
    {
        var room = Rooms.Sample();
        var layout = RoomResults.Create(room, Rooms.German).Layout;
        using var png = SKBitmap.Decode(Rooms.Write(room, HandoverFormat.Png));

        // The board is wider than the PNG's limit, so it is scaled to 4096 pixels across.
        var expected = BoardImages.PngSize(layout);
        Assert.Equal(expected.Width, png.Width);
        Assert.Equal(expected.Height, png.Height);
        Assert.Equal(BoardImages.MaxPngSide, Math.Max(png.Width, png.Height));
        var scale = png.Width / layout.Bounds.Width;
        foreach (var item in layout.Items.Where(i => i.IsNote))
        {
            // Just inside the note's bottom-left corner, away from its text and its vote badge.
            var x = (int)((item.Bounds.Left + 6 - layout.Bounds.Left) * scale);
            var y = (int)((item.Bounds.Bottom - 6 - layout.Bounds.Top) * scale);
            Assert.True(PdfTests.Close(png.GetPixel(x, y), SKColor.Parse(BoardPainter.NoteHex(item.Colour))), $"note {item.Id} is not drawn at {x},{y}");
        }
    }

    [Fact]
    public void AnEmptyBoardStillGivesAWhitePicture()
    {
        using var png = SKBitmap.Decode(Rooms.Write(Rooms.Sample(Tellerrand.Boards.BoardState.Empty), HandoverFormat.Png));

        Assert.Equal(800, png.Width);
        Assert.Equal(SKColors.White, png.GetPixel(400, 300));
    }

    [Fact]
    public void TheSvgIsWellFormedXmlAndHoldsTheNoteTexts()
    {
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Rooms.Write(Rooms.Sample(), HandoverFormat.Svg)));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(ns + "svg", svg.Root!.Name);
        // The SVG has one text element per wrapped line.
        var texts = PdfTests.Normalise(string.Join(" ", svg.Descendants(ns + "text").Select(t => t.Value)));
        Assert.Contains("Tag der offenen Backstube", texts);
        Assert.Contains("Nächste Schritte", texts);
        Assert.Contains(Rooms.UmlautNote, texts);
    }
}
