using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Registration;

/// <summary>A person with the roles they hold, as the organiser's people list shows them.</summary>
public sealed record PersonSummary(Guid Id, string DisplayName, string Email, string? Phone, IReadOnlyList<PersonRole> Roles);

public sealed record PersonRole(Guid ParticipationId, Guid EventId, string EventTitle, EventRole Role, ParticipationStatus Status);

/// <summary>People and their roles in events, as organisers maintain them by hand.</summary>
public sealed class PeopleService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<PersonSummary>> ListAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(p => p.DisplayName.ToLower().Contains(term) || p.Email.ToLower().Contains(term));
        }
        return await query.OrderBy(p => p.DisplayName)
            .Select(p => new PersonSummary(p.Id, p.DisplayName, p.Email, p.Phone,
                p.Participations.OrderBy(r => r.Event!.StartsAt)
                    .Select(r => new PersonRole(r.Id, r.EventId, r.Event!.Title, r.Role, r.Status)).ToList()))
            .ToListAsync(cancellationToken);
    }

    public async Task<Outcome<Person>> SaveAsync(Guid? id, string displayName, string email, string? phone, string language, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalised = email?.Trim() ?? "";
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(displayName))
            violations.Add(new("DisplayName", "Person_NameRequired"));
        if (normalised.Length == 0 || !new EmailAddressAttribute().IsValid(normalised))
            violations.Add(new("Email", "Person_EmailInvalid"));
        else if (await db.People.AnyAsync(p => p.Email.ToLower() == normalised.ToLower() && p.Id != id, cancellationToken))
            violations.Add(new("Email", "Person_EmailTaken", normalised));
        if (language is not ("de" or "en" or "pl"))
            violations.Add(new("PreferredLanguage", "Person_LanguageUnknown"));
        if (violations.Count > 0) return Outcome<Person>.Failed(violations);

        var person = id is null ? null : await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (id is not null && person is null) return Outcome<Person>.Failed([new("", "Person_NotFound")]);
        if (person is null)
        {
            person = new Person { Id = Guid.CreateVersion7(clock.GetUtcNow()), DisplayName = "", Email = "", CreatedAt = clock.GetUtcNow() };
            db.People.Add(person);
        }
        person.DisplayName = displayName.Trim();
        person.Email = normalised;
        person.Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        person.PreferredLanguage = language;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Person>.Ok(person);
    }

    /// <summary>Deletes a person and everything that hangs on them (roles, consents, links, profile).</summary>
    public async Task<IReadOnlyList<RuleViolation>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.People.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? [new RuleViolation("", "Person_NotFound")] : [];
    }

    public async Task<IReadOnlyList<RuleViolation>> AssignRoleAsync(Guid personId, Guid eventId, EventRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken)) return [new RuleViolation("", "Person_NotFound")];
        if (!await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken)) return [new RuleViolation("EventId", "Event_NotFound")];
        if (await db.Participations.AnyAsync(p => p.PersonId == personId && p.EventId == eventId && p.Role == role, cancellationToken))
            return [new RuleViolation("Role", "Person_RoleExists")];
        db.Participations.Add(new EventParticipation
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), PersonId = personId, EventId = eventId, Role = role,
            Status = ParticipationStatus.Accepted, RegisteredAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task RemoveRoleAsync(Guid participationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Participations.Where(p => p.Id == participationId).ExecuteDeleteAsync(cancellationToken);
    }
}
