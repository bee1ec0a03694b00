using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Outreach;

/// <summary>Draft until the organiser sends; then sending and paused alternate until every recipient has their mail.</summary>
public enum CampaignStatus
{
    Draft,
    Sending,
    Paused,
    Finished,
}

/// <summary>Past participation as a recipient filter: anyone, people who took part in an earlier event, people who never did.</summary>
public enum PastParticipation
{
    Any,
    TookPart,
    NeverTookPart,
}

/// <summary>An invitation campaign for one event: templates per trade group, the recipient filter, and its recipients once sent.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Event? Event { get; set; }

    public required string Name { get; set; }
    public CampaignStatus Status { get; set; }

    /// <summary>Trade groups (<see cref="TradeGroups"/>) the recipients come from; empty means every business contact.</summary>
    public List<string> TradeGroupFilter { get; set; } = [];

    /// <summary>Only contacts of this region (as the contact list writes it), or all when empty.</summary>
    public string? RegionFilter { get; set; }

    public PastParticipation ParticipationFilter { get; set; }

    /// <summary>The site's address when sending started, for the links in the mails (the sender has no request to ask).</summary>
    public string? BaseUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public List<CampaignTemplate> Templates { get; set; } = [];
}

/// <summary>Subject and body for one trade group, or for everyone else (<see cref="TradeGroups.Default"/>).</summary>
public sealed class CampaignTemplate
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public required string GroupKey { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
}

/// <summary>
/// One contact a campaign writes to. The row is made once, when sending starts, and is unique per campaign
/// and contact: whatever happens to the sender (pause, restart, a second host), a contact has at most one row
/// and the row turns from pending to sent exactly once, before its mail is queued.
/// </summary>
public sealed class CampaignRecipient
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }

    /// <summary>The trade and its group when the recipient was picked: the figures per trade stay as they were sent.</summary>
    public string? Trade { get; set; }
    public string GroupKey { get; set; } = TradeGroups.Default;

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>SHA-256 of the recipient's token, set as the mail is written; the token itself exists only in the mail.</summary>
    public string? TokenHash { get; set; }

    public DateTimeOffset? ClickedAt { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ParticipationFilter).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.RegionFilter).HasMaxLength(100);
        builder.Property(c => c.BaseUrl).HasMaxLength(500);
        builder.HasOne(c => c.Event).WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Templates).WithOne().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.Status);
    }
}

internal sealed class CampaignTemplateConfiguration : IEntityTypeConfiguration<CampaignTemplate>
{
    public void Configure(EntityTypeBuilder<CampaignTemplate> builder)
    {
        builder.Property(t => t.GroupKey).HasMaxLength(40);
        builder.Property(t => t.Subject).HasMaxLength(CampaignService.SubjectMaxLength);
        builder.Property(t => t.Body).HasMaxLength(CampaignService.BodyMaxLength);
        builder.HasIndex(t => new { t.CampaignId, t.GroupKey }).IsUnique();
    }
}

internal sealed class CampaignRecipientConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> builder)
    {
        builder.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.CampaignId, r.ContactId }).IsUnique();
        builder.HasIndex(r => new { r.CampaignId, r.SentAt });
        builder.Property(r => r.Trade).HasMaxLength(200);
        builder.Property(r => r.GroupKey).HasMaxLength(40);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.TokenHash).IsUnique();
    }
}
