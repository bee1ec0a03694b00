using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Events;

/// <summary>Partner organisations and the programmes they run: the frame every event sits in.</summary>
public sealed class OrganisationService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<PartnerOrganisation>> ListOrganisationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    public async Task<Outcome<PartnerOrganisation>> SaveOrganisationAsync(Guid? id, string name, OrganisationKind kind, string? city, string? website, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(name))
            violations.Add(new("Name", "Organisation_NameRequired"));
        else if (await db.Organisations.AnyAsync(o => o.Name == name.Trim() && o.Id != id, cancellationToken))
            violations.Add(new("Name", "Organisation_NameTaken", name.Trim()));
        if (!IsWebAddress(website))
            violations.Add(new("Website", "Rule_WebsiteInvalid"));
        if (violations.Count > 0) return Outcome<PartnerOrganisation>.Failed(violations);

        var organisation = id is null ? null : await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (id is not null && organisation is null) return Outcome<PartnerOrganisation>.Failed([new("", "Organisation_NotFound")]);
        if (organisation is null)
        {
            organisation = new PartnerOrganisation { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = "" };
            db.Organisations.Add(organisation);
        }
        organisation.Name = name!.Trim();
        organisation.Kind = kind;
        organisation.City = Blank(city);
        organisation.Website = Blank(website);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<PartnerOrganisation>.Ok(organisation);
    }

    public async Task<IReadOnlyList<RuleViolation>> DeleteOrganisationAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Organisations.Where(o => o.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? [new RuleViolation("", "Organisation_NotFound")] : [];
    }

    public async Task<IReadOnlyList<Programme>> ListProgrammesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Programmes.AsNoTracking().Include(p => p.Organisations).Include(p => p.Events)
            .OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<Outcome<Programme>> SaveProgrammeAsync(Guid? id, string title, string? description, string? region,
        IReadOnlyList<Guid> organisationIds, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(title))
            return Outcome<Programme>.Failed([new RuleViolation("Title", "Programme_TitleRequired")]);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var programme = id is null ? null : await db.Programmes.Include(p => p.Organisations).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (id is not null && programme is null) return Outcome<Programme>.Failed([new("", "Programme_NotFound")]);
        if (programme is null)
        {
            programme = new Programme { Id = Guid.CreateVersion7(clock.GetUtcNow()), Title = "", CreatedAt = clock.GetUtcNow() };
            db.Programmes.Add(programme);
        }
        programme.Title = title.Trim();
        programme.Description = Blank(description);
        programme.Region = Blank(region);
        programme.Organisations = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Programme>.Ok(programme);
    }

    /// <summary>A programme with events is kept: deleting it would silently delete their history.</summary>
    public async Task<IReadOnlyList<RuleViolation>> DeleteProgrammeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var programme = await db.Programmes.Include(p => p.Events).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null) return [new RuleViolation("", "Programme_NotFound")];
        if (programme.Events.Count > 0) return [new RuleViolation("", "Programme_HasEvents", programme.Events.Count)];
        db.Programmes.Remove(programme);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    internal static bool IsWebAddress(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
