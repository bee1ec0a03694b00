using System.Collections.Immutable;

namespace Tellerrand.Boards;

// The messages of docs/board-protocol.md §4. They cross grain boundaries (hub ↔ BoardGrain), so they carry Orleans
// serializers; record primary-constructor parameters get their field ids in declaration order, so never reorder them.

/// <summary>Client → server on every (re)connect (RS1, VS1). The hub adds the board id from the call.</summary>
/// <param name="ProtocolVersion">The client's <see cref="BoardLimits.ProtocolVersion"/>.</param>
/// <param name="ClientId">The client's id for this page load.</param>
/// <param name="LastServerSeq">The last serverSeq the client has applied; 0 on first load.</param>
[GenerateSerializer, Immutable]
public sealed record ResumeMessage(int ProtocolVersion, string ClientId, long LastServerSeq);

/// <summary>Server → client, the answer to <see cref="ResumeMessage"/>: either patches or a snapshot (RS1, RS2).</summary>
/// <param name="ServerSeq">The serverSeq the client is at after applying this.</param>
/// <param name="Patches">The patches after the client's last serverSeq, in order; null when a snapshot is sent.</param>
/// <param name="Snapshot">All records at <paramref name="ServerSeq"/>; null when patches are sent.</param>
[GenerateSerializer, Immutable]
public sealed record ResumedMessage(long ServerSeq, ImmutableArray<PatchMessage>? Patches, ImmutableArray<BoardRecord>? Snapshot);

/// <summary>Client → server: a batch of changes applied all or nothing.</summary>
/// <param name="ClientId">The client's id for this page load.</param>
/// <param name="ClientSeq">1, 2, 3, … per client id.</param>
/// <param name="Changes">The changes in order.</param>
[GenerateSerializer, Immutable]
public sealed record PushMessage(string ClientId, long ClientSeq, ImmutableArray<BoardChange> Changes);

/// <summary>Server → sender once the push is durable (AK1).</summary>
/// <param name="ClientSeq">The acknowledged push.</param>
/// <param name="ServerSeq">The serverSeq it became.</param>
/// <param name="Changes">The patch when it differs from the pushed changes, else null (AK3).</param>
[GenerateSerializer, Immutable]
public sealed record AckMessage(long ClientSeq, long ServerSeq, ImmutableArray<BoardChange>? Changes);

/// <summary>Server → sender when a push is refused; nothing changed.</summary>
/// <param name="ClientSeq">The refused push.</param>
/// <param name="Reason">Why.</param>
[GenerateSerializer, Immutable]
public sealed record RejectMessage(long ClientSeq, RejectReason Reason);

/// <summary>Server → the other clients once a push is durable (AK2); also the element of <see cref="ResumedMessage.Patches"/>.</summary>
/// <param name="ServerSeq">The push's serverSeq.</param>
/// <param name="ClientId">The client that pushed it, so that it recognises its own push on resume (RS4).</param>
/// <param name="ClientSeq">The push's clientSeq.</param>
/// <param name="Changes">What the push actually changed.</param>
[GenerateSerializer, Immutable]
public sealed record PatchMessage(long ServerSeq, string ClientId, long ClientSeq, ImmutableArray<BoardChange> Changes);
