using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Tellerrand.Boards.Load;
using Tellerrand.Web.Live;
using Xunit.Abstractions;

namespace Tellerrand.Resilience.Tests;

/// <summary>
/// Issue 8: two Tellerrand hosts as separate processes on one PostgreSQL database, one Orleans cluster through the
/// membership tables (Tellerrand:Cluster=AdoNet), behind a load balancer (<see cref="HostProxy"/>). People on one board
/// sit on different hosts and see each other's changes; a phase change of the run of show reaches lobbies on both hosts.
/// Then one host is killed with SIGKILL mid-event: its clients come back through the balancer to the survivor, which
/// takes over the lost host's grains, no acknowledged board change is lost, and the run of show goes on from where it was.
/// </summary>
public sealed class ClusterFailoverTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private const int Boards = 2;
    private const double EditsPerSecond = 0.5;
    // Long enough for the survivor to declare the killed host dead (missed probes) and reactivate its grains, on a busy CI machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task TwoHostsShareBoardsAndTheRunOfShowAndSurviveTheLossOfOne()
    {
        var clusterId = $"failover-{Guid.NewGuid():N}"[..20];
        await using var first = new TellerrandHost(database.Settings.InCluster(clusterId));
        await using var second = new TellerrandHost(TellerrandHostSettings.OnFreePorts(
            Path.Combine(database.Settings.DataPath, "second-host"), database.Settings.PostgresConnectionString).InCluster(clusterId));
        await first.StartAsync();
        await second.StartAsync();
        await using var proxy = await HostProxy.StartAsync(new Dictionary<string, Uri> { ["a"] = first.Settings.BaseAddress, ["b"] = second.Settings.BaseAddress });

        // Each board has people on both hosts: even client numbers prefer host a, odd ones host b.
        var rooms = await LoadRooms.SeedAsync(first.Settings, Boards);
        await using var driver = new LoadDriver(proxy.BaseAddress, rooms, client => client % 2 == 0 ? "a" : "b");
        await driver.ConnectAllAsync();
        Assert.True(proxy.HubConnectionsTo("a") > 0 && proxy.HubConnectionsTo("b") > 0, "the board clients are not spread over both hosts");

        var eventId = rooms[0].EventId;
        await using var lobbies = await Lobbies.JoinAsync(proxy.BaseAddress, eventId, driver.Clients);
        using var organiser = await OrganiserAsync(database.Settings.PostgresConnectionString!, clusterId);
        var show = organiser.Services.GetRequiredService<IClusterClient>().GetGrain<IEventGrain>(eventId);

        Assert.True((await show.Start()).Done);
        await lobbies.WaitAllAtPhaseAsync(1, Patience);

        driver.StartEditing(EditsPerSecond, EditMode.CreateNotes);
        await driver.Metrics.WaitUntilAsync(() => driver.Metrics.AckedCount >= 20, Patience, "20 pushes acknowledged on two hosts");

        var hubConnectionsToSurvivor = proxy.HubConnectionsTo("b");
        var failover = await driver.FailOverAsync(first, Patience);
        output.WriteLine($"every board client resynced {failover.Resynced.TotalSeconds:F1} s after the kill");
        Assert.True(proxy.HubConnectionsTo("b") > hubConnectionsToSurvivor, "no client moved to the surviving host");

        // The run of show continues on the survivor from the phase it was in, and reaches every lobby.
        var advanced = await UntilAnsweredAsync(show.Advance, Patience);
        Assert.True(advanced.Done, advanced.Refusal);
        await lobbies.WaitAllAtPhaseAsync(2, Patience);
        // Everybody is listed as present in the cockpit again: the moved lobbies joined anew, and the survivor's host
        // reported the lobbies that stayed open on it when it renewed its subscription.
        await UntilAsync(async () => (await show.Overview()).Present.Length == Boards * 5, Patience, "all ten people present in the cockpit after the failover");

        var ackedAfterKill = driver.Metrics.AckedCount;
        await driver.Metrics.WaitUntilAsync(() => driver.Metrics.AckedCount >= ackedAfterKill + 20, Patience, "20 more pushes acknowledged on the survivor");
        await driver.StopEditingAsync();
        await driver.WaitConvergedAsync(second, Patience);
        var result = await driver.VerifyAsync(second, compareReplicas: true);
        output.WriteLine($"{result.AcksChecked} acks checked, {result.ReplicasChecked} replicas compared");

        Assert.True(result.AcksMissing == 0, $"{result.AcksMissing} of {result.AcksChecked} acknowledged pushes are not durable:\n{string.Join('\n', result.Problems)}");
        Assert.True(result.ReplicasDiffering == 0, $"{result.ReplicasDiffering} replicas differ from the durable board:\n{string.Join('\n', result.Problems)}");
        Assert.True(result.AcksChecked >= 40, $"only {result.AcksChecked} acknowledged pushes were checked");
        Assert.Equal(Boards * 5, result.ReplicasChecked);
        // New notes break no rule: a refusal could only be a push overtaken by a later one and refused as Stale (RS6).
        Assert.Equal(0, driver.Clients.Sum(c => c.Rejects));
    }

    /// <summary>
    /// The organiser's cockpit calls the event's grain; here the test does the same as an Orleans client of the cluster,
    /// finding the hosts' gateways through the same membership tables.
    /// </summary>
    private static async Task<IHost> OrganiserAsync(string postgres, string clusterId)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                });
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = clusterId;
                });
                client.Services.AddSerializer(s => s.AddAssembly(typeof(IEventGrain).Assembly));
            })
            .Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>While the cluster has not yet declared the lost host dead, a call to a grain that lived there fails; the cockpit's organiser would press again.</summary>
    private static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call, TimeSpan patience)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await call().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException && Stopwatch.GetElapsedTime(started) < patience)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > patience)
            {
                throw new TimeoutException($"Not reached within {patience.TotalSeconds} s: {what}.");
            }
            // The cockpit polls the grain the same way.
            await Task.Delay(200);
        }
    }

    /// <summary>A lobby per board client: the same person's session, on the same preferred host, reconnecting like the lobby page.</summary>
    private sealed class Lobbies : IAsyncDisposable
    {
        private readonly List<HubConnection> _connections = [];
        private readonly ConcurrentDictionary<HubConnection, int> _phase = new();

        public static async Task<Lobbies> JoinAsync(Uri server, Guid eventId, IEnumerable<LoadClient> clients)
        {
            var lobbies = new Lobbies();
            foreach (var client in clients)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(server, LiveEndpoints.HubPath.TrimStart('/')), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                        o.Headers["Cookie"] = client.Cookie!;
                        o.Headers[LoadClient.PreferredHostHeader] = client.PreferredHost!;
                    })
                    .WithAutomaticReconnect(new EverySecond())
                    .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                    .Build();
                connection.On<LiveSnapshot>(LiveHub.ChangedMethod, snapshot => lobbies.Saw(connection, snapshot));
                // A reconnected connection is a new one on the server: the lobby joins its event again, as the page does.
                connection.Reconnected += async _ => lobbies.Saw(connection, (await connection.InvokeAsync<LiveJoined>(nameof(LiveHub.Join), eventId.ToString())).Snapshot);
                await connection.StartAsync();
                lobbies.Saw(connection, (await connection.InvokeAsync<LiveJoined>(nameof(LiveHub.Join), eventId.ToString())).Snapshot);
                lobbies._connections.Add(connection);
            }
            return lobbies;
        }

        public async Task WaitAllAtPhaseAsync(int phase, TimeSpan patience)
        {
            var started = Stopwatch.GetTimestamp();
            while (_connections.Any(c => _phase.GetValueOrDefault(c) < phase))
            {
                if (Stopwatch.GetElapsedTime(started) > patience)
                {
                    throw new TimeoutException($"{_connections.Count(c => _phase.GetValueOrDefault(c) < phase)} of {_connections.Count} lobbies did not reach phase {phase}.");
                }
                // Lobbies are told by push; polling here only looks at what they were told.
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections)
            {
                await connection.DisposeAsync();
            }
        }

        private void Saw(HubConnection connection, LiveSnapshot snapshot) => _phase.AddOrUpdate(connection, snapshot.PhaseNumber, (_, seen) => Math.Max(seen, snapshot.PhaseNumber));

        private sealed class EverySecond : IRetryPolicy
        {
            public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromSeconds(1);
        }
    }
}
