using System.Collections.Immutable;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Live;

/// <summary>A phase of the run of show as the live event keeps it: copied from the agenda when the event starts.</summary>
[GenerateSerializer, Immutable]
public sealed record ShowPhase(Guid Id, PhaseKind Kind, string Title, int DurationMinutes);

/// <summary>A message from the organiser into every room and the plenary.</summary>
[GenerateSerializer, Immutable]
public sealed record ShowBroadcast(Guid Id, string Text, DateTimeOffset At);

/// <summary>"Call the organiser" from a room (or the plenary when <see cref="RoomId"/> is empty), with an optional note.</summary>
[GenerateSerializer, Immutable]
public sealed record HelpRequest(Guid Id, Guid PersonId, Guid? RoomId, string? Note, DateTimeOffset At, DateTimeOffset? AnsweredAt)
{
    public bool IsOpen => AnsweredAt is null;
}

/// <summary>Where a person has to be now.</summary>
public enum PlaceKind
{
    NotStarted,
    Plenary,
    Room,
    Ended,
}

/// <summary>Where a person has to be now; <see cref="RoomId"/> is set for <see cref="PlaceKind.Room"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record Place(PlaceKind Kind, Guid? RoomId);

/// <summary>
/// The whole durable state of a live event. Everything here survives a restart of the grain; who is connected does not.
/// <see cref="PhaseIndex"/> is −1 before the start and equals the number of phases once the event has ended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunOfShowState(
    ImmutableArray<ShowPhase> Phases,
    int PhaseIndex,
    DateTimeOffset PhaseStartedAt,
    DateTimeOffset PhaseEndsAt,
    int ExtendedMinutes,
    ImmutableArray<Guid> Speakers,
    int SpeakerIndex,
    DateTimeOffset SpeakerEndsAt,
    ShowBroadcast? Broadcast,
    ImmutableArray<HelpRequest> Help,
    ImmutableDictionary<Guid, Guid> Moves,
    ImmutableDictionary<Guid, DateTimeOffset> RoomTimers,
    long Version)
{
    public static RunOfShowState NotStarted { get; } = new([], -1, default, default, 0, [], 0, default, null, [], ImmutableDictionary<Guid, Guid>.Empty,
        ImmutableDictionary<Guid, DateTimeOffset>.Empty, 0);

    public bool IsStarted => PhaseIndex >= 0;
    public bool IsEnded => IsStarted && PhaseIndex >= Phases.Length;
    public bool IsRunning => IsStarted && !IsEnded;
    public ShowPhase? Current => IsRunning ? Phases[PhaseIndex] : null;
    public ShowPhase? Next => PhaseIndex + 1 < Phases.Length ? Phases[PhaseIndex + 1] : null;

    /// <summary>
    /// Which round of rooms a breakout phase uses: the first breakout meets in round 1, the second in round 2, and so on,
    /// so that rotation rounds at larger events follow the agenda. 0 when no breakout is current.
    /// </summary>
    public int BreakoutRound => Current?.Kind == PhaseKind.Breakout ? Phases.Take(PhaseIndex + 1).Count(p => p.Kind == PhaseKind.Breakout) : 0;

    /// <summary>The current intro speaker, or null outside the introduction round or after the last one.</summary>
    public Guid? Speaker => Current?.Kind == PhaseKind.IntroRound && SpeakerIndex < Speakers.Length ? Speakers[SpeakerIndex] : null;
}

/// <summary>An organiser's or moderator's action, done or refused with a reason (a key of <c>LiveText</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record ShowOutcome(RunOfShowState State, string? Refusal)
{
    public bool Done => Refusal is null;
}

/// <summary>
/// The rules of the run of show, free of I/O and of ASP.NET: the grain orders and stores, these decide. Every function
/// returns a new state, so a refused action changes nothing.
/// </summary>
public static class RunOfShow
{
    /// <summary>How long before a breakout ends every room is warned.</summary>
    public static readonly TimeSpan Warning = TimeSpan.FromMinutes(2);

    /// <summary>Each speaker in the introduction round gets at least this long, even in a crowded round.</summary>
    public static readonly TimeSpan ShortestTurn = TimeSpan.FromSeconds(30);

    /// <summary>… and at most this long, so that the round stays short and lively even with few people.</summary>
    public static readonly TimeSpan LongestTurn = TimeSpan.FromMinutes(2);

    public const int MaxExtensionMinutes = 60;
    public const int MaxTextLength = 500;
    public const int MaxRoomTimerMinutes = 120;

    public static ShowOutcome Start(RunOfShowState state, IReadOnlyList<ShowPhase> phases, IReadOnlyList<Guid> speakers, DateTimeOffset now)
    {
        if (state.IsStarted)
        {
            return Refuse(state, "Refused_AlreadyStarted");
        }
        if (phases.Count == 0)
        {
            return Refuse(state, "Refused_NoPhases");
        }
        return Done(Enter(state with { Phases = [.. phases], Speakers = [.. speakers] }, 0, now));
    }

    public static ShowOutcome Advance(RunOfShowState state, DateTimeOffset now) =>
        state.IsRunning ? Done(Enter(state, state.PhaseIndex + 1, now)) : Refuse(state, NotRunning(state));

    /// <summary>Ends the current breakout for everybody at once: the run of show moves on to the next phase.</summary>
    public static ShowOutcome EndBreakout(RunOfShowState state, DateTimeOffset now) =>
        state.Current?.Kind == PhaseKind.Breakout ? Advance(state, now) : Refuse(state, "Refused_NoBreakout");

    public static ShowOutcome Extend(RunOfShowState state, int minutes)
    {
        if (!state.IsRunning)
        {
            return Refuse(state, NotRunning(state));
        }
        if (minutes is < 1 or > MaxExtensionMinutes)
        {
            return Refuse(state, "Refused_ExtensionRange");
        }
        return Done(state with { PhaseEndsAt = state.PhaseEndsAt.AddMinutes(minutes), ExtendedMinutes = state.ExtendedMinutes + minutes });
    }

    public static ShowOutcome Broadcast(RunOfShowState state, Guid id, string? text, DateTimeOffset now) =>
        Text(text) is { } clean
            ? Done(state with { Broadcast = new ShowBroadcast(id, clean, now) })
            : Refuse(state, string.IsNullOrWhiteSpace(text) ? "Refused_TextEmpty" : "Refused_TextTooLong");

    /// <summary>A person calls the organiser. A second call while the first is open keeps the first (and takes a newer note).</summary>
    public static ShowOutcome RequestHelp(RunOfShowState state, Guid id, Guid personId, Guid? roomId, string? note, DateTimeOffset now)
    {
        var clean = string.IsNullOrWhiteSpace(note) ? null : Text(note);
        if (note is not null && !string.IsNullOrWhiteSpace(note) && clean is null)
        {
            return Refuse(state, "Refused_TextTooLong");
        }
        var open = state.Help.FirstOrDefault(h => h.PersonId == personId && h.IsOpen);
        if (open is not null)
        {
            return Done(state with { Help = state.Help.Replace(open, open with { Note = clean ?? open.Note, RoomId = roomId }) });
        }
        return Done(state with { Help = state.Help.Add(new HelpRequest(id, personId, roomId, clean, now, null)) });
    }

    public static ShowOutcome AnswerHelp(RunOfShowState state, Guid requestId, DateTimeOffset now)
    {
        var request = state.Help.FirstOrDefault(h => h.Id == requestId);
        if (request is null)
        {
            return Refuse(state, "Refused_UnknownHelp");
        }
        return request.IsOpen ? Done(state with { Help = state.Help.Replace(request, request with { AnsweredAt = now }) }) : Done(state);
    }

    /// <summary>Moves a person into another room live; the room must be one of the event's (the caller checks that).</summary>
    public static ShowOutcome Move(RunOfShowState state, Guid personId, Guid roomId) =>
        Done(state with { Moves = state.Moves.SetItem(personId, roomId) });

    /// <summary>The moderator or organiser hands the word to the next speaker of the introduction round.</summary>
    public static ShowOutcome NextSpeaker(RunOfShowState state, DateTimeOffset now)
    {
        if (state.Current?.Kind != PhaseKind.IntroRound)
        {
            return Refuse(state, "Refused_NoIntroRound");
        }
        if (state.SpeakerIndex >= state.Speakers.Length)
        {
            return Refuse(state, "Refused_NoMoreSpeakers");
        }
        return Done(state with { SpeakerIndex = state.SpeakerIndex + 1, SpeakerEndsAt = now + TurnLength(state) });
    }

    /// <summary>A moderator's own timer for a step inside the room, e.g. ten minutes of silent brainstorming.</summary>
    public static ShowOutcome SetRoomTimer(RunOfShowState state, Guid roomId, int minutes, DateTimeOffset now)
    {
        if (state.Current?.Kind != PhaseKind.Breakout)
        {
            return Refuse(state, "Refused_NoBreakout");
        }
        if (minutes is < 0 or > MaxRoomTimerMinutes)
        {
            return Refuse(state, "Refused_RoomTimerRange");
        }
        return Done(state with
        {
            RoomTimers = minutes == 0 ? state.RoomTimers.Remove(roomId) : state.RoomTimers.SetItem(roomId, now.AddMinutes(minutes)),
        });
    }

    /// <summary>
    /// Where a person has to be now. <paramref name="roomOfRound"/> gives the room matching seated them in for a round
    /// (null when none); a live move wins over it while the moved-to room belongs to that round.
    /// </summary>
    public static Place PlaceOf(RunOfShowState state, Guid personId, Func<int, Guid?> roomOfRound, Func<Guid, int?> roundOfRoom)
    {
        if (!state.IsStarted)
        {
            return new Place(PlaceKind.NotStarted, null);
        }
        if (state.IsEnded)
        {
            return new Place(PlaceKind.Ended, null);
        }
        var round = state.BreakoutRound;
        if (round == 0)
        {
            return new Place(PlaceKind.Plenary, null);
        }
        return RoomIn(state, personId, round, roomOfRound, roundOfRoom) is { } id ? new Place(PlaceKind.Room, id) : new Place(PlaceKind.Plenary, null);
    }

    /// <summary>The room a person sits in during <paramref name="round"/>: where they were moved to live, else where matching seated them.</summary>
    public static Guid? RoomIn(RunOfShowState state, Guid personId, int round, Func<int, Guid?> roomOfRound, Func<Guid, int?> roundOfRoom) =>
        state.Moves.TryGetValue(personId, out var moved) && roundOfRoom(moved) == round ? moved : roomOfRound(round);

    /// <summary>When the two-minute warning is due for the current phase: only breakouts warn, and only when long enough to.</summary>
    public static DateTimeOffset? WarningAt(RunOfShowState state) =>
        state.Current?.Kind == PhaseKind.Breakout && state.PhaseEndsAt - state.PhaseStartedAt > Warning ? state.PhaseEndsAt - Warning : null;

    public static bool IsWarning(RunOfShowState state, DateTimeOffset now) =>
        WarningAt(state) is { } at && now >= at && now < state.PhaseEndsAt;

    /// <summary>Time left in the current phase; negative once it has run over (the organiser decides when to move on).</summary>
    public static TimeSpan Remaining(RunOfShowState state, DateTimeOffset now) => state.IsRunning ? state.PhaseEndsAt - now : TimeSpan.Zero;

    /// <summary>Each speaker's share of the introduction round, kept between <see cref="ShortestTurn"/> and <see cref="LongestTurn"/>.</summary>
    public static TimeSpan TurnLength(RunOfShowState state)
    {
        var phase = state.Phases.FirstOrDefault(p => p.Kind == PhaseKind.IntroRound);
        if (phase is null || state.Speakers.Length == 0)
        {
            return LongestTurn;
        }
        var share = TimeSpan.FromMinutes(phase.DurationMinutes) / state.Speakers.Length;
        return share < ShortestTurn ? ShortestTurn : share > LongestTurn ? LongestTurn : TimeSpan.FromSeconds(Math.Floor(share.TotalSeconds));
    }

    private static RunOfShowState Enter(RunOfShowState state, int index, DateTimeOffset now)
    {
        var entered = state with
        {
            PhaseIndex = index,
            PhaseStartedAt = now,
            PhaseEndsAt = index < state.Phases.Length ? now.AddMinutes(state.Phases[index].DurationMinutes) : now,
            ExtendedMinutes = 0,
            SpeakerIndex = 0,
            RoomTimers = ImmutableDictionary<Guid, DateTimeOffset>.Empty,
        };
        return entered with { SpeakerEndsAt = entered.Current?.Kind == PhaseKind.IntroRound ? now + TurnLength(entered) : default };
    }

    private static string? Text(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxTextLength ? null : trimmed;
    }

    private static string NotRunning(RunOfShowState state) => state.IsEnded ? "Refused_Ended" : "Refused_NotStarted";

    private static ShowOutcome Done(RunOfShowState state) => new(state with { Version = state.Version + 1 }, null);

    private static ShowOutcome Refuse(RunOfShowState state, string reason) => new(state, reason);
}
