using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Accounts;

/// <summary>
/// A personal link for a business representative or creative, scoped to one person and one event.
/// Only the SHA-256 hash of the token is stored: a leaked database opens no room.
/// </summary>
public sealed class MagicLink
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token, hex; the token itself exists only in the link that was sent.</summary>
    public required string TokenHash { get; set; }

    public Guid PersonId { get; set; }
    public Guid EventId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class MagicLinkConfiguration : IEntityTypeConfiguration<MagicLink>
{
    public void Configure(EntityTypeBuilder<MagicLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.PersonId, l.EventId });
        builder.HasOne<Registration.Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(l => l.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
