using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

public enum ContactRequestStatus
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// A business's wish to keep working with a creative of its room. Contact details are exchanged only once the creative
/// accepts; a declined request shares nothing.
/// </summary>
public sealed class ContactRequest
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }

    /// <summary>The business's representative who asked.</summary>
    public Guid FromPersonId { get; set; }
    public Person? From { get; set; }

    /// <summary>The creative who was asked.</summary>
    public Guid ToPersonId { get; set; }
    public Person? To { get; set; }

    public Guid BusinessId { get; set; }
    public ContactRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

internal sealed class ContactRequestConfiguration : IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<ContactRequest> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => new { r.EventId, r.FromPersonId, r.ToPersonId }).IsUnique();
        builder.HasIndex(r => r.ToPersonId);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.From).WithMany().HasForeignKey(r => r.FromPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.To).WithMany().HasForeignKey(r => r.ToPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Business>().WithMany().HasForeignKey(r => r.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}
