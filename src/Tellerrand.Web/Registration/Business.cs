using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Registration;

/// <summary>Size classes as chambers report them (EU SME definition by head count).</summary>
public enum BusinessSize
{
    Solo,
    Micro,
    Small,
    Medium,
    Large,
}

/// <summary>
/// A craft business (Handwerksbetrieb). The trade is free text so that a trade missing from the
/// Handwerksordnung list is still accepted; <see cref="TradeKey"/> links it to the list when it is on it.
/// </summary>
public sealed class Business
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Trade { get; set; }

    /// <summary>"A-25", "B1" etc. from <c>gewerke.csv</c>; empty for a trade typed in freely.</summary>
    public string? TradeKey { get; set; }

    public string? Region { get; set; }
    public BusinessSize Size { get; set; }
    public string? Website { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public List<Challenge> Challenges { get; set; } = [];
}

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.Trade).HasMaxLength(200);
        builder.Property(b => b.TradeKey).HasMaxLength(20);
        builder.Property(b => b.Region).HasMaxLength(100);
        builder.Property(b => b.Size).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Website).HasMaxLength(300);
    }
}
