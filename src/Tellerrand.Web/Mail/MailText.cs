namespace Tellerrand.Web.Mail;

/// <summary>Marker for the mail capability's resources (<c>MailText.resx</c>, German; <c>.en.resx</c>).</summary>
public sealed class MailText;
