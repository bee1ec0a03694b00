using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Tellerrand.Web.Hosting;

namespace Tellerrand.Web.Mail;

/// <summary>A message to one person; <see cref="HtmlBody"/> is optional, the text body never is.</summary>
public sealed record OutgoingMail(
    string ToAddress, string ToName, string Subject, string TextBody, string? HtmlBody = null,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file sent with a message, e.g. a calendar invitation (<c>text/calendar</c>).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary>Sends through SMTP when one is configured, otherwise writes <c>.eml</c> files into the outbox folder.</summary>
internal sealed class Mailer(
    IOptions<MailOptions> mailOptions,
    IOptions<TellerrandOptions> tellerrandOptions,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<Mailer> logger) : IMailer
{
    public string OutboxPath => Path.Combine(tellerrandOptions.Value.ResolveDataPath(environment.ContentRootPath), "outbox");

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var message = Compose(mail);
        var options = mailOptions.Value;
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            Directory.CreateDirectory(OutboxPath);
            var file = Path.Combine(OutboxPath, $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
            logger.LogInformation("Mail {MessageId} written to the outbox", message.MessageId);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort,
            options.SmtpUseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Mail {MessageId} sent via SMTP", message.MessageId);
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var options = mailOptions.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = clock.GetUtcNow();
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(options.FromAddress.Split('@').Last());
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}

public static class MailExtensions
{
    public static IHostApplicationBuilder AddTellerrandMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section);
        builder.Services.AddSingleton<IMailer, Mailer>();
        return builder;
    }
}
