using System.ComponentModel.DataAnnotations;

namespace Tellerrand.Web.Outreach;

/// <summary><c>Tellerrand:Campaigns</c>: how fast invitations go out, so a campaign never floods the mail server.</summary>
public sealed class CampaignOptions
{
    public const string Section = "Tellerrand:Campaigns";

    /// <summary>Mails queued in one go before the sender pauses for <see cref="BatchInterval"/>.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 25;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sender looks for campaigns started or resumed on another host.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
