using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

/// <summary>Which questionnaire an invitation is for: the survey right after the event, or the businesses' follow-up weeks later.</summary>
public enum FeedbackKind
{
    Survey,
    FollowUp,
}

/// <summary>
/// One questionnaire a person is due to get. The rows are the persisted schedule: <see cref="FeedbackScheduler"/> writes them
/// when an event is finished and sends each once it is due, so a restart loses nothing and sends nothing twice.
/// </summary>
public sealed class FeedbackInvitation
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid PersonId { get; set; }
    public EventRole Role { get; set; }
    public FeedbackKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Set in one conditional update before the mail is queued: whoever sets it sends, nobody else.</summary>
    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>
/// What a person answered. It outlives the person without their name (<see cref="PersonId"/> becomes empty and the free
/// texts are cleared), so the programme's figures stay true after a deletion; <c>Retention</c> clears free texts after a while.
/// </summary>
public sealed class FeedbackResponse
{
    public Guid Id { get; set; }
    public Guid? InvitationId { get; set; }
    public Guid EventId { get; set; }
    public Guid? PersonId { get; set; }
    public EventRole Role { get; set; }
    public FeedbackKind Kind { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>How valuable the event was, 1 (not at all) to 5 (very); survey only.</summary>
    public int? Value { get; set; }

    [PersonalData]
    public string? MostUseful { get; set; }

    public bool? TakePartAgain { get; set; }

    [PersonalData]
    public string? Comment { get; set; }

    /// <summary>Follow-up only: what the business has put into practice since.</summary>
    [PersonalData]
    public string? Implemented { get; set; }

    /// <summary>Follow-up only: whether the business kept working with a creative of its room.</summary>
    public bool? ContinuedWithCreative { get; set; }
}

internal sealed class FeedbackInvitationConfiguration : IEntityTypeConfiguration<FeedbackInvitation>
{
    public void Configure(EntityTypeBuilder<FeedbackInvitation> builder)
    {
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => new { i.EventId, i.PersonId, i.Kind }).IsUnique();
        builder.HasIndex(i => new { i.SentAt, i.DueAt });
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(i => i.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackResponseConfiguration : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> builder)
    {
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.MostUseful).HasMaxLength(FeedbackRules.ShortText);
        builder.Property(r => r.Comment).HasMaxLength(FeedbackRules.LongText);
        builder.Property(r => r.Implemented).HasMaxLength(FeedbackRules.LongText);
        // One answer per invitation, also when two posts race.
        builder.HasIndex(r => r.InvitationId).IsUnique();
        builder.HasIndex(r => new { r.EventId, r.Kind });
        builder.HasOne<FeedbackInvitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
