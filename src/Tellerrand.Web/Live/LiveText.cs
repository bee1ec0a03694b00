namespace Tellerrand.Web.Live;

/// <summary>Marker for the live event's resources (<c>LiveText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class LiveText;
