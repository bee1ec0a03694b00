using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

public sealed class TemplateAndPresenceTests
{
    [Fact]
    public void AZ3_TheTemplateBuildsLockedFramesWithTheChallengeInside()
    {
        var server = new BoardAuthority();

        var entry = server.ApplySystem(BoardTemplate.CrossInnovation.Build("Wie kommt\r\nHolz in die Stadt?\a"));

        Assert.Equal((1L, 0L), (entry.ServerSeq, entry.ClientSeq));
        var frames = server.State.ChildrenOf(null);
        Assert.Equal(["Herausforderung", "Perspektiven", "Ideen", "Nächste Schritte"], frames.Select(f => f.GetText(PropertyNames.Title)));
        Assert.All(frames, f => Assert.True(f.IsLocked));
        var challenge = server.State.Get(BoardTemplate.ChallengeId)!;
        Assert.Equal("Wie kommt\nHolz in die Stadt?", challenge.GetText(PropertyNames.Text));
        Assert.Equal(BoardTemplate.FrameId("challenge"), challenge.Placement!.Parent);
        Assert.Equal(RejectReason.RecordLocked, server.State.TryApply(Push(SetText(BoardTemplate.ChallengeId, "anders")), Anna).Reason);
        Assert.True(server.State.TryApply(Push(Sticky("n1", "Idee", At(BoardTemplate.FrameId("ideas")))), Anna).IsApplied);
    }

    [Fact]
    public void AZ3_ATemplateIsContentReadFromJson()
    {
        using var json = new MemoryStream("""
            {"name":"kurz","votesPerPerson":5,"frames":[{"key":"a","title":"Erstens","x":0,"y":0,"width":400,"height":300,"holdsChallenge":false}]}
            """u8.ToArray());

        var template = BoardTemplate.FromJson(json);
        var state = Build([.. template.Build("egal")]);

        Assert.Equal(5, state.VotesPerPerson);
        Assert.Equal("Erstens", state.Get(BoardTemplate.FrameId("a"))!.GetText(PropertyNames.Title));
        Assert.Null(state.Get(BoardTemplate.ChallengeId));
    }

    [Fact]
    public void PR2_OnlyTheLatestPresencePerClientIsSentOncePerBatch()
    {
        var batcher = new PresenceBatcher();
        batcher.Offer("tab-b", "ben", new PresenceUpdate(new PresencePoint(1, 1), [], []));
        batcher.Offer("tab-a", "anna", new PresenceUpdate(new PresencePoint(1, 1), [], []));
        batcher.Offer("tab-a", "anna", new PresenceUpdate(new PresencePoint(2, 2), ["n1"], []));

        var batch = batcher.Drain()!;

        Assert.Equal(["tab-a", "tab-b"], batch.Entries.Select(e => e.ClientId));
        Assert.Equal(new PresencePoint(2, 2), batch.Entries[0].Presence.Cursor);
        Assert.Null(batcher.Drain());
    }

    [Fact]
    public void PR3_InvalidPresenceIsDroppedSilently()
    {
        var batcher = new PresenceBatcher();

        Assert.False(batcher.Offer("tab", "anna", new PresenceUpdate(new PresencePoint(double.NaN, 0), [], [])));
        Assert.False(batcher.Offer("tab", "anna", new PresenceUpdate(null, [.. Enumerable.Range(0, BoardLimits.MaxSelection + 1).Select(i => $"n{i}")], [])));
        Assert.False(batcher.Offer("tab", "anna", new PresenceUpdate(null, [], [new DragPreview("n 1", 0, 0)])));
        Assert.Null(batcher.Drain());
    }

    [Fact]
    public void PR4_AClientThatLeftIsListedOnceAndForgotten()
    {
        var batcher = new PresenceBatcher();
        batcher.Offer("tab", "anna", new PresenceUpdate(null, [], []));
        batcher.Leave("tab");

        var batch = batcher.Drain()!;

        Assert.Empty(batch.Entries);
        Assert.Equal(["tab"], batch.Left.AsEnumerable());
        Assert.Null(batcher.Drain());
    }

    [Fact]
    public void PR5_ANewcomerGetsEveryonesLatestPresenceOnce()
    {
        var batcher = new PresenceBatcher();
        batcher.Offer("tab-a", "anna", new PresenceUpdate(new PresencePoint(1, 1), [], []));
        batcher.Offer("tab-b", "ben", new PresenceUpdate(null, [], []));
        batcher.Drain();

        batcher.Offer("tab-c", "cem", new PresenceUpdate(null, [], []));
        var welcome = batcher.Drain()!;
        batcher.Offer("tab-a", "anna", new PresenceUpdate(new PresencePoint(2, 2), [], []));
        var delta = batcher.Drain()!;

        Assert.Equal(["tab-a", "tab-b", "tab-c"], welcome.Entries.Select(e => e.ClientId));
        Assert.Equal(new PresencePoint(1, 1), welcome.Entries[0].Presence.Cursor);
        Assert.Equal(["tab-a"], delta.Entries.Select(e => e.ClientId));
    }

    [Fact]
    public void PR5_AClientThatLeftIsNotInTheWelcome()
    {
        var batcher = new PresenceBatcher();
        batcher.Offer("tab-a", "anna", new PresenceUpdate(null, [], []));
        batcher.Leave("tab-a");
        batcher.Drain();

        batcher.Offer("tab-b", "ben", new PresenceUpdate(null, [], []));
        var welcome = batcher.Drain()!;

        Assert.Equal(["tab-b"], welcome.Entries.Select(e => e.ClientId));
    }
}
