using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Tellerrand.Web.Live.Video;

namespace Tellerrand.Web.Tests.Live;

/// <summary>Video cryptography against the documented examples of RFC 7515 and the BigBlueButton API.</summary>
public sealed class VideoSigningTests
{
    [Fact]
    public void Hs256MatchesRfc7515AppendixA1()
    {
        // RFC 7515 A.1: the header and payload bytes exactly as printed, with CR LF line breaks, and the JWK's key "k".
        const string header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
        const string payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
        var key = WebEncoders.Base64UrlDecode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");

        var jws = VideoSigning.Hs256(header, payload, key);

        Assert.Equal(
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
            ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
            ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            jws);
    }

    [Fact]
    public void BigBlueButtonChecksumMatchesTheApiDocumentation()
    {
        // docs.bigbluebutton.org, "API security model": the create call of the example and its shared secret.
        var checksum = VideoSigning.BigBlueButtonChecksum("create",
            "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444", "639259d4-9dd8-4b25-bf01-95f9567eaf4b");

        Assert.Equal("1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17", checksum);
    }

    [Fact]
    public void BigBlueButtonCallCarriesTheChecksumOfItsOwnQuery()
    {
        var query = BigBlueButtonCalls.Query([("fullName", "Anna Schulz"), ("meetingID", "m1"), ("password", "p"), ("redirect", "true")]);
        var url = BigBlueButtonCalls.Url("https://bbb.example.org/bigbluebutton/api/", "join", query, "secret");

        Assert.Equal("fullName=Anna%20Schulz&meetingID=m1&password=p&redirect=true", query);
        Assert.Equal($"https://bbb.example.org/bigbluebutton/api/join?{query}&checksum={VideoSigning.BigBlueButtonChecksum("join", query, "secret")}", url);
    }

    [Fact]
    public void RoomNamesAreUnguessableAndDifferPerRoomAndEvent()
    {
        var key = Encoding.UTF8.GetBytes("server-secret");
        var otherKey = Encoding.UTF8.GetBytes("another-secret");
        var (eventA, eventB, room) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var name = VideoSigning.RoomName(key, eventA, room);

        Assert.Matches("^tellerrand-[a-z2-7]{26}$", name);
        Assert.Equal(name, VideoSigning.RoomName(key, eventA, room));
        Assert.NotEqual(name, VideoSigning.RoomName(key, eventB, room));
        Assert.NotEqual(name, VideoSigning.RoomName(key, eventA, null));
        Assert.NotEqual(VideoSigning.RoomName(key, eventA, null), VideoSigning.RoomName(key, eventB, null));
        Assert.NotEqual(name, VideoSigning.RoomName(otherKey, eventA, room));
        Assert.DoesNotContain(eventA.ToString("N")[..8], name);
        Assert.DoesNotContain(room.ToString("N")[..8], name);
    }
}
