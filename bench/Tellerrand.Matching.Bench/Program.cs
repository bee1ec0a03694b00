using System.Diagnostics;
using System.Globalization;
using Tellerrand.Matching;
using Tellerrand.Matching.Bench;

// dotnet run -c Release --project bench/Tellerrand.Matching.Bench -- [--businesses 1000] [--creatives-per-business 2.2]
//   [--groups 2] [--rounds 3] [--forbidden 0.05] [--seed 1] [--small 200] [--repeat 3] [--cpsat-seconds 60]
//   [--skip-cpsat] [--data ../shared/data]
var settings = BenchSettings.Parse(args);
var table = new List<string[]>();
void Row(params string[] cells) => table.Add(cells);
string F(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"load average at start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");

// Warm-up: JIT and loading OR-Tools' native library are paid once per process, not per solve.
var warmUpClock = Stopwatch.StartNew();
MatchingSolver.Solve(InstanceGenerator.Generate(settings.Spec with { Businesses = 50 }));
Row("warm-up (B=50, first solve in process)", "", "", F(warmUpClock.Elapsed.TotalSeconds), "");

var spec = settings.Spec;
var problem = InstanceGenerator.Generate(spec);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var runs = Enumerable.Range(0, settings.Repeat).Select(_ => MatchingSolver.Solve(problem)).ToList();
// CPU time per solve, all threads: on a shared 2-core machine the wall clock also counts other people's builds.
var cpuPerSolve = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / settings.Repeat;
var flow = runs[0];
var times = runs.Select(r => r.Seconds).Order().ToList();
var repeatedPairs = flow.Assignments.Count - flow.Assignments.Select(a => (a.Business, a.Creative)).Distinct().Count();
var doubleBooked = flow.Assignments.Count - flow.Assignments.Select(a => (a.Creative, a.Round)).Distinct().Count();
var name = $"B={spec.Businesses} C={problem.Creatives.Count} R={spec.Rounds} G={spec.Groups}";
Row($"flow, {name}", flow.Status.ToString(), F(flow.Objective), $"{F(times[0])} (median {F(times[times.Count / 2])})",
    $"CPU {F(cpuPerSolve)} s per solve; gap {flow.Bound - flow.Objective:E1}; {flow.Assignments.Count} pairs; repeated pairs {repeatedPairs}; double-booked {doubleBooked}; identical over {settings.Repeat} runs: {runs.All(r => r.Assignments.SequenceEqual(flow.Assignments))}");

var (whyNotBusiness, whyNotCreative) = UnassignedFavourite(problem, flow);
var whyNots = Enumerable.Range(0, settings.Repeat).Select(_ => MatchingSolver.WhyNot(problem, whyNotBusiness, whyNotCreative, flow)).ToList();
var whyNotTimes = whyNots.Select(w => w.Forced.Seconds).Order().ToList();
Row($"why not {whyNotBusiness}:{whyNotCreative}, B={spec.Businesses}", whyNots[0].Forced.Status.ToString(), $"cost {F(whyNots[0].Cost ?? double.NaN, "0.000000")}",
    $"{F(whyNotTimes[0])} (median {F(whyNotTimes[whyNotTimes.Count / 2])})", "forced re-solve, warm-started from the optimum");

var small = InstanceGenerator.Generate(spec with { Businesses = settings.Small });
var smallFlow = MatchingSolver.Solve(small);
var (smallBusiness, smallCreative) = UnassignedFavourite(small, smallFlow);
var smallWhyNots = Enumerable.Range(0, settings.Repeat).Select(_ => MatchingSolver.WhyNot(small, smallBusiness, smallCreative, smallFlow)).ToList();
Row($"flow, B={settings.Small}", smallFlow.Status.ToString(), F(smallFlow.Objective), F(smallFlow.Seconds), "");
var smallWhyNotTimes = smallWhyNots.Select(w => w.Forced.Seconds).Order().ToList();
Row($"why not {smallBusiness}:{smallCreative}, B={settings.Small}", smallWhyNots[0].Forced.Status.ToString(), $"cost {F(smallWhyNots[0].Cost ?? double.NaN, "0.000000")}",
    $"{F(smallWhyNotTimes[0])} (median {F(smallWhyNotTimes[smallWhyNotTimes.Count / 2])})", "forced re-solve, warm-started from the optimum");

var greedy = GreedyBaseline.Solve(problem);
Row($"greedy round by round, {name}", greedy.Unfilled == 0 ? "complete" : $"{greedy.Unfilled} places unfilled", F(greedy.Objective), F(greedy.Seconds, "0.0000"),
    $"objective ratio greedy/flow {F(greedy.Objective / flow.Objective, "0.0000")}");

MatchingProblem? midl = null;
var midlFolder = Path.Combine(settings.Data, "benchmarks", "midl");
if (Directory.Exists(midlFolder))
{
    midl = MidlInstance.Load(midlFolder);
    MatchingSolver.Solve(midl);
    var midlFlow = MatchingSolver.Solve(midl);
    Row("flow, MIDL (118 papers × 3, 177 reviewers, loads 2–4)", midlFlow.Status.ToString(), F(midlFlow.Objective, "0.000000"), F(midlFlow.Seconds, "0.0000"),
        $"bound {F(midlFlow.Bound, "0.000000")}; lowest paper total {F(midlFlow.Fairness!.LowestBusinessTotal)}");
    // The minimum loads add up to exactly the demand (177 × 2 = 354 = 118 × 3), so every reviewer gets exactly two
    // papers. Greedy cannot keep minimum loads; it is compared with the optimum that also ignores them.
    var midlNoMinLoad = midl with { Creatives = midl.Creatives.Select(c => c with { MinLoad = 0 }).ToList() };
    var midlFlowNoMinLoad = MatchingSolver.Solve(midlNoMinLoad);
    Row("flow, MIDL without minimum loads", midlFlowNoMinLoad.Status.ToString(), F(midlFlowNoMinLoad.Objective, "0.000000"), F(midlFlowNoMinLoad.Seconds, "0.0000"), "");
    var midlGreedy = GreedyBaseline.Solve(midl);
    Row("greedy, MIDL (ignores minimum loads)", midlGreedy.Unfilled == 0 ? "complete" : $"{midlGreedy.Unfilled} places unfilled", F(midlGreedy.Objective, "0.000000"), F(midlGreedy.Seconds, "0.0000"),
        $"{midlGreedy.MissedMinLoads} reviewers below minimum load; objective ratio greedy/flow without minimum loads {F(midlGreedy.Objective / midlFlowNoMinLoad.Objective, "0.0000")}");
    if (!settings.SkipCpSat)
    {
        var midlCpSat = MatchingSolver.Solve(midl, new MatchingOptions(Method: MatchingMethod.CpSat, TimeLimit: settings.CpSatLimit, Workers: Environment.ProcessorCount));
        Row("CP-SAT direct, MIDL", midlCpSat.Status.ToString(), F(midlCpSat.Objective, "0.000000"), F(midlCpSat.Seconds),
            $"time ratio CP-SAT/flow {F(midlCpSat.Seconds / midlFlow.Seconds, "0")}×; objective ratio {F(midlCpSat.Objective / midlFlow.Objective, "0.000000")}");
    }
}
else
{
    Row("MIDL", "skipped", "", "", $"no folder {midlFolder}");
}

// Measured before the CP-SAT baselines, whose models dwarf the flow's.
var flowPeak = Process.GetCurrentProcess().PeakWorkingSet64;
Row("peak working set after flow, why-not, greedy, MIDL", "", "", "", $"{flowPeak / 1024 / 1024} MiB");

// Max–min mode (rule MF8) on the small instance: CP-SAT seeded with the flow optimum raises the lowest business
// total; the baseline is the plain flow solve of the same instance, in the same run.
var fairOptions = new MatchingOptions(Goal: MatchingGoal.MaxMin, TimeLimit: settings.CpSatLimit, Workers: Environment.ProcessorCount);
var fair = MatchingSolver.Solve(small, fairOptions);
Row($"max–min, B={settings.Small}", fair.Status.ToString(), F(fair.Objective),
    F(fair.Seconds),
    $"lowest business total {F(fair.Fairness!.LowestBusinessTotal)} (flow: {F(smallFlow.Fairness!.LowestBusinessTotal)}); bound {F(fair.Fairness.MaxMinBound ?? double.NaN)}; gap {F(fair.Fairness.MaxMinGap ?? double.NaN, "0.0000")}; " +
    $"objective ratio max–min/flow {F(fair.Objective / smallFlow.Objective, "0.0000")}; time ratio {F(fair.Seconds / smallFlow.Seconds, "0")}×; " +
    $"peak working set now {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");

// Unavailable rounds: every tenth creative misses one round, so the König split no longer applies and the flow's
// assignment is split into rounds by CP-SAT (or, failing that, solved directly). Baseline: the same instance with
// everybody available, whose optimum is an upper bound.
if (small.Rounds is { } smallRounds)
{
    var away = small with
    {
        Creatives = small.Creatives.Select((c, i) => i % 10 == 0 ? c with { UnavailableRounds = [1 + i / 10 % smallRounds] } : c).ToList(),
    };
    var awayOptions = new MatchingOptions(TimeLimit: settings.CpSatLimit, Workers: Environment.ProcessorCount);
    var awayResult = MatchingSolver.Solve(away, awayOptions);
    var awayDoubleBooked = awayResult.Assignments.Count - awayResult.Assignments.Select(a => (a.Creative, a.Round)).Distinct().Count();
    var awayViolations = awayResult.Assignments.Count(a => away.Creatives.Single(c => c.Id == a.Creative).UnavailableRounds?.Contains(a.Round ?? 0) == true);
    Row($"unavailable rounds (10 % of creatives miss one), B={settings.Small}", awayResult.Status.ToString(), F(awayResult.Objective), F(awayResult.Seconds),
        $"objective ratio to everybody available {F(awayResult.Objective / smallFlow.Objective, "0.0000")}; time ratio {F(awayResult.Seconds / smallFlow.Seconds, "0.0")}×; " +
        $"seated in an unavailable round {awayViolations}; double-booked {awayDoubleBooked}");
}

if (!settings.SkipCpSat)
{
    var cpSat = MatchingSolver.Solve(problem, new MatchingOptions(Method: MatchingMethod.CpSat, TimeLimit: settings.CpSatLimit, Workers: Environment.ProcessorCount));
    var peakNow = Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;
    // Seconds include building the model, which at B = 1000 takes longer than the search's time limit.
    Row($"CP-SAT direct (pair × round), {name}", cpSat.Status == MatchingStatus.Infeasible ? "no solution" : cpSat.Status.ToString(),
        cpSat.Status == MatchingStatus.Infeasible ? "–" : F(cpSat.Objective), F(cpSat.Seconds),
        (cpSat.Status == MatchingStatus.Infeasible ? cpSat.Explanation : $"bound {F(cpSat.Bound)}; objective ratio CP-SAT/flow {F(cpSat.Objective / flow.Objective, "0.0000")}")
        + $"; time ratio CP-SAT/flow {F(cpSat.Seconds / times[0], "0")}×; peak working set now {peakNow} MiB");
}

Print(["run", "status", "objective", "seconds", "notes"], table);

static (string Business, string Creative) UnassignedFavourite(MatchingProblem problem, MatchingResult result)
{
    // The first business's best-scored creative that it did not get: the question an organiser asks first.
    var business = problem.Businesses[0].Id;
    var mine = result.Assignments.Where(a => a.Business == business).Select(a => a.Creative).ToHashSet();
    var best = Enumerable.Range(0, problem.Creatives.Count)
        .Where(c => problem.Scores[0, c] is not null && !mine.Contains(problem.Creatives[c].Id))
        .MaxBy(c => problem.Scores[0, c]!.Value);
    return (business, problem.Creatives[best].Id);
}

static void Print(string[] header, List<string[]> rows)
{
    Console.WriteLine("| " + string.Join(" | ", header) + " |");
    Console.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
    foreach (var row in rows) Console.WriteLine("| " + string.Join(" | ", row) + " |");
}
