namespace Tellerrand.Matching.Solving;

/// <summary>
/// What one business needs of one group (or of any creative, when it has no group demand). In the flow network this
/// is the node that supplies the business's places; the round split later cuts it into per-round slots.
/// </summary>
internal readonly record struct DemandNode(int Business, string? Group, int Demand)
{
    public bool Accepts(MatchingCreative creative) => Group is null || creative.Group == Group;

    public static IReadOnlyList<DemandNode> Of(MatchingProblem problem)
    {
        var nodes = new List<DemandNode>();
        for (var b = 0; b < problem.Businesses.Count; b++)
        {
            var business = problem.Businesses[b];
            if (business.GroupDemand is null)
            {
                nodes.Add(new DemandNode(b, null, business.Demand));
                continue;
            }
            // Problem order of groups, not dictionary order, so that the network and hence the result are deterministic.
            foreach (var group in problem.Groups)
            {
                if (business.GroupDemand.TryGetValue(group, out var demand) && demand > 0)
                {
                    nodes.Add(new DemandNode(b, group, demand));
                }
            }
        }
        return nodes;
    }
}

/// <summary>A business–creative pair by index.</summary>
internal readonly record struct Pair(int Business, int Creative);
