using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;

namespace Tellerrand.Web.Live;

/// <summary>
/// This host's side of the live fan-out, the same pattern as the boards' (STYLE §5): one observer per event that has lobby
/// connections or open cockpits here, subscribed to the event's grain and renewed on a timer. It forwards changes to the
/// event's SignalR group on this host and to this host's cockpits, so the grain's work does not grow with the audience.
/// </summary>
public sealed partial class LiveFanout(IGrainFactory grains, IHubContext<LiveHub> hub, ILogger<LiveFanout> logger) : BackgroundService
{
    /// <summary>How often each host renews its observers; the grain drops one after three missed renewals.</summary>
    internal static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, HostEvent> _events = [];

    public static string GroupName(Guid eventId) => $"live:{eventId:N}";

    /// <summary>A lobby connection of <paramref name="personId"/> on this host opened the event.</summary>
    public async Task JoinAsync(Guid eventId, Guid personId, string connectionId)
    {
        var joined = Join(eventId);
        joined.Observer.People.GetOrAdd(personId, _ => new ConcurrentDictionary<string, byte>())[connectionId] = 0;
        await SubscribedAsync(eventId, joined);
    }

    public Task LeaveAsync(Guid eventId, Guid personId, string connectionId)
    {
        if (Current(eventId) is { } current && current.Observer.People.TryGetValue(personId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
        return LeaveAsync(eventId);
    }

    /// <summary>A cockpit on this host watches the event; <paramref name="changed"/> runs after every change until disposed.</summary>
    public async Task<IAsyncDisposable> WatchAsync(Guid eventId, Func<Task> changed)
    {
        var joined = Join(eventId);
        joined.Observer.Watchers[changed] = 0;
        await SubscribedAsync(eventId, joined);
        return new Watch(this, eventId, joined.Observer, changed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<(Guid EventId, HostEvent Joined)> current;
            lock (_lock)
            {
                current = [.. _events.Select(e => (e.Key, e.Value))];
            }
            foreach (var (eventId, joined) in current)
            {
                try
                {
                    await grains.GetGrain<IEventGrain>(eventId).Subscribe(joined.Reference, joined.Observer.Present());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; a lobby that missed a change gets the whole state when it reconnects.
                    LogRenewFailed(e, eventId);
                }
            }
        }
    }

    private HostEvent Join(Guid eventId)
    {
        lock (_lock)
        {
            if (!_events.TryGetValue(eventId, out var joined))
            {
                // Orleans keeps only a weak reference to the observer object; the dictionary keeps it alive.
                var observer = new EventObserver(eventId, hub);
                var reference = grains.CreateObjectReference<ILiveObserver>(observer);
                // Nobody is present yet: the connection that opens the event arrives right after subscribing.
                joined = new HostEvent(observer, reference, grains.GetGrain<IEventGrain>(eventId).Subscribe(reference, []));
                _events[eventId] = joined;
            }
            joined.Users++;
            return joined;
        }
    }

    private async Task SubscribedAsync(Guid eventId, HostEvent joined)
    {
        try
        {
            await joined.Subscribed;
        }
        catch
        {
            // A failed first subscription must not stick: the next connection to open the event tries afresh.
            lock (_lock)
            {
                if (_events.TryGetValue(eventId, out var current) && current == joined)
                {
                    _events.Remove(eventId);
                    grains.DeleteObjectReference<ILiveObserver>(joined.Reference);
                }
            }
            throw;
        }
    }

    private HostEvent? Current(Guid eventId)
    {
        lock (_lock)
        {
            return _events.GetValueOrDefault(eventId);
        }
    }

    private async Task LeaveAsync(Guid eventId)
    {
        HostEvent? ended = null;
        lock (_lock)
        {
            if (_events.TryGetValue(eventId, out var joined) && --joined.Users == 0)
            {
                _events.Remove(eventId);
                ended = joined;
            }
        }
        if (ended is null)
        {
            return;
        }
        try
        {
            await grains.GetGrain<IEventGrain>(eventId).Unsubscribe(ended.Reference);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grain forgets the observer on its own when renewals stop.
            LogRenewFailed(e, eventId);
        }
        finally
        {
            grains.DeleteObjectReference<ILiveObserver>(ended.Reference);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Live event {EventId} observer subscription could not be renewed or ended")]
    private partial void LogRenewFailed(Exception exception, Guid eventId);

    private sealed class HostEvent(EventObserver observer, ILiveObserver reference, Task subscribed)
    {
        public EventObserver Observer { get; } = observer;
        public ILiveObserver Reference { get; } = reference;
        public Task Subscribed { get; } = subscribed;
        public int Users { get; set; }
    }

    private sealed class Watch(LiveFanout fanout, Guid eventId, EventObserver observer, Func<Task> changed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            observer.Watchers.TryRemove(changed, out _);
            return new ValueTask(fanout.LeaveAsync(eventId));
        }
    }

    /// <summary>Forwards one event's notifications to its SignalR group and to the cockpits on this host.</summary>
    private sealed class EventObserver(Guid eventId, IHubContext<LiveHub> hub) : ILiveObserver
    {
        private readonly string _group = GroupName(eventId);

        public ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> People { get; } = new();
        public ConcurrentDictionary<Func<Task>, byte> Watchers { get; } = new();

        public ImmutableArray<LivePresence> Present() =>
            [.. People.SelectMany(p => p.Value.Keys.Select(connection => new LivePresence(p.Key, connection)))];

        // Cockpits hear of the same change through OnOverviewChanged, which the grain sends after every change.
        public Task OnChanged(LiveSnapshot snapshot) => hub.Clients.Group(_group).SendAsync(LiveHub.ChangedMethod, snapshot);

        public Task OnMoved(Guid personId) =>
            People.TryGetValue(personId, out var connections) && !connections.IsEmpty
                ? hub.Clients.Clients([.. connections.Keys]).SendAsync(LiveHub.MovedMethod)
                : Task.CompletedTask;

        public Task OnOverviewChanged() => NotifyWatchersAsync();

        private async Task NotifyWatchersAsync()
        {
            foreach (var watcher in Watchers.Keys)
            {
                await watcher();
            }
        }
    }
}
