using System.Collections.Immutable;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Live;

/// <summary>A room as the live event knows it: who sits in it according to matching, before live moves.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveRoom(Guid Id, int Round, int Number, string Business, Guid BoardId, Guid? ModeratorId, ImmutableArray<Guid> Members);

/// <summary>
/// A speaker's card in the introduction round: name, company or disciplines (in German and English, since every lobby
/// of the event gets the same card), one sentence.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveSpeaker(Guid PersonId, string Name, string Line, string LineEn, string? Sentence);

/// <summary>
/// Everything the live event reads from the database: the agenda, the rooms of every round and the people in them. Loaded
/// when the grain activates and again at the start, so rooms confirmed after an activation are not missed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveRoster(
    ImmutableArray<ShowPhase> Phases,
    ImmutableArray<LiveRoom> Rooms,
    ImmutableArray<LiveSpeaker> Speakers,
    ImmutableDictionary<Guid, string> Names)
{
    public static LiveRoster Empty { get; } = new([], [], [], ImmutableDictionary<Guid, string>.Empty);

    public LiveRoom? Room(Guid roomId) => Rooms.FirstOrDefault(r => r.Id == roomId);

    /// <summary>The room matching seated <paramref name="personId"/> in for <paramref name="round"/>.</summary>
    public Guid? RoomOf(Guid personId, int round) =>
        Rooms.FirstOrDefault(r => r.Round == round && r.Members.Contains(personId))?.Id;

    /// <summary>Where the person has to be, with live moves applied.</summary>
    public Place PlaceOf(RunOfShowState state, Guid personId) =>
        RunOfShow.PlaceOf(state, personId, round => RoomOf(personId, round), roomId => Room(roomId)?.Round);

    /// <summary>Who is in each room of <paramref name="round"/> now: matched members, minus those moved out, plus those moved in.</summary>
    public ImmutableArray<RoomSeating> Seating(RunOfShowState state, int round)
    {
        var people = Rooms.Where(r => r.Round == round).SelectMany(r => r.Members).Concat(state.Moves.Keys).Distinct().ToList();
        return
        [
            .. Rooms.Where(r => r.Round == round).OrderBy(r => r.Number)
                .Select(room => new RoomSeating(room, [.. people.Where(p => RoomIn(state, p, round) == room.Id)])),
        ];
    }

    /// <summary>The room a person sits in during <paramref name="round"/>, live moves applied.</summary>
    public Guid? RoomIn(RunOfShowState state, Guid personId, int round) =>
        RunOfShow.RoomIn(state, personId, round, r => RoomOf(personId, r), id => Room(id)?.Round);
}

/// <summary>A room and the people in it now.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomSeating(LiveRoom Room, ImmutableArray<Guid> People);

/// <summary>The current speaker of the introduction round as everybody sees them.</summary>
[GenerateSerializer, Immutable]
public sealed record SpeakerCard(string Name, string Line, string LineEn, string? Sentence, DateTimeOffset EndsAt, int Number, int Count);

/// <summary>
/// What every lobby of the event is told on each change. It holds nothing personal beyond the intro speaker's card, which
/// is shown to everybody anyway; where each person goes is worked out from it by their own page.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveSnapshot(
    long Version,
    PlaceKind Stage,
    int PhaseNumber,
    int PhaseCount,
    string? PhaseTitle,
    PhaseKind? PhaseKind,
    DateTimeOffset? PhaseEndsAt,
    DateTimeOffset? WarningAt,
    string? NextTitle,
    int Round,
    ShowBroadcast? Broadcast,
    SpeakerCard? Speaker,
    ImmutableDictionary<Guid, DateTimeOffset> RoomTimers,
    ImmutableArray<Guid> OpenHelp,
    DateTimeOffset ServerNow)
{
    public static LiveSnapshot Of(RunOfShowState state, LiveRoster roster, DateTimeOffset now)
    {
        var current = state.Current;
        var stage = !state.IsStarted ? PlaceKind.NotStarted
            : state.IsEnded ? PlaceKind.Ended
            : current!.Kind == Events.PhaseKind.Breakout ? PlaceKind.Room : PlaceKind.Plenary;
        var next = state.IsStarted ? state.Next : state.Phases.FirstOrDefault() ?? roster.Phases.FirstOrDefault();
        SpeakerCard? speaker = null;
        if (state.Speaker is { } speakerId && roster.Speakers.FirstOrDefault(s => s.PersonId == speakerId) is { } card)
        {
            speaker = new SpeakerCard(card.Name, card.Line, card.LineEn, card.Sentence, state.SpeakerEndsAt, state.SpeakerIndex + 1, state.Speakers.Length);
        }
        return new LiveSnapshot(
            state.Version, stage, state.IsRunning ? state.PhaseIndex + 1 : 0, state.IsStarted ? state.Phases.Length : roster.Phases.Length,
            current?.Title, current?.Kind, state.IsRunning ? state.PhaseEndsAt : null, RunOfShow.WarningAt(state),
            next?.Title, state.BreakoutRound, state.Broadcast, speaker, state.RoomTimers,
            [.. state.Help.Where(h => h.IsOpen).Select(h => h.Id)], now);
    }
}

/// <summary>Everything the organiser's cockpit shows: the state, the rooms and who is connected right now.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveOverview(RunOfShowState State, LiveRoster Roster, ImmutableArray<Guid> Present, DateTimeOffset ServerNow);

/// <summary>One open lobby connection of a person on a host, as the host reports it when it renews its subscription.</summary>
[GenerateSerializer, Immutable]
public sealed record LivePresence(Guid PersonId, string ConnectionId);

/// <summary>The answer to "call the organiser": the request's id to follow, or why it was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record HelpReceipt(Guid? RequestId, string? Refusal);
