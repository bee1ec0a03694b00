using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Tellerrand.Boards;

namespace Tellerrand.Web.Boards;

/// <summary>
/// This host's side of the fan-out (STYLE §5): one observer per board that has connections here, subscribed to the
/// board's grain and renewed on a timer, forwarding to the board's SignalR group on this host only. A connection is
/// never an observer, so the grain's work does not grow with the number of clients.
/// </summary>
public sealed partial class BoardFanout(IGrainFactory grains, IHubContext<BoardHub> hub, ILogger<BoardFanout> logger) : BackgroundService
{
    /// <summary>
    /// How often each host renews its observers; the grain drops one after three missed renewals. A reactivated grain
    /// knows no observers until the next renewal, so this bounds how long its clients wait for patches.
    /// </summary>
    internal static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, HostBoard> _boards = [];

    public static string GroupName(Guid boardId) => $"board:{boardId:N}";

    /// <summary>A connection of this host opened <paramref name="boardId"/>; returns once the host receives its patches.</summary>
    public async Task JoinAsync(Guid boardId)
    {
        HostBoard? board;
        lock (_lock)
        {
            if (!_boards.TryGetValue(boardId, out board))
            {
                // Orleans keeps only a weak reference to the observer object; the dictionary keeps it alive.
                var observer = new BoardObserver(boardId, hub);
                var reference = grains.CreateObjectReference<IBoardObserver>(observer);
                board = new HostBoard(observer, reference, grains.GetGrain<IBoardGrain>(boardId).Subscribe(reference));
                _boards[boardId] = board;
            }
            board.Connections++;
        }
        try
        {
            await board.Subscribed;
        }
        catch
        {
            // A failed first subscription must not stick: the next connection to open the board tries afresh.
            lock (_lock)
            {
                if (_boards.TryGetValue(boardId, out var current) && current == board)
                {
                    _boards.Remove(boardId);
                    grains.DeleteObjectReference<IBoardObserver>(board.Reference);
                }
            }
            throw;
        }
    }

    /// <summary>A connection of this host left <paramref name="boardId"/>; the last one ends the subscription.</summary>
    public async Task LeaveAsync(Guid boardId)
    {
        HostBoard? ended = null;
        lock (_lock)
        {
            if (_boards.TryGetValue(boardId, out var board) && --board.Connections == 0)
            {
                _boards.Remove(boardId);
                ended = board;
            }
        }
        if (ended is not null)
        {
            try
            {
                await grains.GetGrain<IBoardGrain>(boardId).Unsubscribe(ended.Reference);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The grain forgets the observer on its own when renewals stop.
                LogRenewFailed(e, boardId);
            }
            finally
            {
                grains.DeleteObjectReference<IBoardObserver>(ended.Reference);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<(Guid BoardId, IBoardObserver Reference)> current;
            lock (_lock)
            {
                current = [.. _boards.Select(b => (b.Key, b.Value.Reference))];
            }
            foreach (var (boardId, reference) in current)
            {
                try
                {
                    await grains.GetGrain<IBoardGrain>(boardId).Subscribe(reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; meanwhile clients recover missed patches by resuming (RS1). Any failure
                    // counts, not just Orleans': a grain that cannot activate while the database restarts throws the
                    // database's exception here, and an escaped one would stop the whole host.
                    LogRenewFailed(e, boardId);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Board {BoardId} observer subscription could not be renewed or ended")]
    private partial void LogRenewFailed(Exception exception, Guid boardId);

    private sealed class HostBoard(BoardObserver observer, IBoardObserver reference, Task subscribed)
    {
        public BoardObserver Observer { get; } = observer;
        public IBoardObserver Reference { get; } = reference;
        public Task Subscribed { get; } = subscribed;
        public int Connections { get; set; }
    }

    /// <summary>Forwards one board's notifications to its SignalR group on this host, in the order they arrive.</summary>
    private sealed class BoardObserver(Guid boardId, IHubContext<BoardHub> hub) : IBoardObserver
    {
        private readonly string _group = GroupName(boardId);

        public async Task OnPatches(ImmutableArray<PatchDelivery> patches)
        {
            foreach (var delivery in patches)
            {
                await hub.Clients.GroupExcept(_group, delivery.SenderConnectionId).SendAsync(BoardHub.PatchMethod, BoardWire.From(delivery.Patch));
            }
        }

        public Task OnPresence(PresenceBatch batch) => hub.Clients.Group(_group).SendAsync(BoardHub.PresenceBatchMethod, BoardWire.From(batch));
    }
}
