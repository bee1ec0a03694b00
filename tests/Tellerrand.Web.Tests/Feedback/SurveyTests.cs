using System.Net;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Boards;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Live;
using Tellerrand.Web.Tests.Mail;
using Tellerrand.Web.Tests.Registration;

namespace Tellerrand.Web.Tests.Feedback;

/// <summary>
/// The surveys after an event through HTTP, mail and the background schedule: everybody gets one when the event is
/// finished, answers once, sees only their own; the businesses get the follow-up weeks later, exactly once.
/// </summary>
public abstract class SurveyTests<TApp>(TApp app, SmtpSink smtp) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task EverybodyGetsTheSurveyOnceTheEventIsFinishedAndTheBusinessAnswersItOnce()
    {
        var (ev, title) = await FeedbackTesting.FinishedEventAsync(app);
        var room = ev.Rooms[0];
        var mail = Assert.Single(await smtp.WaitForMailAsync(app, await app.EmailOfAsync(room.Representative), title));
        foreach (var person in ev.Rooms.SelectMany(r => r.People))
            await smtp.WaitForMailAsync(app, await app.EmailOfAsync(person), title);

        var business = await app.OpenLinkInAsync(mail);
        var me = await business.PageTextAsync("/me");
        Assert.Contains("Kurze Umfrage zur Veranstaltung beantworten", me);
        var surveyId = await InvitationAsync(ev.EventId, room.Representative, FeedbackKind.Survey);
        var path = $"/me/feedback/{surveyId}";

        // A value off the scale and no answer to "again": both are named, and what was typed stays in the form.
        var refused = await (await business.PostFormAsync(path, "feedback",
            [new("Input.Value", "9"), new("Input.MostUseful", "Die Ideen der Kreativen für unsere Lehrstellen"), new("Input.Comment", "Gern wieder im Frühjahr.")])).TextAsync();
        Assert.Contains("Bitte wähle aus, wie wertvoll die Veranstaltung für dich war", refused);
        Assert.Contains("Bitte sag uns, ob du wieder teilnehmen würdest.", refused);
        Assert.Contains("Die Ideen der Kreativen für unsere Lehrstellen", refused);
        Assert.Contains("Gern wieder im Frühjahr.", refused);

        var tooLong = await (await business.PostFormAsync(path, "feedback",
            [new("Input.Value", "4"), new("Input.TakePartAgain", "yes"), new("Input.MostUseful", new string('x', 501))])).TextAsync();
        Assert.Contains("höchstens 500 Zeichen, du hast 501", tooLong);
        Assert.Contains(new string('x', 501), tooLong);

        var saved = await (await business.PostFormAsync(path, "feedback",
            [new("Input.Value", "4"), new("Input.TakePartAgain", "yes"), new("Input.MostUseful", "Die Ideen der Kreativen")])).TextAsync();
        Assert.Contains("Danke! Deine Antworten sind angekommen.", saved);

        var again = await (await business.PostFormAsync(path, "feedback", [new("Input.Value", "1"), new("Input.TakePartAgain", "no")])).TextAsync();
        Assert.Contains("eine zweite Antwort nehmen wir nicht an", again);
        await using (var db = app.CreateDb())
        {
            var answer = Assert.Single(await db.FeedbackResponses.Where(r => r.EventId == ev.EventId).ToListAsync());
            Assert.Equal(4, answer.Value);
            Assert.True(answer.TakePartAgain);
            Assert.Equal("Die Ideen der Kreativen", answer.MostUseful);
        }
        Assert.Contains("Umfrage zur Veranstaltung: beantwortet", await business.PageTextAsync("/me"));

        // The schedule runs again and again: nobody gets a second survey.
        await app.Get<FeedbackSchedule>().RunAsync(CancellationToken.None);
        await app.MailSettledAsync();
        Assert.Single(await smtp.WaitForMailAsync(app, await app.EmailOfAsync(room.Representative), title));
    }

    [Fact]
    public async Task SomebodyElsesSurveyIsNotFoundAndCannotBeAnswered()
    {
        var (ev, _) = await FeedbackTesting.FinishedEventAsync(app);
        await app.Get<FeedbackSchedule>().RunAsync(CancellationToken.None);
        var businessSurvey = await InvitationAsync(ev.EventId, ev.Rooms[0].Representative, FeedbackKind.Survey);
        var creative = await app.SessionAsync(ev, ev.Rooms[0].Creative);

        var foreign = await creative.GetAsync($"/me/feedback/{businessSurvey}");
        var unknown = await creative.GetAsync($"/me/feedback/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("nicht gefunden", await foreign.TextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var own = await InvitationAsync(ev.EventId, ev.Rooms[0].Creative, FeedbackKind.Survey);
        Assert.Equal(HttpStatusCode.OK, (await creative.GetAsync($"/me/feedback/{own}")).StatusCode);
        var anonymous = app.CreateBrowserLikeClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/me/feedback/{own}")).StatusCode);
    }

    [Fact]
    public async Task ACrashBetweenClaimAndCommitLeavesTheSurveyDueAndTheNextRunMailsEachPersonOnce()
    {
        var schedule = app.Get<FeedbackSchedule>();
        LiveTestEvent ev;
        string title;
        app.MailFaults.Armed = true;
        try
        {
            (ev, title) = await FeedbackTesting.FinishedEventAsync(app, rooms: 1);
            await schedule.PlanAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => schedule.SendDueAsync(CancellationToken.None));
            var addresses = await AddressesAsync(ev.Rooms[0].People);
            await using var db = app.CreateDb();
            Assert.True(await db.FeedbackInvitations.AnyAsync(i => i.EventId == ev.EventId));
            Assert.False(await db.FeedbackInvitations.AnyAsync(i => i.EventId == ev.EventId && i.SentAt != null));
            Assert.False(await db.MailQueue.AnyAsync(m => addresses.Contains(m.ToAddress)));
        }
        finally
        {
            app.MailFaults.Armed = false;
        }

        foreach (var address in await AddressesAsync(ev.Rooms[0].People))
        {
            await smtp.WaitForMailAsync(app, address, title);
        }
        await schedule.RunAsync(CancellationToken.None);
        await app.MailSettledAsync();
        foreach (var address in await AddressesAsync(ev.Rooms[0].People))
        {
            Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == address) && m.Subject!.Contains(title, StringComparison.Ordinal));
        }
    }

    private async Task<List<string>> AddressesAsync(IEnumerable<Guid> people)
    {
        var ids = people.ToList();
        await using var db = app.CreateDb();
        return await db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Email).ToListAsync();
    }

    [Fact]
    public async Task TheFollowUpReachesOnlyTheBusinessesWeeksLaterAndOnlyOnce()
    {
        var (ev, title) = await FeedbackTesting.FinishedEventAsync(app, rooms: 1);
        var room = ev.Rooms[0];
        await smtp.WaitForMailAsync(app, await app.EmailOfAsync(room.Representative), title);
        await using (var db = app.CreateDb())
        {
            var followUps = await db.FeedbackInvitations.Where(i => i.EventId == ev.EventId && i.Kind == FeedbackKind.FollowUp).ToListAsync();
            Assert.Equal(room.Representative, Assert.Single(followUps).PersonId);
            Assert.Null(followUps[0].SentAt);
        }

        app.Clock.Advance(TimeSpan.FromDays(43));
        var mail = Assert.Single(await smtp.WaitForMailAsync(app, await app.EmailOfAsync(room.Representative), "Was ist aus den Ideen geworden?"));
        var business = await app.OpenLinkInAsync(mail);
        var followUp = await InvitationAsync(ev.EventId, room.Representative, FeedbackKind.FollowUp);

        var refused = await (await business.PostFormAsync($"/me/feedback/{followUp}", "feedback", [new("Input.Implemented", "Ein Azubi-Video auf Instagram.")])).TextAsync();
        Assert.Contains("Bitte sag uns, ob ihr mit Kreativen weiterarbeitet.", refused);
        Assert.Contains("Ein Azubi-Video auf Instagram.", refused);
        var saved = await (await business.PostFormAsync($"/me/feedback/{followUp}", "feedback",
            [new("Input.Implemented", "Ein Azubi-Video auf Instagram."), new("Input.ContinuedWithCreative", "yes")])).TextAsync();
        Assert.Contains("Danke!", saved);

        await app.Get<FeedbackSchedule>().RunAsync(CancellationToken.None);
        Assert.Single(await smtp.WaitForMailAsync(app, await app.EmailOfAsync(room.Representative), "Was ist aus den Ideen geworden?"));
        foreach (var other in room.People.Skip(1))
        {
            var address = await app.EmailOfAsync(other);
            Assert.DoesNotContain(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == address) && m.Subject!.Contains("Was ist aus", StringComparison.Ordinal));
        }
        await using var check = app.CreateDb();
        var answer = await check.FeedbackResponses.SingleAsync(r => r.EventId == ev.EventId && r.Kind == FeedbackKind.FollowUp);
        Assert.True(answer.ContinuedWithCreative);
        Assert.Equal("Ein Azubi-Video auf Instagram.", answer.Implemented);
    }

    [Fact]
    public async Task ThePersonsExportHoldsTheirAnswersAndRequestsAndDeletionKeepsOnlyTheRatings()
    {
        var (ev, _) = await FeedbackTesting.FinishedEventAsync(app);
        var room = ev.Rooms[0];
        await app.Get<FeedbackSchedule>().RunAsync(CancellationToken.None);
        var business = await app.SessionAsync(ev, room.Representative);
        var survey = await InvitationAsync(ev.EventId, room.Representative, FeedbackKind.Survey);
        await business.PostFormAsync($"/me/feedback/{survey}", "feedback",
            [new("Input.Value", "5"), new("Input.TakePartAgain", "yes"), new("Input.Comment", "Unsere Meisterin war begeistert.")]);
        await business.PostFormAsync("/me", "contact-ask", [new("CreativeId", room.Creative.ToString())]);
        // A note on the room's board and the business's vote for it; the board knows a voter by the person id.
        var board = new BoardAuthority();
        var participantId = room.Representative.ToString("N");
        var opened = board.ApplySystem([
            BoardChange.Put(BoardSchema.SettingsId, RecordKinds.Board, PropertyMap.Of((PropertyNames.VoteState, new TextValue(BoardSchema.VoteOpen)))),
            BoardChange.Put("note-1", RecordKinds.Sticky, PropertyMap.Of((PropertyNames.Placement, new PlacementValue(null, "V", 1, 1)), (PropertyNames.Text, new TextValue("Azubi-Tag im Mai")))),
        ]);
        var voted = board.Receive(new PushMessage("tab-1", 1, [BoardChange.Put(BoardSchema.VoteId(participantId, "note-1"), RecordKinds.Vote,
            PropertyMap.Of((PropertyNames.Voter, new TextValue(participantId)), (PropertyNames.Target, new TextValue("note-1"))))]), new BoardActor(participantId, BoardRole.Participant));
        await app.Get<BoardLogStore>().AppendAsync(room.BoardId, 0, [opened, ((PushOutcome.Applied)voted).Entry]);

        var export = await business.GetStringAsync("/me/data");
        Assert.Contains("\"votedFor\":[\"Azubi-Tag im Mai\"]", export);
        Assert.Contains("Unsere Meisterin war begeistert.", export);
        Assert.Contains("\"direction\":\"Sent\"", export);
        Assert.Contains("Designerin 1", export);

        var deleted = await business.PostFormAsync("/me/delete", "delete-my-data", [new("Input.Sure", "True")]);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await using var db = app.CreateDb();
        var kept = await db.FeedbackResponses.SingleAsync(r => r.EventId == ev.EventId);
        Assert.Null(kept.PersonId);
        Assert.Null(kept.Comment);
        Assert.Equal(5, kept.Value);
        Assert.False(await db.ContactRequests.AnyAsync(r => r.EventId == ev.EventId));
        Assert.False(await db.FeedbackInvitations.AnyAsync(i => i.PersonId == room.Representative));
    }

    private async Task<Guid> InvitationAsync(Guid eventId, Guid personId, FeedbackKind kind)
    {
        await using var db = app.CreateDb();
        return await db.FeedbackInvitations.Where(i => i.EventId == eventId && i.PersonId == personId && i.Kind == kind).Select(i => i.Id).SingleAsync();
    }
}

public sealed class SurveyTestsOnSqlite(FeedbackSqliteApp app) : SurveyTests<FeedbackSqliteApp>(app, app.Smtp);

public sealed class SurveyTestsOnPostgres(FeedbackPostgresApp app) : SurveyTests<FeedbackPostgresApp>(app, app.Smtp);
