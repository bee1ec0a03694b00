using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Events;

/// <summary>Where an event stands; it only moves forward, except that an open event may close and reopen.</summary>
public enum EventStatus
{
    Draft,
    Open,
    Closed,
    Live,
    Finished,
}

/// <summary>One workshop, e.g. the "Exklusivrunde" of the Werk.Stadt.Camp, created from a format template.</summary>
public sealed class Event
{
    public Guid Id { get; set; }
    public Guid ProgrammeId { get; set; }
    public Programme? Programme { get; set; }

    public required string Title { get; set; }

    /// <summary>The public address: <c>/events/{slug}</c>.</summary>
    public required string Slug { get; set; }

    public string? Description { get; set; }

    /// <summary>Start in UTC; shown and put into calendar files in <see cref="TimeZoneId"/>.</summary>
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>IANA time zone id, Europe/Berlin unless the organiser chooses another.</summary>
    public string TimeZoneId { get; set; } = EventTimeZones.Default;

    public int DurationMinutes { get; set; }

    /// <summary>Key of the <see cref="FormatTemplate"/> the event was created from.</summary>
    public required string FormatKey { get; set; }

    /// <summary>How many craft businesses take part: one breakout room each per round.</summary>
    public int BusinessCapacity { get; set; }

    public int CreativesPerRoom { get; set; }
    public int ModeratorsPerRoom { get; set; } = 1;

    /// <summary>Rotation rounds at larger events; the source format has one.</summary>
    public int Rounds { get; set; } = 1;

    public EventStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the rooms' boards became read-only and their results final (docs/board-protocol.md AZ7): set once, when the
    /// event is finished or the organiser freezes the boards earlier; never cleared, so the handover mails go out once.
    /// </summary>
    public DateTimeOffset? ResultsFrozenAt { get; set; }

    /// <summary>The video service of the live event; Jitsi unless the organiser chooses another.</summary>
    public VideoProvider VideoProvider { get; set; }

    /// <summary>The plenary's link when <see cref="VideoProvider"/> is <see cref="VideoProvider.Link"/>; rooms keep theirs on the room.</summary>
    public string? PlenaryVideoLink { get; set; }

    /// <summary>Random per-event key for the video room names, made at the first use, so names differ per event.</summary>
    public string? VideoKey { get; set; }

    public List<AgendaPhase> Phases { get; set; } = [];
    public List<PartnerOrganisation> Organisations { get; set; } = [];

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
    public int CreativeCapacity => BusinessCapacity * CreativesPerRoom * Rounds;
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.Property(e => e.Slug).HasMaxLength(EventSlug.MaxLength);
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.Property(e => e.TimeZoneId).HasMaxLength(64);
        builder.Property(e => e.FormatKey).HasMaxLength(64);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.VideoProvider).HasConversion<string>().HasMaxLength(20).HasDefaultValue(VideoProvider.Jitsi);
        builder.Property(e => e.PlenaryVideoLink).HasMaxLength(500);
        builder.Property(e => e.VideoKey).HasMaxLength(64);
        builder.Ignore(e => e.EndsAt);
        builder.Ignore(e => e.CreativeCapacity);
        builder.HasOne(e => e.Programme).WithMany(p => p.Events).HasForeignKey(e => e.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Phases).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Organisations).WithMany(o => o.Events).UsingEntity("EventPartners");
    }
}
