namespace Tellerrand.Web.Live.Video;

/// <summary>The video servers an installation uses, under <c>Tellerrand:Video</c>. Tellerrand never hosts video itself.</summary>
public sealed class VideoOptions
{
    public const string Section = "Tellerrand:Video";

    public JitsiOptions Jitsi { get; set; } = new();
    public BigBlueButtonOptions BigBlueButton { get; set; } = new();

    /// <summary>
    /// Key for the room names' HMAC. Empty: each event's own random key (stored with the event) is used, which is just as
    /// unguessable; setting it lets an operator rotate every room name at once.
    /// </summary>
    public string? RoomSecret { get; set; }
}

public sealed class JitsiOptions
{
    /// <summary>The Jitsi Meet server. The default is the public meet.jit.si, labelled as such; configure your own for real use.</summary>
    public string Domain { get; set; } = PublicDomain;

    /// <summary>For a secured Jitsi server (token authentication): the application id, sent as <c>iss</c>.</summary>
    public string? AppId { get; set; }

    /// <summary>The shared secret that signs the HS256 token; without it no token is sent.</summary>
    public string? AppSecret { get; set; }

    public const string PublicDomain = "meet.jit.si";
}

public sealed class BigBlueButtonOptions
{
    /// <summary>The API base, e.g. <c>https://bbb.example.org/bigbluebutton/api</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret (<c>bbb-conf --secret</c>).</summary>
    public string? Secret { get; set; }
}
