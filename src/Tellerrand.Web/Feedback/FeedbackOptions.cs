using System.ComponentModel.DataAnnotations;

namespace Tellerrand.Web.Feedback;

/// <summary><c>Tellerrand:Feedback</c>: when the follow-up goes out and how often the schedule is looked at.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Tellerrand:Feedback";

    /// <summary>How long after the event the businesses get the follow-up questionnaire.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "730.00:00:00")]
    public TimeSpan FollowUpAfter { get; set; } = TimeSpan.FromDays(42);

    /// <summary>How often the scheduler looks for finished events and due invitations.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
