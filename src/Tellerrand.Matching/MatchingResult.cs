namespace Tellerrand.Matching;

/// <summary>How good a result is known to be (rule MO1).</summary>
public enum MatchingStatus
{
    /// <summary>Proved optimal: the objective is within a relative 1e-6 of the bound.</summary>
    Optimal,

    /// <summary>Valid, but not proved optimal (a time limit ended the search); see the bound.</summary>
    Feasible,

    /// <summary>No assignment satisfies every constraint; the explanation names the one that is short.</summary>
    Infeasible,
}

/// <summary>What the optimiser maximises.</summary>
public enum MatchingGoal
{
    /// <summary>The sum of the scores of all assigned pairs (rule MO2).</summary>
    TotalScore,

    /// <summary>First the lowest business total, then the sum, with CP-SAT seeded by the flow optimum (rule MF8).</summary>
    MaxMin,
}

/// <summary>How the core assignment is computed.</summary>
public enum MatchingMethod
{
    /// <summary>Min-cost flow, then a König edge colouring into rounds: exact and fast. The default.</summary>
    Flow,

    /// <summary>CP-SAT on the direct pair × round formulation; a baseline and the fallback for rounds with unavailability.</summary>
    CpSat,
}

/// <summary>Knobs for <see cref="MatchingSolver"/>.</summary>
/// <param name="Goal">What to maximise.</param>
/// <param name="Method">How to compute the core assignment.</param>
/// <param name="TimeLimit">Wall-clock limit for each CP-SAT search; the flow path has none because it needs none.</param>
/// <param name="Workers">CP-SAT workers. With one worker CP-SAT is deterministic; more may find different optima.</param>
public sealed record MatchingOptions(
    MatchingGoal Goal = MatchingGoal.TotalScore,
    MatchingMethod Method = MatchingMethod.Flow,
    TimeSpan? TimeLimit = null,
    int Workers = 1)
{
    /// <summary>Total score by min-cost flow.</summary>
    public static MatchingOptions Default { get; } = new();

    internal TimeSpan EffectiveTimeLimit => TimeLimit ?? TimeSpan.FromSeconds(60);
}

/// <summary>One creative meeting one business, in a round when the problem has rounds.</summary>
/// <param name="Business">Business id.</param>
/// <param name="Creative">Creative id.</param>
/// <param name="Round">1-based round, or <c>null</c> without rounds.</param>
/// <param name="Score">The pair's input score.</param>
/// <param name="Rank">The creative's rank among all creatives the business may meet, 1 being its best score (ties share the better rank).</param>
public sealed record Assignment(string Business, string Creative, int? Round, double Score, int Rank);

/// <summary>Fairness figures of a result (rule MF7).</summary>
/// <param name="LowestBusinessTotal">The smallest sum of scores any business receives.</param>
/// <param name="LowestPairScore">The smallest score of any assigned pair.</param>
/// <param name="MaxMinBound">In max–min mode: the proved upper bound on the lowest business total.</param>
/// <param name="MaxMinGap">In max–min mode: (bound − achieved) / |bound|, 0 when proved.</param>
public sealed record Fairness(double LowestBusinessTotal, double LowestPairScore, double? MaxMinBound = null, double? MaxMinGap = null);

/// <summary>The solver's answer.</summary>
/// <param name="Status">Optimal, feasible or infeasible.</param>
/// <param name="Objective">Sum of the input scores of the assigned pairs.</param>
/// <param name="Bound">Proved upper bound on the best possible objective.</param>
/// <param name="Seconds">Wall-clock time of the solve; the only part of a result that differs between runs.</param>
/// <param name="Assignments">Sorted by round, business, creative (rule MO6).</param>
/// <param name="Explanation">What is short when infeasible, otherwise <c>null</c>.</param>
/// <param name="Fairness">Lowest business total and lowest pair score; <c>null</c> when infeasible.</param>
public sealed record MatchingResult(
    MatchingStatus Status,
    double Objective,
    double Bound,
    double Seconds,
    IReadOnlyList<Assignment> Assignments,
    string? Explanation,
    Fairness? Fairness)
{
    internal static MatchingResult Infeasible(string explanation, double seconds) =>
        new(MatchingStatus.Infeasible, 0, 0, seconds, [], explanation, null);
}

/// <summary>The answer to "why not this creative for this business?" (rule MX3).</summary>
/// <param name="Business">Business id.</param>
/// <param name="Creative">Creative id.</param>
/// <param name="AlreadyAssigned">True when the optimum already contains the pair; the cost is then 0.</param>
/// <param name="Cost">Optimal objective minus the best objective that contains the pair; <c>null</c> when the pair cannot be forced.</param>
/// <param name="Reason">Why the pair cannot be forced, when it cannot.</param>
/// <param name="Best">The optimal result, without the pair forced.</param>
/// <param name="Forced">The best result that contains the pair (the optimal one when it already does).</param>
public sealed record WhyNot(string Business, string Creative, bool AlreadyAssigned, double? Cost, string? Reason, MatchingResult Best, MatchingResult Forced);
