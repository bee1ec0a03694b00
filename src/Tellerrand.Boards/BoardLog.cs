using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>One applied push in the board's durable log (LG1). Entries with clientSeq 0 come from the server itself (a template).</summary>
/// <param name="ServerSeq">The board's number for the push.</param>
/// <param name="ClientId">The client that pushed it.</param>
/// <param name="ClientSeq">The client's number for it, or 0 for a server-made entry.</param>
/// <param name="Changes">The patch: what the push actually changed.</param>
[GenerateSerializer, Immutable]
public sealed record LogEntry(long ServerSeq, string ClientId, long ClientSeq, ImmutableArray<BoardChange> Changes)
{
    /// <summary>The entry as a patch for the other clients and for resume (AK2, RS1).</summary>
    public PatchMessage ToPatch() => new(ServerSeq, ClientId, ClientSeq, Changes);

    /// <summary>The re-ack for a repeated push (ID1); it always carries the patch, since the sender may not have seen it.</summary>
    public AckMessage ToRepeatAck() => new(ClientSeq, ServerSeq, Changes);
}

/// <summary>The whole board at one serverSeq, as stored (LG3); records and idempotency table together, so replay is exact (LG1).</summary>
/// <param name="FormatVersion">The storage format (LG4); see <see cref="CurrentFormatVersion"/>.</param>
/// <param name="ServerSeq">The last applied serverSeq.</param>
/// <param name="Records">All records in ordinal id order.</param>
/// <param name="Clients">The idempotency table (ID2).</param>
[GenerateSerializer, Immutable]
public sealed record BoardSnapshot(int FormatVersion, long ServerSeq, ImmutableArray<BoardRecord> Records, ImmutableArray<ClientProgress> Clients)
{
    /// <summary>The format this library writes.</summary>
    public const int CurrentFormatVersion = 1;
}
