using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

public sealed class BoardModelTests
{
    [Fact]
    public void BM1_PutCreatesARecordWithTheClientsId()
    {
        var result = BoardState.Empty.TryApply(Push(Sticky("n1", "Holz")), Anna);

        Assert.True(result.IsApplied);
        Assert.Equal("Holz", TextOf(result.State, "n1"));
        Assert.Equal([Sticky("n1", "Holz").By(Anna)], result.Patch.AsEnumerable());
    }

    [Fact]
    public void BM1_PutOverAnExistingRecordOfTheSameKindSetsOnlyWhatChanged()
    {
        var state = Build(Sticky("n1", "Holz"));

        var result = state.TryApply(Push(Sticky("n1", "Glas")), Anna);

        Assert.Equal([SetText("n1", "Glas")], result.Patch.AsEnumerable());
    }

    [Fact]
    public void BM1_PutOverARecordOfAnotherKindIsMalformed()
    {
        var state = Build(Sticky("n1"));

        Assert.Equal(RejectReason.Malformed, state.TryApply(Push(Frame("n1")), Anna).Reason);
    }

    [Fact]
    public void BM2_AnUpdateLeavesTheOtherPropertiesAlone()
    {
        var state = Build(Sticky("n1", "Holz"));
        state = Apply(state, Anna, Set("n1", PropertyNames.Colour, new TextValue("blue")));
        state = Apply(state, Ben, SetText("n1", "Glas"));

        Assert.Equal("blue", state.Get("n1")!.GetText(PropertyNames.Colour));
        Assert.Equal("Glas", TextOf(state, "n1"));
    }

    [Fact]
    public void BM2_AResetReturnsThePropertyToItsDefault()
    {
        var state = Build(Sticky("n1"), Set("n1", PropertyNames.Colour, new TextValue("blue")));

        state = Apply(state, Anna, Set("n1", PropertyNames.Colour, null));

        Assert.False(state.Get("n1")!.Props.Contains(PropertyNames.Colour));
        Assert.Equal("yellow", state.Get("n1")!.GetText(PropertyNames.Colour));
    }

    [Fact]
    public void BM3_ConcurrentTextEditsKeepTheLaterOneInServerOrder()
    {
        var server = new BoardAuthority();
        server.ApplySystem(Push(Sticky("n1", "start")));
        var anna = new BoardReplica("tab-anna", Anna);
        var ben = new BoardReplica("tab-ben", Ben);
        foreach (var replica in new[] { anna, ben })
        {
            replica.Connect();
            replica.Receive(server.ResumeWithSnapshot());
        }

        anna.Edit(Push(SetText("n1", "Anna")));
        ben.Edit(Push(SetText("n1", "Ben")));
        var fromBen = (PushOutcome.Applied)server.Receive(ben.TakeOutgoing().Single(), Ben);
        var fromAnna = (PushOutcome.Applied)server.Receive(anna.TakeOutgoing().Single(), Anna);
        ben.Receive(fromBen.Ack);
        ben.Receive(fromAnna.Patch);
        anna.Receive(fromBen.Patch);
        anna.Receive(fromAnna.Ack);

        Assert.Equal("Anna", TextOf(server.State, "n1"));
        Assert.Equal(server.State, anna.View);
        Assert.Equal(server.State, ben.View);
    }

    [Fact]
    public void BM4_AnUpdateOrDeleteOfAMissingRecordIsDroppedAndTheRestApplies()
    {
        var state = Build(Sticky("n1"));

        var result = state.TryApply(Push(SetText("gone", "x"), BoardChange.Delete("gone"), SetText("n1", "kept")), Anna);

        Assert.True(result.IsApplied);
        Assert.Equal([SetText("n1", "kept")], result.Patch.AsEnumerable());
    }

    [Fact]
    public void BM5_DeleteCascadesToDescendantsConnectorsAndVotes()
    {
        var state = Build(
            Settings((PropertyNames.VoteState, new TextValue(BoardSchema.VoteOpen))),
            Frame("f1"), Frame("f2", At("f1")), Sticky("n1", at: At("f2")), Sticky("outside"),
            Connector("c1", "outside", "n1"), Vote("mod", "n1"));

        var result = state.TryApply(Push(BoardChange.Delete("f1")), Moderator);

        Assert.Equal(
            [BoardChange.Delete("f1"), BoardChange.Delete("c1"), BoardChange.Delete("f2"), BoardChange.Delete("n1"), BoardChange.Delete(BoardSchema.VoteId("mod", "n1"))],
            result.Patch.AsEnumerable());
        Assert.Equal(["board", "outside"], result.State.Records.Select(r => r.Id));
    }

    [Fact]
    public void BM6_MovingIntoAFrameChangesParentIndexAndPositionAsOneValue()
    {
        var state = Build(Frame("f1"), Sticky("n1", at: At(x: 500, y: 500)));

        var moved = Apply(state, Anna, Move("n1", At("f1", "a", 10, 20)));
        var concurrent = Apply(moved, Ben, Move("n1", At(null, "a", 900, 900)));

        Assert.Equal(At("f1", "a", 10, 20), moved.Get("n1")!.Placement);
        Assert.Equal(At(null, "a", 900, 900), concurrent.Get("n1")!.Placement);
    }

    [Fact]
    public void BM7_TheServerRepairsACollidingIndexAndReportsItInThePatch()
    {
        var state = Build(Sticky("a", at: At(index: "V")));

        var result = state.TryApply(Push(Sticky("b", at: At(index: "V"))), Anna);

        var repaired = result.State.Get("b")!.Placement!;
        Assert.True(string.CompareOrdinal(repaired.Index, "V") > 0);
        Assert.Equal(Move("b", repaired), result.Patch[^1]);
        Assert.Equal(["a", "b"], result.State.ChildrenOf(null).Select(r => r.Id));
    }

    [Fact]
    public void BM8_RepeatingAVoteIsHarmless()
    {
        var state = Build(Settings((PropertyNames.VoteState, new TextValue(BoardSchema.VoteOpen))), Sticky("n1"));
        state = Apply(state, Anna, Vote("anna", "n1"));

        var again = state.TryApply(Push(Vote("anna", "n1")), Anna);

        Assert.True(again.IsApplied);
        Assert.Empty(again.Patch);
        Assert.Single(again.State.Records, r => r.Kind == RecordKinds.Vote);
    }

    [Fact]
    public void BM8_AVoteWithAnotherIdThanItsVoterAndTargetIsMalformed()
    {
        var state = Build(Settings((PropertyNames.VoteState, new TextValue(BoardSchema.VoteOpen))), Sticky("n1"));
        var vote = Vote("anna", "n1") with { Id = "vote-1" };

        Assert.Equal(RejectReason.Malformed, state.TryApply(Push(vote), Anna).Reason);
        Assert.Equal(RejectReason.Malformed, Apply(state, Anna, Vote("anna", "n1")).TryApply(Push(Set(BoardSchema.VoteId("anna", "n1"), PropertyNames.Target, new TextValue("n1"))), Anna).Reason);
    }

    [Theory]
    [InlineData("Zeile 1\nZeile 2\tmit Tab")]
    [InlineData("Emoji 🪵 und Umlaute äöü")]
    public void BM9_OrdinaryTextIsAccepted(string text) => Assert.Null(BoardText.Check(text, BoardLimits.MaxTextLength));

    [Theory]
    [InlineData("bell\a")]
    [InlineData("nul\0")]
    [InlineData("cr\r")]
    [InlineData("c1\u0085")]
    [InlineData("override\u202E")]
    [InlineData("isolate\u2067")]
    public void BM9_ForbiddenCharactersAreRejectedNotStripped(string text)
    {
        var state = Build(Sticky("n1", "before"));

        var result = state.TryApply(Push(SetText("n1", text)), Anna);

        Assert.Equal(RejectReason.TextInvalid, result.Reason);
        Assert.Equal("before", TextOf(result.State, "n1"));
    }

    [Fact]
    public void BM9_AnUnpairedSurrogateIsRejected()
    {
        // Not an InlineData: test discovery would turn the lone surrogate into U+FFFD.
        Assert.Equal(RejectReason.TextInvalid, BoardText.Check("lone" + (char)0xD800, BoardLimits.MaxTextLength));
        Assert.Equal(RejectReason.TextInvalid, BoardText.Check((char)0xDC00 + "reversed" + (char)0xD800, BoardLimits.MaxTextLength));
    }

    [Fact]
    public void BM9_CleanMakesAnyTextAcceptable()
    {
        var text = "a\r\nb\rc\a\u202Ed\uD800" + new string('x', 3_000);

        var cleaned = BoardText.Clean(text, BoardLimits.MaxTextLength);

        Assert.StartsWith("a\nb\ncd", cleaned);
        Assert.Equal(BoardLimits.MaxTextLength, cleaned.Length);
        Assert.Null(BoardText.Check(cleaned, BoardLimits.MaxTextLength));
    }

    [Fact]
    public void BM9_CleanDoesNotSplitASurrogatePair()
    {
        var cleaned = BoardText.Clean("ab🪵", 3);

        Assert.Equal("ab", cleaned);
    }

    [Fact]
    public void BM10_EachPropertyNameHasOneTypeSoTheHubCanDecodeWithoutState()
    {
        Assert.Equal(PropertyType.Placement, BoardSchema.TypeOf(PropertyNames.Placement));
        Assert.Equal(PropertyType.Ref, BoardSchema.TypeOf(PropertyNames.Target));
        Assert.Equal(PropertyType.Number, BoardSchema.TypeOf(PropertyNames.TimerEndsAt));
        Assert.Null(BoardSchema.TypeOf("secret"));
    }

    [Fact]
    public void BM11_TheSamePushesGiveTheSameStateAndPatches()
    {
        BoardChange[][] pushes =
        [
            [Frame("f1"), Sticky("n1", "x", At("f1", "V")), Sticky("n2", "y", At("f1", "V"))],
            [Move("n1", At(null, "V")), Sticky("n3", at: At(index: "V"))],
            [BoardChange.Delete("f1")],
        ];

        (BoardState, List<BoardChange>) Run()
        {
            var state = BoardState.Empty;
            var patches = new List<BoardChange>();
            foreach (var push in pushes)
            {
                var result = state.TryApply(push, Moderator);
                state = result.State;
                patches.AddRange(result.Patch.AsEnumerable());
            }
            return (state, patches);
        }

        var (first, firstPatches) = Run();
        var (second, secondPatches) = Run();
        Assert.Equal(first, second);
        Assert.Equal(firstPatches, secondPatches);
        Assert.Equal(first, BoardState.Empty.ApplyPatch(firstPatches));
    }

    [Fact]
    public void BM12_WithoutASettingsRecordEverySettingReadsItsDefault()
    {
        Assert.False(BoardState.Empty.IsFrozen);
        Assert.Equal(BoardSchema.VoteIdle, BoardState.Empty.VoteState);
        Assert.Equal(BoardLimits.DefaultVotesPerPerson, BoardState.Empty.VotesPerPerson);
    }

    [Fact]
    public void BM12_TheSettingsRecordCannotBeDeleted()
    {
        var state = Build(Settings());

        Assert.Equal(RejectReason.NotPermitted, state.TryApply(Push(BoardChange.Delete(BoardSchema.SettingsId)), Moderator).Reason);
    }
}
