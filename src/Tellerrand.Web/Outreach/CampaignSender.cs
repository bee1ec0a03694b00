using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;

namespace Tellerrand.Web.Outreach;

/// <summary>Wakes this host's campaign sender when a campaign was started or resumed here.</summary>
internal sealed class CampaignSignal : WakeSignal;

/// <summary>
/// Sends the campaigns that are sending, a batch at a time with <see cref="CampaignOptions.BatchInterval"/> between
/// batches, into the mail queue. Each recipient row is claimed with one conditional update (still unsent, campaign
/// still sending, contact not unsubscribed) that stamps it sent and stores the token's hash, and the mail is queued in the
/// same transaction. So a pause stops the very next mail, a restart or a second host picks up exactly the unsent rows, and
/// a recipient is written to exactly once: should the host die between claim and commit, neither stands.
/// </summary>
internal sealed class CampaignSender(
    IDbContextFactory<TellerrandDb> dbFactory,
    CampaignMails mails,
    CampaignSignal signal,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var sending = await db.Campaigns.Where(c => c.Status == CampaignStatus.Sending).Select(c => c.Id).ToListAsync(stoppingToken);
                foreach (var id in sending)
                {
                    more |= await SendBatchAsync(id, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning("Campaigns could not be sent this round: {Error}", exception.GetType().Name);
            }
            try
            {
                if (more) await Task.Delay(options.Value.BatchInterval, clock, stoppingToken);
                else await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping is the normal way out; whatever is unsent waits in its rows for the next start.
                return;
            }
        }
    }

    /// <summary>Queues up to one batch of the campaign's mails; true while unsent recipients remain.</summary>
    internal async Task<bool> SendBatchAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Templates).Include(c => c.Event)
            .SingleAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign.Status != CampaignStatus.Sending) return false;
        var batch = await db.CampaignRecipients.AsNoTracking().Include(r => r.Contact)
            .Where(r => r.CampaignId == campaignId && r.SentAt == null).OrderBy(r => r.Id)
            .Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            var now = clock.GetUtcNow();
            await db.Campaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Finished).SetProperty(c => c.FinishedAt, now), cancellationToken);
            logger.LogInformation("Campaign {CampaignId} finished", campaignId);
            return false;
        }
        foreach (var recipient in batch)
        {
            var contact = recipient.Contact!;
            if (contact.UnsubscribedAt is not null)
            {
                // Unsubscribed after the campaign started: the row goes, the person hears nothing.
                await db.CampaignRecipients.Where(r => r.Id == recipient.Id && r.SentAt == null).ExecuteDeleteAsync(cancellationToken);
                continue;
            }
            var token = MagicLinks.NewToken();
            var hash = MagicLinks.Hash(token);
            var sentAt = clock.GetUtcNow();
            // Claim and mail commit together, both or neither: a crash in between leaves the row unsent for the next round.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.CampaignRecipients
                .Where(r => r.Id == recipient.Id && r.SentAt == null && r.Contact!.UnsubscribedAt == null
                    && db.Campaigns.Any(c => c.Id == campaignId && c.Status == CampaignStatus.Sending))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, sentAt).SetProperty(r => r.TokenHash, hash), cancellationToken);
            if (claimed == 0)
            {
                // Paused meanwhile, or another host took the row: stop here, the next round looks again.
                return true;
            }
            var to = new CampaignAddressee(contact.Email, contact.Name, contact.Organisation, contact.Trade, recipient.GroupKey);
            mails.Stage(db, to, mails.Render(campaign, campaign.Event!, to, campaign.BaseUrl!, token));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            mails.Wake();
        }
        return true;
    }
}
