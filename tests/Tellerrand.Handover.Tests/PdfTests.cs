using SkiaSharp;

namespace Tellerrand.Handover.Tests;

public class PdfTests
{
    private static readonly byte[] Pdf = Rooms.Write(Rooms.Sample(), HandoverFormat.Pdf);

    [Fact]
    public void ThePdfsTextHasTheChallengeANoteWithUmlautsAndTheNextSteps()
    {
        var text = Normalise(Poppler.Text(Pdf));

        Assert.Contains(Rooms.Challenge, text);
        Assert.Contains(Rooms.UmlautNote, text);
        Assert.Contains("Nächste Schritte", text);
        Assert.Contains(Rooms.NextStep, text);
        Assert.Contains("Walt-Disney-Methode", text);
        Assert.Contains("3 Stimmen", text);
    }

    [Fact]
    public void NotesAreListedByFrameWithTheMostVotedFirst()
    {
        var text = Normalise(Poppler.Text(Pdf));
        var ideas = text.IndexOf("Ideen", text.IndexOf("Alle Notizen nach Rahmen", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.True(ideas > 0);
        Assert.True(text.IndexOf(Rooms.UmlautNote, ideas, StringComparison.Ordinal) < text.IndexOf("Azubi-Botschafter:innen", ideas, StringComparison.Ordinal));
    }

    [Fact]
    public void PdftoppmRendersTheTitlePageWithInkOnIt()
    {
        using var page = SKBitmap.Decode(Poppler.RenderPage(Pdf, 1));

        // A4 portrait at 50 dpi.
        Assert.Equal(414, page.Width);
        Assert.Equal(585, page.Height);
        var dark = 0;
        for (var y = 0; y < page.Height; y += 2)
        {
            for (var x = 0; x < page.Width; x += 2)
            {
                dark += page.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }
        Assert.True(dark > 200, $"only {dark} dark pixels on page 1");
    }

    [Fact]
    public void TheBoardPageIsLandscapeAndShowsTheNotesColours()
    {
        using var page = SKBitmap.Decode(Poppler.RenderPage(Pdf, 2));

        Assert.True(page.Width > page.Height);
        var pink = SKColor.Parse("#f8bbd0");
        var found = false;
        for (var y = 0; y < page.Height && !found; y++)
        {
            for (var x = 0; x < page.Width && !found; x++)
            {
                found = Close(page.GetPixel(x, y), pink);
            }
        }
        Assert.True(found, "the pink note is not on the board page");
    }

    [Fact]
    public void ALongBoardFlowsOntoMorePagesWithoutLosingANote()
    {
        var board = Rooms.SampleBoard().ApplyPatch(Enumerable.Range(0, 120)
            .Select(i => Rooms.Note($"many-{i}", "tpl-ideas", 60 + i % 6 * 240, 400 + i / 6 * 240, $"Idee Nummer {i} mit etwas mehr Text, der umbrechen muss")));
        var text = Normalise(Poppler.Text(Rooms.Write(Rooms.Sample(board), HandoverFormat.Pdf)));

        for (var i = 0; i < 120; i++)
        {
            Assert.Contains($"Idee Nummer {i} mit", text);
        }
        Assert.Contains("Seite 5", text);
    }

    internal static bool Close(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) < 12 && Math.Abs(a.Green - b.Green) < 12 && Math.Abs(a.Blue - b.Blue) < 12;

    // pdftotext ends lines where the PDF wraps them; the tests look for the words, not the line breaks.
    internal static string Normalise(string text) => string.Join(' ', text.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
}
