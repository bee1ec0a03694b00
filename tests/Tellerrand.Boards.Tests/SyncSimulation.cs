using System.Collections.Immutable;

namespace Tellerrand.Boards.Tests;

/// <summary>
/// A model-level simulation of one board: a server (authority + in-memory log, durable at once), several client replicas
/// making random edits, and connections that reorder deliveries, duplicate sends, drop on disconnect and keep delivering
/// a dead connection's last pushes late (as a hub still forwarding them would). Deterministic for a seed.
/// </summary>
internal sealed class SyncSimulation
{
    // Small, so that resumes hit both the patch and the snapshot path.
    private const int ResumeWindow = 12;

    private static readonly string[] Texts = ["Holz", "Glas", "Idee", "Zeile 1\r\nZeile 2", "bell\a", "rtl\u202Eoverride", "🪵 Werkstatt", ""];

    private readonly Random _random;
    private readonly BoardAuthority _server = new();
    private readonly List<LogEntry> _log = [];
    private readonly List<Client> _clients = [];
    private readonly List<Connection> _connections = [];
    private int _nextId;

    public SyncSimulation(int seed)
    {
        _random = new Random(seed);
        _log.Add(_server.ApplySystem(BoardTemplate.CrossInnovation.Build("Wie bringen wir Handwerk und Design zusammen?")));
        _clients.Add(new Client(new BoardReplica("mod-tab", new BoardActor("mod", BoardRole.Moderator))));
        _clients.Add(new Client(new BoardReplica("anna-tab", new BoardActor("anna", BoardRole.Participant))));
        _clients.Add(new Client(new BoardReplica("anna-phone", new BoardActor("anna", BoardRole.Participant))));
        _clients.Add(new Client(new BoardReplica("ben-tab", new BoardActor("ben", BoardRole.Participant))));
        _clients.Add(new Client(new BoardReplica("org-tab", new BoardActor("org", BoardRole.Observer))));
    }

    public BoardAuthority Server => _server;

    public IReadOnlyList<LogEntry> Log => _log;

    /// <summary>How often each path was taken, so the test can show the simulation is not vacuous.</summary>
    public Dictionary<string, int> Paths { get; } = [];

    public void Run(int steps)
    {
        foreach (var client in _clients)
        {
            Reconnect(client);
        }
        for (var step = 0; step < steps; step++)
        {
            var client = _clients[_random.Next(_clients.Count)];
            switch (_random.Next(100))
            {
                case < 30:
                    if (RandomEdit(client.Replica) is { } changes)
                    {
                        Count(client.Replica.Edit(changes) is null ? "edit" : "edit refused locally");
                    }
                    break;
                case < 34:
                    Count(client.Replica.Undo() ? "undo" : "nothing to undo");
                    break;
                case < 37:
                    Count(client.Replica.Redo() ? "redo" : "nothing to redo");
                    break;
                case < 47:
                    Flush(client, duplicates: true);
                    break;
                case < 67:
                    ServeOne();
                    break;
                case < 92:
                    DeliverOne(client);
                    break;
                case < 96:
                    Drop(client);
                    break;
                default:
                    if (client.Connection is null || client.Replica.HasGap)
                    {
                        Reconnect(client);
                    }
                    break;
            }
        }
    }

    /// <summary>Reconnects everyone and runs until no message moves, as the network would once it is healthy again.</summary>
    public void Heal()
    {
        for (var round = 0; round < 10; round++)
        {
            foreach (var client in _clients.Where(c => c.Connection is null || c.Replica.HasGap || round == 0))
            {
                Reconnect(client);
            }
            bool moved;
            do
            {
                moved = false;
                foreach (var client in _clients)
                {
                    moved |= Flush(client, duplicates: false);
                }
                foreach (var connection in _connections.ToList())
                {
                    while (connection.Up.TryDequeue(out var message))
                    {
                        Serve(connection, message);
                        moved = true;
                    }
                }
                foreach (var client in _clients)
                {
                    while (client.Connection is { Down.Count: > 0 } connection)
                    {
                        Deliver(client, connection, _random.Next(connection.Down.Count));
                        moved = true;
                    }
                }
            }
            while (moved);
            if (_clients.All(c => c.Replica.Pending.Count == 0 && !c.Replica.HasGap && c.Replica.ConfirmedSeq == _server.ServerSeq))
            {
                return;
            }
        }
    }

    public IEnumerable<(BoardReplica Replica, IReadOnlyList<AckMessage> Acks)> Clients => _clients.Select(c => (c.Replica, (IReadOnlyList<AckMessage>)c.Acks));

    private bool Flush(Client client, bool duplicates)
    {
        if (client.Connection is not { } connection)
        {
            return false;
        }
        var outgoing = client.Replica.TakeOutgoing();
        foreach (var push in outgoing)
        {
            connection.Up.Enqueue(push);
            if (duplicates && _random.Next(10) == 0)
            {
                connection.Up.Enqueue(push);
            }
        }
        return outgoing.Count > 0;
    }

    private void ServeOne()
    {
        var waiting = _connections.Where(c => c.Up.Count > 0).ToList();
        if (waiting.Count > 0)
        {
            var connection = waiting[_random.Next(waiting.Count)];
            Serve(connection, connection.Up.Dequeue());
        }
    }

    private void Serve(Connection connection, object message)
    {
        switch (message)
        {
            case ResumeMessage resume when connection.Alive:
                connection.Joined = true;
                var snapshot = _server.NeedsSnapshot(resume.LastServerSeq, oldestResumableSeq: 0, ResumeWindow);
                Count(snapshot ? "resume with snapshot" : "resume with patches");
                connection.Down.Add(snapshot
                    ? _server.ResumeWithSnapshot()
                    : _server.ResumeWithPatches(_log.Where(e => e.ServerSeq > resume.LastServerSeq)));
                break;
            case PushMessage push:
                switch (_server.Receive(push, connection.Owner.Replica.Actor))
                {
                    case PushOutcome.Applied applied:
                        Count(applied.Ack.Changes is null ? "applied as pushed" : "applied with server patch");
                        Count(connection.Alive ? "push on live connection" : "push from dead connection");
                        _log.Add(applied.Entry);
                        Reply(connection, applied.Ack);
                        foreach (var other in _connections.Where(c => c != connection && c.Alive && c.Joined))
                        {
                            other.Down.Add(applied.Patch);
                        }
                        break;
                    case PushOutcome.Repeated repeated:
                        Count("repeated");
                        Reply(connection, _log[(int)repeated.ServerSeq - 1].ToRepeatAck());
                        break;
                    case PushOutcome.Rejected rejected:
                        Count($"rejected {rejected.Reject.Reason}");
                        Reply(connection, rejected.Reject);
                        break;
                }
                break;
        }
        if (!connection.Alive && connection.Up.Count == 0)
        {
            _connections.Remove(connection);
        }
    }

    private void Count(string path) => Paths[path] = Paths.GetValueOrDefault(path) + 1;

    private static void Reply(Connection connection, object message)
    {
        if (connection.Alive)
        {
            connection.Down.Add(message);
        }
    }

    private void DeliverOne(Client client)
    {
        if (client.Connection is { Down.Count: > 0 } connection)
        {
            Deliver(client, connection, _random.Next(connection.Down.Count));
        }
    }

    private void Deliver(Client client, Connection connection, int at)
    {
        var message = connection.Down[at];
        // Now and then a message arrives twice, which a replica must shrug off.
        if (_random.Next(20) != 0)
        {
            connection.Down.RemoveAt(at);
        }
        switch (message)
        {
            case ResumedMessage resumed:
                client.Replica.Receive(resumed);
                break;
            case PatchMessage patch:
                client.Replica.Receive(patch);
                break;
            case AckMessage ack:
                client.Acks.Add(ack);
                client.Replica.Receive(ack);
                break;
            case RejectMessage reject:
                client.Replica.Receive(reject);
                break;
        }
    }

    // The connection dies: replies in flight are lost; a prefix of the pushes in flight still reaches the server later.
    private void Drop(Client client)
    {
        if (client.Connection is not { } connection)
        {
            return;
        }
        connection.Alive = false;
        connection.Down.Clear();
        var arriving = _random.Next(connection.Up.Count + 1);
        var late = connection.Up.Take(arriving).ToList();
        connection.Up.Clear();
        foreach (var message in late)
        {
            connection.Up.Enqueue(message);
        }
        if (connection.Up.Count == 0)
        {
            _connections.Remove(connection);
        }
        client.Connection = null;
        client.Replica.Disconnect();
    }

    private void Reconnect(Client client)
    {
        Drop(client);
        var connection = new Connection(client);
        connection.Up.Enqueue(client.Replica.Connect());
        client.Connection = connection;
        _connections.Add(connection);
    }

    private ImmutableArray<BoardChange>? RandomEdit(BoardReplica replica)
    {
        var view = replica.View;
        var actor = replica.Actor;
        var placed = view.Records.Where(r => r.Placement is not null).ToList();
        var notes = placed.Where(r => r.Kind is RecordKinds.Sticky or RecordKinds.Text).ToList();
        var deletable = view.Records.Where(r => r.Kind != RecordKinds.Board).ToList();
        var isModerator = actor.Role == BoardRole.Moderator;
        string NewId() => $"{replica.ClientId}-{++_nextId}";
        T Pick<T>(List<T> items) => items[_random.Next(items.Count)];
        TextValue RandomText() => new(BoardText.Clean(Pick(Texts.ToList()), BoardLimits.MaxTextLength));

        if (isModerator && view.IsFrozen)
        {
            return [Boards.Set(BoardSchema.SettingsId, PropertyNames.Frozen, new FlagValue(false))];
        }
        var roll = _random.Next(100);
        if (isModerator && roll >= 90)
        {
            return _random.Next(5) switch
            {
                0 => [Boards.Set(BoardSchema.SettingsId, PropertyNames.VoteState, new TextValue(Pick(BoardSchema.VoteStates.ToList())))],
                1 when placed.Count > 0 => [Boards.Set(Pick(placed).Id, PropertyNames.Locked, new FlagValue(_random.Next(2) == 0))],
                2 => [Boards.Set(BoardSchema.SettingsId, PropertyNames.Frozen, new FlagValue(true))],
                3 => [Boards.Set(BoardSchema.SettingsId, PropertyNames.VotesPerPerson, new NumberValue(_random.Next(1, 5)))],
                _ => [Boards.Set(BoardSchema.SettingsId, PropertyNames.GatherAt, new NumberValue(_random.Next(1, 1_000_000)))],
            };
        }
        return roll switch
        {
            < 25 => [Boards.Sticky(NewId(), RandomText().Value, RandomPlacement(view))],
            < 40 when notes.Count > 0 => [Boards.Set(Pick(notes).Id, PropertyNames.Text, RandomText())],
            < 48 when notes.Count > 0 => [Boards.Set(Pick(notes).Id, PropertyNames.Colour, new TextValue(Pick(BoardSchema.Colours.ToList())))],
            < 62 when placed.Count > 0 => [Boards.Move(Pick(placed).Id, RandomPlacement(view))],
            < 70 when deletable.Count > 0 => [BoardChange.Delete(Pick(deletable).Id)],
            < 75 => [Boards.Frame(NewId(), RandomPlacement(view))],
            < 80 when placed.Count > 1 => [Boards.Connector(NewId(), Pick(placed).Id, Pick(placed).Id)],
            < 87 when notes.Count > 0 => ToggleVote(view, actor, Pick(notes).Id),
            < 90 => FrameWithNotes(NewId(), view),
            _ => null,
        };
    }

    private static ImmutableArray<BoardChange> ToggleVote(BoardState view, BoardActor actor, string target)
    {
        var id = BoardSchema.VoteId(actor.ParticipantId, target);
        return view.Get(id) is null ? [Boards.Vote(actor.ParticipantId, target)] : [BoardChange.Delete(id)];
    }

    private ImmutableArray<BoardChange> FrameWithNotes(string id, BoardState view) =>
    [
        Boards.Frame(id, RandomPlacement(view)),
        Boards.Sticky(id + "-a", "a", Boards.At(id, "V")),
        Boards.Sticky(id + "-b", "b", Boards.At(id, "V")),
    ];

    // Sometimes reuses a sibling's index on purpose, so that the server has collisions to repair.
    private PlacementValue RandomPlacement(BoardState view)
    {
        var frames = view.Records.Where(r => r.Kind == RecordKinds.Frame).ToList();
        var parent = frames.Count == 0 || _random.Next(3) == 0 ? null : frames[_random.Next(frames.Count)].Id;
        var siblings = view.ChildrenOf(parent).Select(r => r.Placement!.Index).ToList();
        string index;
        if (siblings.Count > 0 && _random.Next(5) == 0)
        {
            index = siblings[_random.Next(siblings.Count)];
        }
        else
        {
            var at = _random.Next(siblings.Count + 1);
            index = FractionalIndex.Between(at > 0 ? siblings[at - 1] : null, at < siblings.Count ? siblings[at] : null);
        }
        return new PlacementValue(parent, index, _random.Next(-500, 500), _random.Next(-500, 500));
    }

    private sealed class Client(BoardReplica replica)
    {
        public BoardReplica Replica { get; } = replica;

        public Connection? Connection { get; set; }

        public List<AckMessage> Acks { get; } = [];
    }

    private sealed class Connection(Client owner)
    {
        public Client Owner { get; } = owner;

        public Queue<object> Up { get; } = new();

        public List<object> Down { get; } = [];

        public bool Alive { get; set; } = true;

        public bool Joined { get; set; }
    }
}
