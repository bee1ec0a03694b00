using System.Collections.Immutable;

namespace Tellerrand.Boards;

/// <summary>What the server knows about one client's applied pushes (ID2); part of the stored snapshot.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="HighestClientSeq">The highest clientSeq applied.</param>
/// <param name="Recent">The last <see cref="BoardLimits.IdempotencyWindow"/> applied pushes, ascending.</param>
[GenerateSerializer, Immutable]
public sealed record ClientProgress(string ClientId, long HighestClientSeq, ImmutableArray<AppliedPush> Recent);

/// <summary>One applied push: its clientSeq and the serverSeq it became.</summary>
/// <param name="ClientSeq">The client's number.</param>
/// <param name="ServerSeq">The board's number.</param>
[GenerateSerializer, Immutable]
public readonly record struct AppliedPush(long ClientSeq, long ServerSeq);

/// <summary>Whether a push is new, a repeat of an applied one, or an undecidable repeat (ID1–ID4).</summary>
public enum PushNovelty
{
    /// <summary>Not seen as applied: process it (ID4).</summary>
    New,

    /// <summary>Applied before: re-ack with the original serverSeq (ID1).</summary>
    Repeated,

    /// <summary>At or below the highest applied clientSeq but not remembered: reject <see cref="RejectReason.Stale"/> (ID3).</summary>
    Stale,
}

/// <summary>Remembers, per client id, which pushes were applied, so that a repeated push is applied once (ID1–ID4).</summary>
public sealed class IdempotencyTracker
{
    private readonly SortedDictionary<string, Progress> _clients = new(StringComparer.Ordinal);

    /// <summary>A tracker holding <paramref name="clients"/> (from a snapshot).</summary>
    public static IdempotencyTracker FromProgress(IEnumerable<ClientProgress> clients)
    {
        var tracker = new IdempotencyTracker();
        foreach (var client in clients)
        {
            tracker._clients[client.ClientId] = new Progress(client.HighestClientSeq, new List<AppliedPush>(client.Recent));
        }
        return tracker;
    }

    /// <summary>Classifies the push <paramref name="clientSeq"/> of <paramref name="clientId"/>; for a repeat, also its serverSeq.</summary>
    public (PushNovelty Novelty, long ServerSeq) Classify(string clientId, long clientSeq)
    {
        if (!_clients.TryGetValue(clientId, out var progress) || clientSeq > progress.Highest)
        {
            return (PushNovelty.New, 0);
        }
        var recent = progress.Recent;
        var at = recent.BinarySearch(new AppliedPush(clientSeq, 0), Comparer<AppliedPush>.Create((a, b) => a.ClientSeq.CompareTo(b.ClientSeq)));
        return at >= 0 ? (PushNovelty.Repeated, recent[at].ServerSeq) : (PushNovelty.Stale, 0);
    }

    /// <summary>Records that <paramref name="clientSeq"/> of <paramref name="clientId"/> became <paramref name="serverSeq"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="clientSeq"/> is not above the highest applied one (PU5).</exception>
    public void Record(string clientId, long clientSeq, long serverSeq)
    {
        if (!_clients.TryGetValue(clientId, out var progress))
        {
            progress = new Progress(0, []);
            _clients[clientId] = progress;
        }
        if (clientSeq <= progress.Highest)
        {
            throw new ArgumentException($"Client {clientId} already applied {progress.Highest}; {clientSeq} cannot follow it.");
        }
        progress.Highest = clientSeq;
        progress.Recent.Add(new AppliedPush(clientSeq, serverSeq));
        if (progress.Recent.Count > BoardLimits.IdempotencyWindow)
        {
            progress.Recent.RemoveAt(0);
        }
    }

    /// <summary>The table for a snapshot, in ordinal client id order.</summary>
    public ImmutableArray<ClientProgress> ToProgress() =>
        [.. _clients.Select(c => new ClientProgress(c.Key, c.Value.Highest, [.. c.Value.Recent]))];

    private sealed class Progress(long highest, List<AppliedPush> recent)
    {
        public long Highest { get; set; } = highest;

        public List<AppliedPush> Recent { get; } = recent;
    }
}
