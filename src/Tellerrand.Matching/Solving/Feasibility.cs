using System.Globalization;
using Google.OrTools.Graph;

namespace Tellerrand.Matching.Solving;

/// <summary>
/// Names the constraint that is short when no assignment exists (rule MF9). The cheap counting checks come first
/// because their messages are the ones an organiser can act on; the min-cut explanation covers everything else.
/// </summary>
internal static class Feasibility
{
    private const int NamesShown = 5;

    public static string? FindShortfall(MatchingProblem problem, Pair? forced)
    {
        var creatives = problem.Creatives;
        var capacity = creatives.Select(problem.EffectiveCapacity).ToArray();
        var demandNodes = DemandNode.Of(problem);

        for (var c = 0; c < creatives.Count; c++)
        {
            if (capacity[c] < creatives[c].MinLoad)
            {
                return $"Creative {creatives[c].Id} must meet at least {creatives[c].MinLoad} businesses, but can attend only {capacity[c]} rounds.";
            }
        }

        // Per round and group: one seat per available creative, since a creative sits in one room per round.
        if (problem.Rounds is { } rounds)
        {
            foreach (var group in GroupsInDemand(demandNodes))
            {
                var needed = demandNodes.Where(n => n.Group == group).Sum(n => n.Demand) / rounds;
                for (var round = 1; round <= rounds; round++)
                {
                    var available = creatives.Where((creative, c) => capacity[c] > 0 && creative.IsAvailableIn(round) && Accepts(group, creative)).Count();
                    if (available < needed)
                    {
                        return $"{available} creatives{OfGroup(group)} are available, {needed} are needed in round {round}.";
                    }
                }
            }
        }

        foreach (var group in GroupsInDemand(demandNodes))
        {
            var needed = demandNodes.Where(n => n.Group == group).Sum(n => (long)n.Demand);
            var places = creatives.Select((creative, c) => Accepts(group, creative) ? (long)capacity[c] : 0).Sum();
            if (places < needed)
            {
                return $"The creatives{OfGroup(group)} have {Places(places)} in all, {needed} are needed.";
            }
        }

        var totalDemand = demandNodes.Sum(n => (long)n.Demand);
        var totalMinLoad = creatives.Sum(c => (long)c.MinLoad);
        if (totalMinLoad > totalDemand)
        {
            return $"The creatives' minimum loads add up to {totalMinLoad} places, but the businesses need only {totalDemand}.";
        }

        var businessesOf = new List<int>[creatives.Count];
        for (var c = 0; c < creatives.Count; c++) businessesOf[c] = [];
        foreach (var node in demandNodes)
        {
            var allowed = 0;
            var row = problem.Scores.Row(node.Business);
            for (var c = 0; c < creatives.Count; c++)
            {
                if (double.IsNaN(row[c]) || capacity[c] == 0 || !node.Accepts(creatives[c])) continue;
                allowed++;
                if (creatives[c].MinLoad > 0) businessesOf[c].Add(node.Business);
            }
            if (allowed < node.Demand)
            {
                return $"Business {problem.Businesses[node.Business].Id} needs {node.Demand} creatives{OfGroup(node.Group)}, but may meet only {allowed} (the others are forbidden or have no capacity).";
            }
        }

        for (var c = 0; c < creatives.Count; c++)
        {
            var businesses = businessesOf[c].Distinct().Count();
            if (businesses < creatives[c].MinLoad)
            {
                return $"Creative {creatives[c].Id} must meet at least {creatives[c].MinLoad} businesses, but only {businesses} may meet it.";
            }
        }

        if (forced is { } pair)
        {
            var creative = creatives[pair.Creative];
            var business = problem.Businesses[pair.Business];
            if (!problem.Scores.IsAllowed(pair.Business, pair.Creative)) return $"The pair {business.Id}–{creative.Id} is forbidden.";
            if (capacity[pair.Creative] == 0) return $"Creative {creative.Id} has no capacity.";
            if (!demandNodes.Any(n => n.Business == pair.Business && n.Accepts(creative)))
            {
                return $"Business {business.Id} needs no creatives of the group {creative.Group}.";
            }
        }
        return null;
    }

    /// <summary>
    /// Explains an infeasible flow by a minimum cut: a max flow from the demand nodes (minimum loads set aside) leaves
    /// some places unserved, and the demand nodes still reachable in the residual network form a set whose joint
    /// demand exceeds everything their creatives can give them (Hall's condition fails for exactly this set).
    /// </summary>
    public static string ExplainFlowShortfall(MatchingProblem problem, Pair? forced, IReadOnlyList<DemandNode> demandNodes, int[] capacity)
    {
        if (forced is { } pair)
        {
            return $"No assignment contains the pair {problem.Businesses[pair.Business].Id}–{problem.Creatives[pair.Creative].Id} and meets every demand and capacity.";
        }

        var creatives = problem.Creatives;
        var flow = new MinCostFlow();
        var creativeNode = demandNodes.Count;
        var sink = creativeNode + creatives.Count;
        var arcs = new List<(int Demand, int Creative)>();
        for (var d = 0; d < demandNodes.Count; d++)
        {
            for (var c = 0; c < creatives.Count; c++)
            {
                if (capacity[c] == 0 || !demandNodes[d].Accepts(creatives[c]) || !problem.Scores.IsAllowed(demandNodes[d].Business, c)) continue;
                flow.AddArcWithCapacityAndUnitCost(d, creativeNode + c, 1, 0);
                arcs.Add((d, c));
            }
            flow.SetNodeSupply(d, demandNodes[d].Demand);
        }
        for (var c = 0; c < creatives.Count; c++)
        {
            flow.AddArcWithCapacityAndUnitCost(creativeNode + c, sink, capacity[c], 0);
        }
        var totalDemand = demandNodes.Sum(n => (long)n.Demand);
        flow.SetNodeSupply(sink, -totalDemand);
        flow.SolveMaxFlowWithMinCost();
        if (flow.MaximumFlow() >= totalDemand)
        {
            return "Every demand can be met, but not together with the creatives' minimum loads.";
        }

        var sent = new long[demandNodes.Count];
        var used = new bool[arcs.Count];
        for (var a = 0; a < arcs.Count; a++)
        {
            used[a] = flow.Flow(a) > 0;
            if (used[a]) sent[arcs[a].Demand]++;
        }

        // Residual reachability from the unserved demand nodes.
        var reachedDemand = new bool[demandNodes.Count];
        var reachedCreative = new bool[creatives.Count];
        var queue = new Queue<int>();
        for (var d = 0; d < demandNodes.Count; d++)
        {
            if (sent[d] < demandNodes[d].Demand)
            {
                reachedDemand[d] = true;
                queue.Enqueue(d);
            }
        }
        var arcsOfDemand = arcs.Select((arc, index) => (arc, index)).ToLookup(x => x.arc.Demand, x => x.index);
        var arcsOfCreative = arcs.Select((arc, index) => (arc, index)).ToLookup(x => x.arc.Creative, x => x.index);
        while (queue.Count > 0)
        {
            var d = queue.Dequeue();
            foreach (var a in arcsOfDemand[d])
            {
                var c = arcs[a].Creative;
                if (used[a] || reachedCreative[c]) continue;
                reachedCreative[c] = true;
                foreach (var back in arcsOfCreative[c])
                {
                    var other = arcs[back].Demand;
                    if (used[back] && !reachedDemand[other])
                    {
                        reachedDemand[other] = true;
                        queue.Enqueue(other);
                    }
                }
            }
        }

        var set = Enumerable.Range(0, demandNodes.Count).Where(d => reachedDemand[d]).ToList();
        var needed = set.Sum(d => (long)demandNodes[d].Demand);
        var reachable = Enumerable.Range(0, creatives.Count).Where(c => reachedCreative[c]).Sum(c => (long)capacity[c])
            + Enumerable.Range(0, arcs.Count).Count(a => reachedDemand[arcs[a].Demand] && !reachedCreative[arcs[a].Creative]);
        var names = set.Select(d => problem.Businesses[demandNodes[d].Business].Id).Distinct().ToList();
        var groups = set.Select(d => demandNodes[d].Group).Distinct().ToList();
        var who = names.Count == 1 ? $"Business {names[0]} needs" : $"The businesses {NameList(names)} need";
        var what = groups.Count == 1 ? $"creatives{OfGroup(groups[0])}" : "creatives";
        return $"{who} {needed} {what} together, but the creatives they may meet can give them at most {reachable}.";
    }

    private static string Places(long count) => count == 1 ? "1 place" : string.Create(CultureInfo.InvariantCulture, $"{count} places");

    private static IEnumerable<string?> GroupsInDemand(IReadOnlyList<DemandNode> nodes) => nodes.Select(n => n.Group).Distinct();

    private static bool Accepts(string? group, MatchingCreative creative) => group is null || creative.Group == group;

    private static string OfGroup(string? group) => group is null ? "" : $" of the group {group}";

    private static string NameList(IReadOnlyList<string> names) => names.Count <= NamesShown
        ? string.Join(", ", names)
        : string.Join(", ", names.Take(NamesShown)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - NamesShown} more");
}
