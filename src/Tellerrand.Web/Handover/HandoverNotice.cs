using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Handover;

/// <summary>
/// That a person was sent the handover mail of a room. The key (room, person) makes the mail go out once per person and room,
/// however often the results are frozen again or the host restarts while sending.
/// </summary>
public sealed class HandoverNotice
{
    public Guid RoomId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class HandoverNoticeConfiguration : IEntityTypeConfiguration<HandoverNotice>
{
    public void Configure(EntityTypeBuilder<HandoverNotice> builder)
    {
        builder.HasKey(n => new { n.RoomId, n.PersonId });
        builder.HasOne<Room>().WithMany().HasForeignKey(n => n.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
