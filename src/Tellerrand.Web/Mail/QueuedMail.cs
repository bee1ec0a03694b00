using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Mail;

/// <summary>Where a queued message stands. Failed is final: the dispatcher stops after <see cref="MailOptions.MaxAttempts"/>.</summary>
public enum MailStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// Who may read a message in the outbox view. Staff-account mails carry set-password links, so only
/// administrators may open them; everything sent to participants is the organisers' business.
/// </summary>
public enum MailReaders
{
    Organisers,
    Administrators,
}

/// <summary>
/// One message in the persisted mail queue: composed once (the whole MIME message is stored), then
/// delivered by <see cref="MailDispatcher"/> with retries. The same rows are the outbox organisers browse.
/// </summary>
public sealed class QueuedMail
{
    public Guid Id { get; set; }

    [PersonalData]
    public required string ToAddress { get; set; }

    [PersonalData]
    public required string ToName { get; set; }

    [PersonalData]
    public required string Subject { get; set; }

    /// <summary>The complete message as sent (RFC 5322), attachments included.</summary>
    public required byte[] Content { get; set; }

    public MailReaders Readers { get; set; }
    public MailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not before this time; moves on with every failed attempt (exponential backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A host that claimed the message holds it until then, so two hosts never send it twice.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure as the mail server or file system reported it; it may quote the address.</summary>
    [PersonalData]
    public string? LastError { get; set; }
}

internal sealed class QueuedMailConfiguration : IEntityTypeConfiguration<QueuedMail>
{
    public void Configure(EntityTypeBuilder<QueuedMail> builder)
    {
        builder.ToTable("MailQueue");
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.Readers).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => m.ToAddress);
    }
}
