using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Retention;

/// <summary>What one run deleted or anonymised, as counts: the log gets these and nothing personal.</summary>
public sealed record RetentionReport(int UnconfirmedRegistrations, int DeclinedApplications, int PeopleWithoutRoles, int SentMails, int SurveyAnswersCleared, int MagicLinks);

/// <summary>Deletes or anonymises what has been kept longer than <see cref="RetentionOptions"/> allows, measured on the injected clock.</summary>
public sealed class RetentionSweep(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSweep> logger)
{
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keep = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var unconfirmedBefore = now - keep.UnconfirmedRegistrations;
        var unconfirmed = await db.Participations
            .Where(p => p.Status == ParticipationStatus.Registered && p.RegisteredAt < unconfirmedBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var declinedBefore = now - keep.DeclinedApplications;
        var declined = await db.Participations
            .Where(p => p.Status == ParticipationStatus.Declined && p.RegisteredAt < declinedBefore)
            .ExecuteDeleteAsync(cancellationToken);
        // A participant left without any role (and without a staff account) was only ever kept for those registrations.
        var orphanedBefore = now - TimeSpan.FromTicks(Math.Min(keep.UnconfirmedRegistrations.Ticks, keep.DeclinedApplications.Ticks));
        var people = await db.People
            .Where(p => p.StaffUserId == null && p.CreatedAt < orphanedBefore && !p.Participations.Any())
            .ExecuteDeleteAsync(cancellationToken);

        var mailsBefore = now - keep.SentMails;
        var mails = await db.MailQueue
            .Where(m => m.Status != MailStatus.Queued && m.CreatedAt < mailsBefore)
            .ExecuteDeleteAsync(cancellationToken);

        var answersBefore = now - keep.SurveyFreeText;
        var answers = await db.FeedbackResponses
            .Where(r => r.SubmittedAt < answersBefore && (r.MostUseful != null || r.Comment != null || r.Implemented != null))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.MostUseful, (string?)null).SetProperty(r => r.Comment, (string?)null).SetProperty(r => r.Implemented, (string?)null),
                cancellationToken);

        var linksBefore = now - keep.EndedMagicLinks;
        var links = await db.MagicLinks
            .Where(l => l.ExpiresAt < linksBefore || l.RevokedAt < linksBefore)
            .ExecuteDeleteAsync(cancellationToken);

        var report = new RetentionReport(unconfirmed, declined, people, mails, answers, links);
        logger.LogInformation(
            "Retention: deleted {Unconfirmed} unconfirmed registrations, {Declined} declined applications, {People} people without roles, {Mails} sent mails, "
            + "{Links} ended magic links; cleared the free text of {Answers} survey answers",
            unconfirmed, declined, people, mails, links, answers);
        return report;
    }
}

/// <summary>Runs the sweep shortly after start and then every <see cref="RetentionOptions.Interval"/> (a day by default).</summary>
internal sealed class RetentionJob(RetentionSweep sweep, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (most likely the database being away), the next interval tries again; an escaped
                // exception would stop the whole host.
                logger.LogWarning(e, "Retention run failed; retrying at the next interval");
            }
            try
            {
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public static class RetentionExtensions
{
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RetentionSweep>();
        builder.Services.AddHostedService<RetentionJob>();
        return builder;
    }
}
