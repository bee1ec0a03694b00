using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

public sealed class BoardReplicaTests
{
    private static BoardReplica Connected(BoardAuthority server, string clientId, BoardActor actor)
    {
        var replica = new BoardReplica(clientId, actor);
        replica.Connect();
        replica.Receive(server.ResumeWithSnapshot());
        return replica;
    }

    [Fact]
    public void VS1_EveryResumeCarriesTheProtocolVersion()
    {
        var replica = new BoardReplica("tab", Anna);

        Assert.Equal(new ResumeMessage(BoardLimits.ProtocolVersion, "tab", 0), replica.Connect());
    }

    [Fact]
    public void CR1_AnEditTheRulesRefuseIsNeitherShownNorSent()
    {
        var replica = Connected(new BoardAuthority(), "tab", Anna);

        Assert.Equal(RejectReason.ParentMissing, replica.Edit(Push(Sticky("n1", at: At("nope")))));
        Assert.Empty(replica.Pending);
        Assert.Empty(replica.TakeOutgoing());
        Assert.Equal(0, replica.View.Count);
    }

    [Fact]
    public void CR2_APatchIsAppliedUnderThePendingEdits()
    {
        var server = new BoardAuthority();
        server.ApplySystem(Push(Sticky("n1", "start"), Sticky("n2", at: At(index: "W"))));
        var anna = Connected(server, "anna-tab", Anna);
        anna.Edit(Push(SetText("n1", "Anna")));

        var fromBen = (PushOutcome.Applied)server.Receive(new PushMessage("ben-tab", 1, Push(SetText("n1", "Ben"), SetText("n2", "Ben"))), Ben);
        anna.Receive(fromBen.Patch);

        Assert.Equal("Ben", TextOf(anna.Confirmed, "n1"));
        Assert.Equal("Anna", TextOf(anna.View, "n1"));
        Assert.Equal("Ben", TextOf(anna.View, "n2"));
    }

    [Fact]
    public void CR2_AnAckThatCarriesTheServersPatchReplacesTheOwnChanges()
    {
        var server = new BoardAuthority();
        server.ApplySystem(Push(Sticky("a", at: At(index: "V"))));
        var anna = Connected(server, "anna-tab", Anna);
        var ben = Connected(server, "ben-tab", Ben);
        anna.Edit(Push(Sticky("b", at: At(index: "W"))));
        ben.Edit(Push(Sticky("c", at: At(index: "W"))));

        var fromAnna = (PushOutcome.Applied)server.Receive(anna.TakeOutgoing().Single(), Anna);
        var fromBen = (PushOutcome.Applied)server.Receive(ben.TakeOutgoing().Single(), Ben);
        ben.Receive(fromBen.Ack);
        ben.Receive(fromAnna.Patch);

        Assert.NotNull(fromBen.Ack.Changes);
        Assert.Empty(ben.Pending);
        Assert.Equal(server.State, ben.View);
    }

    [Fact]
    public void RS3_APatchAfterAGapWaitsForTheMissingOne()
    {
        var server = new BoardAuthority();
        var anna = Connected(server, "anna-tab", Anna);
        var first = (PushOutcome.Applied)server.Receive(new PushMessage("ben-tab", 1, Push(Sticky("n1"))), Ben);
        var second = (PushOutcome.Applied)server.Receive(new PushMessage("ben-tab", 2, Push(SetText("n1", "zwei"))), Ben);

        anna.Receive(second.Patch);
        Assert.True(anna.HasGap);
        Assert.Equal(0, anna.ConfirmedSeq);

        anna.Receive(first.Patch);
        anna.Receive(first.Patch);
        Assert.False(anna.HasGap);
        Assert.Equal(2, anna.ConfirmedSeq);
        Assert.Equal(server.State, anna.View);
    }

    [Fact]
    public void RS4_AfterAResumeThePendingPushesAreResentInOrderAndOwnPatchesDropThem()
    {
        var server = new BoardAuthority();
        var log = new List<LogEntry>();
        var anna = Connected(server, "anna-tab", Anna);
        anna.Edit(Push(Sticky("n1")));
        anna.Edit(Push(Sticky("n2")));
        anna.Edit(Push(Sticky("n3")));
        var sent = anna.TakeOutgoing();
        // The first push arrives, then the connection drops before any ack.
        log.Add(((PushOutcome.Applied)server.Receive(sent[0], Anna)).Entry);
        anna.Disconnect();
        anna.Edit(Push(Sticky("n4")));
        Assert.Empty(anna.TakeOutgoing());

        var resume = anna.Connect();
        Assert.Empty(anna.TakeOutgoing());
        anna.Receive(server.ResumeWithPatches(log.Where(e => e.ServerSeq > resume.LastServerSeq)));

        Assert.Equal([2L, 3L, 4L], anna.TakeOutgoing().Select(p => p.ClientSeq));
    }

    [Fact]
    public void RS5_ASnapshotReplacesTheConfirmedStateAndKeepsPendingEdits()
    {
        var server = new BoardAuthority();
        var anna = Connected(server, "anna-tab", Anna);
        anna.Edit(Push(Sticky("mine")));
        anna.Disconnect();
        server.ApplySystem(Push(Sticky("theirs")));

        anna.Connect();
        anna.Receive(server.ResumeWithSnapshot());

        Assert.Equal(["theirs"], anna.Confirmed.Records.Select(r => r.Id));
        Assert.Equal(["mine", "theirs"], anna.View.Records.Select(r => r.Id));
        Assert.Single(anna.TakeOutgoing());
    }

    [Fact]
    public void CR3_ARejectDropsThePushAndRebuildsTheView()
    {
        var server = new BoardAuthority();
        server.ApplySystem(Push(Frame("f1")));
        var anna = Connected(server, "anna-tab", Anna);
        anna.Edit(Push(Sticky("n1", at: At("f1"))));
        var deleteFrame = (PushOutcome.Applied)server.Receive(new PushMessage("ben-tab", 1, Push(BoardChange.Delete("f1"))), Ben);
        var rejected = (PushOutcome.Rejected)server.Receive(anna.TakeOutgoing().Single(), Anna);

        anna.Receive(deleteFrame.Patch);
        Assert.Empty(anna.View.Records);
        anna.Receive(rejected.Reject);

        Assert.Equal(RejectReason.ParentMissing, rejected.Reject.Reason);
        Assert.Empty(anna.Pending);
        Assert.Equal(server.State, anna.View);
    }

    [Fact]
    public void CR4_UndoAndRedoRestoreTheOwnEdit()
    {
        var replica = Connected(new BoardAuthority(), "tab", Anna);
        replica.Edit(Push(Sticky("n1", "eins")));
        replica.Edit(Push(SetText("n1", "zwei")));

        Assert.True(replica.Undo());
        Assert.Equal("eins", TextOf(replica.View, "n1"));
        Assert.True(replica.Undo());
        Assert.Null(replica.View.Get("n1"));
        Assert.False(replica.Undo());

        Assert.True(replica.Redo());
        Assert.Equal("eins", TextOf(replica.View, "n1"));
        Assert.True(replica.Redo());
        Assert.Equal("zwei", TextOf(replica.View, "n1"));
        Assert.False(replica.CanRedo);
    }

    [Fact]
    public void CR4_UndoDoesNotOverwriteSomeoneElsesLaterEdit()
    {
        var server = new BoardAuthority();
        server.ApplySystem(Push(Sticky("n1", "start")));
        var anna = Connected(server, "anna-tab", Anna);
        anna.Edit(Push(SetText("n1", "Anna"), Set("n1", PropertyNames.Colour, new TextValue("blue"))));
        anna.Receive(((PushOutcome.Applied)server.Receive(anna.TakeOutgoing().Single(), Anna)).Ack);
        var fromBen = (PushOutcome.Applied)server.Receive(new PushMessage("ben-tab", 1, Push(SetText("n1", "Ben"))), Ben);
        anna.Receive(fromBen.Patch);

        Assert.True(anna.Undo());

        Assert.Equal("Ben", TextOf(anna.View, "n1"));
        Assert.Equal("yellow", anna.View.Get("n1")!.GetText(PropertyNames.Colour));
    }

    [Fact]
    public void CR4_UndoOfADeleteRecreatesTheRecordsParentsFirst()
    {
        var replica = Connected(new BoardAuthority(), "tab", Anna);
        replica.Edit(Push(Frame("f1"), Sticky("n1", "drin", At("f1")), Sticky("n2"), Connector("c1", "n1", "n2")));
        var before = replica.View;
        replica.Edit(Push(BoardChange.Delete("f1")));
        Assert.Equal(["n2"], replica.View.Records.Select(r => r.Id));

        Assert.True(replica.Undo());

        Assert.Equal(before, replica.View);
    }

    [Fact]
    public void CR4_AnUndoWhoseEffectIsGoneIsSkipped()
    {
        var server = new BoardAuthority();
        var anna = Connected(server, "anna-tab", Anna);
        anna.Edit(Push(Sticky("n1", "eins")));
        anna.Receive(((PushOutcome.Applied)server.Receive(anna.TakeOutgoing().Single(), Anna)).Ack);
        anna.Receive(((PushOutcome.Applied)server.Receive(new PushMessage("ben-tab", 1, Push(BoardChange.Delete("n1"))), Ben)).Patch);

        Assert.False(anna.Undo());
        Assert.Empty(anna.Pending);
    }
}
