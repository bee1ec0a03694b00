using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Hosting;

/// <summary>
/// Behind a load balancer (README, "Several hosts") every request arrives from the balancer. The per-address limit on
/// personal links must still count per person, by X-Forwarded-For — but only when the balancer is one the operator
/// trusts (Tellerrand:TrustedProxies, loopback always), or anybody could name a fresh address with every guess.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyTests.ProxiedApp app) : IClassFixture<TrustedProxyTests.ProxiedApp>
{
    private const string TrustedBalancer = "10.0.0.5";

    [Fact]
    public async Task PeopleBehindATrustedBalancerAreLimitedEachOnTheirOwn()
    {
        var statuses = await GuessAsync(TrustedBalancer, i => $"203.0.113.{i + 1}");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task OnePersonBehindATrustedBalancerIsStillLimited()
    {
        var statuses = await GuessAsync("127.0.0.1", _ => "192.0.2.50");

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AForwardedAddressFromAnUntrustedPeerIsIgnored()
    {
        var statuses = await GuessAsync("198.51.100.7", i => $"203.0.113.{i + 100}");

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private async Task<List<HttpStatusCode>> GuessAsync(string peer, Func<int, string> forwardedFor)
    {
        var client = app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/m/{new string('b', 43)}");
            request.Headers.Add(PeerHeader, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }

    private const string PeerHeader = "X-Test-Peer";

    /// <summary>The test server has no TCP peer; this sets the one a request claims in <see cref="PeerHeader"/>, before the app's pipeline.</summary>
    public sealed class ProxiedApp : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Tellerrand:TrustedProxies:0", "10.0.0.0/24")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, PeerFilter>());
        }

        private sealed class PeerFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer))
                    {
                        context.Connection.RemoteIpAddress = peer;
                    }
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
