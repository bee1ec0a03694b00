using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

public sealed class ValidationTests
{
    // Voting open with one vote per person; f1 holds n1, n2, a locked note and the frame inner; lf is a locked frame.
    private static readonly BoardState Base = Apply(Build(
        Settings((PropertyNames.VoteState, new TextValue(BoardSchema.VoteOpen)), (PropertyNames.VotesPerPerson, new NumberValue(1))),
        Frame("f1"), Frame("inner", At("f1")), Frame("lf", At(index: "W"), locked: true),
        Sticky("n1", at: At("f1", "V")), Sticky("n2", at: At("f1", "W")),
        Sticky("n-locked", at: At("f1", "X")), Set("n-locked", PropertyNames.Locked, new FlagValue(true))),
        Ben, Vote("ben", "n1"));

    private static readonly BoardState Frozen = Apply(Base, Moderator, Set(BoardSchema.SettingsId, PropertyNames.Frozen, new FlagValue(true)));
    private static readonly BoardState Idle = Apply(Base, Moderator, Set(BoardSchema.SettingsId, PropertyNames.VoteState, new TextValue(BoardSchema.VoteIdle)));

    public static TheoryData<string, RejectReason> Cases
    {
        get
        {
            var cases = new TheoryData<string, RejectReason>();
            foreach (var (name, rejection) in Rejections)
            {
                cases.Add(name, rejection.Reason);
            }
            return cases;
        }
    }

    private static readonly Dictionary<string, (BoardState State, BoardActor Actor, BoardChange[] Push, RejectReason Reason)> Rejections = new()
    {
        ["bad id"] = (Base, Anna, [Sticky("a b")], RejectReason.Malformed),
        ["empty update"] = (Base, Anna, [BoardChange.Update("n1", PropertyMap.Empty)], RejectReason.Malformed),
        ["unknown property"] = (Base, Anna, [Set("n1", "secret", new TextValue("x"))], RejectReason.Malformed),
        ["wrong value type"] = (Base, Anna, [Set("n1", PropertyNames.Text, new NumberValue(1))], RejectReason.Malformed),
        ["not a number"] = (Base, Anna, [Set("f1", PropertyNames.Width, new NumberValue(double.NaN))], RejectReason.Malformed),
        ["number out of range"] = (Base, Anna, [Set("f1", PropertyNames.Width, new NumberValue(1))], RejectReason.Malformed),
        ["coordinate out of range"] = (Base, Anna, [Move("n1", At(x: 2e6))], RejectReason.Malformed),
        ["choice not in list"] = (Base, Anna, [Set("n1", PropertyNames.Colour, new TextValue("magenta"))], RejectReason.Malformed),
        ["bad index"] = (Base, Anna, [Move("n1", At(index: "V0"))], RejectReason.Malformed),
        ["required property missing"] = (Base, Anna, [BoardChange.Put("n9", RecordKinds.Sticky, PropertyMap.Empty)], RejectReason.Malformed),
        ["required property reset"] = (Base, Anna, [Set("n1", PropertyNames.Placement, null)], RejectReason.Malformed),
        ["settings kind under another id"] = (Base, Moderator, [BoardChange.Put("other", RecordKinds.Board, PropertyMap.Empty)], RejectReason.Malformed),
        ["vote updated"] = (Base, Moderator, [Set(BoardSchema.VoteId("ben", "n1"), PropertyNames.Voter, new TextValue("mod"))], RejectReason.Malformed),
        ["unknown kind"] = (Base, Anna, [BoardChange.Put("img", "image", PropertyMap.Empty)], RejectReason.UnknownRecordKind),
        ["text too long"] = (Base, Anna, [SetText("n1", new string('x', BoardLimits.MaxTextLength + 1))], RejectReason.TextTooLong),
        ["title too long"] = (Base, Anna, [Set("f1", PropertyNames.Title, new TextValue(new string('x', BoardLimits.MaxTitleLength + 1)))], RejectReason.TextTooLong),
        ["control character"] = (Base, Anna, [SetText("n1", "\u001b[31m")], RejectReason.TextInvalid),
        ["no changes"] = (Base, Anna, [], RejectReason.TooManyChanges),
        ["too many changes"] = (Base, Anna, [.. Enumerable.Range(0, BoardLimits.MaxChangesPerPush + 1).Select(i => SetText("n1", $"{i}"))], RejectReason.TooManyChanges),
        ["oversized"] = (Base, Anna, [.. Enumerable.Range(0, 40).Select(i => Sticky($"big{i}", new string('€', BoardLimits.MaxTextLength)))], RejectReason.Oversized),
        ["locked record changed"] = (Base, Anna, [Set("lf", PropertyNames.Title, new TextValue("mine"))], RejectReason.RecordLocked),
        ["locked record deleted"] = (Base, Anna, [BoardChange.Delete("n-locked")], RejectReason.RecordLocked),
        ["delete cascades into locked"] = (Base, Anna, [BoardChange.Delete("f1")], RejectReason.RecordLocked),
        ["frozen, participant"] = (Frozen, Anna, [Sticky("n9")], RejectReason.BoardFrozen),
        ["frozen, moderator edits"] = (Frozen, Moderator, [Sticky("n9")], RejectReason.BoardFrozen),
        ["frozen, moderator keeps it frozen"] = (Frozen, Moderator, [Set(BoardSchema.SettingsId, PropertyNames.VoteState, new TextValue(BoardSchema.VoteIdle))], RejectReason.BoardFrozen),
        ["observer pushes"] = (Base, Watcher, [Sticky("n9")], RejectReason.NotPermitted),
        ["participant locks"] = (Base, Anna, [Set("n1", PropertyNames.Locked, new FlagValue(true))], RejectReason.NotPermitted),
        ["participant creates a locked note"] = (Base, Anna, [Sticky("n9"), Set("n9", PropertyNames.Locked, new FlagValue(true))], RejectReason.NotPermitted),
        ["participant unlocks"] = (Base, Anna, [Set("n-locked", PropertyNames.Locked, new FlagValue(false))], RejectReason.NotPermitted),
        ["participant changes settings"] = (Base, Anna, [Set(BoardSchema.SettingsId, PropertyNames.Frozen, new FlagValue(true))], RejectReason.NotPermitted),
        ["participant starts a timer"] = (Base, Anna, [Set(BoardSchema.SettingsId, PropertyNames.TimerEndsAt, new NumberValue(1e12))], RejectReason.NotPermitted),
        ["vote in another's name"] = (Base, Anna, [Vote("ben", "n2")], RejectReason.NotPermitted),
        ["another's vote withdrawn"] = (Base, Anna, [BoardChange.Delete(BoardSchema.VoteId("ben", "n1"))], RejectReason.NotPermitted),
        ["parent missing"] = (Base, Anna, [Sticky("n9", at: At("nope"))], RejectReason.ParentMissing),
        ["parent not a frame"] = (Base, Anna, [Sticky("n9", at: At("n1"))], RejectReason.ParentMissing),
        ["frame into itself"] = (Base, Anna, [Move("f1", At("f1"))], RejectReason.CycleInParents),
        ["frame into its child"] = (Base, Anna, [Move("f1", At("inner"))], RejectReason.CycleInParents),
        ["connector to nothing"] = (Base, Anna, [Connector("c9", "n1", "nope")], RejectReason.ReferenceMissing),
        ["connector to a vote"] = (Base, Anna, [Connector("c9", "n1", BoardSchema.VoteId("ben", "n1"))], RejectReason.ReferenceMissing),
        ["vote on a frame"] = (Base, Anna, [Vote("anna", "f1")], RejectReason.ReferenceMissing),
        ["gather to nothing"] = (Base, Moderator, [Set(BoardSchema.SettingsId, PropertyNames.GatherTarget, new TextValue("nope"))], RejectReason.ReferenceMissing),
        ["vote while idle"] = (Idle, Anna, [Vote("anna", "n1")], RejectReason.VotingClosed),
        ["vote withdrawn while idle"] = (Idle, Ben, [BoardChange.Delete(BoardSchema.VoteId("ben", "n1"))], RejectReason.VotingClosed),
        ["second vote over the limit"] = (Base, Anna, [Vote("anna", "n1"), Vote("anna", "n2")], RejectReason.VoteLimitReached),
        ["board full"] = (Full(), Anna, [Sticky("one-more")], RejectReason.BoardFull),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PU1_EachBadInputIsRejectedWithItsReasonAndChangesNothing(string name, RejectReason expected)
    {
        var (state, actor, push, _) = Rejections[name];

        var result = state.TryApply(push, actor);

        Assert.Equal(expected, result.Reason);
        Assert.Same(state, result.State);
        Assert.Empty(result.Patch);
    }

    [Fact]
    public void PU1_AFailingChangeLateInThePushUndoesTheEarlierOnes()
    {
        var result = Base.TryApply(Push(Sticky("n9", "first"), SetText("n1", "second"), Sticky("n10", at: At("nope"))), Anna);

        Assert.Equal(RejectReason.ParentMissing, result.Reason);
        Assert.Null(Base.Get("n9"));
        Assert.Same(Base, result.State);
    }

    [Fact]
    public void PU1_ALaterChangeSeesTheEarlierOnesOfTheSamePush()
    {
        var result = Base.TryApply(Push(Frame("f9"), Sticky("n9", at: At("f9")), Connector("c9", "n9", "n1")), Anna);

        Assert.True(result.IsApplied);
    }

    [Fact]
    public void PU1_NullsFromAHostileDecoderAreMalformed()
    {
        Assert.Equal(RejectReason.Malformed, Base.TryApply([null!], Anna).Reason);
        Assert.Equal(RejectReason.BoardFrozen, Frozen.TryApply([null!], Moderator).Reason);
        Assert.Equal(RejectReason.Malformed, Base.TryApply(Push(SetText("n1", null!)), Anna).Reason);
        Assert.Equal(RejectReason.Malformed, Base.TryApply(Push(new BoardChange(ChangeOp.Put, null!, RecordKinds.Sticky, PropertyMap.Empty)), Anna).Reason);
        Assert.Equal(RejectReason.Malformed, Base.TryApply(Push(Move("n1", new PlacementValue(null, null!, 0, 0))), Anna).Reason);
    }

    [Fact]
    public void PU4_FrozenIsCheckedBeforeTheShapeOfChanges()
    {
        Assert.Equal(RejectReason.BoardFrozen, Frozen.TryApply(Push(Sticky("a b")), Anna).Reason);
    }

    [Fact]
    public void AZ3_AParticipantMayPlaceANoteInALockedFrame()
    {
        Assert.True(Base.TryApply(Push(Move("n1", At("lf"))), Anna).IsApplied);
    }

    [Fact]
    public void AZ3_AParticipantMayRepeatTheLockFlagARecordAlreadyHas()
    {
        var unlocked = Apply(Base, Moderator, Set("n1", PropertyNames.Locked, new FlagValue(false)));
        var deleted = Apply(unlocked, Anna, BoardChange.Delete("n2"));

        Assert.True(unlocked.TryApply(Push(Set("n1", PropertyNames.Locked, new FlagValue(false))), Anna).IsApplied);
        Assert.True(deleted.TryApply(Push(BoardChange.Put(Base.Get("n2")!.Id, RecordKinds.Sticky, Base.Get("n2")!.Props.With(PropertyNames.Locked, new FlagValue(false)))), Anna).IsApplied);
    }

    [Fact]
    public void AZ4_TheModeratorLocksEditsLockedRecordsAndRunsTheVote()
    {
        var state = Apply(Base, Moderator,
            Set("n1", PropertyNames.Locked, new FlagValue(true)),
            Set("lf", PropertyNames.Title, new TextValue("Ideen")),
            Set(BoardSchema.SettingsId, PropertyNames.VoteState, new TextValue(BoardSchema.VoteRevealed)),
            Set(BoardSchema.SettingsId, PropertyNames.TimerEndsAt, new NumberValue(1_800_000_000_000)),
            Set(BoardSchema.SettingsId, PropertyNames.GatherTarget, new TextValue("lf")),
            Set(BoardSchema.SettingsId, PropertyNames.GatherAt, new NumberValue(1)));

        Assert.True(state.Get("n1")!.IsLocked);
        Assert.Equal(BoardSchema.VoteRevealed, state.VoteState);
    }

    [Fact]
    public void AZ5_TheModeratorClearsAnyonesVoteAtAnyTime()
    {
        Assert.True(Idle.TryApply(Push(BoardChange.Delete(BoardSchema.VoteId("ben", "n1"))), Moderator).IsApplied);
    }

    [Fact]
    public void AZ5_AParticipantWithdrawsTheirOwnVoteWhileOpen()
    {
        Assert.True(Base.TryApply(Push(BoardChange.Delete(BoardSchema.VoteId("ben", "n1"))), Ben).IsApplied);
    }

    [Fact]
    public void AZ6_OnlyTheModeratorUnfreezesAFrozenBoard()
    {
        var unfreeze = Set(BoardSchema.SettingsId, PropertyNames.Frozen, new FlagValue(false));

        Assert.Equal(RejectReason.BoardFrozen, Frozen.TryApply(Push(unfreeze), Anna).Reason);
        Assert.False(Apply(Frozen, Moderator, unfreeze).IsFrozen);
    }

    private static BoardState Full() =>
        BoardState.Empty.ApplyPatch(Enumerable.Range(0, BoardLimits.MaxRecordsPerBoard)
            .Select(i => Sticky($"s{i}", at: At(index: FractionalIndex.Between(null, null)))));
}
