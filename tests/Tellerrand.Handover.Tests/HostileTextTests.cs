using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Tellerrand.Boards;

namespace Tellerrand.Handover.Tests;

public class HostileTextTests
{
    // Straight into the snapshot, past BoardText: a package must survive whatever a stored board holds.
    private static readonly string[] Texts =
    [
        new string('W', 2000),
        string.Concat(Enumerable.Repeat("Sehr lange Notiz mit vielen Wörtern ", 60))[..2000],
        "Steuer\u0001zeichen\u0000 und \u001b[31m Escape \u0007 und \uFFFE",
        "مرحبا بالعالم — עברית — \u202Eumgedreht\u202C",
        "Emoji 🎉👩🏽‍🔧 und ein halbes \uD83D Paar",
        "<script>alert('x')</script> & ]]> \"Anführung\"",
        "=cmd|' /C calc'!A0",
        "# Überschrift\n- Liste\n1. Nummer\n\n\n",
        "",
    ];

    private static RoomHandover HostileRoom()
    {
        var changes = Texts.Select((text, i) => Rooms.Note($"h-{i}", i % 2 == 0 ? "tpl-ideas" : "tpl-next-steps", 40 + i % 4 * 260, 100 + i / 4 * 260, text, "yellow", i % 3 == 0 ? "l" : "s"))
            .Append(BoardChange.Put("t-long", RecordKinds.Text, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue("tpl-perspectives", "a", 20, 100)), (PropertyNames.Text, new TextValue(Texts[0])))))
            .Append(BoardChange.Put("c-self", RecordKinds.Connector, PropertyMap.Of(
                (PropertyNames.From, new TextValue("h-0")), (PropertyNames.To, new TextValue("h-0")), (PropertyNames.Label, new TextValue(Texts[3])))))
            .Append(BoardChange.Put("c-missing", RecordKinds.Connector, PropertyMap.Of(
                (PropertyNames.From, new TextValue("h-0")), (PropertyNames.To, new TextValue("nowhere")))))
            .Append(Rooms.Note("orphan", "no-such-frame", 10, 10, "Elternlos"))
            // A parent cycle, which the board model refuses but a damaged snapshot could hold.
            .Append(BoardChange.Put("loop-a", RecordKinds.Frame, PropertyMap.Of((PropertyNames.Placement, new PlacementValue("loop-b", "a", 0, 2000)))))
            .Append(BoardChange.Put("loop-b", RecordKinds.Frame, PropertyMap.Of((PropertyNames.Placement, new PlacementValue("loop-a", "a", 0, 2000)))))
            .Append(Rooms.Note("in-loop", "loop-a", 10, 100, "Im Kreis"));
        var room = Rooms.Sample(Rooms.SampleBoard().ApplyPatch(changes));
        return room with
        {
            RoomName = "Raum \u0000 <&> " + Texts[4],
            Challenge = new RoomChallenge(Texts[1] + Texts[2], Texts[3], Texts[5]),
            Methods = [new WorkshopMethod(Texts[4], Texts[7])],
            People = [.. room.People, new RoomPerson("p-evil", Texts[5], RoomRole.Creative, true)],
        };
    }

    [Fact]
    public void EveryFormatSurvivesHostileTextAndStaysValid()
    {
        var room = HostileRoom();

        var svg = Rooms.Write(room, HandoverFormat.Svg);
        XDocument.Parse(Encoding.UTF8.GetString(svg));

        using (var scene = JsonDocument.Parse(Rooms.Write(room, HandoverFormat.Excalidraw)))
        {
            ExcalidrawTests.Validate(scene.RootElement);
        }

        var xlsx = NotesTableTests.Xlsx.Rows(Rooms.Write(room, HandoverFormat.Xlsx), out _);
        var csv = NotesTableTests.Csv.Parse(Encoding.UTF8.GetString(Rooms.Write(room, HandoverFormat.Csv)[3..]));
        Assert.Equal(xlsx.Count, csv.Count);
        Assert.All(csv, row => Assert.Equal(6, row.Length));
        Assert.Contains(csv, row => row[2] == "'=cmd|' /C calc'!A0");
        Assert.Contains(csv, row => row[2] == "Steuerzeichen und [31m Escape  und ");
        Assert.Contains(csv, row => row[2] == "Elternlos");
        Assert.Contains(csv, row => row[2] == "Im Kreis");

        var pdf = PdfTests.Normalise(Poppler.Text(Rooms.Write(room, HandoverFormat.Pdf)));
        Assert.Contains("Sehr lange Notiz mit vielen Wörtern", pdf);
        Assert.Contains("Elternlos", pdf);

        var markdown = Encoding.UTF8.GetString(Rooms.Write(room, HandoverFormat.Markdown));
        Assert.DoesNotContain("<script>", markdown);
        Assert.DoesNotContain("\n# Überschrift", markdown);

        using var png = SkiaSharp.SKBitmap.Decode(Rooms.Write(room, HandoverFormat.Png));
        Assert.NotNull(png);
    }

    [Fact]
    public void NoControlCharacterReachesAnyFormat()
    {
        var room = HostileRoom();
        foreach (var format in new[] { HandoverFormat.Svg, HandoverFormat.Csv, HandoverFormat.Excalidraw, HandoverFormat.Markdown })
        {
            var text = Encoding.UTF8.GetString(Rooms.Write(room, format));
            Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
            Assert.DoesNotContain('\u202E', text);
        }
    }

    [Fact]
    public void AWordLongerThanTheLineIsBrokenWithoutSplittingAnEmoji()
    {
        using var font = HandoverFonts.Font(18);
        var word = string.Concat(Enumerable.Repeat("ab🎉", 200));

        var lines = TextWrap.Lines(word, font, 190);

        Assert.True(lines.Count > 5);
        Assert.Equal(word, string.Concat(lines));
        Assert.All(lines, line =>
        {
            Assert.True(font.MeasureText(line) <= 190);
            Assert.False(char.IsHighSurrogate(line[^1]), "a line ends inside a surrogate pair");
        });
    }

    [Fact]
    public async Task AZipOfAHostileRoomOpens()
    {
        using var zip = new MemoryStream();
        await HandoverPackage.WriteRoomAsync(RoomResults.Create(HostileRoom(), Rooms.German), zip);

        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()));
        Assert.Equal(7, archive.Entries.Count);
    }
}
