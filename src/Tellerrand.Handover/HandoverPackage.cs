using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Tellerrand.Handover;

/// <summary>
/// ZIP archives of results packages: one room's, or a whole event's with a folder per room. Rooms are pulled one at a time
/// and their files written straight into the archive, so an event of 50 rooms never holds more than one room's files in
/// memory. The output may be a forward-only stream (an HTTP response); the archive writes to it synchronously.
/// </summary>
public static class HandoverPackage
{
    /// <summary>The file name for one room's package, e.g. <c>ergebnisse-baeckerei-mueller.zip</c>.</summary>
    public static string RoomArchiveName(RoomResults results) => $"{results.Text.FileResults}-{Slug(results.RoomName)}.zip";

    /// <summary>Writes one room's package (every <see cref="HandoverFormat"/>) as a ZIP to <paramref name="output"/>, which stays open.</summary>
    public static async Task WriteRoomAsync(RoomResults results, Stream output, CancellationToken cancellationToken = default)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        await AddRoomAsync(archive, results, folder: "", cancellationToken);
    }

    /// <summary>
    /// Writes an event's packages as one ZIP, a folder per room (<c>01-baeckerei-mueller/…</c>), to <paramref name="output"/>,
    /// which stays open. <paramref name="rooms"/> is read one room at a time, so it can load each room as it is needed.
    /// </summary>
    public static async Task WriteEventAsync(IAsyncEnumerable<RoomResults> rooms, Stream output, CancellationToken cancellationToken = default)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var number = 0;
        await foreach (var results in rooms.WithCancellation(cancellationToken))
        {
            number++;
            await AddRoomAsync(archive, results, $"{number.ToString("00", CultureInfo.InvariantCulture)}-{Slug(results.RoomName)}/", cancellationToken);
        }
    }

    private static async Task AddRoomAsync(ZipArchive archive, RoomResults results, string folder, CancellationToken cancellationToken)
    {
        // A room's files are made in parallel into memory (a few MB together), then written into the archive in order:
        // the formats only read the room's layout, and the archive takes one entry at a time anyway.
        var formats = Enum.GetValues<HandoverFormat>();
        var files = await Task.WhenAll(formats.Select(format => Task.Run(async () =>
        {
            var buffer = new MemoryStream();
            await results.WriteAsync(format, buffer, cancellationToken);
            return buffer;
        }, cancellationToken)));
        for (var i = 0; i < formats.Length; i++)
        {
            await using var buffer = files[i];
            // PNG, PDF and XLSX are compressed already; deflating them again costs time for nothing.
            var level = formats[i] is HandoverFormat.Png or HandoverFormat.Pdf or HandoverFormat.Xlsx ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
            var entry = archive.CreateEntry(folder + results.FileName(formats[i]), level);
            entry.LastWriteTime = new DateTimeOffset(results.Room.EventDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            await using var stream = entry.Open();
            buffer.Position = 0;
            await buffer.CopyToAsync(stream, cancellationToken);
        }
    }

    /// <summary>A folder or file name part made of ASCII letters, digits and hyphens: "Bäckerei Müller" → "baeckerei-mueller".</summary>
    internal static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            var replacement = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            };
            if (replacement == "-" && (slug.Length == 0 || slug[^1] == '-'))
            {
                continue;
            }
            slug.Append(replacement);
            if (slug.Length >= 60)
            {
                break;
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length > 0 ? result : "raum";
    }
}
