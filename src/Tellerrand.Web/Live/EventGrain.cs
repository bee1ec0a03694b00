using System.Collections.Immutable;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Tellerrand.Web.Live;

/// <summary>
/// One host's subscription to one live event (STYLE §5): the grain calls it, the host forwards to its own connections.
/// One-way, so that a dead host never holds up the event; a lobby that missed a change gets the state again on reconnect.
/// </summary>
public interface ILiveObserver : IGrainObserver
{
    [OneWay]
    Task OnChanged(LiveSnapshot snapshot);

    /// <summary>The organiser moved <paramref name="personId"/> to another room: their lobbies swap in their new room.</summary>
    [OneWay]
    Task OnMoved(Guid personId);

    /// <summary>Presence or help requests changed: only the cockpits care.</summary>
    [OneWay]
    Task OnOverviewChanged();
}

/// <summary>
/// The one authority of a live event (ARCHITECTURE.md, "Real-time"): orders every action on the run of show, stores it, and
/// only then tells every host. The rules live in <see cref="RunOfShow"/>; callers check who may act before they call.
/// </summary>
public interface IEventGrain : IGrainWithGuidKey
{
    Task<LiveSnapshot> Snapshot();
    Task<LiveOverview> Overview();
    Task<Place> PlaceOf(Guid personId);

    Task<ShowOutcome> Start();
    Task<ShowOutcome> Advance();
    Task<ShowOutcome> Extend(int minutes);
    Task<ShowOutcome> EndBreakout();
    Task<ShowOutcome> Broadcast(string? text);
    Task<ShowOutcome> AnswerHelp(Guid requestId);

    /// <summary>Moves a person into a room of this event live; refused for a room of another event.</summary>
    Task<ShowOutcome> Move(Guid personId, Guid roomId);

    Task<HelpReceipt> RequestHelp(Guid personId, string? note);
    Task<ShowOutcome> NextSpeaker();

    /// <summary>Sets the room timer of the room <paramref name="moderatorId"/> moderates now; refused for anybody else.</summary>
    Task<ShowOutcome> SetRoomTimer(Guid moderatorId, int minutes);

    /// <summary>A lobby connection of <paramref name="personId"/> opened or closed (presence, never stored).</summary>
    Task Arrive(Guid personId, string connectionId);
    Task Depart(Guid personId, string connectionId);

    /// <summary>
    /// Subscribes or renews a host's observer; <paramref name="present"/> lists the lobby connections open on that host,
    /// from which an activation that does not know the host yet (it moved after its old host died) rebuilds presence.
    /// </summary>
    Task Subscribe(ILiveObserver host, ImmutableArray<LivePresence> present);
    Task Unsubscribe(ILiveObserver host);
}

/// <summary>
/// Not reentrant: actions are few (an organiser's clicks) and each is stored before the next one starts, so the stored
/// state is always exactly what was last announced, and a restart or a move to another host continues from it.
/// </summary>
internal sealed partial class EventGrain(LiveStore store, TimeProvider clock, ILogger<EventGrain> logger) : Grain, IEventGrain
{
    private readonly ObserverManager<ILiveObserver> _hosts = new(LiveFanout.RenewInterval * 3, logger);

    // Connections per person on any host; presence only, rebuilt as lobbies reconnect after a restart.
    private readonly Dictionary<Guid, HashSet<string>> _present = [];

    private RunOfShowState _state = RunOfShowState.NotStarted;
    private LiveRoster _roster = LiveRoster.Empty;

    private Guid EventId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = await store.LoadAsync(EventId, cancellationToken);
        _roster = await store.LoadRosterAsync(EventId, cancellationToken);
    }

    public Task<LiveSnapshot> Snapshot() => Task.FromResult(LiveSnapshot.Of(_state, _roster, clock.GetUtcNow()));

    public Task<LiveOverview> Overview() =>
        Task.FromResult(new LiveOverview(_state, _roster, [.. _present.Where(p => p.Value.Count > 0).Select(p => p.Key)], clock.GetUtcNow()));

    public Task<Place> PlaceOf(Guid personId) => Task.FromResult(_roster.PlaceOf(_state, personId));

    public async Task<ShowOutcome> Start()
    {
        // Rooms and agenda may have changed since this activation read them; the start fixes them for the event.
        _roster = await store.LoadRosterAsync(EventId);
        return await ApplyAsync(RunOfShow.Start(_state, _roster.Phases, [.. _roster.Speakers.Select(s => s.PersonId)], clock.GetUtcNow()));
    }

    public Task<ShowOutcome> Advance() => ApplyAsync(RunOfShow.Advance(_state, clock.GetUtcNow()));

    public Task<ShowOutcome> Extend(int minutes) => ApplyAsync(RunOfShow.Extend(_state, minutes));

    public Task<ShowOutcome> EndBreakout() => ApplyAsync(RunOfShow.EndBreakout(_state, clock.GetUtcNow()));

    public Task<ShowOutcome> Broadcast(string? text) => ApplyAsync(RunOfShow.Broadcast(_state, Guid.NewGuid(), text, clock.GetUtcNow()));

    public Task<ShowOutcome> AnswerHelp(Guid requestId) => ApplyAsync(RunOfShow.AnswerHelp(_state, requestId, clock.GetUtcNow()));

    public async Task<ShowOutcome> Move(Guid personId, Guid roomId)
    {
        if (_roster.Room(roomId) is null || !_roster.Names.ContainsKey(personId))
        {
            return new ShowOutcome(_state, "Refused_UnknownRoom");
        }
        var outcome = await ApplyAsync(RunOfShow.Move(_state, personId, roomId));
        if (outcome.Done)
        {
            await _hosts.Notify(host => host.OnMoved(personId));
        }
        return outcome;
    }

    public async Task<HelpReceipt> RequestHelp(Guid personId, string? note)
    {
        var place = _roster.PlaceOf(_state, personId);
        var outcome = await ApplyAsync(RunOfShow.RequestHelp(_state, Guid.NewGuid(), personId, place.RoomId, note, clock.GetUtcNow()));
        return outcome.Done
            ? new HelpReceipt(_state.Help.Last(h => h.PersonId == personId && h.IsOpen).Id, null)
            : new HelpReceipt(null, outcome.Refusal);
    }

    public Task<ShowOutcome> NextSpeaker() => ApplyAsync(RunOfShow.NextSpeaker(_state, clock.GetUtcNow()));

    public Task<ShowOutcome> SetRoomTimer(Guid moderatorId, int minutes)
    {
        var place = _roster.PlaceOf(_state, moderatorId);
        if (place.RoomId is not { } roomId || _roster.Room(roomId)?.ModeratorId != moderatorId)
        {
            return Task.FromResult(new ShowOutcome(_state, "Refused_NotModerator"));
        }
        return ApplyAsync(RunOfShow.SetRoomTimer(_state, roomId, minutes, clock.GetUtcNow()));
    }

    public async Task Arrive(Guid personId, string connectionId)
    {
        if (!_present.TryGetValue(personId, out var connections))
        {
            _present[personId] = connections = [];
        }
        if (connections.Add(connectionId) && connections.Count == 1)
        {
            await _hosts.Notify(host => host.OnOverviewChanged());
        }
    }

    public async Task Depart(Guid personId, string connectionId)
    {
        if (_present.TryGetValue(personId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
        {
            _present.Remove(personId);
            await _hosts.Notify(host => host.OnOverviewChanged());
        }
    }

    public async Task Subscribe(ILiveObserver host, ImmutableArray<LivePresence> present)
    {
        var known = _hosts.Observers.ContainsKey(host);
        _hosts.Subscribe(host, host);
        if (!known)
        {
            // A host this activation does not know yet is either new or renewing after the grain moved to another
            // host (its old host died): it may have missed changes made before its renewal, so it gets the current
            // state, and the people whose lobbies stayed open on it are present again.
            var arrived = false;
            foreach (var (personId, connectionId) in present.IsDefault ? [] : present)
            {
                if (!_present.TryGetValue(personId, out var connections))
                {
                    _present[personId] = connections = [];
                }
                arrived |= connections.Add(connectionId) && connections.Count == 1;
            }
            await host.OnChanged(LiveSnapshot.Of(_state, _roster, clock.GetUtcNow()));
            if (arrived)
            {
                await _hosts.Notify(h => h.OnOverviewChanged());
            }
        }
    }

    public Task Unsubscribe(ILiveObserver host)
    {
        _hosts.Unsubscribe(host);
        return Task.CompletedTask;
    }

    /// <summary>Stores an accepted action, then tells every host; a refused one changes and announces nothing.</summary>
    private async Task<ShowOutcome> ApplyAsync(ShowOutcome outcome)
    {
        if (!outcome.Done)
        {
            return outcome;
        }
        await store.SaveAsync(EventId, outcome.State, clock.GetUtcNow());
        var phaseChanged = outcome.State.PhaseIndex != _state.PhaseIndex;
        _state = outcome.State;
        if (phaseChanged)
        {
            LogPhase(EventId, _state.PhaseIndex, _state.Current?.Kind.ToString() ?? "none");
        }
        var snapshot = LiveSnapshot.Of(_state, _roster, clock.GetUtcNow());
        await _hosts.Notify(host => host.OnChanged(snapshot));
        await _hosts.Notify(host => host.OnOverviewChanged());
        return outcome;
    }

    [LoggerMessage(LogLevel.Information, "Live event {EventId} entered phase {PhaseIndex} ({Kind})")]
    private partial void LogPhase(Guid eventId, int phaseIndex, string kind);
}
