using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Registration;

/// <summary>The role a person has in one event; what they may see follows from it.</summary>
public enum EventRole
{
    BusinessRepresentative,
    Creative,
    Moderator,
    Organiser,
}

/// <summary>Registered counts only after the double opt-in confirmation.</summary>
public enum ParticipationStatus
{
    Registered,
    Confirmed,
    Accepted,
    Waitlisted,
    Declined,
    Withdrawn,
}

/// <summary>A person's part in one event: one row per person, event and role.</summary>
public sealed class EventParticipation
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Event? Event { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public EventRole Role { get; set; }
    public ParticipationStatus Status { get; set; }

    /// <summary>The business a representative speaks for; empty for every other role.</summary>
    public Guid? BusinessId { get; set; }
    public Business? Business { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>
    /// The rounds (1 to <see cref="Event.Rounds"/>) a creative is available for, in ascending order.
    /// Filled for every creative who registers; empty for the other roles, which are not asked.
    /// </summary>
    public List<int> AvailableRounds { get; set; } = [];

    /// <summary>The organisers' own note on this application; the person never sees it, but gets it with their data export.</summary>
    [PersonalData]
    public string? OrganiserNote { get; set; }
}

internal sealed class EventParticipationConfiguration : IEntityTypeConfiguration<EventParticipation>
{
    public void Configure(EntityTypeBuilder<EventParticipation> builder)
    {
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.OrganiserNote).HasMaxLength(2000);
        builder.HasIndex(p => new { p.EventId, p.PersonId, p.Role }).IsUnique();
        builder.HasOne(p => p.Event).WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Person).WithMany(p => p.Participations).HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Business).WithMany().HasForeignKey(p => p.BusinessId).OnDelete(DeleteBehavior.SetNull);
    }
}
