using System.Diagnostics;
using System.Globalization;
using Tellerrand.Matching.Solving;

namespace Tellerrand.Matching;

/// <summary>
/// Solves a <see cref="MatchingProblem"/>: the exact assignment by min-cost flow, its split into rounds, fairness
/// figures, and the "why not?" counterfactual. Pure and deterministic: the same problem gives the same result,
/// save <see cref="MatchingResult.Seconds"/> (rule MO7).
/// </summary>
public static class MatchingSolver
{
    /// <summary>Solves the problem. Throws <see cref="MatchingInputException"/> when it breaks a rule of docs/matching.md.</summary>
    public static MatchingResult Solve(MatchingProblem problem, MatchingOptions? options = null)
    {
        options ??= MatchingOptions.Default;
        ProblemValidator.Validate(problem);
        var clock = Stopwatch.StartNew();
        var result = SolveValidated(problem, options, forced: null);
        return result with { Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// Answers "why not this creative for this business?" by re-solving with the pair forced in (rule MX3): the cost is
    /// the optimal objective minus the best objective of an assignment that contains the pair.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="businessId">The business.</param>
    /// <param name="creativeId">The creative it did not get.</param>
    /// <param name="best">The problem's result from <see cref="Solve"/> with the same options, when the caller has it; saves one solve.</param>
    /// <param name="options">Solver options.</param>
    public static WhyNot WhyNot(MatchingProblem problem, string businessId, string creativeId, MatchingResult? best = null, MatchingOptions? options = null)
    {
        options ??= MatchingOptions.Default;
        ProblemValidator.Validate(problem);
        var pair = new Pair(problem.BusinessIndex(businessId), problem.CreativeIndex(creativeId));
        best ??= Solve(problem, options);
        if (best.Status == MatchingStatus.Infeasible)
        {
            return new WhyNot(businessId, creativeId, false, null, best.Explanation, best, best);
        }
        if (best.Assignments.Any(a => a.Business == businessId && a.Creative == creativeId))
        {
            return new WhyNot(businessId, creativeId, true, 0, null, best, best);
        }
        var clock = Stopwatch.StartNew();
        var businessIndex = problem.Businesses.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var creativeIndex = problem.Creatives.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var warmStart = best.Assignments.Select(a => new Pair(businessIndex[a.Business], creativeIndex[a.Creative])).ToList();
        var forced = SolveValidated(problem, options, pair, warmStart);
        forced = forced with { Seconds = clock.Elapsed.TotalSeconds };
        return forced.Status == MatchingStatus.Infeasible
            ? new WhyNot(businessId, creativeId, false, null, forced.Explanation, best, forced)
            : new WhyNot(businessId, creativeId, false, best.Objective - forced.Objective, null, best, forced);
    }

    private static MatchingResult SolveValidated(MatchingProblem problem, MatchingOptions options, Pair? forced, IReadOnlyList<Pair>? warmStart = null)
    {
        if (options.Method == MatchingMethod.CpSat && forced is null)
        {
            var direct = CpSatModels.SolveDirect(problem, options);
            return direct.Status == MatchingStatus.Infeasible
                ? MatchingResult.Infeasible(Feasibility.FindShortfall(problem, null) ?? NoCpSatAssignment(direct, options), 0)
                : Finish(problem, direct.Status, direct.Pairs, direct.Bound, null);
        }

        var flow = FlowSolver.Solve(problem, forced, warmStart);
        if (flow.Shortfall is not null) return MatchingResult.Infeasible(flow.Shortfall, 0);

        var placed = PlaceInRounds(problem, options, flow, forced, out var fallback);
        if (fallback is not null) return fallback;

        if (options.Goal == MatchingGoal.MaxMin && forced is null)
        {
            var fair = CpSatModels.SolveMaxMin(problem, options, placed);
            if (fair.Status == MatchingStatus.Infeasible)
            {
                return MatchingResult.Infeasible(NoCpSatAssignment(fair, options), 0);
            }
            var fairPlaced = fair.Pairs.Any(p => p.Round == 0) && problem.Rounds is not null
                ? PlaceInRounds(problem, options, new FlowOutcome(fair.Pairs.Select(p => p.Pair).ToList(), flow.Bound, null), null, out fallback)
                : fair.Pairs;
            if (fallback is not null) return fallback;
            return Finish(problem, fair.Status, fairPlaced, Math.Min(flow.Bound, fair.Bound), fair);
        }
        return Finish(problem, MatchingStatus.Optimal, placed, flow.Bound, null);
    }

    /// <summary>
    /// König colouring when every creative attends every round; otherwise a CP-SAT split of the same assignment, and if
    /// even that fails, the direct CP-SAT model, whose result may then be below the flow optimum (rule MF6).
    /// </summary>
    private static IReadOnlyList<PlacedPair> PlaceInRounds(MatchingProblem problem, MatchingOptions options, FlowOutcome flow, Pair? forced, out MatchingResult? fallback)
    {
        fallback = null;
        if (problem.Rounds is not { } rounds) return flow.Pairs.Select(p => new PlacedPair(p, 0)).ToList();

        var assigned = flow.Pairs.Select(p => p.Creative).ToHashSet();
        var rounding = problem.Creatives.Where((c, i) => assigned.Contains(i)).Any(c => c.HasUnavailableRounds)
            ? CpSatModels.SplitRounds(problem, flow.Pairs, rounds, options)
            : RoundSplitter.Split(problem, flow.Pairs, rounds);
        if (rounding is not null) return flow.Pairs.Select((p, i) => new PlacedPair(p, rounding[i])).ToList();

        var direct = forced is null ? CpSatModels.SolveDirect(problem, options) : new CpSatOutcome(MatchingStatus.Infeasible, [], 0);
        fallback = direct.Status == MatchingStatus.Infeasible
            ? MatchingResult.Infeasible(forced is null
                ? "The best assignment cannot be split into rounds around the creatives' unavailable rounds. " + NoCpSatAssignment(direct, options)
                : "The best assignment with this pair cannot be split into rounds around the creatives' unavailable rounds.", 0)
            : Finish(problem, direct.Status, direct.Pairs, Math.Min(flow.Bound, direct.Bound), null);
        return [];
    }

    private static MatchingResult Finish(MatchingProblem problem, MatchingStatus status, IReadOnlyList<PlacedPair> placed, double bound, CpSatOutcome? fair)
    {
        var scores = problem.Scores;
        var ranks = new Ranks(problem);
        var sorted = placed
            .OrderBy(p => p.Round).ThenBy(p => p.Pair.Business).ThenBy(p => p.Pair.Creative)
            .ToList();
        var assignments = sorted.Select(p => new Assignment(
            problem.Businesses[p.Pair.Business].Id,
            problem.Creatives[p.Pair.Creative].Id,
            p.Round == 0 ? null : p.Round,
            scores.Raw(p.Pair.Business, p.Pair.Creative),
            ranks.Of(p.Pair))).ToList();

        // Summed in the sorted order so that the objective is bit-for-bit the same on every run.
        var objective = 0.0;
        foreach (var a in assignments) objective += a.Score;
        var totals = new double[problem.Businesses.Count];
        foreach (var p in sorted) totals[p.Pair.Business] += scores.Raw(p.Pair.Business, p.Pair.Creative);

        // Proved only when the certified gap is within the promised relative 1e-6 (rule MF5).
        if (status == MatchingStatus.Optimal && bound - objective > 1e-6 * Math.Max(Math.Abs(objective), 1e-3)) status = MatchingStatus.Feasible;
        var fairness = new Fairness(
            totals.Length == 0 ? 0 : totals.Min(),
            assignments.Count == 0 ? 0 : assignments.Min(a => a.Score),
            fair?.MaxMinBound,
            fair is { MaxMinBound: { } maxMinBound, MaxMinValue: { } value } ? Gap(maxMinBound, value) : null);
        return new MatchingResult(status, objective, Math.Max(bound, objective), 0, assignments, null, fairness);
    }

    private static string NoCpSatAssignment(CpSatOutcome outcome, MatchingOptions options) => outcome.TimedOut
        ? string.Create(CultureInfo.InvariantCulture, $"CP-SAT found no assignment within its time limit of {options.EffectiveTimeLimit.TotalSeconds} s; that does not prove there is none.")
        : "CP-SAT proved that no assignment meets every constraint.";

    private static double Gap(double bound, double value) => bound == value ? 0 : (bound - value) / Math.Max(Math.Abs(bound), 1e-9);

    /// <summary>Ranks among the creatives of the same group the business may meet (rule MX2).</summary>
    private sealed class Ranks(MatchingProblem problem)
    {
        private readonly int[] groupOf = GroupIndices(problem);

        public int Of(Pair pair)
        {
            var row = problem.Scores.Row(pair.Business);
            var own = row[pair.Creative];
            var group = groupOf[pair.Creative];
            var better = 0;
            for (var c = 0; c < groupOf.Length; c++)
            {
                // NaN (a forbidden pair) never compares greater, so forbidden creatives are not counted.
                if (row[c] > own && groupOf[c] == group) better++;
            }
            return better + 1;
        }

        private static int[] GroupIndices(MatchingProblem problem)
        {
            var groups = problem.Groups.ToList();
            return problem.Creatives.Select(c => c.Group is null ? -1 : groups.IndexOf(c.Group)).ToArray();
        }
    }
}
