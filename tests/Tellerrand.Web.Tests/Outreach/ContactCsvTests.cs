using System.Runtime.CompilerServices;
using System.Text;
using Tellerrand.Web.Outreach;

namespace Tellerrand.Web.Tests.Outreach;

/// <summary>
/// The preview of real-world-shaped contact lists (CsvCorpus/*.csv), each against its expected report
/// (*.expected: how many rows import, how the file was read, then one line per finding:
/// row;column;severity;message key;arguments).
/// </summary>
public sealed class ContactCsvTests
{
    private static readonly HashSet<string> Known = ["bekannt@kontakte.example"];

    private static string Corpus([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "CsvCorpus");

    public static TheoryData<string> Files() => new(Directory.GetFiles(Corpus(), "*.csv").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public void PreviewReportsWhatTheFileHolds(string name)
    {
        var preview = ContactCsv.Preview(File.ReadAllBytes(Path.Combine(Corpus(), name + ".csv")), Known);

        var report = new StringBuilder()
            .Append($"imported: {preview.Candidates.Count}\nencoding: {preview.EncodingName}\ndelimiter: {preview.Delimiter}\n");
        foreach (var p in preview.Problems)
        {
            report.Append($"{p.Row};{p.Column};{p.Severity};{p.MessageKey};{string.Join("|", p.Arguments)}\n");
        }
        Assert.Equal(File.ReadAllText(Path.Combine(Corpus(), name + ".expected")), report.ToString());
    }

    [Fact]
    public void ExcelUtf8FileKeepsUmlautsTradesAndGermanDates()
    {
        var preview = ContactCsv.Preview(File.ReadAllBytes(Path.Combine(Corpus(), "semicolon-utf8-bom.csv")), Known);

        var bakery = preview.Candidates.Single(c => c.Email == "krause@baeckerei.example");
        Assert.Equal(("Bäckerei Krause", "Änne Krause", "Löbau"), (bakery.Organisation, bakery.Name, bakery.Region));
        Assert.Equal(("Bäcker", "A-30"), (bakery.Trade, bakery.TradeKey));
        Assert.Equal(new DateOnly(2024, 2, 1), bakery.LastContactOn);
        Assert.Equal("+49 3583 98765", preview.Candidates.Single(c => c.Email == "info@elektro-foerster.example").Phone);
    }

    [Fact]
    public void Windows1252FileIsReadWithItsUmlauts()
    {
        var preview = ContactCsv.Preview(File.ReadAllBytes(Path.Combine(Corpus(), "semicolon-windows1252.csv")), Known);

        Assert.Equal(["Bäckerei Müller", "Straßenbau Weiß"], preview.Candidates.Select(c => c.Organisation));
        Assert.Equal("Landkreis Görlitz", preview.Candidates[0].Region);
    }

    [Fact]
    public void FormulaIsKeptAsPlainText()
    {
        var preview = ContactCsv.Preview(File.ReadAllBytes(Path.Combine(Corpus(), "formula-cells.csv")), Known);

        Assert.Equal("=HYPERLINK(\"http://evil.example\";\"Klick\")", preview.Candidates[0].Name);
    }

    [Fact]
    public void ExportOpensInGermanExcelAndNeutralisesFormulaStarts()
    {
        var bytes = ContactCsv.Write(["Name", "Ort"],
        [
            ["Jörg Förster", "Görlitz"],
            ["=HYPERLINK(\"http://evil.example\")", "+1+1"],
            ["-2+3", "@SUMME(A1)"],
            ["\tTab", "\rWagenrücklauf"],
            ["Semi;kolon", null],
        ]);

        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n");
        Assert.Equal("Name;Ort", lines[0]);
        Assert.Equal("Jörg Förster;Görlitz", lines[1]);
        // Read back, every formula start is behind an apostrophe, so Excel shows text.
        using var reader = CsvHelper.CsvReader.FromText(text, new CsvHelper.CsvReaderOptions { Separator = ';', HasHeader = true });
        var cells = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) cells.Add(reader[i].ToString());
        }
        Assert.Equal(["Jörg Förster", "Görlitz", "'=HYPERLINK(\"http://evil.example\")", "'+1+1", "'-2+3", "'@SUMME(A1)", "'\tTab", "'\rWagenrücklauf", "Semi;kolon", ""], cells);
    }
}
