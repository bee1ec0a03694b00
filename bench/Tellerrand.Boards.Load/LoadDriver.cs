using System.Diagnostics;

namespace Tellerrand.Boards.Load;

/// <summary>How long a kill -9 and restart took, as the clients saw it.</summary>
/// <param name="Healthy">From starting the new process until it answered /healthz.</param>
/// <param name="Resynced">From starting the new process until every client had resumed and every push it made before the kill was acknowledged.</param>
public sealed record RestartTiming(TimeSpan Healthy, TimeSpan Resynced);

/// <summary>What the durable board says about the clients' acknowledgements and replicas.</summary>
/// <param name="AcksChecked">Acknowledged pushes compared with the log or the board.</param>
/// <param name="AcksMissing">Acknowledged pushes that the durable log or board does not hold (must be 0).</param>
/// <param name="ReplicasChecked">Replicas compared with the durable board.</param>
/// <param name="ReplicasDiffering">Replicas whose confirmed state or serverSeq differs from the durable board.</param>
/// <param name="Problems">The first few differences, for a failure message.</param>
public sealed record Verification(int AcksChecked, int AcksMissing, int ReplicasChecked, int ReplicasDiffering, IReadOnlyList<string> Problems);

/// <summary>
/// Many <see cref="LoadClient"/>s on seeded rooms: connects them, makes edits at a steady rate per client, survives
/// kill -9 and restarts of the host, and checks the outcome against the durable board in the database.
/// </summary>
public sealed class LoadDriver : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    /// <summary>A client stops making edits while this many are unacknowledged (offline for long), as a person would wait.</summary>
    private const int MaxPending = 500;

    private CancellationTokenSource? _editing;
    private Task? _loop;

    /// <param name="server">Where the clients connect: a host, or a load balancer in front of several.</param>
    /// <param name="rooms">The seeded rooms; every person of every room becomes one client.</param>
    /// <param name="preferredHost">For a load balancer: the host each client (by number) prefers, see <see cref="LoadClient.PreferredHost"/>.</param>
    public LoadDriver(Uri server, IReadOnlyList<LoadRoom> rooms, Func<int, string?>? preferredHost = null)
    {
        var number = 0;
        Clients = [.. rooms.SelectMany(room => room.People.Select((person, seat) =>
        {
            var client = number++;
            return new LoadClient(server, room, person, seat, client, Metrics) { PreferredHost = preferredHost?.Invoke(client) };
        }))];
    }

    public IReadOnlyList<LoadClient> Clients { get; }

    public LoadMetrics Metrics { get; } = new();

    /// <summary>Opens every magic link, then connects and resumes every client, <paramref name="parallelism"/> at a time.</summary>
    public async Task ConnectAllAsync(int parallelism = 16, CancellationToken cancellationToken = default)
    {
        await Parallel.ForEachAsync(Clients, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (client, token) =>
        {
            await client.OpenLinkAsync(token);
            await client.ConnectAsync(token);
        });
        await Metrics.WaitUntilAsync(() => Clients.All(c => c.Resumes > 0), TimeSpan.FromSeconds(60), "every client resumed its board");
    }

    /// <summary>Starts editing: each client makes <paramref name="editsPerSecond"/> edits a second, evenly spread, until stopped.</summary>
    public void StartEditing(double editsPerSecond, EditMode mode)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("Already editing.");
        }
        _editing = new CancellationTokenSource();
        _loop = RunAsync(editsPerSecond, mode, _editing.Token);
    }

    public async Task StopEditingAsync()
    {
        if (_loop is null)
        {
            return;
        }
        await _editing!.CancelAsync();
        await _loop;
        _editing.Dispose();
        _loop = null;
        _editing = null;
    }

    /// <summary>
    /// Kills the host with SIGKILL while the clients go on editing, starts it again on the same database and ports, and
    /// waits until every client has resumed and every push it made before the kill is acknowledged.
    /// <paramref name="resyncPatience"/> counts from the moment the new process is healthy, since how long a start takes
    /// depends on what else runs on the machine.
    /// </summary>
    public Task<RestartTiming> KillAndRestartAsync(TellerrandHost host, TimeSpan resyncPatience) => OutageAsync(host, restart: true, resyncPatience);

    /// <summary>
    /// Kills one of several hosts behind a load balancer with SIGKILL and does not start it again: the clients that were
    /// on it reconnect through the balancer to a survivor, whose silo takes over the lost host's boards once the cluster
    /// has declared it dead. Waits until every client has resumed and every push it made before the kill is acknowledged;
    /// <see cref="RestartTiming.Healthy"/> is zero.
    /// </summary>
    public Task<RestartTiming> FailOverAsync(TellerrandHost killed, TimeSpan resyncPatience) => OutageAsync(killed, restart: false, resyncPatience);

    private async Task<RestartTiming> OutageAsync(TellerrandHost host, bool restart, TimeSpan resyncPatience)
    {
        var before = Clients.Select(c => (Client: c, c.Resumes, c.Disconnects, c.LastEditSeq)).ToList();
        var recording = Metrics.Recording;
        Metrics.Recording = false;
        await host.KillAsync();
        Metrics.ForgetInFlight();
        var restartedAt = Stopwatch.GetTimestamp();
        if (restart)
        {
            await host.StartAsync();
        }
        var healthy = restart ? Stopwatch.GetElapsedTime(restartedAt) : TimeSpan.Zero;
        if (!restart)
        {
            // The killed host's connections close at once; until one of its clients has noticed, nobody looks behind.
            await Metrics.WaitUntilAsync(() => before.Any(b => b.Client.Disconnects > b.Disconnects), resyncPatience, "a client of the killed host noticed");
        }
        // Only clients that lost their connection have to resume; after a restart that is every one of them.
        static bool Done((LoadClient Client, int Resumes, int Disconnects, long LastEditSeq) b) =>
            (b.Client.Disconnects == b.Disconnects || b.Client.Resumes > b.Resumes)
            && b.Client.IsConnected && b.Client.Read(r => r.Pending.Count == 0 || r.Pending[0].ClientSeq > b.LastEditSeq);
        try
        {
            await Metrics.WaitUntilAsync(() => before.All(Done), resyncPatience, "every client resumed after the outage and got its earlier pushes acknowledged");
        }
        catch (TimeoutException e)
        {
            var behind = before.Where(b => !Done(b)).ToList();
            throw new TimeoutException($"{e.Message} {behind.Count} clients are behind:\n" +
                string.Join('\n', behind.Take(10).Select(b => $"{b.Client} (before the kill: {b.Resumes} resumes, last edit {b.LastEditSeq})")), e);
        }
        var resynced = Stopwatch.GetElapsedTime(restartedAt);
        Metrics.Recording = recording;
        return new RestartTiming(healthy, resynced);
    }

    /// <summary>
    /// After editing stopped: waits until no client has a pending push and every replica has reached the board's durable
    /// serverSeq (resuming clients that wait longer than 2 s, RS3).
    /// </summary>
    public async Task WaitConvergedAsync(TellerrandHost host, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = patience - Stopwatch.GetElapsedTime(deadline);
            try
            {
                await Metrics.WaitUntilAsync(() => Clients.All(c => c.Read(r => r.Pending.Count == 0)),
                    left < TimeSpan.FromSeconds(2) ? left : TimeSpan.FromSeconds(2), "every push acknowledged or rejected");
                break;
            }
            catch (TimeoutException) when (Stopwatch.GetElapsedTime(deadline) < patience)
            {
                // The editing tick has stopped; the clients still resume when a gap or an unanswered push lasts (RS3).
                var now = Stopwatch.GetTimestamp();
                foreach (var client in Clients)
                {
                    client.CheckGap(now);
                }
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{string.Join('\n', Clients.Where(c => c.Read(r => r.Pending.Count > 0)).Take(10))}", e);
            }
        }
        var targets = new Dictionary<Guid, long>();
        foreach (var room in Clients.Select(c => c.Room).Distinct())
        {
            targets[room.BoardId] = (await LoadRooms.DurableBoardAsync(host.Settings, room.BoardId)).Authority.ServerSeq;
        }
        bool Behind(LoadClient c) => c.Read(r => r.ConfirmedSeq) != targets[c.Room.BoardId];
        while (true)
        {
            var left = patience - Stopwatch.GetElapsedTime(deadline);
            try
            {
                await Metrics.WaitUntilAsync(() => !Clients.Any(Behind), left < TimeSpan.FromSeconds(2) ? left : TimeSpan.FromSeconds(2), "every replica at the durable serverSeq");
                return;
            }
            catch (TimeoutException) when (Stopwatch.GetElapsedTime(deadline) < patience)
            {
                // A patch lost with no later one to reveal the gap: resume, as a client does after waiting 2 s (RS3).
                foreach (var client in Clients.Where(Behind))
                {
                    await client.ResumeQuietlyAsync();
                }
            }
        }
    }

    /// <summary>
    /// Compares every acknowledgement with the durable board, read from the database with the app's own store: the log
    /// entry at the acknowledged serverSeq must be that push, and (for <see cref="EditMode.CreateNotes"/>) the note it
    /// created must be on the board, also once the entry has been compacted into a snapshot. With
    /// <paramref name="compareReplicas"/>, every replica's confirmed state must equal the durable board.
    /// </summary>
    public async Task<Verification> VerifyAsync(TellerrandHost host, bool compareReplicas)
    {
        int checkedAcks = 0, missing = 0, replicas = 0, differing = 0;
        var problems = new List<string>();
        foreach (var group in Clients.GroupBy(c => c.Room.BoardId))
        {
            // The acks are read before the board: an ack arrives only after its push is durable, so every ack read here
            // must be on the board read next, also while the clients go on editing (per-cycle checks of the crash mode).
            var acks = group.ToDictionary(c => c, c => c.Acked());
            var durable = await LoadRooms.DurableBoardAsync(host.Settings, group.Key);
            var log = durable.Recent.ToDictionary(e => e.ServerSeq);
            var state = durable.Authority.State;
            foreach (var client in group)
            {
                var created = client.Created();
                foreach (var (clientSeq, serverSeq) in acks[client])
                {
                    checkedAcks++;
                    var inLog = log.TryGetValue(serverSeq, out var entry);
                    var lost = serverSeq > durable.Authority.ServerSeq
                        || (inLog && (entry!.ClientId != client.ClientId || entry.ClientSeq != clientSeq))
                        || (created.TryGetValue(clientSeq, out var note) && state.Get(note) is null);
                    if (lost)
                    {
                        missing++;
                        Note(problems, $"board {group.Key:N}: ack {client.ClientId}/{clientSeq} → serverSeq {serverSeq} is not durable (log ends at {durable.Authority.ServerSeq})");
                    }
                }
                if (compareReplicas)
                {
                    replicas++;
                    var (seq, confirmed) = client.Read(r => (r.ConfirmedSeq, r.Confirmed));
                    if (seq != durable.Authority.ServerSeq || !confirmed.Equals(state))
                    {
                        differing++;
                        Note(problems, $"board {group.Key:N}: replica {client.ClientId} at serverSeq {seq} with {confirmed.Count} records, durable board at {durable.Authority.ServerSeq} with {state.Count}");
                    }
                }
            }
        }
        return new Verification(checkedAcks, missing, replicas, differing, problems);
    }

    public async ValueTask DisposeAsync()
    {
        await StopEditingAsync();
        await Task.WhenAll(Clients.Select(c => c.DisposeAsync().AsTask()));
    }

    private static void Note(List<string> problems, string problem)
    {
        if (problems.Count < 10)
        {
            problems.Add(problem);
        }
    }

    private async Task RunAsync(double editsPerSecond, EditMode mode, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var made = new long[Clients.Count];
        // Spread the clients over the interval between two edits, so that they do not all push in the same tick.
        var phase = Clients.Select((_, i) => (double)i / Clients.Count).ToArray();
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
                for (var i = 0; i < Clients.Count; i++)
                {
                    var client = Clients[i];
                    client.CheckGap(now);
                    var due = (long)(elapsed * editsPerSecond + phase[i]);
                    while (made[i] < due)
                    {
                        made[i]++;
                        if (client.Read(r => r.Pending.Count) < MaxPending)
                        {
                            client.Edit(mode);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
