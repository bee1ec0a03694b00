using System.Globalization;
using System.Text;
using SpreadCheetah;

namespace Tellerrand.Handover;

/// <summary>The notes as a table: CSV for any spreadsheet, XLSX for Excel. Same rows, same columns, same order.</summary>
internal static class NotesTable
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private static IEnumerable<string[]> Rows(RoomResults results)
    {
        var text = results.Text;
        yield return [text.ColumnFrame, text.ColumnKind, text.ColumnText, text.ColumnColour, text.ColumnVotes, text.ColumnAuthor];
        foreach (var group in NoteGroups.Of(results.Layout, text))
        {
            foreach (var item in group.Items)
            {
                yield return
                [
                    group.Title,
                    item.IsNote ? text.KindNote : text.KindText,
                    item.Text,
                    item.IsNote ? text.Colour(item.Colour) : "",
                    item.Votes.ToString(CultureInfo.InvariantCulture),
                    item.Author ?? "",
                ];
            }
        }
    }

    /// <summary>
    /// UTF-8 with BOM and semicolons, which is what German Excel reads without an import dialog. Every cell that a spreadsheet
    /// would take for a formula gets a leading apostrophe (OWASP's advice against CSV injection).
    /// </summary>
    public static void WriteCsv(RoomResults results, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        foreach (var row in Rows(results))
        {
            writer.WriteLine(string.Join(';', row.Select(CsvCell)));
        }
    }

    /// <summary>One CSV cell, neutralised and quoted when it holds a separator, a quote or a line break.</summary>
    internal static string CsvCell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(";\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static async Task WriteXlsxAsync(RoomResults results, Stream output, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var options = new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 };
        options.Column(1).Width = 24;
        options.Column(3).Width = 80;
        options.Column(6).Width = 20;
        await spreadsheet.StartWorksheetAsync(results.Text.SheetNotes, options, cancellationToken);
        var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
        var first = true;
        foreach (var row in Rows(results))
        {
            // Text cells are never formulas in XLSX, so nothing needs neutralising here; votes stay numbers for sorting.
            var cells = row.Select((value, column) =>
                first ? new Cell(value, bold) : column == 4 ? new Cell(int.Parse(value, CultureInfo.InvariantCulture)) : new Cell(value)).ToArray();
            await spreadsheet.AddRowAsync(cells, cancellationToken);
            first = false;
        }
        await spreadsheet.FinishAsync(cancellationToken);
    }
}
