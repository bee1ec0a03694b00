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
}
