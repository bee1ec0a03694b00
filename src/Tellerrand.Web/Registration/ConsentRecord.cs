using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Registration;

/// <summary>What a consent is for. Only <see cref="Privacy"/> is required to take part; the rest is optional.</summary>
public enum ConsentPurpose
{
    Privacy,
    NameOnExportedBoards,
    Photos,
    Recording,
    FollowUpContact,
}

/// <summary>
/// Evidence of a consent as GDPR Art. 7(1) asks for: who, for what, which text they saw, and when.
/// Records are never edited: withdrawing sets <see cref="WithdrawnAt"/> on the one that was given.
/// </summary>
public sealed class ConsentRecord
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid? EventId { get; set; }
    public ConsentPurpose Purpose { get; set; }

    /// <summary>Version of the consent text shown, e.g. "privacy-2026-11".</summary>
    public required string TextVersion { get; set; }

    public bool Granted { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.TextVersion).HasMaxLength(40);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PersonId, c.Purpose });
    }
}
