using System.Text;
using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

public sealed class AuthorshipTests
{
    private static string? AuthorOf(BoardState state, string id) => state.Get(id)?.GetText(PropertyNames.Author);

    private static BoardChange WithAuthor(BoardChange put, PropertyValue? author) => put with { Props = put.Props!.With(PropertyNames.Author, author) };

    [Fact]
    public void AU1_EveryCreatedNoteTextFrameAndConnectorIsStampedWithThePusher()
    {
        var text = BoardChange.Put("t1", RecordKinds.Text, PropertyMap.Of((PropertyNames.Placement, At(index: "W"))));

        var state = Apply(BoardState.Empty, Anna, Sticky("n1"), text, Frame("f1", At(index: "X")), Connector("c1", "n1", "t1"));

        Assert.All(["n1", "t1", "f1", "c1"], id => Assert.Equal("anna", AuthorOf(state, id)));
    }

    [Fact]
    public void AU1_TheModeratorsRecordsAreStampedToo()
    {
        var state = Apply(BoardState.Empty, Moderator, Sticky("n1"));

        Assert.Equal("mod", AuthorOf(state, "n1"));
    }

    [Theory]
    [InlineData("ben")]
    [InlineData("not an id!")]
    public void AU1_AForgedOrBrokenAuthorIsReplacedAndTheSenderGetsTheStampedPatch(string forged)
    {
        var server = new BoardAuthority();

        var applied = (PushOutcome.Applied)server.Receive(new PushMessage("tab", 1, Push(WithAuthor(Sticky("n1"), new TextValue(forged)))), Anna);

        Assert.Equal("anna", AuthorOf(server.State, "n1"));
        Assert.Equal([Sticky("n1").By(Anna)], applied.Ack.Changes!.Value.AsEnumerable());
        Assert.Equal([Sticky("n1").By(Anna)], applied.Patch.Changes.AsEnumerable());
    }

    [Fact]
    public void AU1_APutOverAnExistingRecordKeepsItsAuthor()
    {
        var state = Apply(BoardState.Empty, Anna, Sticky("n1", "Holz"));

        var result = state.TryApply(Push(WithAuthor(Sticky("n1", "Glas"), new TextValue("ben"))), Ben);

        Assert.Equal([SetText("n1", "Glas")], result.Patch.AsEnumerable());
        Assert.Equal("anna", AuthorOf(result.State, "n1"));
    }

    public static TheoryData<string, PropertyValue?> AuthorUpdates => new()
    {
        { "participant", new TextValue("ben") },
        { "participant", new TextValue("anna") },
        { "participant", null },
        { "moderator", new TextValue("mod") },
        { "moderator", null },
    };

    [Theory]
    [MemberData(nameof(AuthorUpdates))]
    public void AU2_AnUpdateThatSetsOrResetsTheAuthorIsNotPermitted(string role, PropertyValue? author)
    {
        var state = Apply(BoardState.Empty, Anna, Sticky("n1"));

        var result = state.TryApply(Push(Set("n1", PropertyNames.Author, author)), role == "moderator" ? Moderator : Anna);

        Assert.Equal(RejectReason.NotPermitted, result.Reason);
        Assert.Equal("anna", AuthorOf(result.State, "n1"));
    }

    [Fact]
    public void AU2_AnAuthorOnAVoteOrTheSettingsIsMalformed()
    {
        var state = Build(Settings((PropertyNames.VoteState, new TextValue(BoardSchema.VoteOpen))), Sticky("n1"));

        Assert.Equal(RejectReason.Malformed, state.TryApply(Push(WithAuthor(Vote("anna", "n1"), new TextValue("anna"))), Anna).Reason);
        Assert.Equal(RejectReason.Malformed, state.TryApply(Push(Set(BoardSchema.SettingsId, PropertyNames.Author, new TextValue("mod"))), Moderator).Reason);
    }

    [Fact]
    public void AU3_TheTemplateEntryHasNoAuthor()
    {
        var server = new BoardAuthority();

        var entry = server.ApplySystem(BoardTemplate.CrossInnovation.Build("Wie wird Holz digital?"));

        Assert.Equal("system", entry.ClientId);
        Assert.All(entry.Changes, c => Assert.False(c.Props!.Contains(PropertyNames.Author)));
        Assert.Null(AuthorOf(server.State, BoardTemplate.ChallengeId));
    }

    [Fact]
    public void AU3_ARecordAnUndoRecreatesIsStampedWithWhoeverRecreatesIt()
    {
        var server = new BoardAuthority();
        server.Receive(new PushMessage("anna-tab", 1, Push(Sticky("n1", "Holz").By(Anna))), Anna);
        var ben = new BoardReplica("ben-tab", Ben);
        ben.Connect();
        ben.Receive(server.ResumeWithSnapshot());
        ben.Edit(Push(BoardChange.Delete("n1")));
        Assert.True(ben.Undo());

        foreach (var push in ben.TakeOutgoing())
        {
            server.Receive(push, Ben);
        }

        Assert.Equal("Holz", TextOf(server.State, "n1"));
        Assert.Equal("ben", AuthorOf(server.State, "n1"));
    }

    [Fact]
    public void AU4_OldSnapshotsAndLogEntriesWithoutAuthorReadAsNoAuthor()
    {
        // Written in the storage format of protocol version 2, before records had authors.
        const string snapshot = """
            {"formatVersion":1,"serverSeq":1,"records":[{"id":"n1","kind":"sticky","props":{"placement":{"t":"placement","index":"V","x":0,"y":0},"text":{"t":"text","value":"Holz"}}}],"clients":[]}
            """;
        var restored = BoardAuthority.FromSnapshot(BoardStorageFormat.DeserializeSnapshot(Encoding.UTF8.GetBytes(snapshot)));
        var entry = new LogEntry(2, "tab", 1, [BoardChange.Put("n2", RecordKinds.Sticky, PropertyMap.Of((PropertyNames.Placement, At(index: "W"))))]);

        restored.Replay(BoardStorageFormat.DeserializeLogEntry(BoardStorageFormat.Serialize(entry)));

        Assert.Equal("Holz", TextOf(restored.State, "n1"));
        Assert.Null(AuthorOf(restored.State, "n1"));
        Assert.Null(AuthorOf(restored.State, "n2"));
    }

    [Fact]
    public void AU4_TheAuthorSurvivesTheLogAndTheSnapshot()
    {
        var live = new BoardAuthority();
        var entry = ((PushOutcome.Applied)live.Receive(new PushMessage("tab", 1, Push(Sticky("n1"))), Anna)).Entry;
        var fromLog = new BoardAuthority();

        fromLog.Replay(BoardStorageFormat.DeserializeLogEntry(BoardStorageFormat.Serialize(entry)));
        var fromSnapshot = BoardAuthority.FromSnapshot(BoardStorageFormat.DeserializeSnapshot(BoardStorageFormat.Serialize(live.TakeSnapshot())));

        Assert.Equal("anna", AuthorOf(fromLog.State, "n1"));
        Assert.Equal("anna", AuthorOf(fromSnapshot.State, "n1"));
    }

    [Fact]
    public void AU5_AReplicaStampsItsOwnPutsSoTheAckCarriesNothing()
    {
        var server = new BoardAuthority();
        var anna = new BoardReplica("anna-tab", Anna);
        anna.Connect();
        anna.Receive(server.ResumeWithSnapshot());
        anna.Edit(Push(WithAuthor(Sticky("n1"), new TextValue("ben"))));

        var applied = (PushOutcome.Applied)server.Receive(Assert.Single(anna.TakeOutgoing()), Anna);
        anna.Receive(applied.Ack);

        Assert.Null(applied.Ack.Changes);
        Assert.Equal("anna", AuthorOf(anna.View, "n1"));
        Assert.Equal(server.State, anna.Confirmed);
    }
}
