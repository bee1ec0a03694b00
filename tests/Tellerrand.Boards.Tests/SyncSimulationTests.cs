using System.Collections.Concurrent;
using CsCheck;

namespace Tellerrand.Boards.Tests;

public sealed class SyncSimulationTests
{
    [Fact]
    public void CR2_EveryReplicaConvergesOnTheServerUnderLossReorderingAndDuplicates()
    {
        var paths = new ConcurrentDictionary<string, int>();
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var simulation = new SyncSimulation(seed);
            simulation.Run(steps: 400);
            simulation.Heal();
            foreach (var (path, count) in simulation.Paths)
            {
                paths.AddOrUpdate(path, count, (_, total) => total + count);
            }

            var server = simulation.Server;
            foreach (var (replica, acks) in simulation.Clients)
            {
                Assert.Empty(replica.Pending);
                Assert.Equal(server.ServerSeq, replica.ConfirmedSeq);
                Assert.Equal(server.State, replica.Confirmed);
                Assert.Equal(server.State, replica.View);
                // AK1, ID1: every acknowledged push is in the log under the serverSeq its ack named.
                foreach (var ack in acks)
                {
                    var entry = simulation.Log[(int)ack.ServerSeq - 1];
                    Assert.Equal((replica.ClientId, ack.ClientSeq), (entry.ClientId, entry.ClientSeq));
                }
            }
            BoardInvariants.Hold(server.State);
        }, iter: 120);

        // The run is only evidence if it went down every path the protocol has.
        string[] expected =
        [
            "edit", "edit refused locally", "resume with snapshot", "resume with patches", "applied as pushed", "applied with server patch", "push from dead connection",
            "repeated", "rejected Stale", "rejected ParentMissing", "rejected BoardFrozen", "undo", "redo",
        ];
        Assert.All(expected, path => Assert.True(paths.GetValueOrDefault(path) > 0, $"No run took the path '{path}': {string.Join(", ", paths)}"));
    }

    [Fact]
    public void LG1_ReplayingTheLogFromAnySnapshotGivesTheLiveBoard()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var simulation = new SyncSimulation(seed);
            simulation.Run(steps: 250);
            simulation.Heal();
            var log = simulation.Log;

            var fromStart = new BoardAuthority();
            var cut = new Random(seed).Next(log.Count + 1);
            BoardSnapshot? snapshot = null;
            foreach (var entry in log)
            {
                if (entry.ServerSeq == cut)
                {
                    snapshot = BoardStorageFormat.DeserializeSnapshot(BoardStorageFormat.Serialize(fromStart.TakeSnapshot()));
                }
                fromStart.Replay(entry);
            }
            var fromSnapshot = BoardAuthority.FromSnapshot(snapshot ?? new BoardSnapshot(BoardSnapshot.CurrentFormatVersion, 0, [], []));
            foreach (var entry in log.Where(e => e.ServerSeq > fromSnapshot.ServerSeq))
            {
                fromSnapshot.Replay(entry);
            }

            var live = BoardStorageFormat.Serialize(simulation.Server.TakeSnapshot());
            Assert.Equal(live, BoardStorageFormat.Serialize(fromStart.TakeSnapshot()));
            Assert.Equal(live, BoardStorageFormat.Serialize(fromSnapshot.TakeSnapshot()));
        }, iter: 40);
    }
}
