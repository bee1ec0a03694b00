using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Registration;

/// <summary>What a creative brings: disciplines (keys of <c>disciplines.csv</c>), work and languages.</summary>
public sealed class CreativeProfile
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public List<string> Disciplines { get; set; } = [];

    [PersonalData]
    public string? PortfolioUrl { get; set; }

    [PersonalData]
    public string? Bio { get; set; }

    /// <summary>ISO 639-1 codes; a shared language is one of the matching contributions.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>What kind of challenge the creative likes, in their words; matching reads it.</summary>
    public string? Interests { get; set; }

    /// <summary>The creative's studio or employer: the same organisation as a business is a conflict of interest.</summary>
    [PersonalData]
    public string? Organisation { get; set; }
}

internal sealed class CreativeProfileConfiguration : IEntityTypeConfiguration<CreativeProfile>
{
    public void Configure(EntityTypeBuilder<CreativeProfile> builder)
    {
        builder.Property(c => c.PortfolioUrl).HasMaxLength(300);
        builder.Property(c => c.Bio).HasMaxLength(2000);
        builder.Property(c => c.Interests).HasMaxLength(1000);
        builder.Property(c => c.Organisation).HasMaxLength(200);
        builder.HasOne<Person>().WithOne(p => p.CreativeProfile).HasForeignKey<CreativeProfile>(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.PersonId).IsUnique();
    }
}
