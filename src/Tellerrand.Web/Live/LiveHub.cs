using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Live;

/// <summary>What a lobby gets when it joins: the event's state and where this person has to be.</summary>
public sealed record LiveJoined(LiveSnapshot Snapshot, Place Place);

/// <summary>The answer to a lobby's action: null when done, else a sentence for the person, already localized.</summary>
public sealed record LiveReply(string? Refusal, Guid? RequestId = null);

/// <summary>
/// The lobbies' SignalR endpoint at <c>/hubs/live</c>. Only magic-link sessions connect; every method re-checks that the
/// caller belongs to the event it joined, and the organiser's actions are not here at all (they live in the cockpit).
/// </summary>
[Authorize(Policy = ParticipantSession.Policy)]
public sealed partial class LiveHub(LiveAccess access, IGrainFactory grains, LiveFanout fanout, IDbContextFactory<TellerrandDb> dbs,
    Microsoft.Extensions.Localization.IStringLocalizer<LiveText> text, ILogger<LiveHub> logger) : Hub
{
    public const string ChangedMethod = "Changed";
    public const string MovedMethod = "Moved";

    /// <summary>The refusal for another event and for an unknown one alike, so it reveals nothing.</summary>
    public const string NotPermittedMessage = "Not permitted.";

    /// <summary>Opens the lobby of <paramref name="eventId"/> for this connection: joins its group, then reads the state.</summary>
    public async Task<LiveJoined> Join(string? eventId)
    {
        if (!Guid.TryParse(eventId, out var id) || await access.MemberAsync(Context.User!, id, Context.ConnectionAborted) is not { } member)
        {
            LogRefused(Context.ConnectionId);
            throw new HubException(NotPermittedMessage);
        }
        if (Member is { } previous)
        {
            if (previous == member)
            {
                return await JoinedAsync(member);
            }
            await CloseAsync(previous);
        }
        Context.Items[typeof(LiveMember)] = member;
        // The group first, so that no change falls between reading the state and the first broadcast.
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveFanout.GroupName(id));
        await fanout.JoinAsync(id, member.PersonId, Context.ConnectionId);
        await grains.GetGrain<IEventGrain>(id).Arrive(member.PersonId, Context.ConnectionId);
        return await JoinedAsync(member);
    }

    /// <summary>Where this person has to be now; a lobby asks after it was told of a live move.</summary>
    public async Task<Place> WhereAmI()
    {
        var member = await CheckedAsync();
        return await grains.GetGrain<IEventGrain>(member.EventId).PlaceOf(member.PersonId);
    }

    /// <summary>"Call the organiser" from wherever the person is, with an optional note.</summary>
    public async Task<LiveReply> CallOrganiser(string? note)
    {
        var member = await CheckedAsync();
        var receipt = await grains.GetGrain<IEventGrain>(member.EventId).RequestHelp(member.PersonId, note);
        return new LiveReply(Localized(receipt.Refusal), receipt.RequestId);
    }

    /// <summary>A moderator of the event hands the word to the next speaker of the introduction round.</summary>
    public async Task<LiveReply> NextSpeaker()
    {
        var member = await CheckedAsync();
        if (!await ModeratesAsync(member))
        {
            throw new HubException(NotPermittedMessage);
        }
        var outcome = await grains.GetGrain<IEventGrain>(member.EventId).NextSpeaker();
        return new LiveReply(Localized(outcome.Refusal));
    }

    /// <summary>The moderator sets the timer of the room they moderate now (0 clears it).</summary>
    public async Task<LiveReply> SetRoomTimer(int minutes)
    {
        var member = await CheckedAsync();
        var outcome = await grains.GetGrain<IEventGrain>(member.EventId).SetRoomTimer(member.PersonId, minutes);
        return new LiveReply(Localized(outcome.Refusal));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Member is { } member)
        {
            await CloseAsync(member);
        }
        await base.OnDisconnectedAsync(exception);
    }

    private string? Localized(string? refusal) => refusal is null ? null : text[refusal].Value;

    private LiveMember? Member => Context.Items.TryGetValue(typeof(LiveMember), out var member) ? (LiveMember?)member : null;

    /// <summary>The joined member, re-checked against the database and the link on every call.</summary>
    private async Task<LiveMember> CheckedAsync()
    {
        if (Member is not { } member || await access.MemberAsync(Context.User!, member.EventId, Context.ConnectionAborted) != member)
        {
            LogRefused(Context.ConnectionId);
            throw new HubException(NotPermittedMessage);
        }
        return member;
    }

    private async Task<bool> ModeratesAsync(LiveMember member)
    {
        await using var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted);
        return await db.Rooms.AnyAsync(r => r.EventId == member.EventId && r.ModeratorId == member.PersonId, Context.ConnectionAborted)
            || await db.Participations.AnyAsync(p => p.EventId == member.EventId && p.PersonId == member.PersonId && p.Role == EventRole.Moderator
                && p.Status != ParticipationStatus.Withdrawn && p.Status != ParticipationStatus.Declined, Context.ConnectionAborted);
    }

    private async Task<LiveJoined> JoinedAsync(LiveMember member)
    {
        var grain = grains.GetGrain<IEventGrain>(member.EventId);
        return new LiveJoined(await grain.Snapshot(), await grain.PlaceOf(member.PersonId));
    }

    private async Task CloseAsync(LiveMember member)
    {
        Context.Items.Remove(typeof(LiveMember));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveFanout.GroupName(member.EventId));
        await grains.GetGrain<IEventGrain>(member.EventId).Depart(member.PersonId, Context.ConnectionId);
        await fanout.LeaveAsync(member.EventId, member.PersonId, Context.ConnectionId);
    }

    [LoggerMessage(LogLevel.Information, "Live lobby access refused for connection {ConnectionId}")]
    private partial void LogRefused(string connectionId);
}
