using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Feedback;

/// <summary>A questionnaire as its person sees it on <c>/me</c> and its own page.</summary>
public sealed record MySurvey(Guid Id, FeedbackKind Kind, Registration.EventRole Role, string EventTitle, bool Answered);

public enum SubmitResult
{
    Saved,
    Invalid,
    AlreadyAnswered,
}

/// <summary>
/// Reading and answering questionnaires through a person's session. Every query filters by the session's person and event,
/// so an invitation of somebody else is as unknown as one that does not exist.
/// </summary>
public sealed class SurveyService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, ILogger<SurveyService> logger)
{
    /// <summary>The person's questionnaires that have gone out, newest first.</summary>
    public async Task<IReadOnlyList<MySurvey>> ListAsync(Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await Mine(db, personId, eventId).ToListAsync(cancellationToken)).OrderByDescending(s => s.Kind).ToList();
    }

    public async Task<MySurvey?> FindAsync(Guid invitationId, Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Mine(db, personId, eventId, invitationId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores the answers once; a second answer to the same invitation is refused and changes nothing.</summary>
    public async Task<(SubmitResult Result, IReadOnlyList<RuleViolation> Violations)> SubmitAsync(
        Guid invitationId, Guid personId, Guid eventId, FeedbackInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await db.FeedbackInvitations.SingleOrDefaultAsync(
            i => i.Id == invitationId && i.PersonId == personId && i.EventId == eventId && i.SentAt != null, cancellationToken);
        if (invitation is null) return (SubmitResult.Invalid, [new RuleViolation("", "Feedback_NotFound")]);
        if (invitation.AnsweredAt is not null) return (SubmitResult.AlreadyAnswered, []);

        var violations = new List<RuleViolation>();
        var answers = FeedbackRules.Check(invitation.Kind, input, violations);
        if (violations.Count > 0) return (SubmitResult.Invalid, violations);

        var now = clock.GetUtcNow();
        // The conditional update is the guard against two posts at once: only one of them finds the invitation unanswered.
        var claimed = await db.FeedbackInvitations.Where(i => i.Id == invitationId && i.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AnsweredAt, now), cancellationToken);
        if (claimed == 0) return (SubmitResult.AlreadyAnswered, []);
        db.FeedbackResponses.Add(new FeedbackResponse
        {
            Id = Guid.CreateVersion7(now), InvitationId = invitation.Id, EventId = eventId, PersonId = personId, Role = invitation.Role, Kind = invitation.Kind,
            SubmittedAt = now, Value = answers.Value, MostUseful = answers.MostUseful, TakePartAgain = answers.TakePartAgain, Comment = answers.Comment,
            Implemented = answers.Implemented, ContinuedWithCreative = answers.ContinuedWithCreative,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Feedback invitation {InvitationId} answered", invitation.Id);
        return (SubmitResult.Saved, []);
    }

    private static IQueryable<MySurvey> Mine(TellerrandDb db, Guid personId, Guid eventId, Guid? invitationId = null) =>
        from i in db.FeedbackInvitations.AsNoTracking()
        join e in db.Events on i.EventId equals e.Id
        where i.PersonId == personId && i.EventId == eventId && i.SentAt != null && (invitationId == null || i.Id == invitationId)
        select new MySurvey(i.Id, i.Kind, i.Role, e.Title, i.AnsweredAt != null);
}
