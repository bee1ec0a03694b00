using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tellerrand.Matching;
using Tellerrand.Matching.Scoring;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;
using EngineCreative = Tellerrand.Matching.Scoring.CreativeProfile;

namespace Tellerrand.Web.Matching;

/// <summary>
/// Turns an event's registrations into a problem for the matching engine, solves it under the organiser's stored
/// decisions, and checks every change before storing it: a change that breaks the rules or leaves no valid
/// assignment is refused with a message and stores nothing.
/// </summary>
public sealed class MatchingService(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, IStringLocalizer<MatchingService> text)
{
    /// <summary>
    /// Large enough that a pinned pair always beats any combination of ordinary scores (each at most
    /// a few points), so the solver keeps pins whenever the rules allow them.
    /// </summary>
    private const double PinBonus = 1_000;

    /// <summary>
    /// Added to the pairs of the rooms already published: more than any difference in ordinary scores, less than a pin.
    /// So after publishing, a change moves only the people it has to, and a re-run does not reshuffle the other rooms.
    /// </summary>
    private const double KeepBonus = 10;

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
            .Select(p => new { p.Person!.Id, p.Person.DisplayName, p.Person.CreativeProfile, p.AvailableRounds })
            .ToListAsync(cancellationToken);
        var moderators = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.Moderator && Taking.Contains(p.Status))
            .OrderBy(p => p.RegisteredAt).Select(p => new MatchingModeratorInput(p.PersonId, p.Person!.DisplayName))
            .ToListAsync(cancellationToken);

        var published = await (
                from room in db.Rooms.AsNoTracking()
                where room.EventId == eventId
                join seat in db.Set<RoomCreative>().AsNoTracking() on room.Id equals seat.RoomId
                select new { room.BusinessId, seat.PersonId })
            .ToListAsync(cancellationToken);

        return new MatchingInput(eventId, found.CreativesPerRoom, Math.Max(1, found.Rounds),
            businesses.Where(b => b.Challenge is not null)
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => new MatchingBusinessInput(b.Id, b.Name, b.Trade, b.Challenge!.Statement, b.Challenge.Category)).ToList(),
            creatives.OrderBy(c => c.DisplayName, StringComparer.Ordinal)
                .Select(c => new MatchingCreativeInput(c.Id, c.DisplayName, c.CreativeProfile?.Disciplines ?? [], c.CreativeProfile?.Languages ?? [], c.CreativeProfile?.Interests, c.AvailableRounds))
                .ToList(),
            moderators,
            published.Select(p => new MatchingPair(p.BusinessId, p.PersonId)).ToHashSet());
    }

    public async Task<MatchingDecisions> LoadDecisionsAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.MatchingDecisions.AsNoTracking().Where(d => d.EventId == eventId).ToListAsync(cancellationToken);
        return new MatchingDecisions(
            rows.Where(d => d.Kind == MatchingDecisionKind.Pin).Select(d => new MatchingPair(d.BusinessId!.Value, d.PersonId)).ToHashSet(),
            rows.Where(d => d.Kind == MatchingDecisionKind.Forbid).Select(d => new MatchingPair(d.BusinessId!.Value, d.PersonId)).ToHashSet(),
            rows.Where(d => d.Kind == MatchingDecisionKind.Unavailable).Select(d => new CreativeRound(d.PersonId, d.Round!.Value)).ToHashSet(),
            rows.Where(d => d.Kind == MatchingDecisionKind.Available).Select(d => new CreativeRound(d.PersonId, d.Round!.Value)).ToHashSet(),
            rows.Where(d => d.Kind == MatchingDecisionKind.ModeratorWish).ToDictionary(d => d.BusinessId!.Value, d => d.PersonId));
    }

    /// <summary>
    /// Applies one change to the stored decisions, re-solves at once and stores the change only when the result keeps
    /// every rule and every pin; otherwise returns a specific message and leaves everything as it was.
    /// </summary>
    public async Task<DecisionOutcome> DecideAsync(MatchingInput input, MatchingChange change, CancellationToken cancellationToken = default)
    {
        var current = await LoadDecisionsAsync(input.EventId, cancellationToken);
        var (refusal, next) = Apply(input, current, change);
        if (refusal is not null) return new DecisionOutcome(refusal, current, null);

        var proposal = await Task.Run(() => Propose(input, next), cancellationToken);
        if (proposal.Status == MatchingStatus.Infeasible)
        {
            return new DecisionOutcome(text["Refused_Infeasible", Describe(input, change), proposal.Problem ?? ""], current, null);
        }
        if (proposal.BrokenPins.Count > 0)
        {
            return new DecisionOutcome(text["Refused_PinsBroken", Describe(input, change), string.Join("; ", proposal.BrokenPins.Select(p => PairName(input, p)))], current, null);
        }

        await StoreAsync(input.EventId, next, cancellationToken);
        return new DecisionOutcome(null, next, proposal);
    }

    /// <summary>The decisions after a change, or why the change contradicts a decision already taken.</summary>
    private (string? Refusal, MatchingDecisions Next) Apply(MatchingInput input, MatchingDecisions current, MatchingChange change)
    {
        var pinned = current.Pinned.ToHashSet();
        var forbidden = current.Forbidden.ToHashSet();
        var absences = current.Absences.ToHashSet();
        var attendances = current.Attendances.ToHashSet();
        var wishes = current.ModeratorWishes.ToDictionary();
        switch (change)
        {
            case MatchingChange.Pin(var pair):
                if (!Knows(input, pair)) return (text["Refused_Unknown"], current);
                if (forbidden.Contains(pair)) return (text["Refused_PinForbidden", PairName(input, pair)], current);
                pinned.Add(pair);
                break;
            case MatchingChange.Forbid(var pair):
                if (!Knows(input, pair)) return (text["Refused_Unknown"], current);
                if (pinned.Contains(pair)) return (text["Refused_ForbidPinned", PairName(input, pair)], current);
                forbidden.Add(pair);
                break;
            case MatchingChange.Undo(var pair):
                pinned.Remove(pair);
                forbidden.Remove(pair);
                break;
            case MatchingChange.Swap(var seat, var other, var othersBusiness):
            {
                if (!Knows(input, seat) || !Knows(input, new MatchingPair(othersBusiness ?? seat.BusinessId, other))) return (text["Refused_Unknown"], current);
                if (othersBusiness == seat.BusinessId || other == seat.CreativeId) return (text["Refused_SwapSameRoom"], current);
                var useGroups = input.CreativesPerRoom == 2;
                if (useGroups && GroupOf(Creative(input, seat.CreativeId).Disciplines) != GroupOf(Creative(input, other).Disciplines))
                {
                    return (text["Refused_SwapGroups", Creative(input, seat.CreativeId).Name, Creative(input, other).Name], current);
                }
                var incoming = new MatchingPair(seat.BusinessId, other);
                var moves = new List<(MatchingPair Pin, MatchingPair Forbid)> { (incoming, seat) };
                if (othersBusiness is { } theirs) moves.Add((new MatchingPair(theirs, seat.CreativeId), new MatchingPair(theirs, other)));
                foreach (var (pin, forbid) in moves)
                {
                    if (forbidden.Contains(pin)) return (text["Refused_PinForbidden", PairName(input, pin)], current);
                    pinned.Remove(forbid);
                }
                foreach (var (pin, forbid) in moves)
                {
                    pinned.Add(pin);
                    forbidden.Add(forbid);
                }
                break;
            }
            case MatchingChange.SetAvailability(var creative, var round, var available):
            {
                if (input.Creatives.FirstOrDefault(c => c.PersonId == creative) is not { } who || round < 1 || round > input.Rounds) return (text["Refused_Unknown"], current);
                // Only what differs from the registration is stored, so a later change of the registration still counts.
                var seat = new CreativeRound(creative, round);
                absences.Remove(seat);
                attendances.Remove(seat);
                if (available && !who.RegisteredFor(round)) attendances.Add(seat);
                if (!available && who.RegisteredFor(round)) absences.Add(seat);
                break;
            }
            case MatchingChange.WishModerator(var business, var moderator):
                if (input.Businesses.All(b => b.BusinessId != business) || moderator is { } m && input.Moderators.All(x => x.PersonId != m)) return (text["Refused_Unknown"], current);
                if (moderator is { } wished) wishes[business] = wished;
                else wishes.Remove(business);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown matching change.");
        }
        return (null, new MatchingDecisions(pinned, forbidden, absences, attendances, wishes));
    }

    /// <summary>Replaces the event's stored decisions in one transaction.</summary>
    private async Task StoreAsync(Guid eventId, MatchingDecisions decisions, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.MatchingDecisions.Where(d => d.EventId == eventId).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        MatchingDecision Row(MatchingDecisionKind kind, Guid? business, Guid person, int? round = null) =>
            new() { Id = Guid.CreateVersion7(now), EventId = eventId, Kind = kind, BusinessId = business, PersonId = person, Round = round, DecidedAt = now };
        db.MatchingDecisions.AddRange(decisions.Pinned.Select(p => Row(MatchingDecisionKind.Pin, p.BusinessId, p.CreativeId)));
        db.MatchingDecisions.AddRange(decisions.Forbidden.Select(p => Row(MatchingDecisionKind.Forbid, p.BusinessId, p.CreativeId)));
        db.MatchingDecisions.AddRange(decisions.Absences.Select(a => Row(MatchingDecisionKind.Unavailable, null, a.CreativeId, a.Round)));
        db.MatchingDecisions.AddRange(decisions.Attendances.Select(a => Row(MatchingDecisionKind.Available, null, a.CreativeId, a.Round)));
        db.MatchingDecisions.AddRange(decisions.ModeratorWishes.Select(w => Row(MatchingDecisionKind.ModeratorWish, w.Key, w.Value)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Computes the best rooms under the decisions, and what the pins, exclusions and swaps cost against the best rooms
    /// without them (absences are facts, not choices, so they count in both).
    /// </summary>
    public MatchingProposal Propose(MatchingInput input, MatchingDecisions decisions)
    {
        var useGroups = input.CreativesPerRoom == 2;
        var businesses = input.Businesses.Select(b => new BusinessProfile(
            b.BusinessId.ToString(), CategoryKey(b.Category), b.Trade, [], ["de"], null,
            input.CreativesPerRoom * input.Rounds,
            useGroups ? new Dictionary<string, int> { ["make"] = input.Rounds, ["tell"] = input.Rounds } : null)).ToList();
        var creatives = input.Creatives.Select(c => new EngineCreative(
            c.PersonId.ToString(), c.Disciplines, [], [], c.Languages.Count == 0 ? ["de"] : c.Languages, null,
            useGroups ? GroupOf(c.Disciplines) : null, input.Rounds, 0,
            Enumerable.Range(1, input.Rounds).Where(round => !input.IsAvailable(decisions, c.PersonId, round)).ToList())).ToList();
        var groups = useGroups ? new[] { "make", "tell" } : null;

        var unconstrained = PairScorer.Build(businesses, creatives, new ScoringRules(), input.Rounds, groups);
        var best = MatchingSolver.Solve(unconstrained.Problem);

        var rules = new ScoringRules
        {
            ForbiddenPairs = decisions.Forbidden.Select(p => (p.BusinessId.ToString(), p.CreativeId.ToString())).ToHashSet(),
        };
        var scored = PairScorer.Build(businesses, creatives, rules, input.Rounds, groups);
        var result = MatchingSolver.Solve(WithBonuses(scored.Problem, decisions.Pinned, input.Published));
        if (result.Status == MatchingStatus.Infeasible)
        {
            return new MatchingProposal(result.Status, 0, 0, result.Explanation, [], []);
        }

        double ScoreOf(string b, string c) => scored.ScoreOf(b, c).Total ?? 0;
        var objective = result.Assignments.Sum(a => ScoreOf(a.Business, a.Creative));
        var names = input.Creatives.ToDictionary(c => c.PersonId.ToString());
        var moderatorOf = ModeratorPlanner.Assign(result,
                input.Moderators.Select(m => new Moderator(m.PersonId.ToString(), null,
                    decisions.ModeratorWishes.Where(w => w.Value == m.PersonId).ToDictionary(w => w.Key.ToString(), _ => 1.0), input.Rounds)).ToList(),
                _ => null)
            .ToDictionary(r => (r.Business, r.Round ?? 1), r => r.Moderator is null ? (Guid?)null : Guid.Parse(r.Moderator));
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
                        scored.ScoreOf(a.Business, a.Creative).Contributions, decisions.Pinned.Contains(new MatchingPair(business.BusinessId, creative.PersonId)));
                }).ToList();
                var moderator = moderatorOf.GetValueOrDefault(room.Key);
                return new ProposedRoom(business.BusinessId, business.Name, business.Trade, business.Challenge, room.Key.Round, seats,
                    moderator, input.Moderators.FirstOrDefault(m => m.PersonId == moderator)?.Name);
            })
            .OrderBy(r => r.Round).ThenBy(r => r.BusinessName, StringComparer.Ordinal)
            .ToList();
        var seated = rooms.SelectMany(r => r.Seats.Select(s => new MatchingPair(r.BusinessId, s.CreativeId))).ToHashSet();
        var broken = decisions.Pinned.Where(p => !seated.Contains(p)).ToList();
        var cost = best.Status == MatchingStatus.Infeasible ? 0 : Math.Max(0, Math.Round(best.Objective - objective, 3));
        return new MatchingProposal(result.Status, Math.Round(objective, 3), cost, null, rooms, broken);
    }

    private static MatchingProblem WithBonuses(MatchingProblem problem, IReadOnlySet<MatchingPair> pinned, IReadOnlySet<MatchingPair> published)
    {
        if (pinned.Count + published.Count == 0) return problem;
        var scores = new ScoreMatrix(problem.Scores.Businesses, problem.Scores.Creatives);
        for (var b = 0; b < scores.Businesses; b++)
        {
            for (var c = 0; c < scores.Creatives; c++)
            {
                var pair = new MatchingPair(Guid.Parse(problem.Businesses[b].Id), Guid.Parse(problem.Creatives[c].Id));
                scores[b, c] = problem.Scores[b, c] is { } score
                    ? score + (pinned.Contains(pair) ? PinBonus : 0) + (published.Contains(pair) ? KeepBonus : 0)
                    : null;
            }
        }
        return problem with { Scores = scores };
    }

    private string Describe(MatchingInput input, MatchingChange change) => change switch
    {
        MatchingChange.Pin(var pair) => text["Change_Pin", PairName(input, pair)],
        MatchingChange.Forbid(var pair) => text["Change_Forbid", PairName(input, pair)],
        MatchingChange.Undo(var pair) => text["Change_Undo", PairName(input, pair)],
        MatchingChange.Swap(var seat, var other, _) => text["Change_Swap", Creative(input, seat.CreativeId).Name, Creative(input, other).Name],
        MatchingChange.SetAvailability(var creative, var round, true) => text["Change_Available", Creative(input, creative).Name, round],
        MatchingChange.SetAvailability(var creative, var round, false) => text["Change_Unavailable", Creative(input, creative).Name, round],
        MatchingChange.WishModerator => text["Change_Moderator"],
        _ => change.ToString(),
    };

    /// <summary>"Lena Vogt bei Tischlerei Hoffmann", in the current UI language.</summary>
    public string PairName(MatchingInput input, MatchingPair pair) =>
        text["PairLabel", input.Creatives.FirstOrDefault(c => c.PersonId == pair.CreativeId)?.Name ?? "",
            input.Businesses.FirstOrDefault(b => b.BusinessId == pair.BusinessId)?.Name ?? ""];

    private static bool Knows(MatchingInput input, MatchingPair pair) =>
        input.Businesses.Any(b => b.BusinessId == pair.BusinessId) && input.Creatives.Any(c => c.PersonId == pair.CreativeId);

    private static MatchingCreativeInput Creative(MatchingInput input, Guid id) => input.Creatives.Single(c => c.PersonId == id);

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
