namespace Tellerrand.Web.Events;

/// <summary>Marker for the event pages' resources (<c>EventsText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class EventsText;
