using System.Collections.Immutable;
using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

public sealed class BoardAuthorityTests
{
    [Fact]
    public void AK3_AnAckCarriesNoChangesWhenThePatchIsWhatWasPushed()
    {
        var server = new BoardAuthority();

        var applied = (PushOutcome.Applied)server.Receive(new PushMessage("tab", 1, Push(Sticky("n1").By(Anna))), Anna);

        Assert.Equal(new AckMessage(1, 1, null), applied.Ack);
        Assert.Equal((1L, "tab", 1L), (applied.Patch.ServerSeq, applied.Patch.ClientId, applied.Patch.ClientSeq));
    }

    [Fact]
    public void AK3_AnAckCarriesThePatchWhenTheServerChangedTheOutcome()
    {
        var server = new BoardAuthority();
        server.Receive(new PushMessage("tab", 1, Push(Sticky("a", at: At(index: "V")))), Anna);

        var applied = (PushOutcome.Applied)server.Receive(new PushMessage("tab", 2, Push(Sticky("b", at: At(index: "V")))), Anna);

        Assert.NotNull(applied.Ack.Changes);
        Assert.Equal(applied.Entry.Changes, applied.Ack.Changes!.Value);
        Assert.Equal(2, applied.Ack.Changes.Value.Length);
    }

    [Fact]
    public void ID1_RepeatedPushIsAppliedOnce()
    {
        var server = new BoardAuthority();
        var push = new PushMessage("tab", 1, Push(Sticky("n1", "eins")));
        server.Receive(push, Anna);
        server.Receive(new PushMessage("other", 1, Push(SetText("n1", "zwei"))), Ben);

        var repeated = server.Receive(push, Anna);

        Assert.Equal(new PushOutcome.Repeated(1), repeated);
        Assert.Equal(2, server.ServerSeq);
        Assert.Equal("zwei", TextOf(server.State, "n1"));
    }

    [Fact]
    public void ID1_TheReAckCarriesTheOriginalSerialAndPatch()
    {
        var entry = new LogEntry(7, "tab", 3, Push(Sticky("n1")));

        Assert.Equal(new AckMessage(3, 7, entry.Changes), entry.ToRepeatAck());
    }

    [Fact]
    public void ID2_TheServerRemembersOnlyTheLastWindowOfPushes()
    {
        var server = new BoardAuthority();
        for (var seq = 1; seq <= BoardLimits.IdempotencyWindow + 5; seq++)
        {
            server.Receive(new PushMessage("tab", seq, Push(Sticky($"n{seq}"))), Anna);
        }

        Assert.Equal(new PushOutcome.Repeated(6), server.Receive(new PushMessage("tab", 6, Push(Sticky("n6"))), Anna));
        Assert.Equal(RejectReason.Stale, ((PushOutcome.Rejected)server.Receive(new PushMessage("tab", 5, Push(Sticky("n5"))), Anna)).Reject.Reason);
    }

    [Fact]
    public void ID3_ARepeatOfARejectedPushBelowTheHighestAppliedIsStale()
    {
        var server = new BoardAuthority();
        server.Receive(new PushMessage("tab", 1, Push(Sticky("n1", at: At("nope")))), Anna);
        server.Receive(new PushMessage("tab", 2, Push(Sticky("n2"))), Anna);

        var outcome = server.Receive(new PushMessage("tab", 1, Push(Sticky("n1", at: At("nope")))), Anna);

        Assert.Equal(new PushOutcome.Rejected(new RejectMessage(1, RejectReason.Stale)), outcome);
    }

    [Fact]
    public void ID3_ARejectionIsNotRemembered()
    {
        var server = new BoardAuthority();
        var push = new PushMessage("tab", 1, Push(Sticky("n1", at: At("f1"))));
        Assert.IsType<PushOutcome.Rejected>(server.Receive(push, Anna));
        server.Receive(new PushMessage("other", 1, Push(Frame("f1"))), Ben);

        Assert.IsType<PushOutcome.Applied>(server.Receive(push, Anna));
    }

    [Fact]
    public void ID4_AGapInClientSeqIsAccepted()
    {
        var server = new BoardAuthority();
        server.Receive(new PushMessage("tab", 1, Push(Sticky("n1"))), Anna);

        Assert.IsType<PushOutcome.Applied>(server.Receive(new PushMessage("tab", 5, Push(Sticky("n5"))), Anna));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("tab", 0)]
    [InlineData("t a b", 1)]
    public void PU1_APushWithoutAValidClientIdOrSeqIsMalformed(string clientId, long clientSeq)
    {
        var server = new BoardAuthority();

        var outcome = server.Receive(new PushMessage(clientId, clientSeq, Push(Sticky("n1"))), Anna);

        Assert.Equal(RejectReason.Malformed, ((PushOutcome.Rejected)outcome).Reject.Reason);
        Assert.Equal(0, server.ServerSeq);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(10, 0, false)]
    [InlineData(50, 0, false)]
    [InlineData(51, 0, true)]
    [InlineData(5, 20, true)]
    [InlineData(20, 20, false)]
    public void RS1_RS2_PatchesWithinTheWindowOtherwiseASnapshot(long lastServerSeq, long oldestResumable, bool snapshot)
    {
        var server = new BoardAuthority();
        for (var seq = 1; seq <= 50; seq++)
        {
            server.Receive(new PushMessage("tab", seq, Push(Sticky($"n{seq}"))), Anna);
        }

        Assert.Equal(snapshot, server.NeedsSnapshot(lastServerSeq, oldestResumable, window: 40));
    }

    [Fact]
    public void RS2_AClientAheadOfTheServerGetsASnapshot()
    {
        var server = new BoardAuthority();
        server.Receive(new PushMessage("tab", 1, Push(Sticky("n1"))), Anna);

        Assert.True(server.NeedsSnapshot(lastServerSeq: 2, oldestResumableSeq: 0));
    }

    [Fact]
    public void LG1_ASnapshotPlusTheLaterLogEqualsTheLiveBoard()
    {
        var live = new BoardAuthority();
        var log = new List<LogEntry> { live.ApplySystem(BoardTemplate.CrossInnovation.Build("Wie kommt Holz in die Stadt?")) };
        BoardSnapshot? snapshot = null;
        for (var seq = 1; seq <= 30; seq++)
        {
            var push = seq % 3 == 0
                ? Push(SetText($"n{seq - 1}", $"neu {seq}"))
                : Push(Sticky($"n{seq}", $"{seq}", At(BoardTemplate.FrameId("ideas"), "V")));
            if (live.Receive(new PushMessage("tab", seq, push), Anna) is PushOutcome.Applied applied)
            {
                log.Add(applied.Entry);
            }
            if (seq == 12)
            {
                snapshot = BoardStorageFormat.DeserializeSnapshot(BoardStorageFormat.Serialize(live.TakeSnapshot()));
            }
        }

        var restored = BoardAuthority.FromSnapshot(snapshot!);
        foreach (var entry in log.Where(e => e.ServerSeq > snapshot!.ServerSeq))
        {
            restored.Replay(BoardStorageFormat.DeserializeLogEntry(BoardStorageFormat.Serialize(entry)));
        }

        Assert.Equal(live.ServerSeq, restored.ServerSeq);
        Assert.Equal(live.State, restored.State);
        Assert.Equal(BoardStorageFormat.Serialize(live.TakeSnapshot()), BoardStorageFormat.Serialize(restored.TakeSnapshot()));
        Assert.Equal(new PushOutcome.Repeated(live.ServerSeq), restored.Receive(new PushMessage("tab", 30, Push(Sticky("n30"))), Anna));
    }

    [Fact]
    public void LG2_ReplayRefusesAGapOrARepeatedSerial()
    {
        var server = new BoardAuthority();
        server.Replay(new LogEntry(1, "tab", 1, Push(Sticky("n1"))));

        Assert.Throws<InvalidDataException>(() => server.Replay(new LogEntry(1, "tab", 2, Push(Sticky("n2")))));
        Assert.Throws<InvalidDataException>(() => server.Replay(new LogEntry(3, "tab", 2, Push(Sticky("n2")))));
    }

    [Fact]
    public void LG4_ASnapshotOfAnUnknownFormatIsRefused()
    {
        var future = new BoardSnapshot(BoardSnapshot.CurrentFormatVersion + 1, 0, [], []);

        Assert.Throws<InvalidDataException>(() => BoardAuthority.FromSnapshot(future));
        Assert.Throws<InvalidDataException>(() => BoardStorageFormat.DeserializeSnapshot(BoardStorageFormat.Serialize(future)));
        Assert.Throws<InvalidDataException>(() => BoardStorageFormat.DeserializeSnapshot("{\"records\": 5}"u8));
    }

    [Fact]
    public void LG4_TheStoredFormatIsReadableJson()
    {
        var authority = new BoardAuthority();
        authority.Receive(new PushMessage("tab", 1, Push(Sticky("n1", "Holz"))), Anna);

        var json = System.Text.Encoding.UTF8.GetString(BoardStorageFormat.Serialize(authority.TakeSnapshot()));

        Assert.Contains("\"formatVersion\":1", json);
        Assert.Contains("\"text\":{\"t\":\"text\",\"value\":\"Holz\"}", json);
        Assert.Contains("\"placement\":{\"t\":\"placement\",\"index\":\"V\",\"x\":0,\"y\":0}", json);
    }

    [Fact]
    public void LG1_TheLogEntryOfAPushHoldsThePatchAndItsOrigin()
    {
        var server = new BoardAuthority();

        var applied = (PushOutcome.Applied)server.Receive(new PushMessage("tab", 4, Push(Sticky("n1"))), Anna);

        Assert.Equal(new LogEntry(1, "tab", 4, applied.Entry.Changes), applied.Entry);
        Assert.Equal(ImmutableArray.Create(Sticky("n1").By(Anna)).AsEnumerable(), applied.Entry.Changes.AsEnumerable());
    }
}
