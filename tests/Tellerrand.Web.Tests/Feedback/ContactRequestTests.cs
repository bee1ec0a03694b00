using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;
using Tellerrand.Web.Tests.Registration;

namespace Tellerrand.Web.Tests.Feedback;

/// <summary>
/// A business asks a creative of its room to keep working together, through both people's pages: contact details travel
/// only when the creative agrees, a decline shares nothing and is told kindly, and nobody else can ask or answer.
/// </summary>
public abstract class ContactRequestTests<TApp>(TApp app, SmtpSink smtp) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task TheCreativeAcceptsAndBothSeeAndGetTheOthersDetails()
    {
        var (ev, _) = await FeedbackTesting.FinishedEventAsync(app);
        var room = ev.Rooms[0];
        var businessEmail = await app.EmailOfAsync(room.Representative);
        var creativeEmail = await app.EmailOfAsync(room.Creative);
        var business = await app.SessionAsync(ev, room.Representative);
        Assert.Contains($"Designerin 1", await business.PageTextAsync("/me"));
        Assert.DoesNotContain(creativeEmail, await business.PageTextAsync("/me"));

        var asked = await (await business.PostFormAsync("/me", "contact-ask", [new("CreativeId", room.Creative.ToString())])).TextAsync();
        Assert.Contains("Deine Anfrage ist unterwegs.", asked);
        Assert.Contains("Anfrage gesendet – wartet auf Antwort", asked);
        var twice = await (await business.PostFormAsync("/me", "contact-ask", [new("CreativeId", room.Creative.ToString())])).TextAsync();
        Assert.Contains("Du hast diese Person schon angefragt", twice);
        var otherRoom = await (await business.PostFormAsync("/me", "contact-ask", [new("CreativeId", ev.Rooms[1].Creative.ToString())])).TextAsync();
        Assert.Contains("Du kannst nur Kreative aus deinem eigenen Raum anfragen.", otherRoom);
        var garbage = await (await business.PostFormAsync("/me", "contact-ask", [new("CreativeId", "keine-id")])).TextAsync();
        Assert.Contains("Du kannst nur Kreative aus deinem eigenen Raum anfragen.", garbage);

        var request = Assert.Single(await smtp.WaitForMailAsync(app, creativeEmail, "möchte mit dir weiterarbeiten"));
        Assert.DoesNotContain(businessEmail, request.TextBody);
        var creative = await app.OpenLinkInAsync(request);
        var pending = await creative.PageTextAsync("/me");
        Assert.Contains("möchte gern mit dir weiterarbeiten", pending);
        Assert.DoesNotContain(businessEmail, pending);
        var requestId = await RequestAsync(ev.EventId, room.Creative);

        // Another creative of the same room cannot answer for the one who was asked.
        var stranger = await app.SessionAsync(ev, room.OtherCreative);
        var foreign = await (await stranger.PostFormAsync("/me", "contact-answer", [new("Accept", requestId.ToString())])).TextAsync();
        Assert.Contains("Diese Anfrage kannst du nicht (mehr) beantworten.", foreign);
        Assert.DoesNotContain(businessEmail, foreign);
        await using (var db = app.CreateDb())
            Assert.Equal(ContactRequestStatus.Pending, (await db.ContactRequests.SingleAsync(r => r.Id == requestId)).Status);

        var accepted = await (await creative.PostFormAsync("/me", "contact-answer", [new("Accept", requestId.ToString())])).TextAsync();
        Assert.Contains("Ihr habt jetzt gegenseitig eure Kontaktdaten", accepted);
        Assert.Contains(businessEmail, accepted);
        Assert.Contains(creativeEmail, await business.PageTextAsync("/me"));
        var toBusiness = Assert.Single(await smtp.WaitForMailAsync(app, businessEmail, "Kontaktdaten von"));
        Assert.Contains(creativeEmail, toBusiness.TextBody);
        var toCreative = Assert.Single(await smtp.WaitForMailAsync(app, creativeEmail, "Kontaktdaten von"));
        Assert.Contains(businessEmail, toCreative.TextBody);

        var late = await (await creative.PostFormAsync("/me", "contact-answer", [new("Decline", requestId.ToString())])).TextAsync();
        Assert.Contains("Diese Anfrage kannst du nicht (mehr) beantworten.", late);
    }

    [Fact]
    public async Task ADeclineSharesNothingAndTheBusinessIsToldKindly()
    {
        var (ev, _) = await FeedbackTesting.FinishedEventAsync(app);
        var room = ev.Rooms[0];
        var businessEmail = await app.EmailOfAsync(room.Representative);
        var creativeEmail = await app.EmailOfAsync(room.OtherCreative);
        var business = await app.SessionAsync(ev, room.Representative);
        await business.PostFormAsync("/me", "contact-ask", [new("CreativeId", room.OtherCreative.ToString())]);
        var creative = await app.SessionAsync(ev, room.OtherCreative);

        var declined = await (await creative.PostFormAsync("/me", "contact-answer", [new("Decline", (await RequestAsync(ev.EventId, room.OtherCreative)).ToString())])).TextAsync();

        Assert.Contains("Es wurde nichts geteilt", declined);
        Assert.Contains("Es wurden keine Kontaktdaten weitergegeben.", declined);
        Assert.DoesNotContain(businessEmail, declined);
        var page = await business.PageTextAsync("/me");
        Assert.Contains("kann gerade keine weitere Zusammenarbeit eingehen. Danke für deine Anfrage", page);
        Assert.DoesNotContain(creativeEmail, page);
        var told = Assert.Single(await smtp.WaitForMailAsync(app, businessEmail, "Antwort auf deine Anfrage"));
        Assert.DoesNotContain(creativeEmail, told.TextBody);
        Assert.DoesNotContain(smtp.Received, m => m.Subject?.StartsWith("Kontaktdaten von", StringComparison.Ordinal) == true
            && m.To.Mailboxes.Any(b => b.Address == businessEmail || b.Address == creativeEmail));
    }

    [Fact]
    public async Task ACreativeCannotAskAndNobodyOutsideTheRoomIsOffered()
    {
        var (ev, _) = await FeedbackTesting.FinishedEventAsync(app);
        var creative = await app.SessionAsync(ev, ev.Rooms[0].Creative);

        var refused = await (await creative.PostFormAsync("/me", "contact-ask", [new("CreativeId", ev.Rooms[0].OtherCreative.ToString())])).TextAsync();

        Assert.Contains("Du kannst nur Kreative aus deinem eigenen Raum anfragen.", refused);
        await using var db = app.CreateDb();
        Assert.False(await db.ContactRequests.AnyAsync(r => r.EventId == ev.EventId));
        var business = await app.SessionAsync(ev, ev.Rooms[0].Representative);
        Assert.DoesNotContain("Designerin 2", await business.PageTextAsync("/me"));
    }

    private async Task<Guid> RequestAsync(Guid eventId, Guid creativeId)
    {
        await using var db = app.CreateDb();
        return await db.ContactRequests.Where(r => r.EventId == eventId && r.ToPersonId == creativeId).Select(r => r.Id).SingleAsync();
    }
}

public sealed class ContactRequestTestsOnSqlite(FeedbackSqliteApp app) : ContactRequestTests<FeedbackSqliteApp>(app, app.Smtp);

public sealed class ContactRequestTestsOnPostgres(FeedbackPostgresApp app) : ContactRequestTests<FeedbackPostgresApp>(app, app.Smtp);
