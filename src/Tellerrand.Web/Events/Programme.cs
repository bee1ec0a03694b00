using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Events;

/// <summary>
/// A series of events run by partner organisations, e.g. the Werk.Stadt.Camp Görlitz.
/// Funders are reported to per programme.
/// </summary>
public sealed class Programme
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Region { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<PartnerOrganisation> Organisations { get; set; } = [];
    public List<Event> Events { get; set; } = [];
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Region).HasMaxLength(100);
        builder.HasMany(p => p.Organisations).WithMany(o => o.Programmes).UsingEntity("ProgrammePartners");
    }
}
