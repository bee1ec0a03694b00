using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Core.Internal;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Events;
using Tellerrand.Web.Handover;
using Tellerrand.Web.Hosting;
using Tellerrand.Web.Registration;
using Tellerrand.Handover.Tests;
using Tellerrand.Web.Tests.Boards;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Handover;

/// <summary>
/// The results handover through HTTP and the real board path: who sees a room's results, that freezing ends every push (AZ7),
/// and that each person of a room hears of its results once.
/// </summary>
public abstract class HandoverAccessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private const string Challenge = "Wie zeigen wir Qualität und Handwerk, sodass die Kundschaft den Unterschied schmeckt?";
    private const string Note = "Schaufenster mit Teigführung zum Zuschauen – Größe zählt";

    [Fact]
    public async Task BeforeTheFreezeThePageSaysResultsComeAfterTheEventAndNothingDownloads()
    {
        var (_, room) = await SeedAsync();
        var business = Client(await room.CookieAsync(app, room.Business));

        var page = await business.GetAsync($"/results/{room.RoomId}");
        var file = await business.GetAsync($"/results/{room.RoomId}/files/pdf");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Die Ergebnisse gibt es nach der Veranstaltung", html);
        Assert.Contains(Challenge, html);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
    }

    [Fact]
    public async Task AfterTheFreezeThePeopleOfTheRoomGetEveryFileAndAnotherBusinessGetsNotFound()
    {
        var (eventId, room) = await SeedAsync();
        var other = await BoardTestRoom.SeedAsync(app, "Tischlerei Hoffmann", eventId);
        await WriteNoteAsync(room, room.Creative, Note);
        await FreezeAsync(eventId);

        var business = Client(await room.CookieAsync(app, room.Business));
        var page = WebUtility.HtmlDecode(await business.GetStringAsync($"/results/{room.RoomId}"));
        var csv = await business.GetAsync($"/results/{room.RoomId}/files/csv");
        var zip = await business.GetAsync($"/results/{room.RoomId}/package.zip");
        var moderator = Client(await room.CookieAsync(app, room.Moderator));
        var moderatorPdf = await moderator.GetAsync($"/results/{room.RoomId}/files/pdf");

        Assert.Contains("ergebnisse.pdf", page);
        Assert.Contains("board.excalidraw", page);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var csvBytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csvBytes[..3]);
        Assert.Contains(Note, Encoding.UTF8.GetString(csvBytes));
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Contains("ergebnisse.pdf", archive.Entries.Select(e => e.FullName));
            Assert.Equal(7, archive.Entries.Count);
        }
        Assert.Equal("application/pdf", moderatorPdf.Content.Headers.ContentType!.MediaType);

        // The other room's business: the same answer as for a room that does not exist, so nothing is revealed.
        var stranger = Client(await other.CookieAsync(app, other.Business));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/results/{room.RoomId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/results/{room.RoomId}/files/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/results/{room.RoomId}/package.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/results/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await business.GetAsync($"/results/{room.RoomId}/files/docx")).StatusCode);
    }

    [Fact]
    public async Task ANotesAuthorIsNamedInTheResultsOnlyWithTheirConsent()
    {
        var (eventId, room) = await SeedAsync();
        await NameAsync(room.Creative, "Mira Einverstanden", consents: true);
        await NameAsync(room.OtherCreative, "Ole Ohnenamen", consents: false);
        await WriteNoteAsync(room, room.Creative, "Backstube als Bühne");
        await WriteNoteAsync(room, room.OtherCreative, "Brotabo mit Geschichte");
        await FreezeAsync(eventId);

        var (csv, pdf) = await BusinessResultsAsync(room);

        Assert.Contains(csv.Split('\n'), line => line.Contains("Backstube als Bühne") && line.Contains("Mira Einverstanden"));
        Assert.Contains(csv.Split('\n'), line => line.Contains("Brotabo mit Geschichte") && line.Contains("Kreative:r"));
        Assert.Contains("von Mira Einverstanden", pdf);
        Assert.Contains("Brotabo mit Geschichte", pdf);
        Assert.DoesNotContain("Ole Ohnenamen", csv + pdf);
    }

    [Fact]
    public async Task APersonsExportListsTheNotesTheyWroteAndAfterTheirDeletionTheNotesStayWithoutTheirName()
    {
        var (eventId, room) = await SeedAsync();
        await NameAsync(room.Creative, "Mira Einverstanden", consents: true);
        await WriteNoteAsync(room, room.Creative, "Backstube als Bühne");
        await WriteNoteAsync(room, room.OtherCreative, "Brotabo mit Geschichte");

        var json = await Client(await room.CookieAsync(app, room.Creative)).GetStringAsync("/me/data");
        await app.Get<RegistrationService>().DeletePersonAsync(room.Creative);
        await FreezeAsync(eventId);
        var (csv, pdf) = await BusinessResultsAsync(room);

        var board = Assert.Single(JsonSerializer.Deserialize<PersonalDataExport>(json, JsonSerializerOptions.Web)!.Boards);
        Assert.Equal(new ExportedBoardItem(RecordKinds.Sticky, "Ideen", "Backstube als Bühne"), Assert.Single(board.Wrote));
        Assert.Contains("Backstube als Bühne", csv);
        Assert.Contains("Backstube als Bühne", pdf);
        Assert.DoesNotContain("Mira Einverstanden", csv + pdf);
    }

    /// <summary>The room's notes as CSV and the PDF's text, downloaded by the room's business.</summary>
    private async Task<(string Csv, string Pdf)> BusinessResultsAsync(BoardTestRoom room)
    {
        var business = Client(await room.CookieAsync(app, room.Business));
        return (Encoding.UTF8.GetString(await business.GetByteArrayAsync($"/results/{room.RoomId}/files/csv")),
            Poppler.Text(await business.GetByteArrayAsync($"/results/{room.RoomId}/files/pdf")));
    }

    [Fact]
    public async Task WithoutASessionOrWithARevokedLinkNobodySeesTheResults()
    {
        var (eventId, room) = await SeedAsync();
        await FreezeAsync(eventId);
        var anonymous = Client(null);

        var page = await anonymous.GetAsync($"/results/{room.RoomId}");
        var file = await anonymous.GetAsync($"/results/{room.RoomId}/files/csv");

        // Without a session both are sent to sign in (the magic-link help page or the staff login), and see nothing.
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, file.StatusCode);
        Assert.DoesNotContain(Challenge, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));

        var cookie = await room.CookieAsync(app, room.Business);
        Assert.Equal(HttpStatusCode.OK, (await Client(cookie).GetAsync($"/results/{room.RoomId}")).StatusCode);
        await app.Get<MagicLinks>().RevokeAsync(room.Business, room.EventId);
        var revoked = await Client(cookie).GetAsync($"/results/{room.RoomId}/files/csv");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
    }

    [Fact]
    public async Task AnExpiredLinkNoLongerOpensTheResults()
    {
        var (eventId, room) = await SeedAsync();
        await FreezeAsync(eventId);
        var cookie = await room.CookieAsync(app, room.Business);
        app.Clock.Advance(app.Get<IOptions<TellerrandOptions>>().Value.MagicLinkLifetime + TimeSpan.FromDays(1));
        try
        {
            var expired = await Client(cookie).GetAsync($"/results/{room.RoomId}/files/csv");
            Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        }
        finally
        {
            app.Clock.Advance(-(app.Get<IOptions<TellerrandOptions>>().Value.MagicLinkLifetime + TimeSpan.FromDays(1)));
        }
    }

    [Fact]
    public async Task AZ7_AFrozenBoardRefusesEveryPushWithResultsFinalEvenTheModeratorsAndAfterReactivation()
    {
        var (eventId, room) = await SeedAsync();
        await using var creative = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));
        await using var moderator = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Moderator));
        await creative.ResumeAsync(room.BoardId);
        await moderator.ResumeAsync(room.BoardId);
        Assert.IsType<AckWire>(await creative.PushAsync(BoardClient.Sticky("before", "Vor dem Ende")));

        await FreezeAsync(eventId);

        var refused = Assert.IsType<RejectWire>(await creative.PushAsync(BoardClient.Sticky("after", "Nach dem Ende")));
        var unfreeze = Assert.IsType<RejectWire>(await moderator.PushAsync(BoardClient.Update(BoardSchema.SettingsId, PropertyNames.Frozen, false)));
        Assert.Equal((int)RejectReason.ResultsFinal, refused.Reason);
        Assert.Equal((int)RejectReason.ResultsFinal, unfreeze.Reason);

        // A new activation reads the freeze from the event; resuming still works, so people can keep looking.
        await app.Get<IGrainFactory>().GetGrain<IBoardGrain>(room.BoardId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await using var again = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        var resumed = await again.ResumeAsync(room.BoardId);
        var afterReactivation = Assert.IsType<RejectWire>(await again.PushAsync(BoardClient.Sticky("later", "Später")));
        Assert.Equal((int)RejectReason.ResultsFinal, afterReactivation.Reason);
        Assert.Contains("before", BoardClient.Records(resumed).Keys);
        Assert.DoesNotContain("after", BoardClient.Records(resumed).Keys);
    }

    [Fact]
    public async Task EveryPersonOfEveryRoomGetsTheHandoverMailOnceHoweverOftenTheEventIsFrozen()
    {
        var (eventId, room) = await SeedAsync();
        var second = await BoardTestRoom.SeedAsync(app, "Tischlerei Hoffmann", eventId);

        await FreezeAsync(eventId);
        await FreezeAsync(eventId);
        await app.MailSettledAsync();

        await using var db = app.CreateDb();
        var people = new[] { room.Business, room.Creative, room.OtherCreative, room.Moderator, second.Business, second.Creative, second.OtherCreative, second.Moderator };
        var addresses = await db.People.Where(p => people.Contains(p.Id)).Select(p => p.Email).ToListAsync();
        var mails = await db.MailQueue.Where(m => addresses.Contains(m.ToAddress)).ToListAsync();
        Assert.Equal(addresses.Order(), mails.Select(m => m.ToAddress).Order());
        Assert.All(mails, m => Assert.Equal("Eure Ergebnisse von „Übergabe-Test“", m.Subject));
        var businessAddress = await db.People.Where(p => p.Id == room.Business).Select(p => p.Email).SingleAsync();
        var body = MimeKit.MimeMessage.Load(new MemoryStream(mails.Single(m => m.ToAddress == businessAddress).Content)).TextBody ?? "";
        // The personal link opens the room's results page straight away.
        var link = System.Text.RegularExpressions.Regex.Match(body, @"http://localhost(/m/\S+)").Groups[1].Value;
        Assert.EndsWith($"?next=/results/{room.RoomId}", link);
        var client = Client(null);
        var opened = await client.GetAsync(link);
        Assert.Equal($"/results/{room.RoomId}", opened.Headers.Location?.OriginalString);
        var frozenAt = await db.Events.Where(e => e.Id == eventId).Select(e => e.ResultsFrozenAt).SingleAsync();
        Assert.NotNull(frozenAt);
    }

    [Fact]
    public async Task ACrashBetweenNoticeAndCommitLeavesNobodyMarkedAndTheNextFreezeMailsEachPersonOnce()
    {
        var (eventId, room) = await SeedAsync();
        var people = new[] { room.Business, room.Creative, room.OtherCreative, room.Moderator };
        app.MailFaults.Armed = true;
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => FreezeAsync(eventId));
        }
        finally
        {
            app.MailFaults.Armed = false;
        }
        await using (var db = app.CreateDb())
        {
            var addresses = await db.People.Where(p => people.Contains(p.Id)).Select(p => p.Email).ToListAsync();
            Assert.False(await db.HandoverNotices.AnyAsync(n => n.RoomId == room.RoomId));
            Assert.False(await db.MailQueue.AnyAsync(m => addresses.Contains(m.ToAddress)));
        }

        await FreezeAsync(eventId);
        await app.MailSettledAsync();

        await using var check = app.CreateDb();
        var expected = await check.People.Where(p => people.Contains(p.Id)).Select(p => p.Email).ToListAsync();
        var mails = await check.MailQueue.Where(m => expected.Contains(m.ToAddress)).Select(m => m.ToAddress).ToListAsync();
        Assert.Equal(expected.Order(), mails.Order());
    }

    [Fact]
    public async Task TheOrganiserDownloadsEveryRoomOfTheEventAsOneZipAndParticipantsCannot()
    {
        var (eventId, room) = await SeedAsync();
        await BoardTestRoom.SeedAsync(app, "Tischlerei Hoffmann", eventId);
        await WriteNoteAsync(room, room.Business, Note);
        await FreezeAsync(eventId);
        var organiser = Client(await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Organiser));

        var zip = await organiser.GetAsync($"/organise/events/{eventId}/results.zip");
        var participant = await Client(await room.CookieAsync(app, room.Business)).GetAsync($"/organise/events/{eventId}/results.zip");

        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var folders = archive.Entries.Select(e => e.FullName.Split('/')[0]).Distinct().ToList();
        Assert.Equal(2, folders.Count);
        Assert.Equal(14, archive.Entries.Count);
        Assert.NotEqual(HttpStatusCode.OK, participant.StatusCode);
    }

    private HttpClient Client(string? cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        return client;
    }

    /// <summary>A live event of its own (freezing the demo event would end every other test's board), with one room.</summary>
    private async Task<(Guid EventId, BoardTestRoom Room)> SeedAsync()
    {
        await using var db = app.CreateDb();
        var demo = await db.Events.AsNoTracking().SingleAsync(e => e.Slug == DemoProgramme.EventSlug);
        var ev = new Event
        {
            Id = Guid.NewGuid(), ProgrammeId = demo.ProgrammeId, Title = "Übergabe-Test", Slug = $"uebergabe-{Guid.NewGuid():N}"[..30],
            FormatKey = demo.FormatKey, StartsAt = demo.StartsAt, DurationMinutes = demo.DurationMinutes, BusinessCapacity = 2,
            CreativesPerRoom = 2, Status = EventStatus.Live, CreatedAt = app.Clock.GetUtcNow(),
        };
        db.Events.Add(ev);
        foreach (var name in new[] { "Bäckerei Richter", "Tischlerei Hoffmann" })
        {
            var business = await db.Businesses.Where(b => b.Name == name).Select(b => b.Id).SingleAsync();
            db.Challenges.Add(new Challenge { Id = Guid.NewGuid(), BusinessId = business, EventId = ev.Id, Statement = Challenge, Category = ChallengeCategory.Branding });
        }
        await db.SaveChangesAsync();
        return (ev.Id, await BoardTestRoom.SeedAsync(app, inEvent: ev.Id));
    }

    private async Task WriteNoteAsync(BoardTestRoom room, Guid personId, string text)
    {
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, personId));
        await client.ResumeAsync(room.BoardId);
        Assert.IsType<AckWire>(await client.PushAsync(BoardClient.Sticky($"n-{Guid.NewGuid():N}", text, BoardTemplate.FrameId("ideas"))));
    }

    /// <summary>Gives a seeded person a name of their own and, if <paramref name="consents"/>, their consent to be named on exported boards.</summary>
    private async Task NameAsync(Guid personId, string name, bool consents)
    {
        await using var db = app.CreateDb();
        await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayName, name));
        db.Consents.Add(new ConsentRecord
        {
            Id = Guid.NewGuid(), PersonId = personId, Purpose = ConsentPurpose.NameOnExportedBoards, TextVersion = RegistrationService.BoardsTextVersion,
            Granted = consents, RecordedAt = app.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    private Task FreezeAsync(Guid eventId) => app.Get<HandoverService>().FreezeAsync(eventId, "http://localhost/");
}

public sealed class HandoverAccessTestsOnSqlite(SqliteApp app) : HandoverAccessTests<SqliteApp>(app);

public sealed class HandoverAccessTestsOnPostgres(PostgresApp app) : HandoverAccessTests<PostgresApp>(app);
