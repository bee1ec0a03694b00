using System.Globalization;
using System.Text;
using CsvHelper;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Outreach;

// The CSV rules of contact lists, free of ASP.NET and the database: decoding what German Excel
// writes, reading it into candidates with a per-row report, and writing lists Excel opens correctly.

/// <summary>How bad a finding is: an error keeps the row out of the import, a warning only loses or flags one value.</summary>
public enum ImportSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One finding of the preview. <see cref="Row"/> is the line number as Excel shows it (the header is row 1;
/// 0 means the whole file), <see cref="Column"/> the header as written in the file.
/// </summary>
public sealed record ImportProblem(int Row, string Column, ImportSeverity Severity, string MessageKey, params object[] Arguments);

/// <summary>A row that can be imported, with its values cleaned.</summary>
public sealed record ContactCandidate(
    int Row, string Email, string? Name, string? Organisation, string? Trade, string? TradeKey, IReadOnlyList<string> Disciplines,
    string? Region, string? Phone, DateOnly? LastContactOn);

/// <summary>What the preview shows before anything is stored.</summary>
public sealed record ContactImportPreview(string EncodingName, char Delimiter, IReadOnlyList<ContactCandidate> Candidates, IReadOnlyList<ImportProblem> Problems)
{
    public bool CanImport => Candidates.Count > 0;
}

/// <summary>Cells that a spreadsheet would run as a formula (exports are neutralised by CsvHelper, see <see cref="ContactCsv.Write"/>).</summary>
public static class CsvCells
{
    /// <summary>True for a value a spreadsheet would evaluate; a telephone number such as "+49 3581 1234" is not one.</summary>
    public static bool LooksLikeFormula(string value) =>
        value.Length > 0 && (value[0] is '=' or '@' || value[0] is '+' or '-' && !value.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '/' or '-' or '(' or ')'));
}

/// <summary>Reads contact lists as German Excel and others save them.</summary>
public static class ContactCsv
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["email"] = Columns.Email, ["emailadresse"] = Columns.Email, ["mail"] = Columns.Email, ["mailadresse"] = Columns.Email,
        ["name"] = Columns.Name, ["ansprechpartner"] = Columns.Name, ["ansprechpartnerin"] = Columns.Name,
        ["ansprechperson"] = Columns.Name, ["kontakt"] = Columns.Name, ["kontaktperson"] = Columns.Name, ["contact"] = Columns.Name,
        ["firma"] = Columns.Organisation, ["betrieb"] = Columns.Organisation, ["unternehmen"] = Columns.Organisation,
        ["organisation"] = Columns.Organisation, ["studio"] = Columns.Organisation, ["company"] = Columns.Organisation,
        ["gewerk"] = Columns.Trade, ["handwerk"] = Columns.Trade, ["trade"] = Columns.Trade,
        ["region"] = Columns.Region, ["ort"] = Columns.Region, ["landkreis"] = Columns.Region, ["stadt"] = Columns.Region, ["city"] = Columns.Region,
        ["telefon"] = Columns.Phone, ["tel"] = Columns.Phone, ["telefonnummer"] = Columns.Phone, ["phone"] = Columns.Phone,
        ["disziplin"] = Columns.Disciplines, ["disziplinen"] = Columns.Disciplines, ["disciplines"] = Columns.Disciplines,
        ["letzterkontakt"] = Columns.LastContact, ["kontaktam"] = Columns.LastContact, ["lastcontact"] = Columns.LastContact,
    };

    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "d.M.yy", "yyyy-MM-dd"];

    /// <summary>The columns Tellerrand knows, by their internal names.</summary>
    public static class Columns
    {
        public const string Email = "email", Name = "name", Organisation = "organisation", Trade = "trade", Region = "region",
            Phone = "phone", Disciplines = "disciplines", LastContact = "lastContact";
    }

    /// <summary>
    /// UTF-8 with or without BOM, else Windows-1252 (what German Excel writes as "CSV (Trennzeichen-getrennt)"):
    /// bytes that are not valid UTF-8 can only be the older code page.
    /// </summary>
    public static (string Text, string EncodingName) Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return (Encoding.UTF8.GetString(content, 3, content.Length - 3), "UTF-8 (BOM)");
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(content), "Windows-1252");
        }
    }

    /// <summary>
    /// Reads the file into candidates and a report. Nothing here stores anything; rows whose address is
    /// in <paramref name="knownEmails"/> (lower case) or earlier in the file are reported and left out.
    /// </summary>
    public static ContactImportPreview Preview(byte[] content, IReadOnlySet<string> knownEmails)
    {
        var problems = new List<ImportProblem>();
        var candidates = new List<ContactCandidate>();
        if (content.Length == 0) return new("", ';', [], [new(0, "", ImportSeverity.Error, "Csv_Empty")]);
        if (content.Length > MaxBytes) return new("", ';', [], [new(0, "", ImportSeverity.Error, "Csv_TooLarge", MaxBytes / 1024)]);
        if (Array.IndexOf(content, (byte)0) >= 0) return new("", ';', [], [new(0, "", ImportSeverity.Error, "Csv_NotText")]);

        var (text, encodingName) = Decode(content);
        if (string.IsNullOrWhiteSpace(text)) return new(encodingName, ';', [], [new(0, "", ImportSeverity.Error, "Csv_Empty")]);
        // CsvHelper detects the separator (semicolon from German Excel, comma from others) from the first lines.
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = true, SkipEmptyLines = true, TrimWhitespace = true, TrackLineNumbers = true });
        string[] header;
        try
        {
            header = reader.Headers.ToArray();
        }
        catch (CsvFormatException)
        {
            return new(encodingName, ';', [], [new(1, "", ImportSeverity.Error, "Csv_Malformed")]);
        }
        var delimiter = (char)reader.Separator;
        if (header.All(string.IsNullOrWhiteSpace)) return new(encodingName, delimiter, [], [new(0, "", ImportSeverity.Error, "Csv_Empty")]);

        var columns = new Dictionary<string, (int Index, string Header)>();
        for (var i = 0; i < header.Length; i++)
        {
            var written = FormText.Line(header[i]) ?? "";
            if (Aliases.TryGetValue(Normalise(written), out var known) && !columns.ContainsKey(known)) columns[known] = (i, written);
            else if (written.Length > 0) problems.Add(new(1, written, ImportSeverity.Warning, "Csv_ColumnIgnored"));
        }
        if (!columns.ContainsKey(Columns.Email))
        {
            problems.Add(new(1, "E-Mail", ImportSeverity.Error, "Csv_EmailColumnMissing"));
            return new(encodingName, delimiter, [], problems);
        }

        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            try
            {
                if (!reader.Read()) break;
            }
            catch (CsvFormatException malformed)
            {
                problems.Add(new((int)malformed.LineNumber, "", ImportSeverity.Error, "Csv_Malformed"));
                break;
            }
            var row = (int)reader.LineNumber;
            var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString()).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (cells.Length > header.Length && cells.Skip(header.Length).Any(c => !string.IsNullOrWhiteSpace(c)))
                problems.Add(new(row, "", ImportSeverity.Warning, "Csv_ExtraCells", header.Length));

            string? Cell(string column, int maxLength, out string written)
            {
                written = columns.TryGetValue(column, out var c) ? c.Header : "";
                var value = columns.TryGetValue(column, out var at) && at.Index < cells.Length ? FormText.Line(cells[at.Index]) : null;
                if (value is null) return null;
                if (value.Length > maxLength)
                {
                    problems.Add(new(row, written, ImportSeverity.Warning, "Csv_TooLong", maxLength));
                    return null;
                }
                if (CsvCells.LooksLikeFormula(value)) problems.Add(new(row, written, ImportSeverity.Warning, "Csv_Formula"));
                return value;
            }

            var email = Cell(Columns.Email, 254, out var emailColumn);
            if (email is null)
            {
                problems.Add(new(row, emailColumn, ImportSeverity.Error, "Csv_EmailMissing"));
                continue;
            }
            if (!IsEmail(email) || CsvCells.LooksLikeFormula(email))
            {
                problems.Add(new(row, emailColumn, ImportSeverity.Error, "Csv_EmailInvalid", email));
                continue;
            }
            var key = email.ToLowerInvariant();
            if (firstRowOf.TryGetValue(key, out var first))
            {
                problems.Add(new(row, emailColumn, ImportSeverity.Error, "Csv_DuplicateInFile", first));
                continue;
            }
            firstRowOf[key] = row;
            if (knownEmails.Contains(key))
            {
                problems.Add(new(row, emailColumn, ImportSeverity.Error, "Csv_AlreadyKnown"));
                continue;
            }

            var trade = Cell(Columns.Trade, 200, out _);
            var onList = Trades.Find(trade);
            var disciplines = new List<string>();
            if (Cell(Columns.Disciplines, 500, out var disciplineColumn) is { } named)
            {
                foreach (var part in named.Split([',', '/', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var found = Disciplines.All.FirstOrDefault(d => string.Equals(d.Key, part, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(d.NameDe, part, StringComparison.OrdinalIgnoreCase) || string.Equals(d.NameEn, part, StringComparison.OrdinalIgnoreCase));
                    if (found is null) problems.Add(new(row, disciplineColumn, ImportSeverity.Warning, "Csv_DisciplineUnknown", part));
                    else if (!disciplines.Contains(found.Key)) disciplines.Add(found.Key);
                }
            }
            DateOnly? lastContact = null;
            if (Cell(Columns.LastContact, 40, out var dateColumn) is { } date)
            {
                if (DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) lastContact = parsed;
                else problems.Add(new(row, dateColumn, ImportSeverity.Warning, "Csv_DateInvalid", date));
            }
            candidates.Add(new ContactCandidate(row, email, Cell(Columns.Name, 200, out _), Cell(Columns.Organisation, 200, out _),
                onList?.Name ?? trade, onList?.Key, disciplines, Cell(Columns.Region, 100, out _), Cell(Columns.Phone, 50, out _), lastContact));
        }
        if (candidates.Count == 0 && problems.All(p => p.Row <= 1)) problems.Add(new(0, "", ImportSeverity.Error, "Csv_NoRows"));
        return new(encodingName, delimiter, candidates, problems);
    }

    /// <summary>
    /// A list as German Excel opens it by double-click: UTF-8 with BOM (umlauts intact), semicolons, CRLF,
    /// and every cell that could start a formula neutralised.
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        var options = new CsvWriterOptions { Separator = ';', NewLine = "\r\n", WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using (var csv = CsvWriter.Create(stream, options, true))
        {
            csv.WriteRecord(headers.ToArray());
            foreach (var row in rows) csv.WriteRecord(row.Select(cell => cell ?? "").ToArray());
        }
        return stream.ToArray();
    }

    private static string Normalise(string header) =>
        new(header.ToLowerInvariant().Replace("ä", "ae", StringComparison.Ordinal).Where(char.IsLetterOrDigit).ToArray());

    private static bool IsEmail(string value) =>
        value.Length <= 254 && !value.Contains(' ', StringComparison.Ordinal) && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(value);
}
