using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Tellerrand.Handover;

/// <summary>
/// ZIP archives of results packages: one room's, or a whole event's with a folder per room. Rooms are pulled as they are
/// needed and their files written into the archive in order, so an event of 50 rooms never holds more than a few rooms'
/// files in memory. The output may be a forward-only stream (an HTTP response); the archive writes to it synchronously.
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
    /// which stays open. <paramref name="rooms"/> is read one room at a time, so it can load each room as it is needed. Up to
    /// <see cref="Environment.ProcessorCount"/> rooms are drawn at the same time while the archive takes their files in the
    /// rooms' order, so the entries come out the same as one room after the other, and memory holds at most that many rooms.
    /// </summary>
    public static async Task WriteEventAsync(IAsyncEnumerable<RoomResults> rooms, Stream output, CancellationToken cancellationToken = default)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Queue<(string Folder, RoomResults Results, Task<MemoryStream[]> Files)>();
        var parallelRooms = Math.Max(1, Environment.ProcessorCount);
        var number = 0;
        try
        {
            await foreach (var results in rooms.WithCancellation(cancellationToken))
            {
                number++;
                inFlight.Enqueue(($"{number.ToString("00", CultureInfo.InvariantCulture)}-{Slug(results.RoomName)}/", results, RenderAsync(results, failed.Token)));
                if (inFlight.Count >= parallelRooms)
                {
                    var (folder, done, files) = inFlight.Dequeue();
                    await AddFilesAsync(archive, done, folder, await files, cancellationToken);
                }
            }
            while (inFlight.TryDequeue(out var next))
            {
                await AddFilesAsync(archive, next.Results, next.Folder, await next.Files, cancellationToken);
            }
        }
        catch
        {
            // Rooms still being drawn are of no use once the archive failed; stop them rather than let them run on.
            await failed.CancelAsync();
            throw;
        }
    }

    private static async Task AddRoomAsync(ZipArchive archive, RoomResults results, string folder, CancellationToken cancellationToken) =>
        await AddFilesAsync(archive, results, folder, await RenderAsync(results, cancellationToken), cancellationToken);

    /// <summary>
    /// A room's files, made in parallel into memory (a few MB together): the formats only read the room's layout, and the
    /// archive takes one entry at a time anyway. In <see cref="HandoverFormat"/> order.
    /// </summary>
    private static Task<MemoryStream[]> RenderAsync(RoomResults results, CancellationToken cancellationToken) =>
        Task.WhenAll(Enum.GetValues<HandoverFormat>().Select(format => Task.Run(async () =>
        {
            var buffer = new MemoryStream();
            await results.WriteAsync(format, buffer, cancellationToken);
            return buffer;
        }, cancellationToken)));

    private static async Task AddFilesAsync(ZipArchive archive, RoomResults results, string folder, MemoryStream[] files, CancellationToken cancellationToken)
    {
        var formats = Enum.GetValues<HandoverFormat>();
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
