using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Mail;

/// <summary>
/// Mail is delivered in the background. Tests that read the SMTP server or the outbox folder wait until
/// the queue holds nothing that is due, as a person waits for their inbox.
/// </summary>
public static class MailQueueWaiting
{
    public static async Task MailSettledAsync(this TellerrandApp app, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = app.CreateDb())
            {
                var now = app.Clock.GetUtcNow();
                if (!await db.MailQueue.AnyAsync(m => m.Status == MailStatus.Queued && m.NextAttemptAt <= now)) return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Mail still waiting in the queue.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the queue has delivered (or given up on) the message.</summary>
    public static async Task<QueuedMail> DeliveredAsync(this TellerrandApp app, Guid mailId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = app.CreateDb())
            {
                var mail = await db.MailQueue.AsNoTracking().SingleAsync(m => m.Id == mailId);
                if (mail.Status != MailStatus.Queued) return mail;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The message was neither delivered nor given up.");
            await Task.Delay(50);
        }
    }
}
