using Tellerrand.Web.Events;
using Tellerrand.Web.Live.Video;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Live;

/// <summary>The organiser's video settings: links are checked, and a bad one saves nothing.</summary>
public abstract class VideoSettingsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Theory]
    [InlineData("zoom.example/j/1", "Video_LinkInvalid")]
    [InlineData("javascript:alert(1)", "Video_LinkInvalid")]
    [InlineData("ftp://files.example/room", "Video_LinkInvalid")]
    public async Task BadRoomLinkIsNamedAndNothingIsSaved(string link, string problem)
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 2);
        var settings = app.Get<VideoSettings>();
        var rooms = new Dictionary<Guid, string?> { [ev.Rooms[0].RoomId] = "https://teams.example/r1", [ev.Rooms[1].RoomId] = link };

        var problems = await settings.SaveAsync(ev.EventId, new VideoSettingsInput(VideoProvider.Link, "https://zoom.example/plenum", rooms));

        var reported = Assert.Single(problems);
        Assert.Equal((ev.Rooms[1].RoomId.ToString(), problem), (reported.Field, reported.MessageKey));
        var stored = await settings.LoadAsync(ev.EventId);
        Assert.Equal(VideoProvider.Jitsi, stored!.Provider);
        Assert.Null(stored.PlenaryLink);
        Assert.All(stored.RoomLinks.Values, Assert.Null);
    }

    [Fact]
    public async Task TooLongPlenaryLinkIsNamed()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 1);

        var problems = await app.Get<VideoSettings>().SaveAsync(ev.EventId,
            new VideoSettingsInput(VideoProvider.Link, "https://zoom.example/" + new string('a', 500), new Dictionary<Guid, string?>()));

        Assert.Equal(new VideoSettingsProblem("plenary", "Video_LinkTooLong"), Assert.Single(problems));
    }

    [Fact]
    public async Task GoodLinksAreSavedTrimmedAndEmptyOnesCleared()
    {
        var ev = await LiveTestEvent.CreateAsync(app, rooms: 2);
        var settings = app.Get<VideoSettings>();
        var rooms = new Dictionary<Guid, string?> { [ev.Rooms[0].RoomId] = "  https://teams.example/r1 ", [ev.Rooms[1].RoomId] = " " };

        Assert.Empty(await settings.SaveAsync(ev.EventId, new VideoSettingsInput(VideoProvider.Link, "https://zoom.example/plenum", rooms)));

        var stored = await settings.LoadAsync(ev.EventId);
        Assert.Equal((VideoProvider.Link, "https://zoom.example/plenum"), (stored!.Provider, stored.PlenaryLink));
        Assert.Equal("https://teams.example/r1", stored.RoomLinks[ev.Rooms[0].RoomId]);
        Assert.Null(stored.RoomLinks[ev.Rooms[1].RoomId]);
    }
}

public sealed class VideoSettingsTestsOnSqlite(SqliteApp app) : VideoSettingsTests<SqliteApp>(app);

public sealed class VideoSettingsTestsOnPostgres(PostgresApp app) : VideoSettingsTests<PostgresApp>(app);
