using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Orleans.Core.Internal;
using Tellerrand.Boards;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Boards;

/// <summary>The board through the real hub and grain: acks after durability, fan-out, idempotency, resume (board-protocol.md).</summary>
public abstract class BoardSyncTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task LG1_NewRoomBoardStartsFromTheTemplateWithTheChallenge()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));

        var resumed = await client.ResumeAsync(room.BoardId);

        var records = BoardClient.Records(resumed);
        Assert.Equal(1, resumed.ServerSeq);
        Assert.True(records[BoardTemplate.FrameId("challenge")].IsLocked);
        await using var db = app.CreateDb();
        var statement = await db.Challenges.Where(c => c.BusinessId == db.Rooms.Single(r => r.Id == room.RoomId).BusinessId).Select(c => c.Statement).SingleAsync();
        Assert.Equal(BoardText.Clean(statement, BoardLimits.MaxTextLength), records[BoardTemplate.ChallengeId].GetText(PropertyNames.Text));
        var entry = await db.BoardLog.SingleAsync(e => e.BoardId == room.BoardId);
        Assert.Equal(("system", 0L), (entry.ClientId, entry.ClientSeq));
    }

    [Fact]
    public async Task AK1_TwoClientsSeeEachOthersChangesAndTheSenderIsAckedOnlyOnceTheLogHoldsThePush()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var business = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        await using var creative = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));
        var start = (await business.ResumeAsync(room.BoardId)).ServerSeq;
        await creative.ResumeAsync(room.BoardId);

        var ack = Assert.IsType<AckWire>(await business.PushAsync(BoardClient.Sticky("note-1", "Werkstatt zeigen", author: room.Business.ToString("N"))));
        await using (var db = app.CreateDb())
        {
            Assert.True(await db.BoardLog.AnyAsync(e => e.BoardId == room.BoardId && e.ServerSeq == ack.ServerSeq && e.ClientId == business.ClientId));
        }
        var patch = await creative.NextAsync<PatchWire>();
        var reply = Assert.IsType<AckWire>(await creative.PushAsync(BoardClient.Update("note-1", PropertyNames.Text, "Werkstatt filmen")));
        var back = await business.NextAsync<PatchWire>();

        Assert.Equal(start + 1, ack.ServerSeq);
        Assert.Null(ack.Changes);
        Assert.Equal((ack.ServerSeq, business.ClientId, 1L), (patch.ServerSeq, patch.ClientId, patch.ClientSeq));
        Assert.Equal("Werkstatt zeigen", BoardWire.ToChange(Assert.Single(patch.Changes))!.Props![PropertyNames.Text] is TextValue t ? t.Value : null);
        Assert.Equal(reply.ServerSeq, back.ServerSeq);
        Assert.Equal(new TextValue("Werkstatt filmen"), BoardWire.ToChange(Assert.Single(back.Changes))!.Props![PropertyNames.Text]);
    }

    [Fact]
    public async Task AU1_APutReachesTheOthersWithItsPushersAuthorAndAForgedAuthorIsReplaced()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var business = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        await using var creative = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));
        await business.ResumeAsync(room.BoardId);
        await creative.ResumeAsync(room.BoardId);

        var ack = Assert.IsType<AckWire>(await business.PushAsync(BoardClient.Sticky("note-1", "Werkstatt zeigen", author: room.Creative.ToString("N"))));
        var patch = await creative.NextAsync<PatchWire>();

        var businessId = new TextValue(room.Business.ToString("N"));
        Assert.Equal(businessId, BoardWire.ToChange(Assert.Single(ack.Changes!))!.Props![PropertyNames.Author]);
        Assert.Equal(businessId, BoardWire.ToChange(Assert.Single(patch.Changes))!.Props![PropertyNames.Author]);
        await using var late = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.OtherCreative));
        Assert.Equal(businessId.Value, BoardClient.Records(await late.ResumeAsync(room.BoardId))["note-1"].GetText(PropertyNames.Author));
    }

    [Fact]
    public async Task ID1_RepeatedPushIsAppliedOnceAndReAckedWithItsPatch()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));
        await client.ResumeAsync(room.BoardId);
        var push = new PushWire { ClientId = client.ClientId, ClientSeq = 1, Changes = [BoardClient.Sticky("twice", "Einmal")] };

        var first = Assert.IsType<AckWire>(await client.PushAsync(push));
        var again = Assert.IsType<AckWire>(await client.PushAsync(push));

        Assert.Equal(first.ServerSeq, again.ServerSeq);
        Assert.NotNull(again.Changes);
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.BoardLog.CountAsync(e => e.BoardId == room.BoardId && e.ClientId == client.ClientId));
    }

    [Fact]
    public async Task RS1_ResumingAfterMissedPatchesGetsExactlyThoseAndRS2_FirstLoadGetsASnapshot()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var writer = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        var seen = (await writer.ResumeAsync(room.BoardId)).ServerSeq;
        for (var i = 1; i <= 3; i++)
        {
            Assert.IsType<AckWire>(await writer.PushAsync(BoardClient.Sticky($"missed-{i}", $"Idee {i}")));
        }
        await using var reader = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.OtherCreative));

        var patches = await reader.ResumeAsync(room.BoardId, seen);
        await using var fresh = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));
        var first = await fresh.ResumeAsync(room.BoardId);

        Assert.Null(patches.Snapshot);
        Assert.Equal([seen + 1, seen + 2, seen + 3], patches.Patches!.Select(p => p.ServerSeq));
        Assert.Equal(seen + 3, patches.ServerSeq);
        Assert.Null(first.Patches);
        Assert.Contains("missed-3", BoardClient.Records(first).Keys);
    }

    [Fact]
    public async Task RS2_AClientFurtherBehindThanTheResumeWindowGetsASnapshot()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        // A long history written straight to the log before the board's first activation, as an earlier activation would have.
        var authority = new BoardAuthority();
        var entries = new List<LogEntry> { authority.ApplySystem(BoardTemplate.CrossInnovation.Build("Lange Geschichte")) };
        for (var i = 1; i <= BoardLimits.ResumeWindow + 20; i++)
        {
            var change = i == 1
                ? BoardChange.Put("long", RecordKinds.Sticky, PropertyMap.Of((PropertyNames.Placement, new PlacementValue(null, "V", 0, 0))))
                : BoardChange.Update("long", PropertyMap.Of((PropertyNames.Text, new TextValue($"Fassung {i}"))));
            entries.Add(((PushOutcome.Applied)authority.Receive(new PushMessage("history", i, [change]), new BoardActor("history", BoardRole.Participant))).Entry);
        }
        await app.Get<BoardLogStore>().AppendAsync(room.BoardId, 0, entries);
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));

        var behind = await client.ResumeAsync(room.BoardId, 5);
        var near = await client.ResumeAsync(room.BoardId, authority.ServerSeq - 2);

        Assert.Null(behind.Patches);
        Assert.Equal(authority.ServerSeq, behind.ServerSeq);
        Assert.Equal($"Fassung {BoardLimits.ResumeWindow + 20}", BoardClient.Records(behind)["long"].GetText(PropertyNames.Text));
        Assert.Equal(2, near.Patches!.Length);
    }

    [Fact]
    public async Task PU3_OversizedAndMalformedPushesAreRejectedWithTheirReasonAndStoreNothing()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        var start = (await client.ResumeAsync(room.BoardId)).ServerSeq;
        var longText = new string('x', BoardLimits.MaxTextLength);

        var oversized = await client.PushAsync([.. Enumerable.Range(0, 40).Select(i => BoardClient.Sticky($"big-{i}", longText))]);
        var badOp = await client.PushAsync(new ChangeWire { Op = "explode", Id = "x" });
        var unknownProperty = await client.PushAsync(BoardClient.Update("x", "secret", "hidden data"));
        var wrongType = await client.PushAsync(new ChangeWire { Op = "put", Id = "y", Kind = RecordKinds.Sticky, Props = new() { [PropertyNames.Placement] = "oben links" } });
        var empty = await client.PushAsync();
        var forgedClient = await client.PushAsync(new PushWire { ClientId = "someone-else", ClientSeq = 99, Changes = [BoardClient.Sticky("forged", "fremd")] });

        Assert.Equal((int)RejectReason.Oversized, Assert.IsType<RejectWire>(oversized).Reason);
        Assert.Equal((int)RejectReason.Malformed, Assert.IsType<RejectWire>(badOp).Reason);
        Assert.Equal((int)RejectReason.Malformed, Assert.IsType<RejectWire>(unknownProperty).Reason);
        Assert.Equal((int)RejectReason.Malformed, Assert.IsType<RejectWire>(wrongType).Reason);
        Assert.Equal((int)RejectReason.TooManyChanges, Assert.IsType<RejectWire>(empty).Reason);
        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(forgedClient).Reason);
        await using var db = app.CreateDb();
        Assert.Equal(start, await db.BoardLog.Where(e => e.BoardId == room.BoardId).MaxAsync(e => e.ServerSeq));
    }

    [Fact]
    public async Task PR2_PresenceReachesTheOtherClientsInABatchAndPR4_ALeavingClientIsListed()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var watcher = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        await watcher.ResumeAsync(room.BoardId);
        var mover = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));
        await mover.ResumeAsync(room.BoardId);

        await mover.Connection.InvokeAsync(nameof(BoardHub.Presence), new PresenceWire { Cursor = new PointWire { X = 1, Y = 2 }, Selection = ["tpl-ideas"], Drag = [] });
        var seen = await watcher.NextAsync<PresenceBatchWire>(m => m is PresenceBatchWire b && b.Entries.Any(e => e.ClientId == mover.ClientId));
        await mover.DisposeAsync();
        var left = await watcher.NextAsync<PresenceBatchWire>(m => m is PresenceBatchWire b && b.Left.Contains(mover.ClientId));

        var entry = Assert.Single(seen.Entries, e => e.ClientId == mover.ClientId);
        Assert.Equal(room.Creative.ToString("N"), entry.ParticipantId);
        Assert.Equal((1.0, 2.0), (entry.Presence.Cursor!.X, entry.Presence.Cursor.Y));
        Assert.Contains(mover.ClientId, left.Left);
    }

    [Fact]
    public async Task LG3_TheGrainStoresASnapshotAfterSnapshotIntervalAndLoadsFromIt()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        var cookie = await room.CookieAsync(app, room.Business);
        // Five tabs pushing at once: the hub answers one push per connection at a time, so only parallel
        // connections let pushes meet in a group commit, and together they pass the snapshot interval quickly.
        const int tabs = 5;
        var perTab = BoardLimits.SnapshotInterval / tabs + 3;
        var clients = await Task.WhenAll(Enumerable.Range(0, tabs).Select(_ => BoardClient.ConnectAsync(app, cookie, webSocket: true)));
        try
        {
            foreach (var (client, tab) in clients.Select((c, t) => (c, t)))
            {
                await client.ResumeAsync(room.BoardId);
                Assert.IsType<AckWire>(await client.PushAsync(BoardClient.Sticky($"counter-{tab}", "1")));
            }
            await Task.WhenAll(clients.Select(async client =>
            {
                for (var i = 2; i <= perTab; i++)
                {
                    await client.Connection.SendAsync(nameof(BoardHub.Push), new PushWire
                    {
                        ClientId = client.ClientId, ClientSeq = i, Changes = [BoardClient.Update($"counter-{Array.IndexOf(clients, client)}", PropertyNames.Text, $"{i}")],
                    });
                }
            }));
            // Each tab's last ack comes after about a hundred durable writes of its own, one at a time (PU5): on a
            // loaded CI machine that is well over the usual patience for one answer.
            await Task.WhenAll(clients.Select(c => c.NextAsync<AckWire>(m => m is AckWire a && a.ClientSeq == perTab, TimeSpan.FromMinutes(2))));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        // The snapshot is written in the background after the acks of its commit, so it may land a moment after the last ack.
        var stored = false;
        for (var attempt = 0; attempt < 50 && !stored; attempt++)
        {
            await using var db = app.CreateDb();
            stored = await db.BoardSnapshots.AnyAsync(s => s.BoardId == room.BoardId && s.ServerSeq >= BoardLimits.SnapshotInterval);
            if (!stored)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(stored);

        await app.Get<IGrainFactory>().GetGrain<IBoardGrain>(room.BoardId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await using var after = await BoardClient.ConnectAsync(app, cookie);
        var resumed = await after.ResumeAsync(room.BoardId);

        var records = BoardClient.Records(resumed);
        Assert.All(Enumerable.Range(0, tabs), tab => Assert.Equal($"{perTab}", records[$"counter-{tab}"].GetText(PropertyNames.Text)));
    }

    [Fact]
    public async Task LG2_AnActivationWhoseLogAnotherWriterExtendedNeverAcksAndReloads()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        var cookie = await room.CookieAsync(app, room.Business);
        await using var stale = await BoardClient.ConnectAsync(app, cookie);
        await stale.ResumeAsync(room.BoardId);
        // Another activation of the same board, after a partition, appends the next serverSeq first.
        var store = app.Get<BoardLogStore>();
        var other = (await store.LoadAsync(room.BoardId)).Authority;
        var applied = (PushOutcome.Applied)other.Receive(
            new PushMessage("other-activation", 1, [BoardChange.Put("theirs", RecordKinds.Sticky, PropertyMap.Of((PropertyNames.Placement, new PlacementValue(null, "V", 0, 0))))]),
            new BoardActor("other", BoardRole.Participant));
        await store.AppendAsync(room.BoardId, other.ServerSeq - 1, [applied.Entry]);

        await stale.Connection.SendAsync(nameof(BoardHub.Push), new PushWire { ClientId = stale.ClientId, ClientSeq = 1, Changes = [BoardClient.Sticky("mine", "verloren")] });
        await stale.Closed;
        await using var fresh = await BoardClient.ConnectAsync(app, cookie);
        var resumed = await fresh.ResumeAsync(room.BoardId);
        var resent = await fresh.PushAsync(BoardClient.Sticky("mine", "neu gesendet"));

        Assert.Equal(other.ServerSeq, resumed.ServerSeq);
        Assert.Contains("theirs", BoardClient.Records(resumed).Keys);
        Assert.DoesNotContain("mine", BoardClient.Records(resumed).Keys);
        Assert.Equal(other.ServerSeq + 1, Assert.IsType<AckWire>(resent).ServerSeq);
        await using var db = app.CreateDb();
        Assert.False(await db.BoardLog.AnyAsync(e => e.BoardId == room.BoardId && e.ClientId == stale.ClientId));
    }

    [Fact]
    public async Task AK1_EveryAcknowledgedChangeSurvivesTheGrainsDeactivation()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        var cookie = await room.CookieAsync(app, room.Business);
        long last;
        await using (var client = await BoardClient.ConnectAsync(app, cookie))
        {
            await client.ResumeAsync(room.BoardId);
            // Sent without waiting for each answer, so several pushes share a group commit.
            var pushes = Enumerable.Range(1, 20).Select(i => new PushWire { ClientId = client.ClientId, ClientSeq = i, Changes = [BoardClient.Sticky($"kept-{i}", $"Notiz {i}")] }).ToList();
            foreach (var push in pushes)
            {
                await client.Connection.SendAsync(nameof(BoardHub.Push), push);
            }
            var acks = new List<AckWire>();
            while (acks.Count < pushes.Count)
            {
                acks.Add(await client.NextAsync<AckWire>());
            }
            Assert.Equal(acks.Select(a => a.ServerSeq).Order(), acks.Select(a => a.ServerSeq));
            last = acks[^1].ServerSeq;
        }

        await app.Get<IGrainFactory>().GetGrain<IBoardGrain>(room.BoardId).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await using var after = await BoardClient.ConnectAsync(app, cookie);
        var resumed = await after.ResumeAsync(room.BoardId);

        Assert.Equal(last, resumed.ServerSeq);
        var records = BoardClient.Records(resumed);
        Assert.All(Enumerable.Range(1, 20), i => Assert.Equal($"Notiz {i}", records[$"kept-{i}"].GetText(PropertyNames.Text)));
    }
}

public sealed class BoardSyncTestsOnSqlite(SqliteApp app) : BoardSyncTests<SqliteApp>(app);

public sealed class BoardSyncTestsOnPostgres(PostgresApp app) : BoardSyncTests<PostgresApp>(app);
