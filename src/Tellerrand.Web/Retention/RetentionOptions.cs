using System.ComponentModel.DataAnnotations;

namespace Tellerrand.Web.Retention;

/// <summary>
/// <c>Tellerrand:Retention</c>: how long each kind of data is kept before the daily job deletes or anonymises it.
/// The defaults are documented in README.md; an operator shortens or lengthens them per installation.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Tellerrand:Retention";

    /// <summary>Registrations nobody confirmed (double opt-in never completed), counted from the registration.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan UnconfirmedRegistrations { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Declined applications, counted from the registration.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan DeclinedApplications { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Delivered or failed mails in the outbox (whole messages, personal links included), counted from queueing.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SentMails { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The words of survey answers; the ratings stay for the programme's figures.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SurveyFreeText { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Magic links, counted from when they expired or were revoked.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan EndedMagicLinks { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
