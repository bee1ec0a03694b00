using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Boards;

/// <summary>Who may read and write a board (board-protocol.md AZ, PU6), through the hub with real magic-link sessions.</summary>
public abstract class BoardAccessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task AZ1_ParticipantOfRoomACannotReadOrWriteRoomBsBoardWhateverIdsTheySend()
    {
        var roomA = await BoardTestRoom.SeedAsync(app, "Bäckerei Richter");
        var roomB = await BoardTestRoom.SeedAsync(app, "Tischlerei Hoffmann");
        await using var owner = await BoardClient.ConnectAsync(app, await roomB.CookieAsync(app, roomB.Business));
        var startB = (await owner.ResumeAsync(roomB.BoardId)).ServerSeq;
        await using var intruder = await BoardClient.ConnectAsync(app, await roomA.CookieAsync(app, roomA.Creative));

        var read = await Assert.ThrowsAsync<HubException>(() => intruder.ResumeAsync(roomB.BoardId));
        var write = await intruder.PushAsync(new PushWire { ClientId = owner.ClientId, ClientSeq = 1, Changes = [BoardClient.Sticky("intrusion", "fremd")] });
        await intruder.ResumeAsync(roomA.BoardId);
        var switchBack = await Assert.ThrowsAsync<HubException>(() => intruder.ResumeAsync(roomB.BoardId));
        var ownBoardPush = await intruder.PushAsync(BoardClient.Sticky("mine", "eigene Notiz"));

        Assert.Contains(BoardHub.NotPermittedMessage, read.Message);
        Assert.Contains(BoardHub.NotPermittedMessage, switchBack.Message);
        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(write).Reason);
        // A refused resume leaves the connection on the board it may open; the push lands there and never on B.
        var ack = Assert.IsType<AckWire>(ownBoardPush);
        await using var db = app.CreateDb();
        Assert.Equal(startB, await db.BoardLog.Where(e => e.BoardId == roomB.BoardId).MaxAsync(e => e.ServerSeq));
        Assert.True(await db.BoardLog.AnyAsync(e => e.BoardId == roomA.BoardId && e.ServerSeq == ack.ServerSeq && e.ClientId == intruder.ClientId));
    }

    [Fact]
    public async Task AZ1_UnknownBoardIsRefusedExactlyLikeAForeignOne()
    {
        var roomA = await BoardTestRoom.SeedAsync(app, "Bäckerei Richter");
        var roomB = await BoardTestRoom.SeedAsync(app, "Tischlerei Hoffmann");
        await using var client = await BoardClient.ConnectAsync(app, await roomA.CookieAsync(app, roomA.Business));

        var unknown = await Assert.ThrowsAsync<HubException>(() => client.ResumeAsync(Guid.NewGuid()));
        var foreign = await Assert.ThrowsAsync<HubException>(() => client.ResumeAsync(roomB.BoardId));

        Assert.Equal(foreign.Message, unknown.Message);
    }

    [Fact]
    public async Task AZ1_ConnectionWithoutSessionIsRefused()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => BoardClient.ConnectAsync(app, cookie: null));
    }

    [Fact]
    public async Task PU6_RevokingTheMagicLinkStopsPushesOnAnOpenConnection()
    {
        var (room, writing) = await WritingCreativeAsync();
        await using var client = writing;

        await app.Get<MagicLinks>().RevokeAsync(room.Creative, room.EventId);
        var after = await client.PushAsync(BoardClient.Sticky("after", "nachher"));

        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(after).Reason);
    }

    [Fact]
    public async Task PU6_ASeatTakenAwayWithoutSignalOnThisHostEndsWritingWithinTheRecheckInterval()
    {
        var (room, writing) = await WritingCreativeAsync();
        await using var client = writing;

        // As another host would: the seat goes, and this host hears nothing of it.
        await using (var db = app.CreateDb())
        {
            await db.Set<RoomCreative>().Where(c => c.RoomId == room.RoomId && c.PersonId == room.Creative).ExecuteDeleteAsync();
        }
        var withinInterval = await client.PushAsync(BoardClient.Sticky("cached", "noch"));
        app.Clock.Advance(BoardHub.AccessRecheckInterval);
        var afterInterval = await client.PushAsync(BoardClient.Sticky("rechecked", "nicht mehr"));

        Assert.IsType<AckWire>(withinInterval);
        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(afterInterval).Reason);
    }

    [Fact]
    public async Task PU6_DeletingThePersonStopsTheirPushesOnAnOpenConnectionAtOnce()
    {
        var (room, writing) = await WritingCreativeAsync();
        await using var client = writing;

        await app.Get<RegistrationService>().DeletePersonAsync(room.Creative);
        var after = await client.PushAsync(BoardClient.Sticky("after", "nachher"));

        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(after).Reason);
    }

    [Fact]
    public async Task PU6_PushBeforeResumeIsRejectedNotPermitted()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));

        var reply = await client.PushAsync(BoardClient.Sticky("early", "zu früh"));

        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(reply).Reason);
    }

    [Fact]
    public async Task AZ4_RoleComesFromTheConnectionSoOnlyTheRoomsModeratorOpensAVote()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var participant = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Business));
        await using var moderator = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Moderator));
        await participant.ResumeAsync(room.BoardId);
        await moderator.ResumeAsync(room.BoardId);
        var openVote = BoardClient.Update(BoardSchema.SettingsId, PropertyNames.VoteState, BoardSchema.VoteOpen);

        var byParticipant = await participant.PushAsync(openVote);
        var byModerator = await moderator.PushAsync(openVote);

        Assert.Equal((int)RejectReason.NotPermitted, Assert.IsType<RejectWire>(byParticipant).Reason);
        Assert.IsType<AckWire>(byModerator);
    }

    [Fact]
    public async Task AZ1_OrganiserOpensAnyRoomsBoardAsModeratorAndOtherStaffDoNot()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var organiser = await BoardClient.ConnectAsync(app, await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Organiser));
        await using var staffModerator = await BoardClient.ConnectAsync(app, await BoardTestRoom.StaffCookieAsync(app, StaffRoles.Moderator));

        await organiser.ResumeAsync(room.BoardId);
        var unlock = await organiser.PushAsync(BoardClient.Update(BoardTemplate.FrameId("ideas"), PropertyNames.Locked, false));
        var refused = await Assert.ThrowsAsync<HubException>(() => staffModerator.ResumeAsync(room.BoardId));

        Assert.IsType<AckWire>(unlock);
        Assert.Contains(BoardHub.NotPermittedMessage, refused.Message);
    }

    [Fact]
    public async Task VS1_AnotherProtocolVersionGetsIncompatibleAndNoBoardData()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        await using var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative));

        await client.Connection.InvokeAsync(nameof(BoardHub.Resume), new ResumeWire
        {
            ProtocolVersion = BoardLimits.ProtocolVersion + 1, BoardId = room.BoardId.ToString(), ClientId = client.ClientId,
        });
        var answer = await client.NextAsync<object>(m => m is IncompatibleWire or ResumedWire);

        Assert.Equal(BoardLimits.ProtocolVersion, Assert.IsType<IncompatibleWire>(answer).ProtocolVersion);
    }

    /// <summary>A creative of a fresh room on its board over a WebSocket, whose first note was acknowledged.</summary>
    private async Task<(BoardTestRoom Room, BoardClient Client)> WritingCreativeAsync()
    {
        var room = await BoardTestRoom.SeedAsync(app);
        var client = await BoardClient.ConnectAsync(app, await room.CookieAsync(app, room.Creative), webSocket: true);
        await client.ResumeAsync(room.BoardId);
        Assert.IsType<AckWire>(await client.PushAsync(BoardClient.Sticky("before", "vorher")));
        return (room, client);
    }
}

public sealed class BoardAccessTestsOnSqlite(SqliteApp app) : BoardAccessTests<SqliteApp>(app);

public sealed class BoardAccessTestsOnPostgres(PostgresApp app) : BoardAccessTests<PostgresApp>(app);
