namespace Tellerrand.Web.Outreach;

/// <summary>Marker for the outreach capability's resources (<c>OutreachText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class OutreachText;
