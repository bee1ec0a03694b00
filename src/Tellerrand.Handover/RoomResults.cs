using System.Globalization;

namespace Tellerrand.Handover;

/// <summary>The files of a results package.</summary>
public enum HandoverFormat
{
    /// <summary>The PDF for reading and forwarding.</summary>
    Pdf,

    /// <summary>The board as a PNG picture.</summary>
    Png,

    /// <summary>The board as SVG.</summary>
    Svg,

    /// <summary>The notes as CSV (UTF-8 with BOM, semicolons).</summary>
    Csv,

    /// <summary>The notes as an Excel workbook.</summary>
    Xlsx,

    /// <summary>The board as an Excalidraw scene.</summary>
    Excalidraw,

    /// <summary>A short Markdown summary.</summary>
    Markdown,
}

/// <summary>
/// One room's results package, ready to write in any <see cref="HandoverFormat"/>. The board is laid out once here (positions,
/// wrapped text, votes, authors) and every format reads that layout, so they all show the same board. The layout is not
/// changed after that, so different formats may be written at the same time.
/// </summary>
public sealed class RoomResults
{
    private RoomResults(RoomHandover room, HandoverText text)
    {
        Room = room;
        Text = text;
        People = new RoomPeople(room.People, text);
        Layout = BoardLayout.Of(room.Board, People, room.NoteAuthors);
        RoomName = HandoverContent.Clean(room.RoomName).Replace('\n', ' ');
        EventName = HandoverContent.Clean(room.EventName).Replace('\n', ' ');
        NextStepsFrameId = room.NextStepsFrameId ?? RoomHandover.DefaultNextStepsFrameId;
    }

    /// <summary>The input.</summary>
    public RoomHandover Room { get; }

    /// <summary>The package's wording, in the caller's culture.</summary>
    public HandoverText Text { get; }

    /// <summary>The room's name, cleaned for use as a heading.</summary>
    public string RoomName { get; }

    /// <summary>The event's name, cleaned for use as a heading.</summary>
    public string EventName { get; }

    internal RoomPeople People { get; }

    internal BoardLayout Layout { get; }

    internal string NextStepsFrameId { get; }

    /// <summary>Prepares <paramref name="room"/>'s package in <paramref name="culture"/> (German or English texts, dates).</summary>
    public static RoomResults Create(RoomHandover room, CultureInfo culture) => new(room, new HandoverText(culture));

    /// <summary>The file name of <paramref name="format"/> in the package, e.g. <c>ergebnisse.pdf</c>.</summary>
    public string FileName(HandoverFormat format) => format switch
    {
        HandoverFormat.Pdf => Text.FileResults + ".pdf",
        HandoverFormat.Png => Text.FileBoard + ".png",
        HandoverFormat.Svg => Text.FileBoard + ".svg",
        HandoverFormat.Csv => Text.FileNotes + ".csv",
        HandoverFormat.Xlsx => Text.FileNotes + ".xlsx",
        HandoverFormat.Excalidraw => Text.FileBoard + ".excalidraw",
        _ => Text.FileSummary + ".md",
    };

    /// <summary>One line on what the file is for, for the results page and the summary.</summary>
    public string Describe(HandoverFormat format) => format switch
    {
        HandoverFormat.Pdf => Text.FilePdf,
        HandoverFormat.Png => Text.FilePng,
        HandoverFormat.Svg => Text.FileSvg,
        HandoverFormat.Csv => Text.FileCsv,
        HandoverFormat.Xlsx => Text.FileXlsx,
        HandoverFormat.Excalidraw => Text.FileExcalidraw,
        _ => Text.FileMarkdown,
    };

    /// <summary>The media type to serve <paramref name="format"/> with.</summary>
    public static string ContentType(HandoverFormat format) => format switch
    {
        HandoverFormat.Pdf => "application/pdf",
        HandoverFormat.Png => "image/png",
        HandoverFormat.Svg => "image/svg+xml",
        HandoverFormat.Csv => "text/csv; charset=utf-8",
        HandoverFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        HandoverFormat.Excalidraw => "application/vnd.excalidraw+json",
        _ => "text/markdown; charset=utf-8",
    };

    /// <summary>
    /// Writes <paramref name="format"/> to <paramref name="output"/>, which stays open. The drawn formats (PDF, PNG, SVG) write
    /// synchronously, so an HTTP response body needs a buffer in front of it (or synchronous IO allowed).
    /// </summary>
    public async Task WriteAsync(HandoverFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (format)
        {
            case HandoverFormat.Pdf:
                ResultsPdf.Write(this, output);
                break;
            case HandoverFormat.Png:
                BoardImages.WritePng(Layout, output);
                break;
            case HandoverFormat.Svg:
                BoardImages.WriteSvg(Layout, output);
                break;
            case HandoverFormat.Csv:
                NotesTable.WriteCsv(this, output);
                break;
            case HandoverFormat.Xlsx:
                await NotesTable.WriteXlsxAsync(this, output, cancellationToken);
                break;
            case HandoverFormat.Excalidraw:
                ExcalidrawExport.Write(this, output);
                break;
            default:
                MarkdownSummary.Write(this, output);
                break;
        }
    }
}
