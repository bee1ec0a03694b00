using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Tests.Boards;
using Tellerrand.Web.Tests.Mail;
using static Microsoft.Playwright.Assertions;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// After the event: the organiser ends it, the boards become read-only, and the business opens its results from the
/// handover mail and downloads what it needs — the PDF as a reader sees it (poppler), the CSV for Excel, the Excalidraw
/// scene and the ZIP; the organiser takes every room home as one archive.
/// </summary>
public sealed partial class HandoverJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Note = "Gläserne Backstube: Kund:innen schauen früh um fünf über die Schulter";

    [Fact]
    public async Task TheOrganiserEndsTheEventAndTheBusinessDownloadsItsResultsFromTheMail()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        string challenge;
        string businessEmail;
        await using (var db = app.CreateDb())
        {
            var ev = await db.Events.SingleAsync(e => e.Id == room.EventId);
            ev.Status = EventStatus.Live;
            businessEmail = await db.People.Where(p => p.Id == room.Business).Select(p => p.Email).SingleAsync();
            var businessId = await db.Rooms.Where(r => r.Id == room.RoomId).Select(r => r.BusinessId).SingleAsync();
            challenge = await db.Challenges.Where(c => c.EventId == room.EventId && c.BusinessId == businessId).Select(c => c.Statement).SingleAsync();
            await db.SaveChangesAsync();
        }

        // During the event the creative writes a note through the real board, in the outline.
        var creative = await SignInAsync(room, room.Creative);
        await creative.GotoAsync($"/boards/{room.BoardId}?view=outline");
        await Expect(creative.Locator(".board-state")).ToHaveTextAsync("Verbunden", new() { Timeout = 20_000 });
        await creative.GetByRole(AriaRole.Textbox, new() { Name = "Neue Notiz in „Ideen“" }).FocusAsync();
        await creative.Keyboard.TypeAsync(Note);
        await creative.Keyboard.PressAsync("Tab");
        await creative.Keyboard.PressAsync("Enter");
        await Expect(creative.GetByRole(AriaRole.Region, new() { Name = "Ideen" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = Note })).ToBeVisibleAsync();

        // The organiser ends the event: the boards close and the results mails go out.
        var organiser = await app.SignedInOrganiserAsync();
        await organiser.GotoAsync($"/organise/events/{room.EventId}");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Veranstaltung beenden" }).ClickAsync();
        await Expect(organiser.Locator("#results-frozen")).ToContainTextAsync("abgeschlossen");

        // The board stays visible but read-only, with a plain notice.
        await creative.ReloadAsync();
        await Expect(creative.Locator("#board-final")).ToContainTextAsync("Die Veranstaltung ist vorbei");
        await Expect(creative.GetByRole(AriaRole.Textbox, new() { Name = "Neue Notiz in „Ideen“" })).ToHaveCountAsync(0);

        // The business follows its mail's link straight to the room's results.
        var business = await app.NewPageAsync();
        await business.GotoAsync(await HandoverLinkAsync(businessEmail));
        await Expect(business).ToHaveURLAsync(new Regex("/results/[0-9a-f-]+$"));
        await Expect(business.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ergebnisse aus Raum");
        await Expect(business.Locator("main")).ToContainTextAsync(challenge);
        await business.AssertAccessibleAsync();

        var pdf = await DownloadAsync(business, business.Locator("a[data-format=pdf]"));
        Assert.Equal("ergebnisse.pdf", pdf.Name);
        var (text, png) = Poppler(pdf.Content);
        Assert.Contains(Normalise(challenge), Normalise(text));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        var csv = await DownloadAsync(business, business.Locator("a[data-format=csv]"));
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv.Content[..3]);
        Assert.Contains(Note, Encoding.UTF8.GetString(csv.Content));

        var scene = await DownloadAsync(business, business.Locator("a[data-format=excalidraw]"));
        AssertValidExcalidraw(scene.Content);

        var zip = await DownloadAsync(business, business.Locator("#results-zip"));
        using (var archive = new ZipArchive(new MemoryStream(zip.Content)))
        {
            Assert.Equal(
                ["board.excalidraw", "board.png", "board.svg", "ergebnisse.pdf", "notizen.csv", "notizen.xlsx", "zusammenfassung.md"],
                archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }

        // The organiser takes every room of the event home in one archive, a folder per room.
        await organiser.ReloadAsync();
        var all = await DownloadAsync(organiser, organiser.Locator("#event-results-zip"));
        using var eventArchive = new ZipArchive(new MemoryStream(all.Content));
        Assert.Contains(eventArchive.Entries, e => e.FullName.EndsWith("/ergebnisse.pdf", StringComparison.Ordinal));
        await organiser.AssertAccessibleAsync();
    }

    private async Task<IPage> SignInAsync(BoardTestRoom room, Guid personId)
    {
        var link = await app.Get<MagicLinks>().IssueAsync(personId, room.EventId);
        var page = await app.NewPageAsync();
        await page.GotoAsync(link.RelativeUrl);
        await Expect(page).ToHaveURLAsync(new Regex("/me$"));
        return page;
    }

    private async Task<string> HandoverLinkAsync(string email)
    {
        await app.MailSettledAsync();
        foreach (var file in Directory.GetFiles(app.OutboxPath, "*.eml"))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => m.Address == email) && (mail.Subject ?? "").StartsWith("Eure Ergebnisse", StringComparison.Ordinal))
            {
                return PersonalLink().Match(mail.TextBody ?? "").Value;
            }
        }
        throw new InvalidOperationException("No handover mail to the business in the outbox.");
    }

    private static async Task<(string Name, byte[] Content)> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var content = new MemoryStream();
        await stream.CopyToAsync(content);
        return (download.SuggestedFilename, content.ToArray());
    }

    /// <summary>The PDF as a reader's viewer sees it: its text (pdftotext) and its first page drawn (pdftoppm).</summary>
    private static (string Text, byte[] FirstPage) Poppler(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("tellerrand-handover-journey-").FullName;
        try
        {
            var input = Path.Combine(folder, "ergebnisse.pdf");
            File.WriteAllBytes(input, pdf);
            Run("pdftotext", "-enc", "UTF-8", input, Path.Combine(folder, "ergebnisse.txt"));
            Run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(folder, "page"));
            return (File.ReadAllText(Path.Combine(folder, "ergebnisse.txt")), File.ReadAllBytes(Path.Combine(folder, "page.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
    }

    /// <summary>The scene opens in Excalidraw: its header, and every element with the fields Excalidraw requires of its type.</summary>
    private static void AssertValidExcalidraw(byte[] content)
    {
        using var scene = JsonDocument.Parse(content);
        var root = scene.RootElement;
        Assert.Equal("excalidraw", root.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("version").ValueKind);
        string[] common = ["id", "type", "x", "y", "width", "height", "angle", "strokeColor", "backgroundColor", "fillStyle", "strokeWidth",
            "strokeStyle", "roughness", "opacity", "groupIds", "frameId", "roundness", "seed", "version", "versionNonce", "isDeleted",
            "boundElements", "updated", "link", "locked"];
        var elements = root.GetProperty("elements").EnumerateArray().ToList();
        Assert.NotEmpty(elements);
        foreach (var element in elements)
        {
            var type = element.GetProperty("type").GetString();
            string[] required = type switch
            {
                "text" => [.. common, "text", "originalText", "fontSize", "fontFamily", "textAlign", "verticalAlign", "containerId", "lineHeight"],
                "arrow" => [.. common, "points", "startBinding", "endBinding", "startArrowhead", "endArrowhead"],
                "frame" => [.. common, "name"],
                _ => common,
            };
            Assert.All(required, field => Assert.True(element.TryGetProperty(field, out _), $"{type} lacks {field}"));
        }
        Assert.Contains(elements, e => e.TryGetProperty("originalText", out var t) && t.GetString() == Note);
    }

    private static string Normalise(string text) => WhitespaceRuns().Replace(text.Replace("\u00AD", "", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"https?://\S+/m/[A-Za-z0-9_\-]+(\?next=\S+)?")]
    private static partial Regex PersonalLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRuns();
}
