using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Live.Video;

/// <summary>
/// How one person joins one video (the plenary or a room). <see cref="OpenUrl"/> is always the way in a new tab; for Jitsi
/// <see cref="JitsiDomain"/> and <see cref="JitsiRoom"/> let the lobby embed it with the iframe API. No URL means the
/// organiser has not configured this video yet.
/// </summary>
public sealed record VideoJoin(VideoProvider Provider, string? OpenUrl, string? JitsiDomain, string? JitsiRoom, string? JitsiJwt, bool PublicServer);

/// <summary>Works out each person's way into the event's video, from the event's provider and the installation's servers.</summary>
public sealed class LiveVideo(IDbContextFactory<TellerrandDb> dbs, IOptions<VideoOptions> options, TimeProvider clock)
{
    /// <summary>A Jitsi token is valid for the length of a long workshop day, no longer.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// The way into the plenary (<paramref name="roomId"/> null) or a room. <paramref name="moderator"/> joins a
    /// BigBlueButton meeting as its moderator.
    /// </summary>
    public async Task<VideoJoin> JoinAsync(Guid eventId, Guid? roomId, string displayName, bool moderator, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ev = await db.Events.FirstAsync(e => e.Id == eventId, cancellationToken);
        switch (ev.VideoProvider)
        {
            case VideoProvider.Link:
                var link = roomId is { } id
                    ? await db.Rooms.Where(r => r.Id == id && r.EventId == eventId).Select(r => r.VideoLink).FirstOrDefaultAsync(cancellationToken)
                    : ev.PlenaryVideoLink;
                return new VideoJoin(VideoProvider.Link, string.IsNullOrWhiteSpace(link) ? null : link, null, null, null, false);
            case VideoProvider.BigBlueButton:
                var bbb = options.Value.BigBlueButton;
                if (string.IsNullOrWhiteSpace(bbb.Url) || string.IsNullOrWhiteSpace(bbb.Secret))
                {
                    return new VideoJoin(VideoProvider.BigBlueButton, null, null, null, null, false);
                }
                // The meeting is created on the way in (it is idempotent in BigBlueButton), by our own endpoint.
                return new VideoJoin(VideoProvider.BigBlueButton, $"/live/video/{(roomId is { } r ? r.ToString() : "plenary")}", null, null, null, false);
            default:
                var jitsi = options.Value.Jitsi;
                var room = VideoSigning.RoomName(await KeyAsync(db, ev, cancellationToken), eventId, roomId);
                var jwt = string.IsNullOrEmpty(jitsi.AppId) || string.IsNullOrEmpty(jitsi.AppSecret) ? null : JitsiToken(jitsi, room, displayName, moderator);
                var url = $"https://{jitsi.Domain}/{room}" + (jwt is null ? "" : $"?jwt={jwt}");
                return new VideoJoin(VideoProvider.Jitsi, url, jitsi.Domain, room, jwt, jitsi.Domain == JitsiOptions.PublicDomain);
        }
    }

    /// <summary>BigBlueButton's create and join calls for one meeting, each with its checksum.</summary>
    public async Task<(string CreateUrl, string JoinUrl)?> BigBlueButtonAsync(Guid eventId, Guid? roomId, string displayName, bool moderator,
        CancellationToken cancellationToken = default)
    {
        var bbb = options.Value.BigBlueButton;
        if (string.IsNullOrWhiteSpace(bbb.Url) || string.IsNullOrWhiteSpace(bbb.Secret))
        {
            return null;
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ev = await db.Events.FirstAsync(e => e.Id == eventId, cancellationToken);
        var meeting = VideoSigning.RoomName(await KeyAsync(db, ev, cancellationToken), eventId, roomId);
        var key = await KeyAsync(db, ev, cancellationToken);
        // Passwords are derived like the meeting id, so every host computes the same ones without storing them.
        var moderatorPassword = VideoSigning.RoomName(key, eventId, DeriveId(roomId, 1));
        var attendeePassword = VideoSigning.RoomName(key, eventId, DeriveId(roomId, 2));
        var createQuery = BigBlueButtonCalls.Query([("name", ev.Title), ("meetingID", meeting), ("attendeePW", attendeePassword), ("moderatorPW", moderatorPassword)]);
        var joinQuery = BigBlueButtonCalls.Query([("fullName", displayName), ("meetingID", meeting), ("password", moderator ? moderatorPassword : attendeePassword), ("redirect", "true")]);
        return (BigBlueButtonCalls.Url(bbb.Url, "create", createQuery, bbb.Secret), BigBlueButtonCalls.Url(bbb.Url, "join", joinQuery, bbb.Secret));
    }

    private string JitsiToken(JitsiOptions jitsi, string room, string displayName, bool moderator)
    {
        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["aud"] = "jitsi",
            ["iss"] = jitsi.AppId!,
            ["sub"] = jitsi.Domain,
            ["room"] = room,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = (now + TokenLifetime).ToUnixTimeSeconds(),
            ["context"] = new Dictionary<string, object> { ["user"] = new Dictionary<string, object> { ["name"] = displayName, ["moderator"] = moderator } },
        });
        return VideoSigning.Hs256("""{"alg":"HS256","typ":"JWT"}""", payload, System.Text.Encoding.UTF8.GetBytes(jitsi.AppSecret!));
    }

    private async Task<byte[]> KeyAsync(TellerrandDb db, Event ev, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.RoomSecret))
        {
            return System.Text.Encoding.UTF8.GetBytes(options.Value.RoomSecret);
        }
        if (ev.VideoKey is null)
        {
            ev.VideoKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await db.SaveChangesAsync(cancellationToken);
        }
        return Convert.FromBase64String(ev.VideoKey);
    }

    private static Guid DeriveId(Guid? roomId, byte purpose)
    {
        var bytes = (roomId ?? Guid.Empty).ToByteArray();
        bytes[0] ^= purpose;
        return new Guid(bytes);
    }
}

/// <summary>Builds BigBlueButton API calls: the query string as the checksum sees it, and the call's URL.</summary>
public static class BigBlueButtonCalls
{
    public static string Query(IEnumerable<(string Name, string Value)> parameters) =>
        string.Join("&", parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    public static string Url(string apiBase, string callName, string query, string secret) =>
        $"{apiBase.TrimEnd('/')}/{callName}?{query}&checksum={VideoSigning.BigBlueButtonChecksum(callName, query, secret)}";
}
