using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Tellerrand.Web.Data;
using Tellerrand.Web.Hosting;

namespace Tellerrand.Web.Mail;

/// <summary>A message to one person; <see cref="HtmlBody"/> is optional, the text body never is.</summary>
public sealed record OutgoingMail(
    string ToAddress, string ToName, string Subject, string TextBody, string? HtmlBody = null,
    IReadOnlyList<MailAttachment>? Attachments = null,
    MailReaders Readers = MailReaders.Organisers,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>A file sent with a message, e.g. a calendar invitation (<c>text/calendar</c>).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public interface IMailer
{
    /// <summary>
    /// Puts the message into the persisted queue and returns: delivery happens in the background,
    /// with retries, so no page ever waits for a mail server.
    /// </summary>
    Task<Guid> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);

    /// <summary>
    /// Composes the message and adds it to <paramref name="db"/> without saving: it is queued by the caller's own
    /// <c>SaveChanges</c>, in the same transaction as whatever the caller marks as done (a claimed row), so a crash
    /// in between can neither lose the mail nor send it twice. Call <see cref="Wake"/> after the commit.
    /// </summary>
    Guid Stage(TellerrandDb db, OutgoingMail mail);

    /// <summary>Tells the dispatcher that staged messages were committed, so delivery starts at once rather than at the next poll.</summary>
    void Wake();
}

/// <summary>Wakes the dispatcher of this host when a message was queued, so delivery starts at once rather than at the next poll.</summary>
internal sealed class MailSignal : WakeSignal;

/// <summary>Wakes a background loop on this host at once; without a signal the loop still looks after its poll interval.</summary>
internal class WakeSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken stopping)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        wait.CancelAfter(timeout);
        try
        {
            await channel.Reader.WaitToReadAsync(wait.Token);
            channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The poll interval passed without a signal: look at the queue anyway.
        }
    }
}

/// <summary>Composes each message once and stores it in the queue.</summary>
internal sealed class MailQueue(
    IDbContextFactory<TellerrandDb> dbFactory,
    IOptions<MailOptions> mailOptions,
    MailSignal signal,
    TimeProvider clock,
    ILogger<MailQueue> logger) : IMailer
{
    public async Task<Guid> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        Guid id;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            id = Stage(db, mail);
            await db.SaveChangesAsync(cancellationToken);
        }
        Wake();
        return id;
    }

    public Guid Stage(TellerrandDb db, OutgoingMail mail)
    {
        var now = clock.GetUtcNow();
        var message = Compose(mail, now);
        // In memory only: nothing here waits on I/O.
        using var content = new MemoryStream();
        message.WriteTo(content);
        var queued = new QueuedMail
        {
            Id = Guid.CreateVersion7(now), ToAddress = mail.ToAddress, ToName = Truncate(mail.ToName, 200), Subject = Truncate(mail.Subject, 500),
            Content = content.ToArray(), Readers = mail.Readers, Status = MailStatus.Queued, CreatedAt = now, NextAttemptAt = now,
        };
        db.MailQueue.Add(queued);
        logger.LogInformation("Mail {MailId} staged for the queue", queued.Id);
        return queued.Id;
    }

    public void Wake() => signal.Notify();

    private MimeMessage Compose(OutgoingMail mail, DateTimeOffset now)
    {
        var options = mailOptions.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(options.FromAddress.Split('@').Last());
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>Hands one stored message to SMTP when one is configured, otherwise writes it as an <c>.eml</c> file into the outbox folder.</summary>
internal sealed class MailTransport(
    IOptions<MailOptions> mailOptions,
    IOptions<TellerrandOptions> tellerrandOptions,
    IHostEnvironment environment)
{
    public string OutboxPath => Path.Combine(tellerrandOptions.Value.ResolveDataPath(environment.ContentRootPath), "outbox");

    public async Task DeliverAsync(QueuedMail mail, CancellationToken cancellationToken)
    {
        var options = mailOptions.Value;
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            Directory.CreateDirectory(OutboxPath);
            // Named by queueing time and id: the folder lists in the order the messages were written.
            var file = Path.Combine(OutboxPath, $"{mail.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss-fff}-{mail.Id:N}.eml");
            await File.WriteAllBytesAsync(file, mail.Content, cancellationToken);
            return;
        }

        using var stream = new MemoryStream(mail.Content);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort,
            options.SmtpUseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Delivers due messages from the queue, one at a time. Each is claimed with a short lease first (one
/// conditional update), so several hosts can share the queue without sending a message twice; a
/// failure moves the next attempt out exponentially until <see cref="MailOptions.MaxAttempts"/>.
/// </summary>
internal sealed class MailDispatcher(
    IDbContextFactory<TellerrandDb> dbFactory,
    MailTransport transport,
    MailSignal signal,
    IOptions<MailOptions> mailOptions,
    TimeProvider clock,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database itself may be away for a moment; the next round tries again.
                logger.LogWarning("The mail queue could not be read: {Error}", exception.GetType().Name);
            }
            await signal.WaitAsync(mailOptions.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>Delivers the next due message; false when none is due.</summary>
    internal async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var candidates = await db.MailQueue
            .Where(m => m.Status == MailStatus.Queued && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(10)
            .ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var claimed = await db.MailQueue
                .Where(m => m.Id == id && m.Status == MailStatus.Queued && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, now + Lease), cancellationToken);
            if (claimed == 0) continue; // another host took it
            var mail = await db.MailQueue.SingleAsync(m => m.Id == id, cancellationToken);
            await AttemptAsync(mail, cancellationToken);
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        return false;
    }

    private async Task AttemptAsync(QueuedMail mail, CancellationToken cancellationToken)
    {
        mail.Attempts++;
        mail.LockedUntil = null;
        try
        {
            await transport.DeliverAsync(mail, cancellationToken);
            mail.Status = MailStatus.Sent;
            mail.SentAt = clock.GetUtcNow();
            mail.LastError = null;
            logger.LogInformation("Mail {MailId} delivered on attempt {Attempt}", mail.Id, mail.Attempts);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var options = mailOptions.Value;
            var error = $"{exception.GetType().Name}: {exception.Message}";
            mail.LastError = error.Length <= 500 ? error : error[..500];
            if (mail.Attempts >= options.MaxAttempts)
            {
                mail.Status = MailStatus.Failed;
            }
            else
            {
                var wait = options.RetryDelay * Math.Pow(2, mail.Attempts - 1);
                mail.NextAttemptAt = clock.GetUtcNow() + (wait < LongestWait ? wait : LongestWait);
            }
            // The exception's message can quote the recipient; the log gets its type only.
            logger.LogWarning("Mail {MailId} attempt {Attempt} failed ({Error}); {Outcome}", mail.Id, mail.Attempts, exception.GetType().Name,
                mail.Status == MailStatus.Failed ? "giving up" : "will retry");
        }
    }
}

public static class MailExtensions
{
    public static IHostApplicationBuilder AddTellerrandMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MailSignal>();
        builder.Services.AddSingleton<MailTransport>();
        builder.Services.AddSingleton<IMailer, MailQueue>();
        builder.Services.AddSingleton<OutboxReader>();
        builder.Services.AddHostedService<MailDispatcher>();
        return builder;
    }
}
