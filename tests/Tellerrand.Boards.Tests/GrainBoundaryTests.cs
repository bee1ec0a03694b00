using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Tellerrand.Boards.Tests.Boards;

namespace Tellerrand.Boards.Tests;

/// <summary>The types that cross the BoardGrain boundary survive Orleans serialization unchanged.</summary>
public sealed class GrainBoundaryTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(BoardRecord).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void LG1_APushAndItsOutcomeCrossTheGrainBoundaryUnchanged()
    {
        var server = new BoardAuthority();
        var push = new PushMessage("tab", 1, Push(
            Frame("f1"), Sticky("n1", "Holz 🪵", At("f1", "V", 1.5, -2)), Set("n1", PropertyNames.Colour, null), BoardChange.Delete("x")));
        var applied = (PushOutcome.Applied)server.Receive(push, Anna);

        var pushCopy = RoundTrip(push);
        Assert.Equal(push.Changes.AsEnumerable(), pushCopy.Changes.AsEnumerable());
        Assert.Equal((push.ClientId, push.ClientSeq), (pushCopy.ClientId, pushCopy.ClientSeq));
        Assert.Equal(applied.Ack.Changes!.Value.AsEnumerable(), RoundTrip(applied.Ack).Changes!.Value.AsEnumerable());
        Assert.Equal(applied.Patch.Changes.AsEnumerable(), RoundTrip(applied.Patch).Changes.AsEnumerable());
        Assert.Equal(Anna, RoundTrip(Anna));
        Assert.Equal(new RejectMessage(3, RejectReason.BoardFrozen), RoundTrip(new RejectMessage(3, RejectReason.BoardFrozen)));
    }

    [Fact]
    public void LG1_ASnapshotCrossesTheGrainBoundaryUnchanged()
    {
        var server = new BoardAuthority();
        server.ApplySystem(BoardTemplate.CrossInnovation.Build("Wie kommt Holz in die Stadt?"));
        server.Receive(new PushMessage("tab", 1, Push(Sticky("n1", "Holz"))), Anna);

        var snapshot = server.TakeSnapshot();
        var copy = RoundTrip(snapshot);

        Assert.Equal(BoardStorageFormat.Serialize(snapshot), BoardStorageFormat.Serialize(copy));
        var resumed = RoundTrip(server.ResumeWithSnapshot());
        Assert.Equal(server.State, BoardState.FromRecords(resumed.Snapshot!.Value));
    }
}
