using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Reporting;

/// <summary>Which events a report covers: one programme or all, and the events starting within a period (both ends optional, in UTC days).</summary>
public sealed record ReportFilter(Guid? ProgrammeId, DateOnly? From, DateOnly? To);

/// <summary>A label and its count, one bar of a chart and one row of its table.</summary>
public sealed record ReportCount(string Label, int Count);

/// <summary>How one role rated the events: answers, average value (1–5) and how many would take part again.</summary>
public sealed record Satisfaction(EventRole Role, int Answers, double? AverageValue, int WouldTakePartAgain);

/// <summary>What the funders' report shows, computed from the stored data only: no names, no free text.</summary>
public sealed record ProgrammeFigures(
    int Events, int Rooms, int Businesses, int Creatives,
    IReadOnlyList<ReportCount> BusinessesByTrade, IReadOnlyList<ReportCount> CreativesByDiscipline,
    IReadOnlyList<Satisfaction> Satisfaction, int FollowUpAnswers, int FollowUpsImplemented, int FollowUpsContinued, int ContinuedCollaborations);

/// <summary>The programme report for funders and partner organisations (<c>/organise/reports</c> and its XLSX).</summary>
public sealed class ProgrammeReport(IDbContextFactory<TellerrandDb> dbFactory)
{
    private static readonly ParticipationStatus[] TookPart = [ParticipationStatus.Confirmed, ParticipationStatus.Accepted];

    public async Task<ProgrammeFigures> ComputeAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.Events.AsNoTracking().Where(e => e.Status != EventStatus.Draft);
        if (filter.ProgrammeId is { } programme) events = events.Where(e => e.ProgrammeId == programme);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.StartsAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.StartsAt < end);
        }
        var eventIds = await events.Select(e => e.Id).ToListAsync(cancellationToken);

        var rooms = await db.Rooms.CountAsync(r => eventIds.Contains(r.EventId), cancellationToken);
        var participations = db.Participations.AsNoTracking().Where(p => eventIds.Contains(p.EventId) && TookPart.Contains(p.Status));
        var trades = await participations.Where(p => p.Role == EventRole.BusinessRepresentative && p.BusinessId != null)
            .Select(p => new { Id = p.BusinessId!.Value, p.Business!.Trade }).Distinct().ToListAsync(cancellationToken);
        var creativeIds = await participations.Where(p => p.Role == EventRole.Creative).Select(p => p.PersonId).Distinct().ToListAsync(cancellationToken);
        var disciplines = await db.CreativeProfiles.AsNoTracking().Where(c => creativeIds.Contains(c.PersonId)).Select(c => c.Disciplines).ToListAsync(cancellationToken);

        var answers = await db.FeedbackResponses.AsNoTracking().Where(r => eventIds.Contains(r.EventId))
            .Select(r => new { r.Kind, r.Role, r.Value, r.TakePartAgain, r.Implemented, r.ContinuedWithCreative }).ToListAsync(cancellationToken);
        var surveys = answers.Where(a => a.Kind == FeedbackKind.Survey).ToList();
        var followUps = answers.Where(a => a.Kind == FeedbackKind.FollowUp).ToList();
        var collaborations = await db.ContactRequests.CountAsync(r => eventIds.Contains(r.EventId) && r.Status == ContactRequestStatus.Accepted, cancellationToken);

        return new ProgrammeFigures(
            eventIds.Count, rooms, trades.Count, creativeIds.Count,
            Counted(trades.Select(t => t.Trade)),
            Counted(disciplines.SelectMany(d => d).Select(MyRooms.DisciplineName)),
            [.. new[] { EventRole.BusinessRepresentative, EventRole.Creative, EventRole.Moderator }.Select(role =>
            {
                var mine = surveys.Where(s => s.Role == role).ToList();
                var values = mine.Where(s => s.Value is not null).Select(s => (double)s.Value!.Value).ToList();
                return new Satisfaction(role, mine.Count, values.Count == 0 ? null : Math.Round(values.Average(), 2), mine.Count(s => s.TakePartAgain == true));
            })],
            followUps.Count, followUps.Count(f => f.Implemented is not null), followUps.Count(f => f.ContinuedWithCreative == true), collaborations);
    }

    private static List<ReportCount> Counted(IEnumerable<string> labels) =>
        labels.GroupBy(l => l).Select(g => new ReportCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.CurrentCulture).ToList();
}
