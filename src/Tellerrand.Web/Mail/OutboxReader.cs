using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Mail;

/// <summary>One line of the outbox list.</summary>
public sealed record OutboxRow(Guid Id, string ToAddress, string ToName, string Subject, MailStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>One message as the outbox shows it: the envelope, the text as sent, the names of its attachments.</summary>
public sealed record OutboxMessage(OutboxRow Row, string From, DateTimeOffset Date, string TextBody, IReadOnlyList<string> Attachments, string? LastError, DateTimeOffset NextAttemptAt);

/// <summary>
/// What organisers see of the mail queue. Messages meant for administrators only (staff accounts'
/// set-password links) are left out unless the reader is one: such a message is simply not found.
/// </summary>
public sealed class OutboxReader(IDbContextFactory<TellerrandDb> dbFactory)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<OutboxRow>> ListAsync(bool isAdministrator, MailStatus? status, string? search, int page, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Visible(db, isAdministrator);
        if (status is { } s) query = query.Where(m => m.Status == s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(m => m.ToAddress.ToLower().Contains(term) || m.ToName.ToLower().Contains(term) || m.Subject.ToLower().Contains(term));
        }
        return await query.OrderByDescending(m => m.CreatedAt).Skip(Math.Max(page, 0) * PageSize).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.ToAddress, m.ToName, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<OutboxMessage?> FindAsync(bool isAdministrator, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mail = await Visible(db, isAdministrator).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mail is null) return null;
        using var stream = new MemoryStream(mail.Content);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        return new OutboxMessage(
            new OutboxRow(mail.Id, mail.ToAddress, mail.ToName, mail.Subject, mail.Status, mail.Attempts, mail.CreatedAt, mail.SentAt),
            message.From.ToString(), message.Date, message.TextBody ?? "",
            message.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.Name ?? a.ContentType.MimeType).ToList(),
            mail.LastError, mail.NextAttemptAt);
    }

    private static IQueryable<QueuedMail> Visible(TellerrandDb db, bool isAdministrator) =>
        isAdministrator ? db.MailQueue.AsNoTracking() : db.MailQueue.AsNoTracking().Where(m => m.Readers == MailReaders.Organisers);
}
