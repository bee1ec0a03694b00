namespace Tellerrand.Web.Events;

/// <summary>Which video service an event's plenary and rooms use. Tellerrand embeds or links it, it never hosts video.</summary>
public enum VideoProvider
{
    /// <summary>Jitsi Meet on the configured server, one unguessable room per breakout room and one for the plenary.</summary>
    Jitsi,

    /// <summary>BigBlueButton on the configured server, meetings created and joined through its API.</summary>
    BigBlueButton,

    /// <summary>Any other service (Zoom, Teams, …): the organiser enters a link for the plenary and each room.</summary>
    Link,
}
