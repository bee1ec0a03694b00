using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>What an organiser decided about an event's matching.</summary>
public enum MatchingDecisionKind
{
    /// <summary>The business meets this creative (a swap is two pins and two exclusions).</summary>
    Pin,

    /// <summary>The business never meets this creative.</summary>
    Forbid,

    /// <summary>The person (a creative) cannot attend <see cref="MatchingDecision.Round"/>.</summary>
    Unavailable,

    /// <summary>The person (a creative) attends <see cref="MatchingDecision.Round"/>, although their registration left it out.</summary>
    Available,

    /// <summary>The business's room is best led by this moderator.</summary>
    ModeratorWish,
}

/// <summary>
/// One of the organiser's decisions, stored per event so that every re-solve — on this page, after a reload, by another
/// organiser — starts from the same pins, exclusions, absences and wishes (docs/matching.md, "In the product").
/// </summary>
public sealed class MatchingDecision
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public MatchingDecisionKind Kind { get; set; }

    /// <summary>The business, for pins, exclusions and moderator wishes.</summary>
    public Guid? BusinessId { get; set; }

    /// <summary>The creative (pins, exclusions, absences) or the moderator (wishes).</summary>
    public Guid PersonId { get; set; }

    /// <summary>The 1-based round, for absences and attendances.</summary>
    public int? Round { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// Whether an event's rooms are locked: set on the first publication. From then on a new proposal never replaces the
/// rooms by itself; publishing a change shows what it changes and asks first.
/// </summary>
public sealed class MatchingLock
{
    public Guid EventId { get; set; }
    public DateTimeOffset LockedAt { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

internal sealed class MatchingDecisionConfiguration : IEntityTypeConfiguration<MatchingDecision>
{
    public void Configure(EntityTypeBuilder<MatchingDecision> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(d => d.EventId);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Business>().WithMany().HasForeignKey(d => d.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MatchingLockConfiguration : IEntityTypeConfiguration<MatchingLock>
{
    public void Configure(EntityTypeBuilder<MatchingLock> builder)
    {
        builder.HasKey(l => l.EventId);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
