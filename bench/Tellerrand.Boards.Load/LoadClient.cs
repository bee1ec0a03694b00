using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tellerrand.Web.Boards;

namespace Tellerrand.Boards.Load;

/// <summary>What a simulated person does on the board with each edit.</summary>
public enum EditMode
{
    /// <summary>Types into their own sticky note: one put, then text updates. The steady case of a workshop.</summary>
    UpdateText,

    /// <summary>Every edit puts a new sticky note, so every acknowledged push leaves a record that can be looked for.</summary>
    CreateNotes,
}

/// <summary>
/// One simulated person on one board, as the browser would be: opens their magic link over HTTP for the participant
/// cookie, connects to <c>/hubs/board</c> over a real WebSocket with MessagePack, and keeps a <see cref="BoardReplica"/> for
/// the protocol's client side (optimistic edits, pending pushes re-sent after a reconnect, RS3–RS5). Reconnects on its own
/// whenever the connection drops, like the real client.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Dictionary<long, long> _sentAt = [];
    private readonly Dictionary<long, long> _acked = [];
    private readonly Dictionary<long, string> _created = [];
    private readonly LoadMetrics _metrics;
    private readonly string _tag;
    private readonly string _indexPrefix;
    private string? _lastIndex;
    private HubConnection? _connection;
    private string? _cookie;
    private bool _disposed;
    private int _resumes;
    private int _rejects;
    private long _gapSince;
    private long _lastAnswer = Stopwatch.GetTimestamp();
    private int _stalls;
    private int _disconnects;
    private readonly Dictionary<RejectReason, int> _rejectReasons = [];
    private long _lastEditSeq;

    public LoadClient(Uri server, LoadRoom room, LoadPerson person, int seat, int clientNumber, LoadMetrics metrics)
    {
        Server = server;
        Room = room;
        Person = person;
        ClientNumber = clientNumber;
        _metrics = metrics;
        _tag = $"n{clientNumber}";
        // Each seat places its notes in its own band of fractional indices, so that notes never collide (BM7 repairs stay rare).
        _indexPrefix = ((char)('1' + seat)).ToString();
        Replica = new BoardReplica($"load{clientNumber}x{Guid.NewGuid():N}"[..24], new BoardActor(person.ParticipantId, person.Role));
    }

    public Uri Server { get; }

    public LoadRoom Room { get; }

    public LoadPerson Person { get; }

    public int ClientNumber { get; }

    /// <summary>The protocol state; read it only under <see cref="Read{T}"/>.</summary>
    private BoardReplica Replica { get; }

    public string ClientId => Replica.ClientId;

    /// <summary>How many times the server answered a Resume on this client (first connect included).</summary>
    public int Resumes => Volatile.Read(ref _resumes);

    public int Rejects => Volatile.Read(ref _rejects);

    /// <summary>Refused pushes by reason, to tell a rule's refusal from one caused by an outage.</summary>
    public IReadOnlyDictionary<RejectReason, int> RejectsByReason()
    {
        lock (_lock)
        {
            return new Dictionary<RejectReason, int>(_rejectReasons);
        }
    }

    /// <summary>How often the connection closed under the client (server killed, network gone).</summary>
    public int Disconnects => Volatile.Read(ref _disconnects);

    /// <summary>How often the client resumed because its pushes went unanswered for <see cref="AnswerPatience"/>.</summary>
    public int Stalls => Volatile.Read(ref _stalls);

    /// <summary>
    /// A push sent with SignalR's send gets no answer at all when the hub method fails on the server, so the client resumes
    /// after this long without an Ack or Reject and re-sends its pending pushes (RS4; a repeat is re-acked, ID1).
    /// </summary>
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(15);

    /// <summary>The clientSeq of the newest local edit.</summary>
    public long LastEditSeq => Interlocked.Read(ref _lastEditSeq);

    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    /// <summary>The participant cookie (<c>name=value</c>) once the magic link is open, for other connections of the same person.</summary>
    public string? Cookie => _cookie;

    /// <summary>
    /// A destination id sent as <see cref="PreferredHostHeader"/>, for a test's load balancer in front of several hosts
    /// that keeps the connection on that host while it is up (sticky sessions, as the README asks of a load balancer).
    /// </summary>
    public string? PreferredHost { get; init; }

    public const string PreferredHostHeader = "X-Tellerrand-Host";

    /// <summary>The client's protocol state in one line, for failure messages.</summary>
    public override string ToString() => Read(r =>
        $"{ClientId}: {(IsConnected ? "connected" : "disconnected")}, {Resumes} resumes, confirmed serverSeq {r.ConfirmedSeq}, " +
        $"{r.Pending.Count} pending{(r.Pending.Count > 0 ? $" from clientSeq {r.Pending[0].ClientSeq}" : "")}, last edit {LastEditSeq}, {Stalls} stalls{(r.HasGap ? ", waiting on a gap" : "")}");

    /// <summary>Reads the replica consistently with incoming messages.</summary>
    public T Read<T>(Func<BoardReplica, T> read)
    {
        lock (_lock)
        {
            return read(Replica);
        }
    }

    /// <summary>Acknowledged pushes so far: clientSeq → serverSeq.</summary>
    public IReadOnlyDictionary<long, long> Acked()
    {
        lock (_lock)
        {
            return new Dictionary<long, long>(_acked);
        }
    }

    /// <summary>For <see cref="EditMode.CreateNotes"/>: clientSeq → the id of the note that push created.</summary>
    public IReadOnlyDictionary<long, string> Created()
    {
        lock (_lock)
        {
            return new Dictionary<long, string>(_created);
        }
    }

    /// <summary>
    /// Opens the person's magic link like a browser and keeps the participant cookie. Each client comes from its own
    /// loopback address (127.3.x.y), as people do from their own machines: the link endpoint is rate-limited per address.
    /// </summary>
    public async Task OpenLinkAsync(CancellationToken cancellationToken = default)
    {
        var source = new IPAddress([127, 3, (byte)(ClientNumber / 200), (byte)(ClientNumber % 200 + 1)]);
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = Server, Timeout = TimeSpan.FromSeconds(30) };
        using var opened = await http.GetAsync(Person.LinkPath.TrimStart('/'), cancellationToken);
        var cookie = opened.StatusCode == HttpStatusCode.Redirect && opened.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith("tellerrand.participant=", StringComparison.Ordinal))
            : null;
        _cookie = cookie?[..cookie.IndexOf(';')]
            ?? throw new InvalidOperationException($"The magic link did not open a session: {(int)opened.StatusCode} {opened.Headers.Location}");
    }

    /// <summary>Connects and resumes the board; from then on the client reconnects by itself until disposed.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var cookie = _cookie ?? throw new InvalidOperationException("Open the magic link first.");
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server, "hubs/board"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = cookie;
                if (PreferredHost is { } host)
                {
                    options.Headers[PreferredHostHeader] = host;
                }
            })
            .AddMessagePackProtocol()
            .Build();
        connection.On<ResumedWire>(BoardHub.ResumedMethod, OnResumed);
        connection.On<AckWire>(BoardHub.AckMethod, OnAck);
        connection.On<RejectWire>(BoardHub.RejectMethod, OnReject);
        connection.On<PatchWire>(BoardHub.PatchMethod, OnPatch);
        connection.On<PresenceBatchWire>(BoardHub.PresenceBatchMethod, _ => { });
        connection.Closed += error =>
        {
            lock (_lock)
            {
                Replica.Disconnect();
            }
            Interlocked.Increment(ref _disconnects);
            _metrics.Pulse();
            if (!_disposed)
            {
                _ = ReconnectAsync();
            }
            return Task.CompletedTask;
        };
        _connection = connection;
        await connection.StartAsync(cancellationToken);
        await ResumeAsync(cancellationToken);
    }

    /// <summary>Makes one local edit (CR1) and sends it; while disconnected it waits in the pending queue (RS4).</summary>
    public void Edit(EditMode mode)
    {
        lock (_lock)
        {
            var ownNote = $"{_tag}-own";
            IReadOnlyList<BoardChange> changes;
            string? created = null;
            if (mode == EditMode.CreateNotes || Replica.View.Get(ownNote) is null)
            {
                created = mode == EditMode.CreateNotes ? $"{_tag}-{LastEditSeq + 1}" : ownNote;
                var suffix = _lastIndex is null ? FractionalIndex.Between(null, null) : FractionalIndex.Between(_lastIndex, null);
                _lastIndex = suffix;
                changes = [BoardChange.Put(created, RecordKinds.Sticky, PropertyMap.Of(
                    (PropertyNames.Placement, new PlacementValue(null, _indexPrefix + suffix, 40 * (ClientNumber % 25), 40 * (LastEditSeq % 25))),
                    (PropertyNames.Text, new TextValue($"{_tag} {LastEditSeq + 1}"))))];
            }
            else
            {
                changes = [BoardChange.Update(ownNote, PropertyMap.Of((PropertyNames.Text, new TextValue($"{_tag} {LastEditSeq + 1}"))))];
            }
            if (Replica.Edit(changes) is { } refused)
            {
                throw new InvalidOperationException($"The load client made an edit the rules refuse: {refused}.");
            }
            var seq = Replica.Pending[^1].ClientSeq;
            Interlocked.Exchange(ref _lastEditSeq, seq);
            _sentAt[seq] = Stopwatch.GetTimestamp();
            if (created is not null && mode == EditMode.CreateNotes)
            {
                _created[seq] = created;
            }
        }
        _ = PumpAsync();
    }

    /// <summary>
    /// RS3: a client that waits on a gap for more than 2 s resumes; so does one whose pushes stay unanswered for
    /// <see cref="AnswerPatience"/>. Called by the driver's tick.
    /// </summary>
    public void CheckGap(long now)
    {
        bool stuck;
        lock (_lock)
        {
            if (Replica.Pending.Count > 0 && Stopwatch.GetElapsedTime(_lastAnswer, now) > AnswerPatience && IsConnected)
            {
                _lastAnswer = now;
                _stalls++;
                _ = ResumeQuietlyAsync();
                return;
            }
            if (!Replica.HasGap)
            {
                _gapSince = 0;
                return;
            }
            if (_gapSince == 0)
            {
                _gapSince = now;
            }
            stuck = Stopwatch.GetElapsedTime(_gapSince, now) > TimeSpan.FromSeconds(2);
            if (stuck)
            {
                _gapSince = now;
            }
        }
        if (stuck && IsConnected)
        {
            _ = ResumeQuietlyAsync();
        }
    }

    /// <summary>Resumes again on the open connection, e.g. when a patch may have been lost (RS1).</summary>
    public Task ResumeQuietlyAsync() => ResumeAsync(CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _sendGate.Dispose();
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var connection = _connection!;
        ResumeMessage resume;
        lock (_lock)
        {
            resume = Replica.Connect();
        }
        await connection.InvokeAsync(nameof(BoardHub.Resume), new ResumeWire
        {
            ProtocolVersion = resume.ProtocolVersion, BoardId = Room.BoardId.ToString(), ClientId = resume.ClientId, LastServerSeq = resume.LastServerSeq,
        }, cancellationToken);
    }

    private async Task ReconnectAsync()
    {
        while (!_disposed)
        {
            try
            {
                if (_connection!.State == HubConnectionState.Disconnected)
                {
                    await _connection.StartAsync();
                }
                await ResumeAsync(CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or IOException or InvalidOperationException
                or OperationCanceledException or Microsoft.AspNetCore.SignalR.HubException or TimeoutException or System.Net.Sockets.SocketException)
            {
                // The server is down or still starting; a browser would retry too.
                await Task.Delay(ReconnectDelay);
            }
        }
    }

    private async Task PumpAsync()
    {
        if (_connection is not { } connection)
        {
            return;
        }
        await _sendGate.WaitAsync();
        try
        {
            IReadOnlyList<PushMessage> outgoing;
            long[] sentAt;
            lock (_lock)
            {
                outgoing = Replica.TakeOutgoing();
                sentAt = [.. outgoing.Select(p => _sentAt.GetValueOrDefault(p.ClientSeq))];
            }
            for (var i = 0; i < outgoing.Count; i++)
            {
                var push = outgoing[i];
                _metrics.Sent(ClientId, push.ClientSeq, sentAt[i], Room.People.Count - 1);
                await connection.SendAsync(nameof(BoardHub.Push), new PushWire
                {
                    ClientId = push.ClientId, ClientSeq = push.ClientSeq, Changes = [.. push.Changes.Select(BoardWire.From)],
                });
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            // The connection dropped; the pushes stay pending and go again after the next Resume (RS4).
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private void OnResumed(ResumedWire wire)
    {
        var resumed = new ResumedMessage(wire.ServerSeq,
            wire.Patches is { } patches ? [.. patches.Select(ToPatch)] : null,
            wire.Snapshot is { } records
                ? [.. records.Select(r => new BoardRecord(r.Id, r.Kind, BoardWire.ToChange(new ChangeWire { Op = "put", Id = r.Id, Kind = r.Kind, Props = r.Props })!.Props!))]
                : null);
        lock (_lock)
        {
            Replica.Receive(resumed);
            _resumes++;
            _lastAnswer = Stopwatch.GetTimestamp();
        }
        _metrics.Pulse();
        _ = PumpAsync();
    }

    private void OnAck(AckWire wire)
    {
        var now = Stopwatch.GetTimestamp();
        long sentAt;
        lock (_lock)
        {
            Replica.Receive(new AckMessage(wire.ClientSeq, wire.ServerSeq, wire.Changes is { } changes ? [.. changes.Select(c => BoardWire.ToChange(c)!)] : null));
            _acked[wire.ClientSeq] = wire.ServerSeq;
            _lastAnswer = now;
            _sentAt.Remove(wire.ClientSeq, out sentAt);
        }
        _metrics.Acked(sentAt, now);
    }

    private void OnReject(RejectWire wire)
    {
        lock (_lock)
        {
            Replica.Receive(new RejectMessage(wire.ClientSeq, (RejectReason)wire.Reason));
            _rejectReasons[(RejectReason)wire.Reason] = _rejectReasons.GetValueOrDefault((RejectReason)wire.Reason) + 1;
            _lastAnswer = Stopwatch.GetTimestamp();
            _sentAt.Remove(wire.ClientSeq);
        }
        Interlocked.Increment(ref _rejects);
        _metrics.Pulse();
    }

    private void OnPatch(PatchWire wire)
    {
        var now = Stopwatch.GetTimestamp();
        var patch = ToPatch(wire);
        lock (_lock)
        {
            Replica.Receive(patch);
        }
        _metrics.Delivered(patch.ClientId, patch.ClientSeq, now);
    }

    private static PatchMessage ToPatch(PatchWire wire) =>
        new(wire.ServerSeq, wire.ClientId, wire.ClientSeq, [.. wire.Changes.Select(c => BoardWire.ToChange(c)!)]);
}
