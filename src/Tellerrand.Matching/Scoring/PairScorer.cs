namespace Tellerrand.Matching.Scoring;

/// <summary>Scores business–creative pairs (rules SC1–SC5) and turns profiles into a <see cref="MatchingProblem"/>.</summary>
public static class PairScorer
{
    /// <summary>Contribution names, fixed so that the web app can translate them.</summary>
    public static class Names
    {
        public const string Relevance = "relevance";
        public const string BusinessWish = "business wish";
        public const string CreativeInterest = "creative interest";
        public const string SharedLanguage = "shared language";
        public const string CrossSectorDistance = "cross-sector distance";
    }

    /// <summary>Scores one pair: five contributions, or the first hard exclusion that applies.</summary>
    public static PairScore Score(BusinessProfile business, CreativeProfile creative, ScoringRules rules)
    {
        var pair = (business.Id, creative.Id);
        if (rules.DeclaredConflicts.Contains(pair)) return new PairScore([], "declared conflict of interest");
        if (business.Organisation is { Length: > 0 } organisation
            && string.Equals(organisation.Trim(), creative.Organisation?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new PairScore([], "same organisation");
        }
        if (rules.ForbiddenPairs.Contains(pair)) return new PairScore([], "forbidden by the organiser");
        if (rules.ExcludeEarlierMeetings && rules.EarlierMeetings.Contains(pair)) return new PairScore([], "met at an earlier event");

        var relevance = creative.Disciplines.Count == 0
            ? RelevanceTable.Fallback
            : creative.Disciplines.Max(d => rules.Table.Relevance(business.ChallengeCategory, d));
        var wished = creative.Disciplines.Count == 0
            ? 0
            : (double)creative.Disciplines.Count(business.WishedDisciplines.Contains) / creative.Disciplines.Count;
        var interested = creative.InterestedCategories.Contains(business.ChallengeCategory) ? 1 : 0;
        var sharedLanguage = business.Languages.Intersect(creative.Languages, StringComparer.OrdinalIgnoreCase).Any() ? 1 : 0;
        var distant = business.Sector is null || !creative.KnownSectors.Contains(business.Sector) ? 1 : 0;
        return new PairScore(
            [
                new(Names.Relevance, rules.Relevance * relevance),
                new(Names.BusinessWish, rules.BusinessWish * wished),
                new(Names.CreativeInterest, rules.CreativeInterest * interested),
                new(Names.SharedLanguage, rules.SharedLanguage * sharedLanguage),
                new(Names.CrossSectorDistance, rules.CrossSectorDistance * distant),
            ],
            null);
    }

    /// <summary>Scores every pair and builds the solver's problem from the profiles (rule SC5).</summary>
    public static ScoredProblem Build(
        IReadOnlyList<BusinessProfile> businesses,
        IReadOnlyList<CreativeProfile> creatives,
        ScoringRules rules,
        int? rounds = null,
        IReadOnlyList<string>? groups = null)
    {
        var pairScores = new PairScore[businesses.Count, creatives.Count];
        var matrix = new ScoreMatrix(businesses.Count, creatives.Count);
        for (var b = 0; b < businesses.Count; b++)
        {
            for (var c = 0; c < creatives.Count; c++)
            {
                pairScores[b, c] = Score(businesses[b], creatives[c], rules);
                matrix[b, c] = pairScores[b, c].Total;
            }
        }
        var problem = new MatchingProblem(
            rounds,
            groups ?? [],
            businesses.Select(b => new MatchingBusiness(b.Id, b.Demand, b.GroupDemand)).ToList(),
            creatives.Select(c => new MatchingCreative(c.Id, c.Group, c.Capacity, c.MinLoad, c.UnavailableRounds)).ToList(),
            matrix);
        return new ScoredProblem(problem, pairScores);
    }
}

/// <summary>A problem together with the contributions behind each of its scores.</summary>
public sealed class ScoredProblem
{
    private readonly PairScore[,] pairScores;

    internal ScoredProblem(MatchingProblem problem, PairScore[,] pairScores)
    {
        Problem = problem;
        this.pairScores = pairScores;
    }

    /// <summary>The problem to hand to <see cref="MatchingSolver"/>.</summary>
    public MatchingProblem Problem { get; }

    /// <summary>The contributions (or exclusion) of one pair.</summary>
    public PairScore ScoreOf(string businessId, string creativeId) =>
        pairScores[Problem.BusinessIndex(businessId), Problem.CreativeIndex(creativeId)];

    /// <summary>Per room, the creatives in it with their score, rank and contributions (rule MX1).</summary>
    public IReadOnlyList<RoomExplanation> ExplainRooms(MatchingResult result) =>
        result.Assignments
            .GroupBy(a => (a.Business, a.Round))
            .Select(room => new RoomExplanation(
                room.Key.Business,
                room.Key.Round,
                room.Select(a => new PairExplanation(a.Creative, a.Score, a.Rank, ScoreOf(a.Business, a.Creative).Contributions)).ToList()))
            .ToList();
}

/// <summary>A room: one business in one round, with the creatives it meets there.</summary>
public sealed record RoomExplanation(string Business, int? Round, IReadOnlyList<PairExplanation> Creatives);

/// <summary>Why a creative sits in a room: its score, its rank among the business's options and the contributions.</summary>
public sealed record PairExplanation(string Creative, double Score, int Rank, IReadOnlyList<ScoreContribution> Contributions);
