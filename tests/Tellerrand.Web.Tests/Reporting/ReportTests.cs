using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Live;
using Tellerrand.Web.Tests.Registration;

namespace Tellerrand.Web.Tests.Reporting;

/// <summary>The programme report: figures computed from an event of a programme of the test's own, on the page and in the XLSX.</summary>
public abstract class ReportTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task ThePageAndTheWorkbookShowTheFiguresOfTheChosenProgramme()
    {
        var programmeId = await SeedAsync();
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var page = await organiser.PageTextAsync($"/organise/reports?programme={programmeId}");

        Assert.Contains("<svg role=\"img\"", page);
        Assert.Contains("Betriebe nach Gewerk", page);
        Assert.Matches(@"Veranstaltungen</dt><dd class=""col-sm-8"">1<", page);
        Assert.Matches(@"Räume</dt><dd class=""col-sm-8"">2<", page);
        Assert.Matches(@"Kreative</dt><dd class=""col-sm-8"">4<", page);
        Assert.Matches(@"Tischler</th><td class=""text-end"">2<", page);
        Assert.Matches(@"Handwerksbetrieb</th>\s*<td class=""text-end"">2</td>\s*<td class=""text-end"">3[.,]0</td>\s*<td class=""text-end"">1</td>", page);
        Assert.Contains("organise/reports.xlsx?programme=", page);

        var response = await organiser.GetAsync($"/organise/reports.xlsx?programme={programmeId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Rows(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(rows, r => r is ["Veranstaltungen", "1"]);
        Assert.Contains(rows, r => r is ["Räume", "2"]);
        Assert.Contains(rows, r => r is ["Betriebe", "2"]);
        Assert.Contains(rows, r => r is ["Tischler", "2"]);
        Assert.Contains(rows, r => r.Length == 2 && r[0] == MyRooms.DisciplineName("storytelling") && r[1] == "2");
        Assert.Contains(rows, r => r is ["Fortgesetzte Zusammenarbeiten (zugestimmte Kontaktanfragen)", "1"]);
        Assert.Contains(rows, r => r is ["Davon arbeiten mit Kreativen weiter", "1"]);
        Assert.Contains(rows, r => r.Length == 4 && r[1] == "2" && r[2] == "3" && r[3] == "1");

        // A period after the event leaves nothing to count.
        var later = await organiser.PageTextAsync($"/organise/reports?programme={programmeId}&from=2030-01-01");
        Assert.Matches(@"Veranstaltungen</dt><dd class=""col-sm-8"">0<", later);
    }

    [Fact]
    public async Task OnlyOrganisersSeeTheReport()
    {
        var anonymous = app.CreateBrowserLikeClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/organise/reports")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/organise/reports.xlsx")).StatusCode);
    }

    /// <summary>An event of a new programme with two rooms, survey answers, one follow-up and two contact requests.</summary>
    private async Task<Guid> SeedAsync()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 2);
        var now = app.Clock.GetUtcNow();
        await using var db = app.CreateDb();
        var programme = new Programme { Id = Guid.NewGuid(), Title = $"Bericht {Guid.NewGuid():N}", CreatedAt = now };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        await db.Events.Where(e => e.Id == ev.EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProgrammeId, programme.Id).SetProperty(e => e.Status, EventStatus.Finished));
        FeedbackResponse Answer(EventRole role, FeedbackKind kind, int? value, bool? again, bool? continued = null, string? implemented = null) => new()
        {
            Id = Guid.NewGuid(), EventId = ev.EventId, Role = role, Kind = kind, SubmittedAt = now, Value = value, TakePartAgain = again,
            ContinuedWithCreative = continued, Implemented = implemented,
        };
        db.FeedbackResponses.AddRange(
            Answer(EventRole.BusinessRepresentative, FeedbackKind.Survey, 4, true),
            Answer(EventRole.BusinessRepresentative, FeedbackKind.Survey, 2, false),
            Answer(EventRole.Creative, FeedbackKind.Survey, 5, true),
            Answer(EventRole.BusinessRepresentative, FeedbackKind.FollowUp, null, null, true, "Ein Video"));
        var businessIds = await db.Rooms.Where(r => r.EventId == ev.EventId).OrderBy(r => r.Number).Select(r => r.BusinessId).ToListAsync();
        db.ContactRequests.AddRange(
            new ContactRequest { Id = Guid.NewGuid(), EventId = ev.EventId, FromPersonId = ev.Rooms[0].Representative, ToPersonId = ev.Rooms[0].Creative, BusinessId = businessIds[0], Status = ContactRequestStatus.Accepted, CreatedAt = now },
            new ContactRequest { Id = Guid.NewGuid(), EventId = ev.EventId, FromPersonId = ev.Rooms[1].Representative, ToPersonId = ev.Rooms[1].Creative, BusinessId = businessIds[1], Status = ContactRequestStatus.Declined, CreatedAt = now });
        await db.SaveChangesAsync();
        return programme.Id;
    }

    private static List<string[]> Rows(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } entry
            ? XDocument.Load(entry.Open()).Descendants(Main + "si").Select(s => string.Concat(s.Descendants(Main + "t").Select(t => t.Value))).ToList()
            : [];
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return sheet.Descendants(Main + "row").Select(row => row.Elements(Main + "c").Select(c => (string?)c.Attribute("t") switch
        {
            "s" => shared[int.Parse(c.Element(Main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
            "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
            _ => c.Element(Main + "v")?.Value ?? "",
        }).ToArray()).ToList();
    }
}

public sealed class ReportTestsOnSqlite(SqliteApp app) : ReportTests<SqliteApp>(app);

public sealed class ReportTestsOnPostgres(PostgresApp app) : ReportTests<PostgresApp>(app);
