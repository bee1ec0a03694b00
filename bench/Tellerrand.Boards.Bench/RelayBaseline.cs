using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using Tellerrand.Boards.Load;

namespace Tellerrand.Boards.Bench;

/// <summary>
/// Runs the baseline in the same run: <see cref="RelayServer"/> as its own process, the same number of clients in
/// groups of five, the same rate per client, messages of about a push's size, measured with the same
/// <see cref="LoadMetrics"/> (echo to the sender = ack, copy at another group member = fan-out).
/// </summary>
internal static class RelayBaseline
{
    /// <summary>About the MessagePack size of a text-update push or patch of the load clients.</summary>
    private const int MessageBytes = 128;

    public static async Task<Measurement> RunAsync(BenchSettings settings, int clientCount)
    {
        var (relay, port) = await StartRelayAsync();
        try
        {
            var metrics = new LoadMetrics();
            var clients = await ConnectAllAsync(port, 0, clientCount, metrics);
            using var stop = new CancellationTokenSource();
            var loop = EditLoopAsync(clients, settings.Rate, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
            var measured = await BenchProgram.MeasureAsync(metrics, () => ProcessStats.CpuTime(relay.Id), settings.Seconds);
            await stop.CancelAsync();
            await loop;
            foreach (var client in clients)
            {
                client.Dispose();
            }
            return measured;
        }
        finally
        {
            relay.Kill();
            await relay.WaitForExitAsync();
            relay.Dispose();
        }
    }

    /// <summary>
    /// The relay's resident memory per open WebSocket, measured as the server's in the connections mode: all
    /// <paramref name="clientCount"/> connections against none, and the second half against the first.
    /// </summary>
    public static async Task<(double All, double Marginal)> MemoryPerConnectionAsync(BenchSettings settings, int clientCount)
    {
        var (relay, port) = await StartRelayAsync();
        try
        {
            var idle = ProcessStats.ResidentBytes(relay.Id);
            var half = clientCount / 2;
            var first = await ConnectAllAsync(port, 0, half, new LoadMetrics());
            await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
            var halfway = ProcessStats.ResidentBytes(relay.Id);
            var second = await ConnectAllAsync(port, half, clientCount - half, new LoadMetrics());
            await Task.Delay(TimeSpan.FromSeconds(settings.Warmup));
            var connected = ProcessStats.ResidentBytes(relay.Id);
            foreach (var client in first.Concat(second))
            {
                client.Dispose();
            }
            return ((connected - idle) / (double)clientCount, (connected - halfway) / (double)second.Length);
        }
        finally
        {
            relay.Kill();
            await relay.WaitForExitAsync();
            relay.Dispose();
        }
    }

    private static async Task<(Process Relay, int Port)> StartRelayAsync()
    {
        var port = TellerrandHostSettings.FreePort();
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(RelayBaseline).Assembly.Location, "--mode", "relay", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var relay = Process.Start(start)!;
        if (await relay.StandardOutput.ReadLineAsync() != "ready")
        {
            relay.Kill();
            throw new InvalidOperationException("The relay did not start.");
        }
        return (relay, port);
    }

    /// <summary>Connects clients number <paramref name="first"/> onwards, in groups of five by number.</summary>
    private static async Task<RelayClient[]> ConnectAllAsync(int port, int first, int clientCount, LoadMetrics metrics)
    {
        var clients = new RelayClient[clientCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, clientCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var number = first + i;
            clients[i] = await RelayClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/relay/{number / 5}"), number, metrics);
        });
        return clients;
    }

    private static async Task EditLoopAsync(RelayClient[] clients, double rate, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var made = new long[clients.Length];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                for (var i = 0; i < clients.Length; i++)
                {
                    var due = (long)(elapsed * rate + (double)i / clients.Length);
                    while (made[i] < due)
                    {
                        made[i]++;
                        clients[i].Send(made[i]);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private sealed class RelayClient : IDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly int _number;
        private readonly string _id;
        private readonly LoadMetrics _metrics;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<long, long> _sentAt = [];

        private RelayClient(ClientWebSocket socket, int number, LoadMetrics metrics)
        {
            _socket = socket;
            _number = number;
            _id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _metrics = metrics;
            _ = ReceiveAsync();
        }

        public static async Task<RelayClient> ConnectAsync(Uri uri, int number, LoadMetrics metrics)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, CancellationToken.None);
            return new RelayClient(socket, number, metrics);
        }

        public void Send(long seq)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_sentAt)
            {
                _sentAt[seq] = now;
            }
            _metrics.Sent(_id, seq, now, 4);
            _ = SendAsync(seq);
        }

        public void Dispose() => _socket.Abort();

        private async Task SendAsync(long seq)
        {
            var message = new byte[MessageBytes];
            BinaryPrimitives.WriteInt32LittleEndian(message, _number);
            BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(4), seq);
            await _gate.WaitAsync();
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                // Closed at the end of the run.
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    var now = Stopwatch.GetTimestamp();
                    var sender = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                    var seq = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(4));
                    if (sender == _number)
                    {
                        long sentAt;
                        lock (_sentAt)
                        {
                            _sentAt.Remove(seq, out sentAt);
                        }
                        _metrics.Acked(sentAt, now);
                    }
                    else
                    {
                        _metrics.Delivered(sender.ToString(System.Globalization.CultureInfo.InvariantCulture), seq, now);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Aborted at the end of the run.
            }
        }
    }
}
