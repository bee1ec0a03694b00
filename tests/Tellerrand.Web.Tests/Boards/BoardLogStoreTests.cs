using Microsoft.EntityFrameworkCore;
using Tellerrand.Boards;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Data;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Boards;

/// <summary>The board log store's contract (board-protocol.md LG), the same on SQLite and PostgreSQL.</summary>
public abstract class BoardLogStoreTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private BoardLogStore Store => app.Get<BoardLogStore>();

    [Fact]
    public async Task LG2_AppendWithAWrongExpectedSequenceFailsAndStoresNothing()
    {
        var boardId = Guid.NewGuid();
        var (authority, entries) = History(3);
        await Store.AppendAsync(boardId, 0, entries[..2]);

        var behind = await Assert.ThrowsAsync<BoardLogConflictException>(() => Store.AppendAsync(boardId, 1, [entries[1] with { ServerSeq = 2 }]));
        var ahead = await Assert.ThrowsAsync<BoardLogConflictException>(() => Store.AppendAsync(boardId, 3, [entries[2] with { ServerSeq = 4 }]));

        Assert.Equal(1, behind.ExpectedLastSeq);
        Assert.Equal(3, ahead.ExpectedLastSeq);
        await using var db = app.CreateDb();
        Assert.Equal([1L, 2L], await db.BoardLog.Where(e => e.BoardId == boardId).OrderBy(e => e.ServerSeq).Select(e => e.ServerSeq).ToListAsync());
        Assert.Equal(3, authority.ServerSeq);
    }

    [Fact]
    public async Task LG2_TwoWritersOfTheSameSequenceCannotForkTheLog()
    {
        var boardId = Guid.NewGuid();
        var (_, entries) = History(2);
        await Store.AppendAsync(boardId, 0, entries[..1]);

        var results = await Task.WhenAll(
            Attempt(() => Store.AppendAsync(boardId, 1, [entries[1]])),
            Attempt(() => Store.AppendAsync(boardId, 1, [entries[1] with { ClientId = "second-activation" }])));

        Assert.Single(results, ok => ok);
        await using var db = app.CreateDb();
        Assert.Equal(2, await db.BoardLog.CountAsync(e => e.BoardId == boardId));
    }

    [Fact]
    public async Task LG2_AnAppendThatLosesToAnotherHostFailsAloneAndTheOtherBoardsAppendInTheSameBatchLands()
    {
        var contested = Guid.NewGuid();
        var bystander = Guid.NewGuid();
        var (_, entries) = History(2);
        await Store.AppendAsync(contested, 0, entries[..1]);
        // A second host's store: its own writer, so the two really race in the database (LG2).
        await using var otherHost = new BoardLogStore(app.Get<IDbContextFactory<TellerrandDb>>(), TimeProvider.System);

        var results = await Task.WhenAll(
            Attempt(() => Store.AppendAsync(contested, 1, [entries[1]])),
            Attempt(() => otherHost.AppendAsync(contested, 1, [entries[1] with { ClientId = "other-host" }])),
            Attempt(() => otherHost.AppendAsync(bystander, 0, entries[..1])));

        Assert.Single(results[..2], ok => ok);
        Assert.True(results[2]);
        await using var db = app.CreateDb();
        Assert.Equal(2, await db.BoardLog.CountAsync(e => e.BoardId == contested));
        Assert.Equal(1, await db.BoardLog.CountAsync(e => e.BoardId == bystander));
    }

    [Fact]
    public async Task LG3_LoadingReadsTheNewestSnapshotAndOnlyTheEntriesAfterIt()
    {
        var boardId = Guid.NewGuid();
        var (authority, entries) = History(BoardLimits.ResumeWindow + 30);
        await Store.AppendAsync(boardId, 0, entries);
        var replayed = new BoardAuthority();
        foreach (var entry in entries[..^10])
        {
            replayed.Replay(entry);
        }
        await Store.SaveSnapshotAsync(boardId, replayed.TakeSnapshot());

        var loaded = await Store.LoadAsync(boardId);

        Assert.Equal(authority.TakeSnapshot().ServerSeq, loaded.Authority.ServerSeq);
        Assert.Equal(authority.State.Records, loaded.Authority.State.Records);
        Assert.Equal(replayed.ServerSeq, loaded.SnapshotSeq);
        Assert.Equal(loaded.Authority.ServerSeq, loaded.Recent[^1].ServerSeq);
        await using var db = app.CreateDb();
        // Entries older than the snapshot minus the resume window are gone (LG3).
        Assert.Equal(replayed.ServerSeq - BoardLimits.ResumeWindow + 1, await db.BoardLog.Where(e => e.BoardId == boardId).MinAsync(e => e.ServerSeq));
    }

    private static async Task<bool> Attempt(Func<Task> append)
    {
        try
        {
            await append();
            return true;
        }
        catch (BoardLogConflictException)
        {
            return false;
        }
    }

    private static (BoardAuthority Authority, LogEntry[] Entries) History(int count)
    {
        var authority = new BoardAuthority();
        var entries = new List<LogEntry>();
        var actor = new BoardActor("writer", BoardRole.Participant);
        for (var i = 1; i <= count; i++)
        {
            var change = BoardChange.Put($"note-{i % 50}", RecordKinds.Sticky, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue(null, "V", i, i)),
                (PropertyNames.Text, new TextValue($"Fassung {i}"))));
            entries.Add(((PushOutcome.Applied)authority.Receive(new PushMessage("writer", i, [change]), actor)).Entry);
        }
        return (authority, [.. entries]);
    }
}

public sealed class BoardLogStoreTestsOnSqlite(SqliteApp app) : BoardLogStoreTests<SqliteApp>(app);

public sealed class BoardLogStoreTestsOnPostgres(PostgresApp app) : BoardLogStoreTests<PostgresApp>(app);
