using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Hosting;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

/// <summary>
/// The persisted feedback schedule. <see cref="PlanAsync"/> writes an invitation per person and questionnaire once an event
/// is finished (unique per event, person and kind, so planning twice plans nothing new); <see cref="SendDueAsync"/> claims
/// each due invitation with one conditional update and queues its mail in the same transaction, so several hosts never send one twice
/// and a crash never loses one.
/// </summary>
public sealed class FeedbackSchedule(
    IDbContextFactory<TellerrandDb> dbFactory,
    TimeProvider clock,
    IOptions<FeedbackOptions> options,
    IOptions<TellerrandOptions> tellerrand,
    IServer server,
    MagicLinks links,
    FeedbackMails mails,
    ILogger<FeedbackSchedule> logger)
{
    private static readonly EventRole[] Asked = [EventRole.BusinessRepresentative, EventRole.Creative, EventRole.Moderator];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await PlanAsync(cancellationToken);
        await SendDueAsync(cancellationToken);
    }

    /// <summary>Plans the survey for everybody who took part in a finished event, and the follow-up for its businesses.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var missing = await db.Participations.AsNoTracking()
            .Where(p => p.Event!.Status == EventStatus.Finished
                && (p.Status == ParticipationStatus.Confirmed || p.Status == ParticipationStatus.Accepted)
                && Asked.Contains(p.Role)
                && !db.FeedbackInvitations.Any(i => i.EventId == p.EventId && i.PersonId == p.PersonId && i.Kind == FeedbackKind.Survey))
            .Select(p => new { p.EventId, p.PersonId, p.Role })
            .ToListAsync(cancellationToken);
        if (missing.Count == 0) return 0;

        var now = clock.GetUtcNow();
        // A person with two roles in one event gets one survey, in the role listed first (business before creative before moderator).
        foreach (var person in missing.GroupBy(m => (m.EventId, m.PersonId)).Select(g => g.OrderBy(m => m.Role).First()))
        {
            db.FeedbackInvitations.Add(new FeedbackInvitation
            {
                Id = Guid.CreateVersion7(now), EventId = person.EventId, PersonId = person.PersonId, Role = person.Role, Kind = FeedbackKind.Survey, DueAt = now,
            });
            if (person.Role == EventRole.BusinessRepresentative)
            {
                db.FeedbackInvitations.Add(new FeedbackInvitation
                {
                    Id = Guid.CreateVersion7(now), EventId = person.EventId, PersonId = person.PersonId, Role = person.Role, Kind = FeedbackKind.FollowUp,
                    DueAt = now + options.Value.FollowUpAfter,
                });
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another host planned the same event at the same moment; its rows stand and the next run finds nothing missing.
            logger.LogInformation("Feedback planning met rows another host wrote; retrying at the next run");
            return 0;
        }
        logger.LogInformation("Planned feedback for {People} people of finished events", missing.Count);
        return missing.Count;
    }

    /// <summary>Mails every invitation that is due and not yet sent, each exactly once.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.FeedbackInvitations.AsNoTracking()
            .Where(i => i.SentAt == null && i.DueAt <= now)
            .OrderBy(i => i.DueAt).Take(200)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var invitation in due)
        {
            var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == invitation.PersonId, cancellationToken);
            var title = await db.Events.Where(e => e.Id == invitation.EventId).Select(e => e.Title).SingleAsync(cancellationToken);
            // Issued in its own transaction: should the claim below lose, an unused link expires unread.
            var link = await links.IssueAsync(invitation.PersonId, invitation.EventId, cancellationToken);
            // Claim and mail commit together, both or neither: a crash in between leaves the invitation due for the next run.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.FeedbackInvitations
                .Where(i => i.Id == invitation.Id && i.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, now), cancellationToken);
            if (claimed == 0) continue;
            mails.StageInvitation(db, person, title, invitation.Kind, BaseUrl() + link.RelativeUrl.TrimStart('/'));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Feedback invitation {InvitationId} ({Kind}) sent", invitation.Id, invitation.Kind);
            sent++;
        }
        if (sent > 0) mails.Wake();
        return sent;
    }

    /// <summary>
    /// The address mailed links start with. Without a request to take it from, that is the operator's
    /// <see cref="TellerrandOptions.PublicBaseUrl"/>, else the first address the server listens on.
    /// </summary>
    public string BaseUrl()
    {
        var configured = tellerrand.Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/') + "/";
        // Kestrel reports wildcard bindings ("http://+:8080", "http://[::]:8080"); a link needs a host name.
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        foreach (var wildcard in new[] { "://+", "://*", "://[::]", "://0.0.0.0" })
            listening = listening.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return listening.TrimEnd('/') + "/";
    }
}

/// <summary>Runs the schedule at start and then every <see cref="FeedbackOptions.PollInterval"/>, on the injected clock.</summary>
internal sealed class FeedbackScheduler(FeedbackSchedule schedule, IOptions<FeedbackOptions> options, TimeProvider clock, ILogger<FeedbackScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await schedule.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may not be migrated yet at the very first run, or briefly unreachable (a command timeout
                // or a dropped connection surfaces as any of several exception types): try again at the next poll.
                // An escaped exception would stop the whole host.
                logger.LogWarning(e, "Feedback schedule run failed; retrying at the next poll");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
