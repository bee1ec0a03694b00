using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Outreach;

/// <summary>One contact as the organisers' list shows it.</summary>
public sealed record ContactRow(Guid Id, ContactKind Kind, string Email, string? Name, string? Organisation, string? Trade, string? Region, DateOnly? LastContactOn, bool Unsubscribed);

/// <summary>Contact lists: a preview of an uploaded file against the database, the import once confirmed, the list and its CSV.</summary>
public sealed class ContactService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, ILogger<ContactService> logger)
{
    public async Task<ContactImportPreview> PreviewAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var known = (await db.Contacts.Select(c => c.EmailKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return ContactCsv.Preview(content, known);
    }

    /// <summary>
    /// Imports the rows the preview accepted. The file is read again against the database as it is now;
    /// what another import added meanwhile is left out like any known address.
    /// </summary>
    public async Task<int> ImportAsync(byte[] content, ContactKind kind, string? fileName, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(content, cancellationToken);
        if (!preview.CanImport) return 0;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var c in preview.Candidates)
        {
            db.Contacts.Add(new Contact
            {
                Id = Guid.CreateVersion7(now), Kind = kind, Email = c.Email, EmailKey = c.Email.ToLowerInvariant(), Name = c.Name,
                Organisation = c.Organisation, Trade = c.Trade, TradeKey = c.TradeKey, Disciplines = c.Disciplines.ToList(), Region = c.Region,
                Phone = c.Phone, LastContactOn = c.LastContactOn, Source = fileName is null ? null : Path.GetFileName(fileName)[..Math.Min(Path.GetFileName(fileName).Length, 260)],
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Count} {Kind} contacts imported", preview.Candidates.Count, kind);
        return preview.Candidates.Count;
    }

    public async Task<IReadOnlyList<ContactRow>> ListAsync(ContactKind? kind, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Contacts.AsNoTracking()
            .Where(c => kind == null || c.Kind == kind)
            .OrderBy(c => c.Organisation ?? c.Name ?? c.Email)
            .Select(c => new ContactRow(c.Id, c.Kind, c.Email, c.Name, c.Organisation, c.Trade, c.Region, c.LastContactOn, c.UnsubscribedAt != null))
            .ToListAsync(cancellationToken);
    }

    public async Task<byte[]> ExportAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Kind).ThenBy(c => c.EmailKey).ToListAsync(cancellationToken);
        return ContactCsv.Write(
            ["Art", "E-Mail", "Name", "Organisation", "Gewerk", "Disziplinen", "Region", "Telefon", "Letzter Kontakt", "Abgemeldet"],
            contacts.Select(c => (IReadOnlyList<string?>)[
                c.Kind == ContactKind.Business ? "Betrieb" : "Kreative", c.Email, c.Name, c.Organisation, c.Trade, string.Join(", ", c.Disciplines),
                c.Region, c.Phone, c.LastContactOn?.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
                c.UnsubscribedAt is null ? "" : "ja"]));
    }
}
