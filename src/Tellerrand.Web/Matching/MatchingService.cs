using Microsoft.EntityFrameworkCore;
using Tellerrand.Matching;
using Tellerrand.Matching.Scoring;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;
using EngineCreative = Tellerrand.Matching.Scoring.CreativeProfile;

namespace Tellerrand.Web.Matching;

/// <summary>A business of the event as matching sees it.</summary>
public sealed record MatchingBusinessInput(Guid BusinessId, string Name, string Trade, string Challenge, ChallengeCategory Category);

/// <summary>A creative of the event as matching sees it.</summary>
public sealed record MatchingCreativeInput(Guid PersonId, string Name, IReadOnlyList<string> Disciplines, IReadOnlyList<string> Languages, string? Interests);

/// <summary>Who takes part in an event and how its rooms are shaped: everything a proposal is computed from.</summary>
public sealed record MatchingInput(
    Guid EventId,
    int CreativesPerRoom,
    int Rounds,
    IReadOnlyList<MatchingBusinessInput> Businesses,
    IReadOnlyList<MatchingCreativeInput> Creatives,
    IReadOnlyList<Guid> Moderators);

/// <summary>A pair the organiser decided on: pinned into a room, or kept apart.</summary>
public sealed record MatchingPair(Guid BusinessId, Guid CreativeId);

/// <summary>One creative's seat in a proposed room, with why it is there.</summary>
public sealed record ProposedSeat(Guid CreativeId, string Name, IReadOnlyList<string> Disciplines, double Score, int Rank,
    IReadOnlyList<ScoreContribution> Contributions, bool Pinned);

public sealed record ProposedRoom(Guid BusinessId, string BusinessName, string Trade, string Challenge, int Round, IReadOnlyList<ProposedSeat> Seats);

/// <summary>
/// A matching proposal. <see cref="Cost"/> is what the organiser's pins and exclusions cost in total
/// score against the unconstrained optimum, so each decision shows its price at once.
/// </summary>
public sealed record MatchingProposal(MatchingStatus Status, double Objective, double Cost, string? Problem, IReadOnlyList<ProposedRoom> Rooms);

/// <summary>
/// Turns an event's registrations into a problem for the matching engine, solves it with the
/// organiser's pins and exclusions, and writes the chosen rooms.
/// </summary>
public sealed class MatchingService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Large enough that a pinned pair always beats any combination of ordinary scores (each at most
    /// a few points), so the solver keeps pins whenever the rules allow them.
    /// </summary>
    private const double PinBonus = 1_000;

    /// <summary>
    /// Disciplines that tell rather than make. Each room gets one creative of each kind — an industrial
    /// designer and a storyteller, never two marketers — which is the complementarity PRODUCT.md asks for.
    /// </summary>
    private static readonly HashSet<string> TellingDisciplines =
    [
        "storytelling", "copywriting", "journalism", "pr", "online_marketing", "social_media",
        "film_video", "photography", "podcast", "animation", "music", "performing",
    ];

    private static readonly ParticipationStatus[] Taking = [ParticipationStatus.Accepted, ParticipationStatus.Confirmed];

    public async Task<MatchingInput?> LoadAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (found is null) return null;

        var businesses = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && Taking.Contains(p.Status) && p.BusinessId != null)
            .Select(p => p.Business!)
            .Distinct()
            .Select(b => new
            {
                b.Id, b.Name, b.Trade,
                Challenge = b.Challenges.Where(c => c.EventId == eventId).Select(c => new { c.Statement, c.Category }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var creatives = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.Creative && Taking.Contains(p.Status))
            .Select(p => new { p.Person!.Id, p.Person.DisplayName, p.Person.CreativeProfile })
            .ToListAsync(cancellationToken);
        var moderators = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.Moderator && Taking.Contains(p.Status))
            .OrderBy(p => p.RegisteredAt).Select(p => p.PersonId)
            .ToListAsync(cancellationToken);

        return new MatchingInput(eventId, found.CreativesPerRoom, found.Rounds,
            businesses.Where(b => b.Challenge is not null)
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new MatchingBusinessInput(b.Id, b.Name, b.Trade, b.Challenge!.Statement, b.Challenge.Category)).ToList(),
            creatives.OrderBy(c => c.DisplayName, StringComparer.Ordinal)
                .Select(c => new MatchingCreativeInput(c.Id, c.DisplayName, c.CreativeProfile?.Disciplines ?? [], c.CreativeProfile?.Languages ?? [], c.CreativeProfile?.Interests))
                .ToList(),
            moderators);
    }

    /// <summary>Computes the best rooms that keep every pin and exclusion, and what those decisions cost.</summary>
    public MatchingProposal Propose(MatchingInput input, IReadOnlySet<MatchingPair> pinned, IReadOnlySet<MatchingPair> forbidden)
    {
        var useGroups = input.CreativesPerRoom == 2;
        var businesses = input.Businesses.Select(b => new BusinessProfile(
            b.BusinessId.ToString(), CategoryKey(b.Category), b.Trade, [], ["de"], null,
            input.CreativesPerRoom * input.Rounds,
            useGroups ? new Dictionary<string, int> { ["make"] = input.Rounds, ["tell"] = input.Rounds } : null)).ToList();
        var creatives = input.Creatives.Select(c => new EngineCreative(
            c.PersonId.ToString(), c.Disciplines, [], [], c.Languages.Count == 0 ? ["de"] : c.Languages, null,
            useGroups ? GroupOf(c.Disciplines) : null, input.Rounds)).ToList();
        var groups = useGroups ? new[] { "make", "tell" } : null;

        var unconstrained = PairScorer.Build(businesses, creatives, new ScoringRules(), input.Rounds, groups);
        var best = MatchingSolver.Solve(unconstrained.Problem);

        var rules = new ScoringRules
        {
            ForbiddenPairs = forbidden.Select(p => (p.BusinessId.ToString(), p.CreativeId.ToString())).ToHashSet(),
        };
        var scored = PairScorer.Build(businesses, creatives, rules, input.Rounds, groups);
        var problem = WithPins(scored.Problem, pinned);
        var result = MatchingSolver.Solve(problem);
        if (result.Status == MatchingStatus.Infeasible)
        {
            return new MatchingProposal(result.Status, 0, 0, result.Explanation, []);
        }

        double ScoreOf(string b, string c) => scored.ScoreOf(b, c).Total ?? 0;
        var objective = result.Assignments.Sum(a => ScoreOf(a.Business, a.Creative));
        var names = input.Creatives.ToDictionary(c => c.PersonId.ToString());
        var rooms = result.Assignments
            .GroupBy(a => (a.Business, Round: a.Round ?? 1))
            .Select(room =>
            {
                var business = input.Businesses.Single(b => b.BusinessId.ToString() == room.Key.Business);
                var seats = room.OrderBy(a => a.Creative, StringComparer.Ordinal).Select(a =>
                {
                    var creative = names[a.Creative];
                    var score = ScoreOf(a.Business, a.Creative);
                    var rank = 1 + input.Creatives.Count(other => (scored.ScoreOf(a.Business, other.PersonId.ToString()).Total ?? double.MinValue) > score);
                    return new ProposedSeat(creative.PersonId, creative.Name, creative.Disciplines, Math.Round(score, 3), rank,
                        scored.ScoreOf(a.Business, a.Creative).Contributions, pinned.Contains(new MatchingPair(business.BusinessId, creative.PersonId)));
                }).ToList();
                return new ProposedRoom(business.BusinessId, business.Name, business.Trade, business.Challenge, room.Key.Round, seats);
            })
            .OrderBy(r => r.Round).ThenBy(r => r.BusinessName, StringComparer.Ordinal)
            .ToList();
        var cost = Math.Max(0, Math.Round(best.Objective - objective, 3));
        return new MatchingProposal(result.Status, Math.Round(objective, 3), cost, null, rooms);
    }

    /// <summary>
    /// Replaces the event's rooms with the proposal's: one per business and round, each with a new
    /// board and a moderator taken in turn from the event's moderators.
    /// </summary>
    public async Task<int> PublishAsync(MatchingInput input, MatchingProposal proposal, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Rooms.Where(r => r.EventId == input.EventId).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var number = 0;
        foreach (var room in proposal.Rooms)
        {
            number++;
            db.Rooms.Add(new Room
            {
                Id = Guid.CreateVersion7(now),
                EventId = input.EventId,
                Round = room.Round,
                Number = number,
                BusinessId = room.BusinessId,
                ModeratorId = input.Moderators.Count == 0 ? null : input.Moderators[(number - 1) % input.Moderators.Count],
                BoardId = Guid.NewGuid(),
                Creatives = room.Seats.Select(s => new RoomCreative { PersonId = s.CreativeId }).ToList(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return number;
    }

    private static MatchingProblem WithPins(MatchingProblem problem, IReadOnlySet<MatchingPair> pinned)
    {
        if (pinned.Count == 0) return problem;
        var scores = new ScoreMatrix(problem.Scores.Businesses, problem.Scores.Creatives);
        for (var b = 0; b < scores.Businesses; b++)
        {
            for (var c = 0; c < scores.Creatives; c++)
            {
                var pair = new MatchingPair(Guid.Parse(problem.Businesses[b].Id), Guid.Parse(problem.Creatives[c].Id));
                scores[b, c] = problem.Scores[b, c] is { } score && pinned.Contains(pair) ? score + PinBonus : problem.Scores[b, c];
            }
        }
        return problem with { Scores = scores };
    }

    private static string GroupOf(IReadOnlyList<string> disciplines) =>
        disciplines.Count > 0 && TellingDisciplines.Contains(disciplines[0]) ? "tell" : "make";

    /// <summary>The registration form's categories in the engine's relevance table.</summary>
    private static string CategoryKey(ChallengeCategory category) => category switch
    {
        ChallengeCategory.Marketing or ChallengeCategory.Communication => "marketing",
        ChallengeCategory.Branding => "brand",
        ChallengeCategory.ProductDevelopment or ChallengeCategory.Sustainability => "product",
        ChallengeCategory.Digitalisation => "digital",
        ChallengeCategory.Recruiting => "employer",
        ChallengeCategory.CustomerExperience => "service",
        _ => "service",
    };
}
