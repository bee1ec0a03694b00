using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Events;

/// <summary>What happens in a phase; the live event decides from it where everybody has to be.</summary>
public enum PhaseKind
{
    Plenary,
    IntroRound,
    Breakout,
    ShareOut,
    Break,
    Closing,
}

/// <summary>One step of an event's run of show, in <see cref="Order"/>.</summary>
public sealed class AgendaPhase
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public int Order { get; set; }
    public PhaseKind Kind { get; set; }
    public required string Title { get; set; }
    public int DurationMinutes { get; set; }
    public string? Instructions { get; set; }
}

internal sealed class AgendaPhaseConfiguration : IEntityTypeConfiguration<AgendaPhase>
{
    public void Configure(EntityTypeBuilder<AgendaPhase> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Instructions).HasMaxLength(4000);
        builder.HasIndex(p => new { p.EventId, p.Order });
    }
}
