using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Events;

/// <summary>The kinds of organisation that run programmes together (PRODUCT.md, "Who uses it").</summary>
public enum OrganisationKind
{
    ChamberOfCrafts,
    CreativeEconomyAgency,
    EconomicDevelopmentAgency,
    Other,
}

/// <summary>A chamber, agency or other partner that organises or supports events.</summary>
public sealed class PartnerOrganisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? City { get; set; }
    public string? Website { get; set; }

    public List<Programme> Programmes { get; set; } = [];
    public List<Event> Events { get; set; } = [];
}

internal sealed class PartnerOrganisationConfiguration : IEntityTypeConfiguration<PartnerOrganisation>
{
    public void Configure(EntityTypeBuilder<PartnerOrganisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.Website).HasMaxLength(300);
    }
}
