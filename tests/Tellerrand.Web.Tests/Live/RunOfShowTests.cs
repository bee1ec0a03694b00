using System.Collections.Immutable;
using Tellerrand.Web.Events;
using Tellerrand.Web.Live;

namespace Tellerrand.Web.Tests.Live;

/// <summary>The run of show's rules without Orleans or a database: phases, timers, warnings, moves, help and the intro round.</summary>
public sealed class RunOfShowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static readonly ShowPhase Welcome = new(Guid.NewGuid(), PhaseKind.Plenary, "Begrüßung", 10);
    private static readonly ShowPhase Intro = new(Guid.NewGuid(), PhaseKind.IntroRound, "Vorstellungsrunde", 20);
    private static readonly ShowPhase Breakout = new(Guid.NewGuid(), PhaseKind.Breakout, "Breakout", 75);
    private static readonly ShowPhase ShareOut = new(Guid.NewGuid(), PhaseKind.ShareOut, "Ergebnisse", 30);
    private static readonly ShowPhase[] Agenda = [Welcome, Intro, Breakout, ShareOut];

    private static RunOfShowState Started(IReadOnlyList<Guid>? speakers = null) =>
        RunOfShow.Start(RunOfShowState.NotStarted, Agenda, speakers ?? [], T0).State;

    private static RunOfShowState AtPhase(int index, IReadOnlyList<Guid>? speakers = null)
    {
        var state = Started(speakers);
        for (var i = 0; i < index; i++)
        {
            state = RunOfShow.Advance(state, T0.AddMinutes(i + 1)).State;
        }
        return state;
    }

    [Fact]
    public void StartEntersTheFirstPhaseWithItsEndInServerTime()
    {
        var outcome = RunOfShow.Start(RunOfShowState.NotStarted, Agenda, [], T0);

        Assert.True(outcome.Done);
        Assert.Equal(Welcome, outcome.State.Current);
        Assert.Equal(T0.AddMinutes(10), outcome.State.PhaseEndsAt);
        Assert.Equal(Intro, outcome.State.Next);
        Assert.Equal(1, outcome.State.Version);
    }

    [Fact]
    public void StartingTwiceOrWithoutAgendaIsRefusedAndChangesNothing()
    {
        var started = Started();
        var again = RunOfShow.Start(started, Agenda, [], T0.AddMinutes(3));
        var empty = RunOfShow.Start(RunOfShowState.NotStarted, [], [], T0);

        Assert.Equal("Refused_AlreadyStarted", again.Refusal);
        Assert.Same(started, again.State);
        Assert.Equal("Refused_NoPhases", empty.Refusal);
        Assert.False(empty.State.IsStarted);
    }

    [Fact]
    public void AdvancingMovesToTheNextPhaseAndPastTheLastEndsTheEvent()
    {
        var state = AtPhase(3);
        Assert.Equal(ShareOut, state.Current);
        Assert.Null(state.Next);

        var ended = RunOfShow.Advance(state, T0.AddHours(2)).State;

        Assert.True(ended.IsEnded);
        Assert.Null(ended.Current);
        Assert.Equal("Refused_Ended", RunOfShow.Advance(ended, T0.AddHours(3)).Refusal);
        Assert.Equal("Refused_NotStarted", RunOfShow.Advance(RunOfShowState.NotStarted, T0).Refusal);
    }

    [Fact]
    public void ExtendingMovesTheEndAndIsLimited()
    {
        var state = AtPhase(2);
        var end = state.PhaseEndsAt;

        var extended = RunOfShow.Extend(state, 5);

        Assert.Equal(end.AddMinutes(5), extended.State.PhaseEndsAt);
        Assert.Equal(5, extended.State.ExtendedMinutes);
        Assert.Equal("Refused_ExtensionRange", RunOfShow.Extend(state, 0).Refusal);
        Assert.Equal("Refused_ExtensionRange", RunOfShow.Extend(state, 61).Refusal);
    }

    [Fact]
    public void TwoMinuteWarningComesOnlyInABreakoutAndMovesWithAnExtension()
    {
        var breakout = AtPhase(2);
        var end = breakout.PhaseEndsAt;

        Assert.Equal(end.AddMinutes(-2), RunOfShow.WarningAt(breakout));
        Assert.False(RunOfShow.IsWarning(breakout, end.AddMinutes(-2).AddSeconds(-1)));
        Assert.True(RunOfShow.IsWarning(breakout, end.AddMinutes(-1)));
        Assert.False(RunOfShow.IsWarning(breakout, end));
        Assert.Null(RunOfShow.WarningAt(AtPhase(0)));

        var extended = RunOfShow.Extend(breakout, 10).State;
        Assert.False(RunOfShow.IsWarning(extended, end.AddMinutes(-1)));
        Assert.Equal(end.AddMinutes(8), RunOfShow.WarningAt(extended));
    }

    [Fact]
    public void EndingTheBreakoutSendsEverybodyToTheNextPhaseAndIsRefusedOutsideOne()
    {
        var breakout = AtPhase(2);
        var ended = RunOfShow.EndBreakout(breakout, T0.AddHours(1));

        Assert.Equal(ShareOut, ended.State.Current);
        Assert.Equal("Refused_NoBreakout", RunOfShow.EndBreakout(AtPhase(1), T0).Refusal);
    }

    [Fact]
    public void PeopleGoToTheirRoomInABreakoutAndAMoveWinsOverMatching()
    {
        var anna = Guid.NewGuid();
        var room1 = Guid.NewGuid();
        var room2 = Guid.NewGuid();
        Guid? Matched(int round) => round == 1 ? room1 : null;
        int? RoundOf(Guid room) => room == room1 || room == room2 ? 1 : null;

        Assert.Equal(new Place(PlaceKind.NotStarted, null), RunOfShow.PlaceOf(RunOfShowState.NotStarted, anna, Matched, RoundOf));
        Assert.Equal(new Place(PlaceKind.Plenary, null), RunOfShow.PlaceOf(AtPhase(1), anna, Matched, RoundOf));
        var breakout = AtPhase(2);
        Assert.Equal(new Place(PlaceKind.Room, room1), RunOfShow.PlaceOf(breakout, anna, Matched, RoundOf));

        var moved = RunOfShow.Move(breakout, anna, room2).State;

        Assert.Equal(new Place(PlaceKind.Room, room2), RunOfShow.PlaceOf(moved, anna, Matched, RoundOf));
        Assert.Equal(new Place(PlaceKind.Plenary, null), RunOfShow.PlaceOf(moved, Guid.NewGuid(), _ => null, RoundOf));
        Assert.Equal(new Place(PlaceKind.Plenary, null), RunOfShow.PlaceOf(RunOfShow.Advance(moved, T0.AddHours(1)).State, anna, Matched, RoundOf));
    }

    [Fact]
    public void SecondBreakoutUsesTheSecondRoundOfRooms()
    {
        var state = RunOfShow.Start(RunOfShowState.NotStarted, [Breakout, Welcome, Breakout with { Id = Guid.NewGuid() }], [], T0).State;
        Assert.Equal(1, state.BreakoutRound);
        state = RunOfShow.Advance(state, T0).State;
        Assert.Equal(0, state.BreakoutRound);
        state = RunOfShow.Advance(state, T0).State;
        Assert.Equal(2, state.BreakoutRound);
    }

    [Fact]
    public void BroadcastNeedsTextOfAtMost500Characters()
    {
        var state = Started();
        var sent = RunOfShow.Broadcast(state, Guid.NewGuid(), "  Noch 10 Minuten!  ", T0);

        Assert.Equal("Noch 10 Minuten!", sent.State.Broadcast!.Text);
        Assert.Equal("Refused_TextEmpty", RunOfShow.Broadcast(state, Guid.NewGuid(), "   ", T0).Refusal);
        Assert.Equal("Refused_TextTooLong", RunOfShow.Broadcast(state, Guid.NewGuid(), new string('x', 501), T0).Refusal);
        Assert.Null(RunOfShow.Broadcast(state, Guid.NewGuid(), new string('x', 501), T0).State.Broadcast);
    }

    [Fact]
    public void HelpRequestsStayOneOpenPerPersonUntilAnswered()
    {
        var person = Guid.NewGuid();
        var room = Guid.NewGuid();
        var first = RunOfShow.RequestHelp(Started(), Guid.NewGuid(), person, room, "Ton fehlt", T0).State;
        var again = RunOfShow.RequestHelp(first, Guid.NewGuid(), person, room, "Jetzt auch kein Bild", T0.AddMinutes(1)).State;

        var request = Assert.Single(again.Help);
        Assert.Equal("Jetzt auch kein Bild", request.Note);
        Assert.True(request.IsOpen);

        var answered = RunOfShow.AnswerHelp(again, request.Id, T0.AddMinutes(2)).State;
        Assert.False(Assert.Single(answered.Help).IsOpen);
        Assert.Equal("Refused_UnknownHelp", RunOfShow.AnswerHelp(answered, Guid.NewGuid(), T0).Refusal);

        var later = RunOfShow.RequestHelp(answered, Guid.NewGuid(), person, null, null, T0.AddMinutes(5)).State;
        Assert.Equal(2, later.Help.Length);
        Assert.Equal("Refused_TextTooLong", RunOfShow.RequestHelp(answered, Guid.NewGuid(), person, null, new string('x', 501), T0).Refusal);
    }

    [Fact]
    public void IntroRoundSplitsItsTimeBetweenSpeakersAndTheModeratorAdvances()
    {
        Guid[] speakers = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
                           Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
                           Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var welcome = Started(speakers);
        Assert.Null(welcome.Speaker);
        Assert.Equal("Refused_NoIntroRound", RunOfShow.NextSpeaker(welcome, T0).Refusal);

        var intro = RunOfShow.Advance(welcome, T0.AddMinutes(10)).State;
        // 20 minutes for 15 people: 80 seconds each.
        Assert.Equal(TimeSpan.FromSeconds(80), RunOfShow.TurnLength(intro));
        Assert.Equal(speakers[0], intro.Speaker);
        Assert.Equal(T0.AddMinutes(10).AddSeconds(80), intro.SpeakerEndsAt);

        var next = RunOfShow.NextSpeaker(intro, T0.AddMinutes(11)).State;
        Assert.Equal(speakers[1], next.Speaker);
        Assert.Equal(T0.AddMinutes(11).AddSeconds(80), next.SpeakerEndsAt);

        for (var i = 1; i < speakers.Length; i++)
        {
            next = RunOfShow.NextSpeaker(next, T0.AddMinutes(12)).State;
        }
        Assert.Null(next.Speaker);
        Assert.Equal("Refused_NoMoreSpeakers", RunOfShow.NextSpeaker(next, T0.AddMinutes(13)).Refusal);
    }

    [Fact]
    public void TurnsStayBetweenHalfAMinuteAndTwoMinutes()
    {
        Assert.Equal(RunOfShow.LongestTurn, RunOfShow.TurnLength(Started([Guid.NewGuid(), Guid.NewGuid()])));
        Assert.Equal(RunOfShow.ShortestTurn, RunOfShow.TurnLength(Started([.. Enumerable.Range(0, 100).Select(_ => Guid.NewGuid())])));
    }

    [Fact]
    public void RoomTimerIsTheModeratorsWithinABreakoutAndClearsOnTheNextPhase()
    {
        var room = Guid.NewGuid();
        var breakout = AtPhase(2);
        var set = RunOfShow.SetRoomTimer(breakout, room, 10, T0.AddMinutes(30)).State;

        Assert.Equal(T0.AddMinutes(40), set.RoomTimers[room]);
        Assert.Empty(RunOfShow.SetRoomTimer(set, room, 0, T0).State.RoomTimers);
        Assert.Equal("Refused_RoomTimerRange", RunOfShow.SetRoomTimer(breakout, room, 121, T0).Refusal);
        Assert.Equal("Refused_NoBreakout", RunOfShow.SetRoomTimer(AtPhase(1), room, 5, T0).Refusal);
        Assert.Empty(RunOfShow.Advance(set, T0.AddHours(1)).State.RoomTimers);
    }

    [Fact]
    public void RosterSeatsMovedPeopleInTheirNewRoomOnly()
    {
        var (anna, ben, carla) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var room1 = new LiveRoom(Guid.NewGuid(), 1, 1, "Bäckerei", Guid.NewGuid(), null, [anna, ben]);
        var room2 = new LiveRoom(Guid.NewGuid(), 1, 2, "Tischlerei", Guid.NewGuid(), null, [carla]);
        var roster = new LiveRoster([.. Agenda], [room1, room2], [], ImmutableDictionary<Guid, string>.Empty);
        var state = RunOfShow.Move(AtPhase(2), ben, room2.Id).State;

        var seating = roster.Seating(state, 1);

        Assert.Equal([anna], seating[0].People.ToArray());
        Assert.Equal([carla, ben], seating[1].People.OrderBy(p => p == ben));
        Assert.Equal(new Place(PlaceKind.Room, room2.Id), roster.PlaceOf(state, ben));
    }

    [Fact]
    public void SnapshotTellsTheStageTheWarningAndTheSpeakerCard()
    {
        var speaker = Guid.NewGuid();
        var roster = new LiveRoster([.. Agenda], [], [new LiveSpeaker(speaker, "Anna Schulz", "Tischlerei Hoffmann", "Tischlerei Hoffmann", "Wir bauen Treppen.")],
            ImmutableDictionary<Guid, string>.Empty);

        var intro = LiveSnapshot.Of(AtPhase(1, [speaker]), roster, T0);
        var breakout = LiveSnapshot.Of(AtPhase(2, [speaker]), roster, T0);
        var before = LiveSnapshot.Of(RunOfShowState.NotStarted, roster, T0);

        Assert.Equal(PlaceKind.Plenary, intro.Stage);
        Assert.Equal(new SpeakerCard("Anna Schulz", "Tischlerei Hoffmann", "Tischlerei Hoffmann", "Wir bauen Treppen.", intro.Speaker!.EndsAt, 1, 1), intro.Speaker);
        Assert.Equal(PlaceKind.Room, breakout.Stage);
        Assert.Equal(breakout.PhaseEndsAt!.Value.AddMinutes(-2), breakout.WarningAt);
        Assert.Equal(1, breakout.Round);
        Assert.Equal(PlaceKind.NotStarted, before.Stage);
        Assert.Equal("Begrüßung", before.NextTitle);
    }

    [Theory]
    [InlineData("Wir suchen Nachwuchs. Und zwar dringend!", "Wir suchen Nachwuchs.")]
    [InlineData("Ohne Punkt am Ende", "Ohne Punkt am Ende")]
    [InlineData("   ", null)]
    public void SpeakerCardShowsOneSentence(string text, string? expected) =>
        Assert.Equal(expected, LiveStore.FirstSentence(text));
}
