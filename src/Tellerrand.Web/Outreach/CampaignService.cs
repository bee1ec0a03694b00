using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Outreach;

/// <summary>One campaign in the event's list.</summary>
public sealed record CampaignSummary(Guid Id, string Name, CampaignStatus Status, int Total, int Sent, DateTimeOffset CreatedAt);

/// <summary>A template as the organiser's form hands it in.</summary>
public sealed record TemplateInput(string GroupKey, string? Subject, string? Body);

/// <summary>What the organiser edits while the campaign is a draft.</summary>
public sealed record CampaignDraft(string? Name, IReadOnlyList<TemplateInput> Templates, IReadOnlyList<string> TradeGroups, string? Region, PastParticipation Participation);

/// <summary>A contact the filter picks, with the trade group that decides their template.</summary>
public sealed record SelectedContact(Guid ContactId, CampaignAddressee Addressee);

/// <summary>Who a campaign would write to now, how many per trade, and how many unsubscribed contacts were left out.</summary>
public sealed record RecipientSelection(IReadOnlyList<SelectedContact> Recipients, int LeftOutUnsubscribed)
{
    public IReadOnlyList<(string? Trade, int Count)> PerTrade =>
        Recipients.GroupBy(r => r.Addressee.Trade).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key).ToList();
}

/// <summary>The figures of one trade once the campaign is out.</summary>
public sealed record TradeFigures(string? Trade, int Total, int Sent, int Clicked, int Registered);

public sealed record CampaignProgress(CampaignStatus Status, int Total, int Sent, IReadOnlyList<TradeFigures> PerTrade);

/// <summary>A rendered sample per template, for the preview.</summary>
public sealed record TemplatePreview(string GroupKey, bool SampleIsReal, CampaignAddressee Sample, RenderedCampaignMail Mail);

public enum UnsubscribeResult
{
    Unsubscribed,
    AlreadyUnsubscribed,
    Unknown,
}

/// <summary>
/// Invitation campaigns of an event: drafts with a template per trade group, the recipient selection,
/// start, pause and resume, the figures, and the recipients' own links (click, unsubscribe). Every organiser
/// query is bound to the event in the address, so a campaign of another event is not found.
/// </summary>
internal sealed class CampaignService(
    IDbContextFactory<TellerrandDb> dbFactory,
    CampaignMails mails,
    CampaignSignal signal,
    TimeProvider clock,
    ILogger<CampaignService> logger)
{
    public const int SubjectMaxLength = 300;
    public const int BodyMaxLength = 8000;
    public const int NameMaxLength = 200;

    /// <summary>Registrations that count: confirmed, whatever the organiser decided since. Unconfirmed and withdrawn ones do not.</summary>
    private static readonly ParticipationStatus[] Counted =
        [ParticipationStatus.Confirmed, ParticipationStatus.Accepted, ParticipationStatus.Waitlisted, ParticipationStatus.Declined];

    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().Where(c => c.EventId == eventId).OrderByDescending(c => c.CreatedAt)
            .Select(c => new CampaignSummary(c.Id, c.Name, c.Status,
                db.CampaignRecipients.Count(r => r.CampaignId == c.Id), db.CampaignRecipients.Count(r => r.CampaignId == c.Id && r.SentAt != null), c.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<Event?> FindEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
    }

    /// <summary>A new draft with the default template the page proposes.</summary>
    public async Task<Outcome<Campaign>> CreateAsync(Guid eventId, string? name, string subject, string body, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) return Outcome<Campaign>.Failed([new RuleViolation("Name", "Campaign_NameMissing")]);
        if (name.Trim().Length > NameMaxLength) return Outcome<Campaign>.Failed([new RuleViolation("Name", "Campaign_NameTooLong", NameMaxLength)]);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Events.AnyAsync(e => e.Id == eventId, cancellationToken)) return Outcome<Campaign>.Failed([new RuleViolation("", "Campaign_NotFound")]);
        var now = clock.GetUtcNow();
        var campaign = new Campaign { Id = Guid.CreateVersion7(now), EventId = eventId, Name = name.Trim(), CreatedAt = now };
        campaign.Templates.Add(new CampaignTemplate { Id = Guid.CreateVersion7(now), GroupKey = TradeGroups.Default, Subject = subject, Body = body });
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Campaign>.Ok(campaign);
    }

    public async Task<Campaign?> GetAsync(Guid eventId, Guid campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().Include(c => c.Templates).Include(c => c.Event)
            .SingleOrDefaultAsync(c => c.Id == campaignId && c.EventId == eventId, cancellationToken);
    }

    /// <summary>Checks a draft: name, every template (known group, subject and body present, not too long, only known placeholders).</summary>
    public static IReadOnlyList<RuleViolation> Check(CampaignDraft draft)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(draft.Name)) violations.Add(new("Name", "Campaign_NameMissing"));
        else if (draft.Name.Trim().Length > NameMaxLength) violations.Add(new("Name", "Campaign_NameTooLong", NameMaxLength));
        if (!draft.Templates.Any(t => t.GroupKey == TradeGroups.Default)) violations.Add(new("Templates", "Campaign_DefaultTemplateMissing"));
        foreach (var group in draft.Templates.GroupBy(t => t.GroupKey).Where(g => g.Count() > 1))
        {
            violations.Add(new($"{group.Key}.Subject", "Campaign_TemplateTwice", GroupLabel(group.Key)));
        }
        foreach (var template in draft.Templates)
        {
            var group = GroupLabel(template.GroupKey);
            if (template.GroupKey != TradeGroups.Default && !TradeGroups.All.Contains(template.GroupKey))
            {
                violations.Add(new($"{template.GroupKey}.Subject", "Campaign_GroupUnknown", template.GroupKey));
                continue;
            }
            if (template.Subject?.Length > SubjectMaxLength) violations.Add(new($"{template.GroupKey}.Subject", "Template_TooLong", group, SubjectMaxLength));
            if (template.Body?.Length > BodyMaxLength) violations.Add(new($"{template.GroupKey}.Body", "Template_TooLong", group, BodyMaxLength));
            foreach (var (field, value) in new[] { ("Subject", template.Subject), ("Body", template.Body) })
            {
                violations.AddRange(CampaignTemplating.Check($"{template.GroupKey}.{field}", value)
                    .Select(p => new RuleViolation(p.Field, p.MessageKey + "_" + field, group, p.Placeholder)));
            }
        }
        return violations;
    }

    private static FieldLabel GroupLabel(string groupKey) => new("Group_" + groupKey);

    /// <summary>Saves the draft when it passes <see cref="Check"/>; otherwise nothing is stored. A campaign that was sent is not edited.</summary>
    public async Task<IReadOnlyList<RuleViolation>> SaveDraftAsync(Guid eventId, Guid campaignId, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        var violations = Check(draft);
        if (violations.Count > 0) return violations;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Templates).SingleOrDefaultAsync(c => c.Id == campaignId && c.EventId == eventId, cancellationToken);
        if (campaign is null) return [new("", "Campaign_NotFound")];
        if (campaign.Status != CampaignStatus.Draft) return [new("", "Campaign_AlreadySent")];
        campaign.Name = draft.Name!.Trim();
        campaign.TradeGroupFilter = draft.TradeGroups.Where(TradeGroups.All.Contains).Distinct().ToList();
        campaign.RegionFilter = string.IsNullOrWhiteSpace(draft.Region) ? null : draft.Region.Trim();
        campaign.ParticipationFilter = draft.Participation;
        var now = clock.GetUtcNow();
        db.CampaignTemplates.RemoveRange(campaign.Templates.Where(t => draft.Templates.All(d => d.GroupKey != t.GroupKey)));
        foreach (var input in draft.Templates)
        {
            var template = campaign.Templates.FirstOrDefault(t => t.GroupKey == input.GroupKey);
            if (template is null)
            {
                template = new CampaignTemplate { Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, GroupKey = input.GroupKey, Subject = "", Body = "" };
                db.CampaignTemplates.Add(template);
            }
            template.Subject = input.Subject!.Trim();
            template.Body = input.Body!.Trim();
        }
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>The regions business contacts name, for the region filter.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var regions = await db.Contacts.Where(c => c.Kind == ContactKind.Business && c.Region != null).Select(c => c.Region!).Distinct().ToListAsync(cancellationToken);
        return regions.Order(StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// The business contacts the filter picks for the event: by trade group, region and past participation
    /// (confirmed in an event that started before this one). Unsubscribed contacts are never picked; how many the
    /// filter would otherwise have picked is counted.
    /// </summary>
    public async Task<RecipientSelection> SelectAsync(Guid eventId, IReadOnlyCollection<string> tradeGroups, string? region, PastParticipation participation,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SelectAsync(db, eventId, tradeGroups, region, participation, cancellationToken);
    }

    private static async Task<RecipientSelection> SelectAsync(TellerrandDb db, Guid eventId, IReadOnlyCollection<string> tradeGroups, string? region,
        PastParticipation participation, CancellationToken cancellationToken)
    {
        var startsAt = await db.Events.Where(e => e.Id == eventId).Select(e => e.StartsAt).SingleAsync(cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.Kind == ContactKind.Business).ToListAsync(cancellationToken);
        HashSet<string> tookPart = [];
        if (participation != PastParticipation.Any)
        {
            var earlier = await db.Participations.Where(p => p.EventId != eventId && Counted.Contains(p.Status))
                .Select(p => new { p.Person!.Email, p.Event!.StartsAt }).ToListAsync(cancellationToken);
            tookPart = earlier.Where(p => p.StartsAt < startsAt).Select(p => p.Email.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }
        var picked = contacts
            .Select(c => (Contact: c, Group: TradeGroups.Of(c.Trade)))
            .Where(c => tradeGroups.Count == 0 || (c.Group is not null && tradeGroups.Contains(c.Group)))
            .Where(c => string.IsNullOrWhiteSpace(region) || string.Equals(c.Contact.Region?.Trim(), region.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(c => participation switch
            {
                PastParticipation.TookPart => tookPart.Contains(c.Contact.EmailKey),
                PastParticipation.NeverTookPart => !tookPart.Contains(c.Contact.EmailKey),
                _ => true,
            })
            .ToList();
        var recipients = picked.Where(c => c.Contact.UnsubscribedAt is null)
            .OrderBy(c => c.Contact.EmailKey, StringComparer.Ordinal)
            .Select(c => new SelectedContact(c.Contact.Id, new CampaignAddressee(
                c.Contact.Email, c.Contact.Name, c.Contact.Organisation, c.Contact.Trade, c.Group ?? TradeGroups.Default)))
            .ToList();
        return new RecipientSelection(recipients, picked.Count - recipients.Count);
    }

    /// <summary>One rendered mail per template: for the first recipient of its group, or for a made-up sample when the group has none.</summary>
    public IReadOnlyList<TemplatePreview> Preview(Campaign campaign, RecipientSelection selection, string baseUrl, Func<string, CampaignAddressee> sampleFor) =>
        campaign.Templates.OrderBy(t => t.GroupKey == TradeGroups.Default ? 1 : 0).ThenBy(t => t.GroupKey).Select(t =>
        {
            var real = selection.Recipients.FirstOrDefault(r => r.Addressee.GroupKey == t.GroupKey)?.Addressee;
            var sample = real ?? sampleFor(t.GroupKey);
            return new TemplatePreview(t.GroupKey, real is not null, sample, mails.Render(campaign, campaign.Event!, sample, baseUrl, "BEISPIEL"));
        }).ToList();

    /// <summary>
    /// Starts sending: checks the stored templates once more, fixes the recipients as one row each (unique per
    /// campaign and contact) and wakes the sender. Refused when the selection is empty or the campaign was started before.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> StartAsync(Guid eventId, Guid campaignId, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Templates).SingleOrDefaultAsync(c => c.Id == campaignId && c.EventId == eventId, cancellationToken);
        if (campaign is null) return [new("", "Campaign_NotFound")];
        if (campaign.Status != CampaignStatus.Draft) return [new("", "Campaign_AlreadySent")];
        var violations = Check(new CampaignDraft(campaign.Name, campaign.Templates.Select(t => new TemplateInput(t.GroupKey, t.Subject, t.Body)).ToList(),
            campaign.TradeGroupFilter, campaign.RegionFilter, campaign.ParticipationFilter));
        if (violations.Count > 0) return violations;
        var selection = await SelectAsync(db, eventId, campaign.TradeGroupFilter, campaign.RegionFilter, campaign.ParticipationFilter, cancellationToken);
        if (selection.Recipients.Count == 0) return [new("", "Campaign_NoRecipients")];
        var now = clock.GetUtcNow();
        foreach (var r in selection.Recipients)
        {
            db.CampaignRecipients.Add(new CampaignRecipient
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, ContactId = r.ContactId, Trade = r.Addressee.Trade, GroupKey = r.Addressee.GroupKey,
            });
        }
        campaign.Status = CampaignStatus.Sending;
        campaign.StartedAt = now;
        campaign.BaseUrl = baseUrl;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} started for {Count} recipients", campaign.Id, selection.Recipients.Count);
        signal.Notify();
        return [];
    }

    /// <summary>Pauses a sending campaign. A mail the sender has already claimed still goes out; no further one does.</summary>
    public Task<IReadOnlyList<RuleViolation>> PauseAsync(Guid eventId, Guid campaignId, CancellationToken cancellationToken = default) =>
        MoveAsync(eventId, campaignId, CampaignStatus.Sending, CampaignStatus.Paused, "Campaign_NotSending", cancellationToken);

    public async Task<IReadOnlyList<RuleViolation>> ResumeAsync(Guid eventId, Guid campaignId, CancellationToken cancellationToken = default)
    {
        var violations = await MoveAsync(eventId, campaignId, CampaignStatus.Paused, CampaignStatus.Sending, "Campaign_NotPaused", cancellationToken);
        if (violations.Count == 0) signal.Notify();
        return violations;
    }

    private async Task<IReadOnlyList<RuleViolation>> MoveAsync(Guid eventId, Guid campaignId, CampaignStatus from, CampaignStatus to, string refusal,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One conditional update: a pause never races the sender's own "finished" into a wrong state.
        var moved = await db.Campaigns.Where(c => c.Id == campaignId && c.EventId == eventId && c.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to), cancellationToken);
        if (moved == 1) return [];
        return await db.Campaigns.AnyAsync(c => c.Id == campaignId && c.EventId == eventId, cancellationToken) ? [new("", refusal)] : [new("", "Campaign_NotFound")];
    }

    /// <summary>Sent, clicked and registered per trade; registered means a counted registration for the event from the recipient's address after the mail.</summary>
    public async Task<CampaignProgress?> ProgressAsync(Guid eventId, Guid campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var status = await db.Campaigns.Where(c => c.Id == campaignId && c.EventId == eventId).Select(c => (CampaignStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null) return null;
        var rows = await db.CampaignRecipients.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .Select(r => new { r.Trade, r.SentAt, r.ClickedAt, r.Contact!.EmailKey }).ToListAsync(cancellationToken);
        var registrations = await db.Participations.Where(p => p.EventId == eventId && Counted.Contains(p.Status))
            .Select(p => new { p.Person!.Email, p.RegisteredAt }).ToListAsync(cancellationToken);
        var registeredAt = registrations.GroupBy(p => p.Email.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Max(p => p.RegisteredAt), StringComparer.Ordinal);
        var perTrade = rows.GroupBy(r => r.Trade).Select(g => new TradeFigures(g.Key, g.Count(), g.Count(r => r.SentAt != null), g.Count(r => r.ClickedAt != null),
                g.Count(r => r.SentAt is { } sent && registeredAt.TryGetValue(r.EmailKey, out var at) && at >= sent)))
            .OrderByDescending(t => t.Total).ThenBy(t => t.Trade).ToList();
        return new CampaignProgress(status.Value, rows.Count, rows.Count(r => r.SentAt != null), perTrade);
    }

    /// <summary>Records the recipient's first click and returns the event's public registration page, or null for an unknown token.</summary>
    public async Task<string?> ClickAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!MagicLinks.IsWellFormed(token)) return null;
        var hash = MagicLinks.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await db.CampaignRecipients.Where(r => r.TokenHash == hash)
            .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new { r.Id, c.Event!.Slug }).SingleOrDefaultAsync(cancellationToken);
        if (target is null) return null;
        var now = clock.GetUtcNow();
        await db.CampaignRecipients.Where(r => r.Id == target.Id && r.ClickedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClickedAt, now), cancellationToken);
        return $"/events/{target.Slug}/register/business";
    }

    /// <summary>Whether a token belongs to a campaign mail at all: the unsubscribe page asks before it shows its button.</summary>
    public async Task<bool> IsKnownAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!MagicLinks.IsWellFormed(token)) return false;
        var hash = MagicLinks.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CampaignRecipients.AnyAsync(r => r.TokenHash == hash, cancellationToken);
    }

    /// <summary>Marks the contact behind the token unsubscribed: no campaign writes to them again. A forged token changes nothing.</summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!MagicLinks.IsWellFormed(token)) return UnsubscribeResult.Unknown;
        var hash = MagicLinks.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => db.CampaignRecipients.Any(r => r.TokenHash == hash && r.ContactId == c.Id), cancellationToken);
        if (contact is null) return UnsubscribeResult.Unknown;
        if (contact.UnsubscribedAt is not null) return UnsubscribeResult.AlreadyUnsubscribed;
        contact.UnsubscribedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Contact {ContactId} unsubscribed", contact.Id);
        return UnsubscribeResult.Unsubscribed;
    }
}
