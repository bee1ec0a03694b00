using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Tellerrand.Boards;

namespace Tellerrand.Handover.Tests;

public class NotesTableTests
{
    [Fact]
    public void TheCsvStartsWithTheBomAndKeepsUmlauts()
    {
        var csv = Rooms.Write(Rooms.Sample(), HandoverFormat.Csv);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(csv[3..]));
        Assert.Equal(["Rahmen", "Art", "Text", "Farbe", "Stimmen", "Von"], rows[0]);
        Assert.Contains(rows, r => r[2] == Rooms.UmlautNote && r[0] == "Ideen" && r[3] == "Rosa" && r[4] == "3");
        Assert.Contains(rows, r => r[2] == Rooms.NextStep && r[0] == "Nächste Schritte");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void FormulasInTheCsvAreNeutralised(string formula)
    {
        var board = BoardState.Empty.ApplyPatch([Rooms.Note("f", null, 0, 0, formula)]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(Rooms.Write(Rooms.Sample(board), HandoverFormat.Csv)[3..]));

        Assert.Equal("'" + formula, rows[1][2]);
    }

    [Fact]
    public void ACellWithSeparatorsQuotesAndLinesStaysOneCell()
    {
        var text = "eins; \"zwei\"\ndrei";
        var board = BoardState.Empty.ApplyPatch([Rooms.Note("f", null, 0, 0, text)]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(Rooms.Write(Rooms.Sample(board), HandoverFormat.Csv)[3..]));

        Assert.Equal(2, rows.Count);
        Assert.Equal(text, rows[1][2]);
    }

    [Fact]
    public void TheXlsxOpensAndHasARowPerNote()
    {
        var rows = Xlsx.Rows(Rooms.Write(Rooms.Sample(), HandoverFormat.Xlsx), out var sheetName);

        Assert.Equal("Notizen", sheetName);
        Assert.Equal(["Rahmen", "Art", "Text", "Farbe", "Stimmen", "Von"], rows[0]);
        // The challenge text and five notes.
        Assert.Equal(7, rows.Count);
        Assert.Contains(rows, r => r[2] == Rooms.UmlautNote && r[4] == "3");
    }

    /// <summary>A reader for RFC 4180 with semicolons, as Excel reads it.</summary>
    internal static class Csv
    {
        public static List<string[]> Parse(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') { quoted = false; }
                    else { cell.Append(c); }
                }
                else if (c == '"') { quoted = true; }
                else if (c == ';') { row.Add(cell.ToString()); cell.Clear(); }
                else if (c == '\r') { }
                else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); }
                else { cell.Append(c); }
            }
            Assert.False(quoted, "a quoted cell is not closed");
            return rows;
        }
    }

    /// <summary>Reads the first worksheet's cells as text, straight from the Open XML parts.</summary>
    internal static class Xlsx
    {
        private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

        public static List<string[]> Rows(byte[] xlsx, out string sheetName)
        {
            using var zip = new ZipArchive(new MemoryStream(xlsx));
            var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
            sheetName = workbook.Descendants(Main + "sheet").Single().Attribute("name")!.Value;
            var shared = zip.GetEntry("xl/sharedStrings.xml") is { } entry
                ? XDocument.Load(entry.Open()).Descendants(Main + "si").Select(s => string.Concat(s.Descendants(Main + "t").Select(t => t.Value))).ToList()
                : [];
            var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            return sheet.Descendants(Main + "row").Select(row => row.Elements(Main + "c").Select(c =>
                (string?)c.Attribute("t") switch
                {
                    "s" => shared[int.Parse(c.Element(Main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                    "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
                    _ => c.Element(Main + "v")?.Value ?? "",
                }).ToArray()).ToList();
        }
    }
}
