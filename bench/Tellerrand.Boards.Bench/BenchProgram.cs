using System.Diagnostics;
using System.Globalization;
using Tellerrand.Boards.Load;

namespace Tellerrand.Boards.Bench;

/// <summary>
/// The board load generator (docs/BENCHMARKS.md, "Boards"). Tellerrand.Web runs as a separate process; this process is
/// the clients. Modes: <c>throughput</c> (latencies, rates, CPU, memory, and the relay baseline), <c>connections</c>
/// (memory per idle connection), <c>crash</c> (kill -9 and restart cycles under load), and <c>relay</c> (the baseline
/// server, started by <c>throughput</c> as its own process).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        if (settings.Mode == "relay")
        {
            await RelayServer.RunAsync(settings.Port);
            return 0;
        }
        var dataPath = Directory.CreateTempSubdirectory("tellerrand-bench-").FullName;
        Print($"# Board benchmark, mode {settings.Mode}, {settings.Boards} boards × 5 clients, database {(settings.Postgres is null ? "SQLite" : "PostgreSQL")}");
        Print($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start, .NET {Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var clusterId = $"bench-{Guid.NewGuid():N}"[..20];
        var hostSettings = TellerrandHostSettings.OnFreePorts(dataPath, settings.Postgres);
        var host = new TellerrandHost(settings.Hosts == 2 ? hostSettings.InCluster(clusterId) : hostSettings);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await host.StartAsync();
            Print($"host started and healthy in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (pid {host.ProcessId}, log {host.LogPath})");
            return settings.Mode switch
            {
                "throughput" when settings.Hosts == 2 => await TwoHostsAsync(settings, host, clusterId),
                "throughput" => await ThroughputAsync(settings, host),
                "connections" => await ConnectionsAsync(settings, host),
                "crash" => await CrashAsync(settings, host),
                _ => throw new ArgumentException($"Unknown mode {settings.Mode}."),
            };
        }
        catch
        {
            await host.KillAsync();
            Print($"failed; the last lines the host wrote:\n{string.Join('\n', File.ReadLines(host.LogPath).TakeLast(40))}");
            throw;
        }
        finally
        {
            await host.DisposeAsync();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task<(LoadDriver Driver, long IdleRss)> ConnectAsync(BenchSettings settings, TellerrandHost host)
    {
        var seeded = Stopwatch.GetTimestamp();
        var rooms = await LoadRooms.SeedAsync(host.Settings, settings.Boards);
        Print($"seeded {rooms.Count} rooms and {rooms.Count * 5} magic links in {Stopwatch.GetElapsedTime(seeded).TotalSeconds:F1} s");
        var idle = host.ResidentBytes();
        var driver = new LoadDriver(host.Settings.BaseAddress, rooms);
        var connecting = Stopwatch.GetTimestamp();
        await driver.ConnectAllAsync();
        Print($"{driver.Clients.Count} clients opened their links, connected and resumed in {Stopwatch.GetElapsedTime(connecting).TotalSeconds:F1} s");
        return (driver, idle);
    }

    /// <summary>
    /// Memory per connection, two ways: all connections against the seeded server with none (what a first event costs,
    /// the warm-up of caches and code paths included), and the second half of the connections against the first half
    /// (what one more connection costs, the figure that decides how many fit). The relay baseline is measured the same way.
    /// </summary>
    private static async Task<int> ConnectionsAsync(BenchSettings settings, TellerrandHost host)
    {
        var seeded = Stopwatch.GetTimestamp();
        var rooms = await LoadRooms.SeedAsync(host.Settings, settings.Boards);
        Print($"seeded {rooms.Count} rooms and {rooms.Count * 5} magic links in {Stopwatch.GetElapsedTime(seeded).TotalSeconds:F1} s");
        var idle = host.ResidentBytes();
        var half = rooms.Count / 2;
        await using var first = new LoadDriver(host.Settings.BaseAddress, [.. rooms.Take(half)]);
        await using var second = new LoadDriver(host.Settings.BaseAddress, [.. rooms.Skip(half)]);
        var connecting = Stopwatch.GetTimestamp();
        await first.ConnectAllAsync();
        // Let the connections settle: the resumes' allocations become garbage the server's GC may return.
        await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
        var halfway = host.ResidentBytes();
        await second.ConnectAllAsync();
        await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
        var connected = host.ResidentBytes();
        var count = first.Clients.Count + second.Clients.Count;
        Print($"{count} clients opened their links, connected and resumed in {Stopwatch.GetElapsedTime(connecting).TotalSeconds:F1} s (settling included)");
        var perConnection = (connected - idle) / (double)count;
        var marginal = (connected - halfway) / (double)second.Clients.Count;
        Print($"server RSS idle (seeded, no client) {Mib(idle)} MiB; with {first.Clients.Count} clients {Mib(halfway)} MiB; with {count} clients {Mib(connected)} MiB");
        Print($"**memory per connection: {perConnection / 1024:F1} KiB** (all connections against none), **{marginal / 1024:F1} KiB** (second half against the first); " +
            $"connected: {first.Clients.Concat(second.Clients).Count(c => c.IsConnected)}");
        if (!settings.SkipBaseline)
        {
            // Same count, same settling time, a bare Kestrel WebSocket per client: what the platform itself costs.
            var relay = await RelayBaseline.MemoryPerConnectionAsync(settings, count);
            Print($"relay baseline, same run: {relay.All / 1024:F1} KiB per connection (all against none), {relay.Marginal / 1024:F1} KiB (second half against the first); " +
                $"**ratio Tellerrand / relay {perConnection / relay.All:F2}× and {marginal / relay.Marginal:F2}×**");
        }
        return 0;
    }

    private static async Task<int> ThroughputAsync(BenchSettings settings, TellerrandHost host)
    {
        var (driver, idle) = await ConnectAsync(settings, host);
        await using (driver)
        {
            var connectedRss = host.ResidentBytes();
            Print($"server RSS idle {Mib(idle)} MiB, connected {Mib(connectedRss)} MiB: {(connectedRss - idle) / 1024.0 / driver.Clients.Count:F1} KiB per connection");
            driver.StartEditing(settings.Rate, EditMode.UpdateText);
            await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
            var measured = await MeasureAsync(driver.Metrics, () => host.CpuTime(), settings.Seconds);
            await driver.StopEditingAsync();
            Print($"server RSS under load {Mib(host.ResidentBytes())} MiB; rejects {driver.Clients.Sum(c => c.Rejects)}");
            Report("Tellerrand (hub → grain → durable log → fan-out)", settings, driver.Clients.Count, measured);
            if (!settings.SkipBaseline)
            {
                var baseline = await RelayBaseline.RunAsync(settings, driver.Clients.Count);
                Report("baseline: loopback WebSocket relay (no auth, no order, no storage)", settings, driver.Clients.Count, baseline);
                Print($"**ratios Tellerrand / relay**: ack p50 {measured.AckP50 / baseline.AckP50:F1}×, ack p99 {measured.AckP99 / baseline.AckP99:F1}×, " +
                    $"fan-out p50 {measured.FanoutP50 / baseline.FanoutP50:F1}×, fan-out p99 {measured.FanoutP99 / baseline.FanoutP99:F1}×, " +
                    $"server CPU per change {measured.ServerCpuPerChange / baseline.ServerCpuPerChange:F1}×");
            }
        }
        return 0;
    }

    /// <summary>
    /// Issue 8: the same load on one host and then on two hosts of one cluster, in the same run, both through the same
    /// reverse proxy so that only the second host differs. With two hosts each board's five clients are split over both
    /// (sticky per client), so most patches cross from the silo holding the board to the other host.
    /// </summary>
    private static async Task<int> TwoHostsAsync(BenchSettings settings, TellerrandHost first, string clusterId)
    {
        Measurement one;
        await using (var proxy = await HostProxy.StartAsync(new Dictionary<string, Uri> { ["a"] = first.Settings.BaseAddress }))
        {
            one = await MeasureThroughProxyAsync(settings, first.Settings, proxy, _ => "a", () => first.CpuTime());
        }
        Report("one host, through the proxy", settings, settings.Boards * 5, one);

        await using var second = new TellerrandHost(TellerrandHostSettings.OnFreePorts(Path.Combine(first.Settings.DataPath, "second"), settings.Postgres).InCluster(clusterId));
        await second.StartAsync();
        Measurement two;
        await using (var proxy = await HostProxy.StartAsync(new Dictionary<string, Uri> { ["a"] = first.Settings.BaseAddress, ["b"] = second.Settings.BaseAddress }))
        {
            two = await MeasureThroughProxyAsync(settings, first.Settings, proxy, client => client % 2 == 0 ? "a" : "b", () => first.CpuTime() + second.CpuTime());
            Print($"hub connections per host: a {proxy.HubConnectionsTo("a")}, b {proxy.HubConnectionsTo("b")}");
        }
        Report("two hosts, one cluster, clients of each board split over both", settings, settings.Boards * 5, two);
        Print($"**ratios two hosts / one host**: in {two.AckRate / one.AckRate:F2}×, ack p50 {two.AckP50 / one.AckP50:F1}×, ack p99 {two.AckP99 / one.AckP99:F1}×, " +
            $"fan-out p50 {two.FanoutP50 / one.FanoutP50:F1}×, fan-out p99 {two.FanoutP99 / one.FanoutP99:F1}×, server CPU per change {two.ServerCpuPerChange / one.ServerCpuPerChange:F1}×");
        return 0;
    }

    private static async Task<Measurement> MeasureThroughProxyAsync(BenchSettings settings, TellerrandHostSettings seedOn, HostProxy proxy, Func<int, string?> preferredHost, Func<TimeSpan> serverCpu)
    {
        var rooms = await LoadRooms.SeedAsync(seedOn, settings.Boards);
        await using var driver = new LoadDriver(proxy.BaseAddress, rooms, preferredHost);
        await driver.ConnectAllAsync();
        driver.StartEditing(settings.Rate, EditMode.UpdateText);
        await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
        var measured = await MeasureAsync(driver.Metrics, serverCpu, settings.Seconds);
        await driver.StopEditingAsync();
        Print($"rejects {driver.Clients.Sum(c => c.Rejects)}");
        return measured;
    }

    private static async Task<int> CrashAsync(BenchSettings settings, TellerrandHost host)
    {
        var (driver, _) = await ConnectAsync(settings, host);
        await using (driver)
        {
            driver.StartEditing(settings.Rate, EditMode.CreateNotes);
            var lost = 0;
            var timings = new List<RestartTiming>();
            for (var cycle = 1; cycle <= settings.Cycles; cycle++)
            {
                var acked = driver.Metrics.AckedCount;
                await Task.Delay(TimeSpan.FromSeconds(settings.CycleSeconds));
                var pending = driver.Clients.Sum(c => c.Read(r => r.Pending.Count));
                var timing = await driver.KillAndRestartAsync(host, TimeSpan.FromSeconds(120));
                var verification = await driver.VerifyAsync(host, compareReplicas: false);
                lost += verification.AcksMissing;
                timings.Add(timing);
                Print($"cycle {cycle,2}: {driver.Metrics.AckedCount - acked,6} acks in the cycle, {pending,4} pushes unacknowledged at the kill; " +
                    $"healthy after {timing.Healthy.TotalSeconds:F1} s, every client resynced after {timing.Resynced.TotalSeconds:F1} s; " +
                    $"acknowledged pushes checked {verification.AcksChecked}, missing {verification.AcksMissing}");
                foreach (var problem in verification.Problems)
                {
                    Print($"  {problem}");
                }
            }
            await driver.StopEditingAsync();
            await driver.WaitConvergedAsync(host, TimeSpan.FromSeconds(120));
            var final = await driver.VerifyAsync(host, compareReplicas: true);
            Print($"after {settings.Cycles} cycles: {final.AcksChecked} acknowledged pushes checked, **{final.AcksMissing + lost} missing** (per cycle and at the end); " +
                $"{final.ReplicasChecked} replicas compared with the durable board, {final.ReplicasDiffering} differ");
            Print($"resync after restart: median {Median(timings.Select(t => t.Resynced.TotalSeconds)):F1} s, **max {timings.Max(t => t.Resynced.TotalSeconds):F1} s**; " +
                $"of which the server start (to healthy): median {Median(timings.Select(t => t.Healthy.TotalSeconds)):F1} s, max {timings.Max(t => t.Healthy.TotalSeconds):F1} s");
            return final.AcksMissing + lost == 0 && final.ReplicasDiffering == 0 ? 0 : 1;
        }
    }

    /// <summary>Latencies, rates and CPU over one window of steady load.</summary>
    internal static async Task<Measurement> MeasureAsync(LoadMetrics metrics, Func<TimeSpan> serverCpu, int seconds)
    {
        metrics.Reset();
        metrics.Recording = true;
        var acked = metrics.AckedCount;
        var delivered = metrics.DeliveredCount;
        var cpu = serverCpu();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        metrics.Recording = false;
        var ackRate = (metrics.AckedCount - acked) / wall;
        var serverCpuSeconds = (serverCpu() - cpu).TotalSeconds;
        return new Measurement(
            ackRate,
            (metrics.DeliveredCount - delivered) / wall,
            metrics.AckLatency.Percentile(50), metrics.AckLatency.Percentile(99),
            metrics.FanoutLatency.Percentile(50), metrics.FanoutLatency.Percentile(99), metrics.FanoutCompleteLatency.Percentile(99),
            serverCpuSeconds / wall,
            (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds / wall,
            serverCpuSeconds / Math.Max(1, metrics.AckedCount - acked) * 1e6);
    }

    private static void Report(string what, BenchSettings settings, int clients, Measurement m) =>
        Print($"{what}: offered {settings.Rate * clients:F0} changes/s ({clients} clients × {settings.Rate}/s); " +
            $"**in {m.AckRate:F0}/s, delivered {m.DeliveredRate:F0}/s**; ack p50 {m.AckP50:F1} ms p99 **{m.AckP99:F1} ms**; " +
            $"fan-out p50 {m.FanoutP50:F1} ms p99 **{m.FanoutP99:F1} ms** (last receiver p99 {m.FanoutCompleteP99:F1} ms); " +
            $"server CPU {m.ServerCores * 100:F0} % of a core ({m.ServerCpuPerChange:F0} µs per change in), load generator {m.ClientCores * 100:F0} %");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    internal static void Print(string line) => Console.WriteLine(line);
}

/// <summary>One measurement window.</summary>
internal sealed record Measurement(
    double AckRate, double DeliveredRate, double AckP50, double AckP99, double FanoutP50, double FanoutP99, double FanoutCompleteP99,
    double ServerCores, double ClientCores, double ServerCpuPerChange);
