using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>
/// A breakout room in one round: one business, its creatives and a moderator, with its own video
/// link and board. Rooms are what matching produces and what the live event sends people to.
/// </summary>
public sealed class Room
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public int Round { get; set; } = 1;
    public int Number { get; set; }
    public Guid BusinessId { get; set; }
    public Business? Business { get; set; }
    public Guid? ModeratorId { get; set; }
    public Person? Moderator { get; set; }
    public string? VideoLink { get; set; }

    /// <summary>Id of the room's board grain; created with the room so the board can be prepared beforehand.</summary>
    public Guid BoardId { get; set; }

    public List<RoomCreative> Creatives { get; set; } = [];
}

/// <summary>A creative's seat in a room.</summary>
public sealed class RoomCreative
{
    public Guid RoomId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.Property(r => r.VideoLink).HasMaxLength(500);
        builder.HasIndex(r => new { r.EventId, r.Round, r.Number }).IsUnique();
        builder.HasIndex(r => r.BoardId).IsUnique();
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Business).WithMany().HasForeignKey(r => r.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Moderator).WithMany().HasForeignKey(r => r.ModeratorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Creatives).WithOne().HasForeignKey(c => c.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoomCreativeConfiguration : IEntityTypeConfiguration<RoomCreative>
{
    public void Configure(EntityTypeBuilder<RoomCreative> builder)
    {
        builder.HasKey(c => new { c.RoomId, c.PersonId });
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
