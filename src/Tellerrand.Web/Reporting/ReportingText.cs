namespace Tellerrand.Web.Reporting;

/// <summary>Marker for the report's resources (<c>ReportingText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class ReportingText;
