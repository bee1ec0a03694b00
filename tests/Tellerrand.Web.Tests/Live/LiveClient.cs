using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tellerrand.Web.Live;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Live;

/// <summary>A lobby over the real hub: the SignalR .NET client with the JSON protocol, authenticated by a session cookie.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Channel<LiveSnapshot> _changes = Channel.CreateUnbounded<LiveSnapshot>();
    private readonly Channel<bool> _moves = Channel.CreateUnbounded<bool>();

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<LiveSnapshot>(LiveHub.ChangedMethod, s => _changes.Writer.TryWrite(s));
        connection.On(LiveHub.MovedMethod, () => _moves.Writer.TryWrite(true));
    }

    public HubConnection Connection { get; }

    public static async Task<LiveClient> ConnectAsync(TellerrandApp app, string? cookie)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "hubs/live"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                // Long polling authenticates every request, so each hub call meets the cookie middleware afresh.
                options.Transports = HttpTransportType.LongPolling;
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<LiveJoined> JoinAsync(Guid eventId) => Connection.InvokeAsync<LiveJoined>("Join", eventId.ToString());

    /// <summary>The next change whose stage and phase satisfy <paramref name="wanted"/>; earlier ones are skipped.</summary>
    public async Task<LiveSnapshot> ChangeAsync(Func<LiveSnapshot, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var snapshot = await _changes.Reader.ReadAsync(timeout.Token);
            if (wanted(snapshot))
            {
                return snapshot;
            }
        }
    }

    public async Task MovedAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Patience);
        await _moves.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
