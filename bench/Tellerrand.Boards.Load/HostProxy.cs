using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Tellerrand.Boards.Load;

/// <summary>
/// The load balancer of the README's "Several hosts" in front of one or more hosts, as a YARP reverse proxy on a loopback
/// port (with one host it measures what the proxy alone adds).
/// Sticky by an explicit header instead of ip_hash, because every test client comes from loopback: a request carrying
/// <see cref="LoadClient.PreferredHostHeader"/> goes to that host while it is healthy, and to the other one when it is
/// not — which is what a sticky balancer does when a host dies. Active health checks on <c>/healthz</c> take a killed
/// host out within about a second; passive ones as soon as a request to it fails.
/// </summary>
public sealed class HostProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hubConnections = new(StringComparer.Ordinal);

    private HostProxy(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many hub connections (board or live) the proxy sent to each host id so far.</summary>
    public int HubConnectionsTo(string hostId) => _hubConnections.GetValueOrDefault(hostId);

    public static async Task<HostProxy> StartAsync(IReadOnlyDictionary<string, Uri> hosts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "tellerrand", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "tellerrand",
                LoadBalancingPolicy = "RoundRobin",
                Destinations = hosts.ToDictionary(h => h.Key, h => new DestinationConfig { Address = h.Value.ToString() }),
                HealthCheck = new HealthCheckConfig
                {
                    // A survivor busy taking over may answer a probe late; with every host marked unhealthy, use them all.
                    AvailableDestinationsPolicy = "HealthyOrPanic",
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(5), Policy = "ConsecutiveFailures", Path = "/healthz" },
                    Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(30) },
                },
                Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "2" },
            }]);
        var app = builder.Build();
        var proxy = new HostProxy(app);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(proxy.PreferHostAsync);
            pipeline.UseLoadBalancing();
            pipeline.Use(proxy.CountHubConnectionsAsync);
            pipeline.UsePassiveHealthChecks();
        });
        await app.StartAsync();
        var address = app.Urls.Single();
        proxy.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // AvailableDestinations holds the healthy hosts only, so a preference for a dead host simply falls through.
    private Task PreferHostAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        if (context.Request.Headers[LoadClient.PreferredHostHeader].ToString() is { Length: > 0 } preferred
            && proxy.AvailableDestinations.Where(d => d.DestinationId == preferred).ToList() is [_] chosen)
        {
            proxy.AvailableDestinations = chosen;
        }
        return next();
    }

    private Task CountHubConnectionsAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments("/hubs") && context.GetReverseProxyFeature().AvailableDestinations is [DestinationState destination])
        {
            _hubConnections.AddOrUpdate(destination.DestinationId, 1, (_, n) => n + 1);
        }
        return next();
    }
}
