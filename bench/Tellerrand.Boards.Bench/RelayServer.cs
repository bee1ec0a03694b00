using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tellerrand.Boards.Bench;

/// <summary>
/// The baseline server: Kestrel with plain WebSockets on loopback that sends every message back to its sender (the
/// "ack") and on to every other connection of the same group (the "patch"). No authentication, no ordering authority,
/// no storage, no MessagePack: what any real-time relay pays for transport and fan-out alone.
/// </summary>
internal static class RelayServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets();
        var groups = new ConcurrentDictionary<string, ConcurrentDictionary<Member, byte>>();
        app.Map("/relay/{group}", async (string group, HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            var member = new Member(await context.WebSockets.AcceptWebSocketAsync());
            var members = groups.GetOrAdd(group, _ => new());
            members[member] = 0;
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var received = await member.Socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }
                    var message = buffer.AsMemory(0, received.Count).ToArray();
                    foreach (var other in members.Keys)
                    {
                        await other.SendAsync(message);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The client went away.
            }
            finally
            {
                members.TryRemove(member, out _);
            }
        });
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
    }

    private sealed class Member(WebSocket socket)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public async Task SendAsync(byte[] message)
        {
            await _gate.WaitAsync();
            try
            {
                await Socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                // Closed meanwhile.
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
