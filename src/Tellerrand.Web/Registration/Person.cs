using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Registration;

/// <summary>
/// Anybody who takes part in an event: business representatives and creatives (who never get a
/// password, only magic links), moderators and organisers (who may also hold a staff account).
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; }

    [PersonalData]
    public required string DisplayName { get; set; }

    /// <summary>Unique: it is how duplicates in registrations and imports are recognised.</summary>
    [PersonalData]
    public required string Email { get; set; }

    [PersonalData]
    public string? Phone { get; set; }

    /// <summary>UI and e-mail language, "de" unless the person chose another.</summary>
    public string PreferredLanguage { get; set; } = "de";

    /// <summary>The staff account of a moderator or organiser, when the person has one.</summary>
    public string? StaffUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<EventParticipation> Participations { get; set; } = [];
    public CreativeProfile? CreativeProfile { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.Phone).HasMaxLength(50);
        builder.Property(p => p.PreferredLanguage).HasMaxLength(10);
        builder.Property(p => p.StaffUserId).HasMaxLength(450);
        builder.HasIndex(p => p.StaffUserId);
    }
}
