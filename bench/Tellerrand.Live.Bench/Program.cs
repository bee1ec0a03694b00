// Live-event fan-out benchmark (docs/BENCHMARKS.md, "Live event"). The whole Tellerrand host runs on in-process Kestrel
// on a loopback port (SQLite, co-hosted silo); N lobby connections (SignalR .NET client, WebSockets, JSON, each with a
// real participant session) join one event. Measured: from the organiser's action entering the EventGrain to each
// lobby receiving the change. Baseline in the same run: the same connections receiving a message sent straight to the
// event's SignalR group from IHubContext, i.e. the transport alone without grain, storage and observer.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Live;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Live;

// The host's content root (static assets, resources) is its project folder, found from the repository root.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Tellerrand.slnx")))
{
    repository = repository.Parent;
}
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TELLERRAND_WEB", Path.Combine(repository!.FullName, "src", "Tellerrand.Web"));

var connections = Arg("--connections", 500);
var baselineRounds = Arg("--baseline-rounds", 6);

await using var app = new KestrelApp();
await app.InitializeAsync();
Console.WriteLine($"host on {app.BaseUrl}; seeding {connections} participants …");
var ev = await LiveTestEvent.CreateAsync(app, rooms: (connections + 3) / 4);
var people = ev.Rooms.SelectMany(r => r.People).Take(connections).ToList();

var received = new ConcurrentDictionary<long, ConcurrentBag<long>>();
var clients = new List<HubConnection>();
var connect = Stopwatch.StartNew();
foreach (var batch in people.Chunk(50))
{
    clients.AddRange(await Task.WhenAll(batch.Select(async person =>
    {
        var cookie = await app.SessionCookieAsync(person, ev.EventId);
        var connection = new HubConnectionBuilder()
            .WithUrl($"{app.BaseUrl}/hubs/live", o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = cookie;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        connection.On<LiveSnapshot>(LiveHub.ChangedMethod, s => received.GetOrAdd(s.Version, _ => []).Add(Stopwatch.GetTimestamp()));
        await connection.StartAsync();
        await connection.InvokeAsync<LiveJoined>("Join", ev.EventId.ToString());
        return connection;
    })));
}
Console.WriteLine($"{clients.Count} lobbies joined in {connect.Elapsed.TotalSeconds:F1} s");

var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventGrain>(ev.EventId);
var hub = app.Services.GetRequiredService<IHubContext<LiveHub>>();

// Warm-up, not counted: a broadcast before the start goes through the grain to every lobby.
var warm = (await grain.Broadcast("Willkommen! Gleich geht es los.")).State;
await WaitAllAsync(warm.Version);
var template = await grain.Snapshot();

// Baseline: the transport alone, a snapshot sent to the group from IHubContext.
var baseline = new List<double>();
for (var i = 0; i < baselineRounds; i++)
{
    var version = -(i + 1);
    var snapshot = template with { Version = version };
    var sent = Stopwatch.GetTimestamp();
    await hub.Clients.Group(LiveFanout.GroupName(ev.EventId)).SendAsync(LiveHub.ChangedMethod, snapshot);
    baseline.AddRange(await WaitAllAsync(version, sent));
}

// Measured: real phase changes through the grain (start, then every advance to the end of the agenda).
var measured = new List<double>();
var changes = 0;
var first = true;
while (true)
{
    var sent = Stopwatch.GetTimestamp();
    var outcome = first ? await grain.Start() : await grain.Advance();
    first = false;
    if (!outcome.Done)
    {
        break;
    }
    measured.AddRange(await WaitAllAsync(outcome.State.Version, sent));
    changes++;
}

Report("baseline: IHubContext group send", baseline, baselineRounds);
Report("phase change through EventGrain", measured, changes);
var ratio = Percentile(measured, 0.99) / Percentile(baseline, 0.99);
Console.WriteLine($"p99 ratio grain/baseline: {ratio:F2}");
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var client in clients)
{
    await client.DisposeAsync();
}
return Percentile(measured, 0.99) <= 1000 ? 0 : 1;

async Task<List<double>> WaitAllAsync(long version, long sent = 0)
{
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < TimeSpan.FromSeconds(30))
    {
        if (received.TryGetValue(version, out var bag) && bag.Count >= clients.Count)
        {
            return [.. bag.Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds)];
        }
        await Task.Delay(5);
    }
    throw new TimeoutException($"only {(received.TryGetValue(version, out var b) ? b.Count : 0)} of {clients.Count} lobbies got version {version}");
}

void Report(string name, List<double> samples, int rounds) =>
    Console.WriteLine($"{name}: {rounds} changes × {clients.Count} lobbies = {samples.Count} deliveries; " +
        $"p50 {Percentile(samples, 0.5):F1} ms, p95 {Percentile(samples, 0.95):F1} ms, p99 {Percentile(samples, 0.99):F1} ms, max {samples.Max():F1} ms");

static double Percentile(List<double> samples, double p)
{
    var sorted = samples.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The test host on real Kestrel, as the browser tests run it.</summary>
internal sealed class KestrelApp : SqliteApp
{
    public string BaseUrl { get; private set; } = "";

    public override Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return Task.CompletedTask;
    }

    /// <summary>
    /// A participant session cookie for a freshly issued magic link, sealed by the host's own cookie handler. Opening 500
    /// links over HTTP would hit the per-address rate limit on /m/{token}, which is there exactly to stop that.
    /// </summary>
    public async Task<string> SessionCookieAsync(Guid personId, Guid eventId)
    {
        var issued = await Get<MagicLinks>().IssueAsync(personId, eventId);
        var principal = ParticipantSession.CreatePrincipal(new MagicLink { Id = issued.LinkId, PersonId = personId, EventId = eventId, TokenHash = "" });
        var options = Get<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ParticipantSession.Scheme);
        var ticket = options.TicketDataFormat.Protect(new AuthenticationTicket(principal, ParticipantSession.Scheme));
        return $"{options.Cookie.Name}={ticket}";
    }
}
