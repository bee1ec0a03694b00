using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Tellerrand.Boards;

namespace Tellerrand.Handover.Tests;

public class PackageTests
{
    [Fact]
    public async Task ARoomsZipHoldsEveryFormatUnderItsGermanName()
    {
        var results = RoomResults.Create(Rooms.Sample(), Rooms.German);
        using var zip = new MemoryStream();

        await HandoverPackage.WriteRoomAsync(results, zip);

        Assert.Equal("ergebnisse-baeckerei-mueller.zip", HandoverPackage.RoomArchiveName(results));
        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()));
        Assert.Equal(
            ["board.excalidraw", "board.png", "board.svg", "ergebnisse.pdf", "notizen.csv", "notizen.xlsx", "zusammenfassung.md"],
            archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var pdf = new MemoryStream();
        await archive.GetEntry("ergebnisse.pdf")!.Open().CopyToAsync(pdf);
        Assert.Contains(Rooms.Challenge, PdfTests.Normalise(Poppler.Text(pdf.ToArray())));
    }

    [Fact]
    public async Task AnEventsZipHasAFolderPerRoomAndReadsRoomsOneAtATime()
    {
        var made = 0;
        async IAsyncEnumerable<RoomResults> Rooms3([EnumeratorCancellation] CancellationToken token = default)
        {
            foreach (var name in new[] { "Bäckerei Müller", "Tischlerei Groß", "Bäckerei Müller" })
            {
                await Task.Yield();
                made++;
                yield return RoomResults.Create(Rooms.Sample() with { RoomName = name }, Rooms.German);
            }
        }
        // A write-only stream that cannot seek, like an HTTP response body.
        using var sink = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(sink))
        {
            await HandoverPackage.WriteEventAsync(Rooms3(), forwardOnly);
        }

        Assert.Equal(3, made);
        using var archive = new ZipArchive(new MemoryStream(sink.ToArray()));
        var folders = archive.Entries.Select(e => e.FullName.Split('/')[0]).Distinct().ToList();
        Assert.Equal(["01-baeckerei-mueller", "02-tischlerei-gross", "03-baeckerei-mueller"], folders);
        Assert.Equal(21, archive.Entries.Count);
        using var reader = new StreamReader(archive.GetEntry("02-tischlerei-gross/zusammenfassung.md")!.Open(), Encoding.UTF8);
        Assert.StartsWith("# Tischlerei Groß", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task AnEventsZipKeepsTheRoomsOrderAndEachRoomsFilesTogetherWhileRoomsAreDrawnInParallel()
    {
        // Rooms of very different sizes finish drawing out of order; the archive must not.
        var big = Tests.Rooms.SampleBoard().ApplyPatch(
            [.. Enumerable.Range(0, 300).Select(i => Tests.Rooms.Note($"n{i}", null, i % 20 * 260, i / 20 * 260, $"Notiz {i} über Größe"))]);
        var names = Enumerable.Range(1, Environment.ProcessorCount * 2 + 1).Select(i => $"Raum {i}").ToList();
        async IAsyncEnumerable<RoomResults> Rooms([EnumeratorCancellation] CancellationToken token = default)
        {
            for (var i = 0; i < names.Count; i++)
            {
                await Task.Yield();
                yield return RoomResults.Create(Tests.Rooms.Sample(i % 2 == 0 ? big : null) with { RoomName = names[i] }, Tests.Rooms.German);
            }
        }
        using var sink = new MemoryStream();

        await HandoverPackage.WriteEventAsync(Rooms(), sink);

        using var archive = new ZipArchive(new MemoryStream(sink.ToArray()));
        var expected = names.SelectMany((name, i) => new[] { "ergebnisse.pdf", "board.png", "board.svg", "notizen.csv", "notizen.xlsx", "board.excalidraw", "zusammenfassung.md" }
            .Select(file => $"{i + 1:00}-{HandoverPackage.Slug(name)}/{file}"));
        Assert.Equal(expected, archive.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void EnglishReadersGetEnglishTextsAndFileNames()
    {
        var results = RoomResults.Create(Rooms.Sample(), Rooms.English);
        var pdf = PdfTests.Normalise(Poppler.Text(Rooms.Write(Rooms.Sample(), HandoverFormat.Pdf, Rooms.English)));

        Assert.Equal("results.pdf", results.FileName(HandoverFormat.Pdf));
        Assert.Equal("notes.csv", results.FileName(HandoverFormat.Csv));
        Assert.Contains("Next steps", pdf);
        Assert.Contains("Creative 1", pdf);
        Assert.Contains("November 20, 2026", pdf);
        Assert.Contains("3 votes", pdf);
        // Frame titles are the board's content and stay as written; the package's own words are English.
        Assert.DoesNotContain("Stimmen", pdf);
        Assert.DoesNotContain("Seite", pdf);
    }

    [Fact]
    public void EveryTextExistsInGermanAndEnglish()
    {
        foreach (var culture in new[] { Rooms.German, Rooms.English })
        {
            var text = new HandoverText(culture);
            foreach (var property in typeof(HandoverText).GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)property.GetValue(text)), $"{property.Name} is empty in {culture}");
            }
        }
        Assert.NotEqual(new HandoverText(Rooms.German).NextSteps, new HandoverText(Rooms.English).NextSteps);
    }

    [Fact]
    public void TheFontTravelsWithItsLicence()
    {
        var resources = typeof(RoomResults).Assembly.GetManifestResourceNames();

        Assert.Contains("Tellerrand.Handover.Fonts.DejaVuSans.ttf", resources);
        using var licence = new StreamReader(typeof(RoomResults).Assembly.GetManifestResourceStream("Tellerrand.Handover.Fonts.LICENSE-DejaVu.txt")!);
        Assert.Contains("Bitstream Vera", licence.ReadToEnd());
    }

    [Fact]
    public void PlacementsInsideFramesAddUpToBoardPositions()
    {
        var board = Rooms.SampleBoard().ApplyPatch(
        [
            BoardChange.Put("inner", RecordKinds.Frame, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue("tpl-ideas", "b", 100, 700)), (PropertyNames.Title, new TextValue("Innen")),
                (PropertyNames.Width, new NumberValue(600)), (PropertyNames.Height, new NumberValue(500)))),
            Rooms.Note("deep", "inner", 50, 80, "Tief drin"),
        ]);
        var layout = RoomResults.Create(Rooms.Sample(board), Rooms.German).Layout;

        var deep = layout.Items.Single(i => i.Id == "deep");
        // Ideas frame at (1700, 0), inner frame at +(100, 700), note at +(50, 80).
        Assert.Equal(1850, deep.Bounds.Left);
        Assert.Equal(780, deep.Bounds.Top);
        Assert.Equal("inner", deep.FrameId);
        Assert.Contains(layout.Frames, f => f.Id == "inner");
        Assert.True(layout.DrawOrder.IndexOf(layout.Frames.Single(f => f.Id == "inner")) < layout.DrawOrder.IndexOf(deep));
    }

    [Theory]
    [InlineData(HandoverFormat.Pdf)]
    [InlineData(HandoverFormat.Png)]
    [InlineData(HandoverFormat.Svg)]
    [InlineData(HandoverFormat.Xlsx)]
    public async Task EachFormatWritesToAStreamWithoutPositionLikeAResponseBody(HandoverFormat format)
    {
        using var sink = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(sink))
        {
            await RoomResults.Create(Rooms.Sample(), Rooms.German).WriteAsync(format, forwardOnly);
        }

        var written = sink.ToArray();
        switch (format)
        {
            case HandoverFormat.Pdf:
                Assert.Contains(Rooms.Challenge, PdfTests.Normalise(Poppler.Text(written)));
                break;
            case HandoverFormat.Png:
                using (var png = SkiaSharp.SKBitmap.Decode(written))
                {
                    Assert.Equal(BoardImages.MaxPngSide, png.Width);
                }
                break;
            case HandoverFormat.Svg:
                Assert.Contains(Rooms.NextStep, PdfTests.Normalise(System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(written)).Root!.Value));
                break;
            default:
                Assert.Equal(7, NotesTableTests.Xlsx.Rows(written, out _).Count);
                break;
        }
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
