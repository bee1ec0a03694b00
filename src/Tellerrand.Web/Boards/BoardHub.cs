using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;

namespace Tellerrand.Web.Boards;

/// <summary>
/// The board's SignalR endpoint (docs/board-protocol.md §4): checks who is calling against the board's room, turns wire
/// messages into the library's records and forwards them to the board's grain. It holds no board state of its own.
/// </summary>
[Authorize(Policy = BoardsEndpoints.MemberPolicy)]
public sealed partial class BoardHub(
    BoardRooms rooms, IGrainFactory grains, BoardFanout fanout, AccessRevocations revocations, TimeProvider clock, ILogger<BoardHub> logger) : Hub
{
    public const string ResumedMethod = "Resumed";
    public const string IncompatibleMethod = "Incompatible";
    public const string AckMethod = "Ack";
    public const string RejectMethod = "Reject";
    public const string PatchMethod = "Patch";
    public const string PresenceBatchMethod = "PresenceBatch";

    /// <summary>
    /// How long a push may rely on the connection's last access check (PU6). A revocation on this host ends it at once
    /// (<see cref="AccessRevocations"/>); a revocation on another host, or a link that expires, within this interval.
    /// </summary>
    public static readonly TimeSpan AccessRecheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>The refusal for an unknown board and for a board of another room alike (AZ1), so it reveals nothing.</summary>
    public const string NotPermittedMessage = "Not permitted.";

    /// <summary>
    /// Opens the board for this connection (AZ1, VS1, RS1, RS2). The connection joins the board's group before the grain
    /// answers, so no patch falls between the answer and the first broadcast; a client ignores patches it already has (RS3).
    /// </summary>
    public async Task Resume(ResumeWire? message)
    {
        if (message is null)
        {
            throw new HubException(NotPermittedMessage);
        }
        if (message.ProtocolVersion != BoardLimits.ProtocolVersion)
        {
            await Clients.Caller.SendAsync(IncompatibleMethod, new IncompatibleWire { ProtocolVersion = BoardLimits.ProtocolVersion });
            return;
        }
        var generation = revocations.Generation;
        if (!Guid.TryParse(message.BoardId, out var boardId) || !BoardSchema.IsValidId(message.ClientId)
            || await rooms.ActorAsync(Context.User!, boardId, Context.ConnectionAborted) is not { } actor)
        {
            LogRefused(Context.ConnectionId);
            throw new HubException(NotPermittedMessage);
        }
        await OpenAsync(new BoardSession(boardId, actor, message.ClientId!, generation, clock.GetUtcNow()));
        var resumed = await grains.GetGrain<IBoardGrain>(boardId).Resume(new ResumeMessage((int)message.ProtocolVersion, message.ClientId!, message.LastServerSeq));
        if (resumed is null)
        {
            // The board is reloading after a failed write (LG2); the client reconnects and resumes again.
            Context.Abort();
            return;
        }
        await Clients.Caller.SendAsync(ResumedMethod, BoardWire.From(resumed));
    }

    /// <summary>
    /// Forwards a push and answers the sender with Ack after it is durable, or Reject (PU, AK1). The actor is the one
    /// this connection resumed as, re-checked against the room and the magic link, so that a person taken out of the room
    /// or a revoked link stops writing (PU6): at once after a revocation on this host, else every <see cref="AccessRecheckInterval"/>.
    /// </summary>
    public async Task Push(PushWire? message)
    {
        try
        {
            await PushCheckedAsync(message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !Context.ConnectionAborted.IsCancellationRequested)
        {
            // RS6: the access check found the database away, the grain's host died, the board cannot load, or the call
            // timed out. The client must not send anything after this push before it has resumed, or a later push
            // could be applied first and this one, re-sent, refused as Stale (ID3). Invocations of a connection run one
            // at a time, so closing it now stops the pushes queued behind this one; the client resumes and re-sends
            // them in order.
            LogPushFailed(e, Session?.BoardId);
            Context.Abort();
        }
    }

    private async Task PushCheckedAsync(PushWire? message)
    {
        if (message is null)
        {
            await RejectAsync(0, RejectReason.Malformed);
            return;
        }
        var clientSeq = message.ClientSeq;
        if (Session is not { } session || message.ClientId != session.ClientId || await CurrentActorAsync(session) is not { } actor)
        {
            await RejectAsync(clientSeq, RejectReason.NotPermitted);
            return;
        }
        var count = message.Changes?.Length ?? 0;
        if (count is 0 or > BoardLimits.MaxChangesPerPush)
        {
            await RejectAsync(clientSeq, RejectReason.TooManyChanges);
            return;
        }
        if (BoardWire.ToPush(message) is not { } push)
        {
            await RejectAsync(clientSeq, RejectReason.Malformed);
            return;
        }
        var reply = await grains.GetGrain<IBoardGrain>(session.BoardId).Push(push, actor, Context.ConnectionId);
        if (reply.Ack is { } ack)
        {
            await Clients.Caller.SendAsync(AckMethod, BoardWire.From(ack));
        }
        else if (reply.Reject is { } reject)
        {
            await Clients.Caller.SendAsync(RejectMethod, BoardWire.From(reject));
        }
        else
        {
            // Not durable and never will be (LG2): the client reconnects, resumes and sends its pending pushes again (RS4).
            Context.Abort();
        }
    }

    /// <summary>
    /// Hands presence to the grain's batch (PR2). Lossy and unanswered, so presence from a connection that has not resumed
    /// a board is just dropped, as is invalid presence (PR3). It is checked against the board the connection was admitted
    /// to at Resume and not against the database: at 20 Hz that would cost more than a cursor is worth, and it is never stored.
    /// </summary>
    public Task Presence(PresenceWire? message)
    {
        if (message is null || Session is not { } session)
        {
            return Task.CompletedTask;
        }
        return grains.GetGrain<IBoardGrain>(session.BoardId).Presence(session.ClientId, session.Actor.ParticipantId, BoardWire.ToPresence(message));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Session is { } session)
        {
            await CloseAsync(session);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The session's actor, checked against the database again when a revocation happened since the last check or the
    /// check is older than <see cref="AccessRecheckInterval"/>. Checking on every push cost three queries per change and
    /// was most of the hub's work; access ends rarely, and when it does this host says so.
    /// </summary>
    private async ValueTask<BoardActor?> CurrentActorAsync(BoardSession session)
    {
        var generation = revocations.Generation;
        var now = clock.GetUtcNow();
        if (session.CheckedGeneration == generation && now - session.CheckedAt < AccessRecheckInterval)
        {
            return session.Actor;
        }
        if (await rooms.ActorAsync(Context.User!, session.BoardId, Context.ConnectionAborted) is not { } actor)
        {
            return null;
        }
        Context.Items[typeof(BoardSession)] = session with { Actor = actor, CheckedGeneration = generation, CheckedAt = now };
        return actor;
    }

    private BoardSession? Session => Context.Items.TryGetValue(typeof(BoardSession), out var session) ? (BoardSession?)session : null;

    private async Task OpenAsync(BoardSession session)
    {
        if (Session is { } previous)
        {
            if (previous.BoardId == session.BoardId)
            {
                // A client resumes again on the same connection after a gap (RS3); it keeps its group and subscription.
                Context.Items[typeof(BoardSession)] = session;
                if (previous.ClientId != session.ClientId)
                {
                    await grains.GetGrain<IBoardGrain>(session.BoardId).Leave(previous.ClientId);
                }
                return;
            }
            await CloseAsync(previous);
        }
        Context.Items[typeof(BoardSession)] = session;
        await Groups.AddToGroupAsync(Context.ConnectionId, BoardFanout.GroupName(session.BoardId));
        await fanout.JoinAsync(session.BoardId);
    }

    private async Task CloseAsync(BoardSession session)
    {
        Context.Items.Remove(typeof(BoardSession));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, BoardFanout.GroupName(session.BoardId));
        await grains.GetGrain<IBoardGrain>(session.BoardId).Leave(session.ClientId);
        await fanout.LeaveAsync(session.BoardId);
    }

    private Task RejectAsync(long clientSeq, RejectReason reason) =>
        Clients.Caller.SendAsync(RejectMethod, new RejectWire { ClientSeq = clientSeq, Reason = (int)reason });

    [LoggerMessage(LogLevel.Information, "Board access refused for connection {ConnectionId}")]
    private partial void LogRefused(string connectionId);

    [LoggerMessage(LogLevel.Warning, "A push to board {BoardId} failed; the connection is closed so that the client resumes")]
    private partial void LogPushFailed(Exception exception, Guid? boardId);

    /// <summary>
    /// What a connection resumed as; the actor comes from the connection's identity, never from a message. It was last
    /// checked at <paramref name="CheckedAt"/>, when revocations stood at <paramref name="CheckedGeneration"/>.
    /// </summary>
    private sealed record BoardSession(Guid BoardId, BoardActor Actor, string ClientId, long CheckedGeneration, DateTimeOffset CheckedAt);
}
