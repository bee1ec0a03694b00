using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Boards;

/// <summary>
/// One applied push in a board's durable log (docs/board-protocol.md LG1). The key (board, serverSeq) is what stops a
/// second activation of the same board from forking the log (LG2): its append collides with the first one's rows.
/// </summary>
public sealed class BoardLogEntry
{
    public Guid BoardId { get; set; }
    public long ServerSeq { get; set; }

    /// <summary>The random id a browser tab makes per page load, or <c>system</c>; names no person.</summary>
    public required string ClientId { get; set; }

    public long ClientSeq { get; set; }

    /// <summary>The patch as <c>BoardStorageFormat</c> JSON. It holds what people wrote on the board and who voted.</summary>
    [PersonalData]
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The whole board at one serverSeq (LG3), so that loading never replays a long log.</summary>
public sealed class StoredBoardSnapshot
{
    public Guid BoardId { get; set; }
    public long ServerSeq { get; set; }

    /// <summary>The snapshot as <c>BoardStorageFormat</c> JSON: records and idempotency table.</summary>
    [PersonalData]
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class BoardLogEntryConfiguration : IEntityTypeConfiguration<BoardLogEntry>
{
    public void Configure(EntityTypeBuilder<BoardLogEntry> builder)
    {
        builder.ToTable("BoardLog");
        builder.HasKey(e => new { e.BoardId, e.ServerSeq });
        builder.Property(e => e.ServerSeq).ValueGeneratedNever();
        builder.Property(e => e.ClientId).HasMaxLength(Tellerrand.Boards.BoardLimits.MaxIdLength);
    }
}

internal sealed class StoredBoardSnapshotConfiguration : IEntityTypeConfiguration<StoredBoardSnapshot>
{
    public void Configure(EntityTypeBuilder<StoredBoardSnapshot> builder)
    {
        builder.ToTable("BoardSnapshots");
        builder.HasKey(s => new { s.BoardId, s.ServerSeq });
        builder.Property(s => s.ServerSeq).ValueGeneratedNever();
    }
}
