namespace Tellerrand.Web.Feedback;

/// <summary>Marker for the feedback pages' and mails' resources (<c>FeedbackText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class FeedbackText;
