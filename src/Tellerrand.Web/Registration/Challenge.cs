using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Registration;

/// <summary>What a challenge is about; matching relates it to creative disciplines.</summary>
public enum ChallengeCategory
{
    Marketing,
    Branding,
    ProductDevelopment,
    Digitalisation,
    Recruiting,
    CustomerExperience,
    Sustainability,
    Communication,
    Other,
}

/// <summary>The business challenge a craft business brings to one event, in its own words.</summary>
public sealed class Challenge
{
    public Guid Id { get; set; }
    public Guid BusinessId { get; set; }
    public Guid EventId { get; set; }
    public Event? Event { get; set; }
    public required string Statement { get; set; }
    public ChallengeCategory Category { get; set; }
    public string? DesiredOutcome { get; set; }
}

internal sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> builder)
    {
        builder.Property(c => c.Statement).HasMaxLength(4000);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.DesiredOutcome).HasMaxLength(2000);
        builder.HasOne<Business>().WithMany(b => b.Challenges).HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Event).WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.EventId, c.BusinessId }).IsUnique();
    }
}
