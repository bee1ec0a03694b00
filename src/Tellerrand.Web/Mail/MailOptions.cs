using System.ComponentModel.DataAnnotations;

namespace Tellerrand.Web.Mail;

/// <summary>
/// <c>Tellerrand:Mail</c>. Without <see cref="SmtpHost"/> every message is written to the outbox
/// folder in the data folder, so the embedded installation needs no mail server.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Tellerrand:Mail";

    public string FromAddress { get; set; } = "tellerrand@localhost";
    public string FromName { get; set; } = "Tellerrand";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it; set false only for a local relay.</summary>
    public bool SmtpUseTls { get; set; } = true;

    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>Wait after the first failed attempt; it doubles with every further failure, up to six hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed attempts a message is marked failed and shown so in the outbox.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How often the queue is looked at when nothing new was queued on this host (mail queued by another host, retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
