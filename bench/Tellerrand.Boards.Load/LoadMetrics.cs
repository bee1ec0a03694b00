using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tellerrand.Boards.Load;

/// <summary>
/// What the clients observe, on one clock (this process's Stopwatch): acknowledgement latency (push sent → Ack, i.e.
/// durable), fan-out latency (push sent → a patch at each other client of the board), and counts. Also the signal that
/// lets waiters re-check a condition whenever any client received something, instead of sleeping.
/// </summary>
public sealed class LoadMetrics
{
    private readonly ConcurrentDictionary<(string ClientId, long ClientSeq), Fanout> _inFlight = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _acked;
    private long _delivered;

    /// <summary>Latencies are kept only while this is set (after warm-up, outside restarts).</summary>
    public bool Recording { get; set; }

    public LatencyRecorder AckLatency { get; } = new();

    /// <summary>Per delivery: push sent → one other client received its patch.</summary>
    public LatencyRecorder FanoutLatency { get; } = new();

    /// <summary>Per push: push sent → the last other client of the board received its patch.</summary>
    public LatencyRecorder FanoutCompleteLatency { get; } = new();

    public long AckedCount => Interlocked.Read(ref _acked);

    public long DeliveredCount => Interlocked.Read(ref _delivered);

    /// <summary>Forgets pushes whose patches never all arrived (e.g. across a kill), so they do not count as late later.</summary>
    public void ForgetInFlight() => _inFlight.Clear();

    public void Reset()
    {
        AckLatency.Clear();
        FanoutLatency.Clear();
        FanoutCompleteLatency.Clear();
        ForgetInFlight();
    }

    public void Sent(string clientId, long clientSeq, long sentAt, int receivers)
    {
        if (Recording && sentAt != 0 && receivers > 0)
        {
            _inFlight.TryAdd((clientId, clientSeq), new Fanout(sentAt, receivers));
        }
    }

    public void Acked(long sentAt, long now)
    {
        Interlocked.Increment(ref _acked);
        if (Recording && sentAt != 0)
        {
            AckLatency.Add(Stopwatch.GetElapsedTime(sentAt, now));
        }
        Pulse();
    }

    public void Delivered(string clientId, long clientSeq, long now)
    {
        Interlocked.Increment(ref _delivered);
        if (_inFlight.TryGetValue((clientId, clientSeq), out var fanout))
        {
            var latency = Stopwatch.GetElapsedTime(fanout.SentAt, now);
            if (Recording)
            {
                FanoutLatency.Add(latency);
            }
            if (Interlocked.Decrement(ref fanout.Remaining) == 0)
            {
                _inFlight.TryRemove((clientId, clientSeq), out _);
                if (Recording)
                {
                    FanoutCompleteLatency.Add(latency);
                }
            }
        }
        Pulse();
    }

    /// <summary>Something changed at some client; waiters re-check their condition.</summary>
    public void Pulse() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns once <paramref name="condition"/> holds, re-checking after every message any client receives.</summary>
    /// <exception cref="TimeoutException">When it does not hold within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition())
            {
                return;
            }
            var left = timeout - Stopwatch.GetElapsedTime(deadline);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds} s: {what}.");
            }
            // A condition may also change without a message (a connection closing is pulsed too); the cap keeps a
            // missed pulse from costing more than a moment.
            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250)));
        }
    }

    private sealed class Fanout(long sentAt, int remaining)
    {
        public long SentAt { get; } = sentAt;
        public int Remaining = remaining;
    }
}

/// <summary>Latency samples in milliseconds; thread-safe.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _samples = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count;
            }
        }
    }

    public void Add(TimeSpan latency)
    {
        lock (_lock)
        {
            _samples.Add(latency.TotalMilliseconds);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _samples.Clear();
        }
    }

    /// <summary>The <paramref name="percentile"/> (0–100) by nearest rank; NaN without samples.</summary>
    public double Percentile(double percentile)
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _samples];
        }
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
