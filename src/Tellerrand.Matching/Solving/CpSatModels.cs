using System.Globalization;
using Google.OrTools.Sat;

namespace Tellerrand.Matching.Solving;

/// <summary>A pair placed in a round (0 when the problem has no rounds, or before the round split).</summary>
internal readonly record struct PlacedPair(Pair Pair, int Round);

/// <summary>What a CP-SAT search returned.</summary>
/// <param name="TimedOut">For an infeasible outcome: true when CP-SAT merely found nothing in time, false when it proved infeasibility.</param>
internal sealed record CpSatOutcome(MatchingStatus Status, IReadOnlyList<PlacedPair> Pairs, double Bound, double? MaxMinBound = null, double? MaxMinValue = null, bool TimedOut = false);

/// <summary>
/// The CP-SAT formulations: the direct pair × round model (baseline, and fallback when unavailable rounds defeat the
/// König argument, rule MF6), the round split of a fixed assignment, and the max–min fairness model (rule MF8).
/// </summary>
internal static class CpSatModels
{
    /// <summary>
    /// The model. CP-SAT needs integer coefficients: scores are scaled as for the flow (<see cref="CostScale"/>), and
    /// the rounding error, times the number of places, is added to every bound.
    /// </summary>
    private sealed record Model(CpModel Cp, List<(Pair Pair, int Round, BoolVar Var)> Vars, LinearExpr[] BusinessTotals, int TotalDemand, double Scale, double RoundingError)
    {
        public long Coefficient(MatchingProblem problem, Pair pair) => CostScale.Scaled(problem.Scores.Raw(pair.Business, pair.Creative), Scale);

        public double Slack => TotalDemand * RoundingError;
    }

    /// <summary>Best total score, on the direct formulation; round-indexed when the problem has rounds.</summary>
    public static CpSatOutcome SolveDirect(MatchingProblem problem, MatchingOptions options, IReadOnlyList<PlacedPair>? hint = null)
    {
        var model = Build(problem, roundIndexed: problem.Rounds is not null);
        Hint(model, hint);
        model.Cp.Maximize(LinearExpr.WeightedSum(model.Vars.Select(v => v.Var), model.Vars.Select(v => model.Coefficient(problem, v.Pair))));
        var solver = NewSolver(options, options.EffectiveTimeLimit);
        var status = solver.Solve(model.Cp);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new CpSatOutcome(MatchingStatus.Infeasible, [], 0, TimedOut: status == CpSolverStatus.Unknown);
        }
        return new CpSatOutcome(
            status == CpSolverStatus.Optimal ? MatchingStatus.Optimal : MatchingStatus.Feasible,
            Chosen(model, solver),
            solver.BestObjectiveBound / model.Scale + model.Slack);
    }

    /// <summary>Rounds for a fixed assignment that respect every creative's unavailable rounds, or <c>null</c> when none were found.</summary>
    public static int[]? SplitRounds(MatchingProblem problem, IReadOnlyList<Pair> pairs, int rounds, MatchingOptions options)
    {
        var model = new CpModel();
        var roundVars = new BoolVar[pairs.Count][];
        var perSlot = new Dictionary<(int Business, string? Group, int Round), List<BoolVar>>();
        var perCreative = new Dictionary<(int Creative, int Round), List<BoolVar>>();
        var demandNodes = DemandNode.Of(problem);
        for (var i = 0; i < pairs.Count; i++)
        {
            var creative = problem.Creatives[pairs[i].Creative];
            var group = demandNodes.Any(n => n.Business == pairs[i].Business && n.Group == creative.Group) ? creative.Group : null;
            roundVars[i] = new BoolVar[rounds];
            for (var r = 1; r <= rounds; r++)
            {
                var x = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"p{i}r{r}"));
                roundVars[i][r - 1] = x;
                if (!creative.IsAvailableIn(r)) model.Add(x == 0);
                Add(perSlot, (pairs[i].Business, group, r), x);
                Add(perCreative, (pairs[i].Creative, r), x);
            }
            model.AddExactlyOne(roundVars[i]);
        }
        foreach (var node in demandNodes)
        {
            for (var r = 1; r <= rounds; r++)
            {
                var vars = perSlot.GetValueOrDefault((node.Business, node.Group, r)) ?? [];
                model.Add(LinearExpr.Sum(vars) == node.Demand / rounds);
            }
        }
        foreach (var vars in perCreative.Values) model.AddAtMostOne(vars);

        var solver = NewSolver(options, options.EffectiveTimeLimit);
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return null;
        return roundVars.Select(vars => Array.FindIndex(vars, v => solver.BooleanValue(v)) + 1).ToArray();
    }

    /// <summary>
    /// Maximises the lowest business total, then the sum subject to that lowest total, each search seeded with the
    /// flow optimum and each given half the time limit. Round-indexed only when unavailable rounds require it.
    /// </summary>
    public static CpSatOutcome SolveMaxMin(MatchingProblem problem, MatchingOptions options, IReadOnlyList<PlacedPair> seed)
    {
        var roundIndexed = problem.Rounds is not null && problem.Creatives.Any(c => c.HasUnavailableRounds);
        var model = Build(problem, roundIndexed);
        Hint(model, seed);
        var reach = model.Vars.Sum(v => Math.Abs(model.Coefficient(problem, v.Pair))) + 1;
        var lowest = model.Cp.NewIntVar(-reach, reach, "lowest");
        foreach (var total in model.BusinessTotals) model.Cp.Add(lowest <= total);
        model.Cp.Maximize(lowest);
        var half = options.EffectiveTimeLimit / 2;
        var first = NewSolver(options, half);
        var status = first.Solve(model.Cp);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new CpSatOutcome(MatchingStatus.Infeasible, [], 0, TimedOut: status == CpSolverStatus.Unknown);
        }
        var achieved = first.Value(lowest);
        var maxMinBound = first.BestObjectiveBound / model.Scale;
        var firstChoice = Chosen(model, first);

        model.Cp.Add(lowest >= achieved);
        model.Cp.ClearHints();
        Hint(model, firstChoice);
        model.Cp.Maximize(LinearExpr.WeightedSum(model.Vars.Select(v => v.Var), model.Vars.Select(v => model.Coefficient(problem, v.Pair))));
        var second = NewSolver(options, half);
        var secondStatus = second.Solve(model.Cp);
        var solved = secondStatus is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var proved = status == CpSolverStatus.Optimal && secondStatus == CpSolverStatus.Optimal;
        return new CpSatOutcome(
            proved ? MatchingStatus.Optimal : MatchingStatus.Feasible,
            solved ? Chosen(model, second) : firstChoice,
            solved ? second.BestObjectiveBound / model.Scale + model.Slack : double.PositiveInfinity,
            maxMinBound,
            achieved / model.Scale);
    }

    private static Model Build(MatchingProblem problem, bool roundIndexed)
    {
        var cp = new CpModel();
        var vars = new List<(Pair, int, BoolVar)>();
        var rounds = roundIndexed ? problem.Rounds!.Value : 0;
        var demandNodes = DemandNode.Of(problem);
        var candidates = demandNodes
            .Select(node => Enumerable.Range(0, problem.Creatives.Count)
                .Where(c => node.Accepts(problem.Creatives[c]) && problem.Scores.IsAllowed(node.Business, c) && problem.EffectiveCapacity(problem.Creatives[c]) > 0)
                .ToList())
            .ToList();
        var scores = demandNodes.SelectMany((node, d) => candidates[d].Select(c => problem.Scores.Raw(node.Business, c))).ToArray();
        var scale = CostScale.Choose(scores);

        var perCreative = new List<BoolVar>[problem.Creatives.Count];
        var perCreativeRound = new Dictionary<(int, int), List<BoolVar>>();
        var businessTerms = new List<(BoolVar, long)>[problem.Businesses.Count];
        for (var b = 0; b < businessTerms.Length; b++) businessTerms[b] = [];
        for (var c = 0; c < perCreative.Length; c++) perCreative[c] = [];

        for (var d = 0; d < demandNodes.Count; d++)
        {
            var node = demandNodes[d];
            var perRound = new List<BoolVar>[Math.Max(rounds, 1)];
            for (var r = 0; r < perRound.Length; r++) perRound[r] = [];
            foreach (var c in candidates[d])
            {
                var creative = problem.Creatives[c];
                var pair = new Pair(node.Business, c);
                var score = CostScale.Scaled(problem.Scores.Raw(node.Business, c), scale);
                if (!roundIndexed)
                {
                    var x = cp.NewBoolVar("");
                    vars.Add((pair, 0, x));
                    perRound[0].Add(x);
                    perCreative[c].Add(x);
                    businessTerms[node.Business].Add((x, score));
                    continue;
                }
                var ofPair = new List<BoolVar>();
                for (var r = 1; r <= rounds; r++)
                {
                    if (!creative.IsAvailableIn(r)) continue;
                    var x = cp.NewBoolVar("");
                    vars.Add((pair, r, x));
                    ofPair.Add(x);
                    perRound[r - 1].Add(x);
                    perCreative[c].Add(x);
                    Add(perCreativeRound, (c, r), x);
                    businessTerms[node.Business].Add((x, score));
                }
                // No pair meets twice (rule MF3).
                cp.AddAtMostOne(ofPair);
            }
            var perRoundDemand = roundIndexed ? node.Demand / rounds : node.Demand;
            foreach (var list in perRound) cp.Add(LinearExpr.Sum(list) == perRoundDemand);
        }
        for (var c = 0; c < perCreative.Length; c++)
        {
            var creative = problem.Creatives[c];
            cp.AddLinearConstraint(LinearExpr.Sum(perCreative[c]), creative.MinLoad, problem.EffectiveCapacity(creative));
        }
        foreach (var list in perCreativeRound.Values) cp.AddAtMostOne(list);

        var totals = businessTerms.Select(terms => LinearExpr.WeightedSum(terms.Select(t => t.Item1), terms.Select(t => t.Item2))).ToArray();
        return new Model(cp, vars, totals, demandNodes.Sum(n => n.Demand), scale, CostScale.RoundingError(scores, scale));
    }

    private static void Hint(Model model, IReadOnlyList<PlacedPair>? hint)
    {
        if (hint is null) return;
        var chosen = hint.ToHashSet();
        var pairsOnly = hint.Select(h => h.Pair).ToHashSet();
        foreach (var (pair, round, x) in model.Vars)
        {
            var on = round == 0 ? pairsOnly.Contains(pair) : chosen.Contains(new PlacedPair(pair, round));
            model.Cp.AddHint(x, on);
        }
    }

    private static List<PlacedPair> Chosen(Model model, CpSolver solver) =>
        model.Vars.Where(v => solver.BooleanValue(v.Var)).Select(v => new PlacedPair(v.Pair, v.Round)).ToList();

    private static CpSolver NewSolver(MatchingOptions options, TimeSpan limit) => new()
    {
        StringParameters = string.Create(CultureInfo.InvariantCulture,
            $"max_time_in_seconds:{limit.TotalSeconds} num_workers:{Math.Max(1, options.Workers)} random_seed:0"),
    };

    private static void Add<TKey>(Dictionary<TKey, List<BoolVar>> lists, TKey key, BoolVar x) where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(x);
    }
}
