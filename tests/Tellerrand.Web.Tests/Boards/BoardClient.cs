using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tellerrand.Boards;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Boards;

/// <summary>A board client over the real hub: the SignalR .NET client with MessagePack, authenticated by a session cookie.</summary>
public sealed class BoardClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Channel<object> _messages = Channel.CreateUnbounded<object>();
    private long _clientSeq;

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BoardClient(HubConnection connection)
    {
        Connection = connection;
        connection.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
        connection.On<ResumedWire>(BoardHub.ResumedMethod, m => _messages.Writer.TryWrite(m));
        connection.On<IncompatibleWire>(BoardHub.IncompatibleMethod, m => _messages.Writer.TryWrite(m));
        connection.On<AckWire>(BoardHub.AckMethod, m => _messages.Writer.TryWrite(m));
        connection.On<RejectWire>(BoardHub.RejectMethod, m => _messages.Writer.TryWrite(m));
        connection.On<PatchWire>(BoardHub.PatchMethod, m => _messages.Writer.TryWrite(m));
        connection.On<PresenceBatchWire>(BoardHub.PresenceBatchMethod, m => _messages.Writer.TryWrite(m));
    }

    public HubConnection Connection { get; }

    public string ClientId { get; } = $"c{Guid.NewGuid():N}";

    /// <summary>Completes when the server closed the connection.</summary>
    public Task Closed => _closed.Task.WaitAsync(Patience);

    /// <summary>
    /// Connects over long polling, which authenticates every request, or over a WebSocket, which authenticates only
    /// once, as a browser's connection does.
    /// </summary>
    public static async Task<BoardClient> ConnectAsync(TellerrandApp app, string? cookie, bool webSocket = false)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "hubs/board"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = webSocket ? HttpTransportType.WebSockets : HttpTransportType.LongPolling;
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request =>
                    {
                        if (cookie is not null)
                        {
                            request.Headers.Cookie = cookie;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddMessagePackProtocol()
            .Build();
        var client = new BoardClient(connection);
        await connection.StartAsync();
        return client;
    }

    public async Task<ResumedWire> ResumeAsync(Guid boardId, long lastServerSeq = 0)
    {
        await Connection.InvokeAsync(nameof(BoardHub.Resume), new ResumeWire
        {
            ProtocolVersion = BoardLimits.ProtocolVersion, BoardId = boardId.ToString(), ClientId = ClientId, LastServerSeq = lastServerSeq,
        });
        return await NextAsync<ResumedWire>();
    }

    /// <summary>Sends the changes as this client's next push and returns its Ack or Reject.</summary>
    public Task<object> PushAsync(params ChangeWire[] changes) => PushAsync(new PushWire { ClientId = ClientId, ClientSeq = ++_clientSeq, Changes = changes });

    public async Task<object> PushAsync(PushWire push)
    {
        await Connection.InvokeAsync(nameof(BoardHub.Push), push);
        return await NextAsync<object>(m => m is AckWire a && a.ClientSeq == push.ClientSeq || m is RejectWire r && r.ClientSeq == push.ClientSeq);
    }

    public Task<T> NextAsync<T>() => NextAsync<T>(m => m is T);

    /// <summary>The next message that matches; earlier ones that do not are skipped.</summary>
    public Task<T> NextAsync<T>(Func<object, bool> match) => NextAsync<T>(match, Patience);

    /// <summary>As <see cref="NextAsync{T}(Func{object, bool})"/>, for a wait that covers many round trips before it.</summary>
    public async Task<T> NextAsync<T>(Func<object, bool> match, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return (T)message;
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    /// <param name="author">The participant id the client stamps (AU5); the server stamps its own anyway (AU1).</param>
    public static ChangeWire Sticky(string id, string text, string? parent = null, string? author = null)
    {
        var sticky = new ChangeWire
        {
            Op = "put",
            Id = id,
            Kind = RecordKinds.Sticky,
            Props = new()
            {
                [PropertyNames.Text] = text,
                [PropertyNames.Placement] = new Dictionary<string, object?> { ["parent"] = parent, ["index"] = "V", ["x"] = 10, ["y"] = 20.5 },
            },
        };
        if (author is not null)
        {
            sticky.Props[PropertyNames.Author] = author;
        }
        return sticky;
    }

    public static ChangeWire Update(string id, string name, object? value) => new() { Op = "update", Id = id, Props = new() { [name] = value } };

    /// <summary>The board a snapshot describes, decoded through the same wire mapping the server uses.</summary>
    public static ImmutableDictionary<string, BoardRecord> Records(ResumedWire resumed) =>
        resumed.Snapshot!
            .Select(r => new BoardRecord(r.Id, r.Kind, BoardWire.ToChange(new ChangeWire { Op = "put", Id = r.Id, Kind = r.Kind, Props = r.Props })!.Props!))
            .ToImmutableDictionary(r => r.Id);
}
