using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Retention;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Live;

namespace Tellerrand.Web.Tests.Retention;

/// <summary>
/// The retention sweep on the app's clock, moved forward: at each step exactly what has outlived its period
/// (defaults: 30 days unconfirmed, 180 declined, 90 sent mails, 365 survey words, 30 after a link ended) is gone.
/// </summary>
public abstract class RetentionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task WhatExpiredIsGoneAndNothingElseIs()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);
        var now = app.Clock.GetUtcNow();
        var unconfirmed = Guid.NewGuid();
        var declined = Guid.NewGuid();
        var keptPerson = ev.Rooms[0].Creative;
        Guid sentMail = Guid.NewGuid(), answer = Guid.NewGuid(), endedLink = Guid.NewGuid(), activeLink = Guid.NewGuid();
        await using (var db = app.CreateDb())
        {
            foreach (var (id, status) in new[] { (unconfirmed, ParticipationStatus.Registered), (declined, ParticipationStatus.Declined) })
            {
                db.People.Add(new Person { Id = id, DisplayName = "Weg Später", Email = $"retention-{id:N}@test.example", CreatedAt = now });
                db.Participations.Add(new EventParticipation { Id = Guid.NewGuid(), EventId = ev.EventId, PersonId = id, Role = EventRole.Creative, Status = status, RegisteredAt = now });
            }
            db.MailQueue.Add(new QueuedMail
            {
                Id = sentMail, ToAddress = "alt@test.example", ToName = "Alt", Subject = "Alt", Content = [1, 2, 3], Status = MailStatus.Sent, CreatedAt = now, NextAttemptAt = now, SentAt = now,
            });
            db.FeedbackResponses.Add(new FeedbackResponse
            {
                Id = answer, EventId = ev.EventId, PersonId = keptPerson, Role = EventRole.Creative, Kind = FeedbackKind.Survey, SubmittedAt = now,
                Value = 5, TakePartAgain = true, MostUseful = "Alles", Comment = "Sehr schön",
            });
            db.MagicLinks.Add(new MagicLink { Id = endedLink, TokenHash = new string('a', 64), PersonId = keptPerson, EventId = ev.EventId, CreatedAt = now, ExpiresAt = now.AddDays(1) });
            db.MagicLinks.Add(new MagicLink { Id = activeLink, TokenHash = new string('b', 64), PersonId = keptPerson, EventId = ev.EventId, CreatedAt = now, ExpiresAt = now.AddDays(400) });
            await db.SaveChangesAsync();
        }
        var sweep = app.Get<RetentionSweep>();

        app.Clock.Advance(TimeSpan.FromDays(35));
        await sweep.RunAsync(CancellationToken.None);
        await using (var db = app.CreateDb())
        {
            Assert.False(await db.People.AnyAsync(p => p.Id == unconfirmed));
            Assert.True(await db.Participations.AnyAsync(p => p.PersonId == declined));
            Assert.True(await db.Participations.AnyAsync(p => p.PersonId == keptPerson));
            Assert.True(await db.MailQueue.AnyAsync(m => m.Id == sentMail));
            Assert.False(await db.MagicLinks.AnyAsync(l => l.Id == endedLink));
            Assert.True(await db.MagicLinks.AnyAsync(l => l.Id == activeLink));
            Assert.Equal("Sehr schön", (await db.FeedbackResponses.SingleAsync(r => r.Id == answer)).Comment);
        }

        app.Clock.Advance(TimeSpan.FromDays(165));
        await sweep.RunAsync(CancellationToken.None);
        await using (var db = app.CreateDb())
        {
            Assert.False(await db.People.AnyAsync(p => p.Id == declined));
            Assert.False(await db.MailQueue.AnyAsync(m => m.Id == sentMail));
            Assert.Equal("Sehr schön", (await db.FeedbackResponses.SingleAsync(r => r.Id == answer)).Comment);
        }

        app.Clock.Advance(TimeSpan.FromDays(170));
        var report = await sweep.RunAsync(CancellationToken.None);
        await using (var db = app.CreateDb())
        {
            var kept = await db.FeedbackResponses.SingleAsync(r => r.Id == answer);
            Assert.Null(kept.Comment);
            Assert.Null(kept.MostUseful);
            Assert.Equal(5, kept.Value);
            Assert.True(kept.TakePartAgain);
            Assert.True(await db.MagicLinks.AnyAsync(l => l.Id == activeLink));
            Assert.True(await db.People.AnyAsync(p => p.Id == keptPerson));
            Assert.True(await db.Rooms.AnyAsync(r => r.EventId == ev.EventId));
        }
        Assert.True(report.SurveyAnswersCleared >= 1);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Retention", StringComparison.Ordinal) && (l.Contains('@') || l.Contains("Weg Später", StringComparison.Ordinal)));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Retention: deleted", StringComparison.Ordinal));
    }
}

public sealed class RetentionTestsOnSqlite(SqliteApp app) : RetentionTests<SqliteApp>(app);

public sealed class RetentionTestsOnPostgres(PostgresApp app) : RetentionTests<PostgresApp>(app);
