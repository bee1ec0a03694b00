using Google.OrTools.Graph;
using Tellerrand.Matching;

namespace Tellerrand.Matching.Tests.Support;

/// <summary>
/// Reference for instances too large for brute force: the whole network, every arc at once, no pricing. Scores must
/// have at most 3 decimals (then ×1000 is exact). Ignores rounds, so use it on problems without them.
/// </summary>
internal static class DenseFlow
{
    public static double Optimum(MatchingProblem problem)
    {
        var flow = new MinCostFlow();
        var businessCount = problem.Businesses.Count;
        var groups = problem.Groups.ToList();
        int Node(int b, int g) => b * groups.Count + g;
        var creativeNode = businessCount * groups.Count;
        var sink = creativeNode + problem.Creatives.Count;
        for (var b = 0; b < businessCount; b++)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                flow.SetNodeSupply(Node(b, g), problem.Businesses[b].GroupDemand![groups[g]]);
            }
            for (var c = 0; c < problem.Creatives.Count; c++)
            {
                if (problem.Scores[b, c] is not { } score) continue;
                flow.AddArcWithCapacityAndUnitCost(Node(b, groups.IndexOf(problem.Creatives[c].Group!)), creativeNode + c, 1, -(long)Math.Round(score * 1000));
            }
        }
        var minLoads = 0L;
        for (var c = 0; c < problem.Creatives.Count; c++)
        {
            var creative = problem.Creatives[c];
            minLoads += creative.MinLoad;
            flow.SetNodeSupply(creativeNode + c, -creative.MinLoad);
            flow.AddArcWithCapacityAndUnitCost(creativeNode + c, sink, creative.Capacity - creative.MinLoad, 0);
        }
        flow.SetNodeSupply(sink, minLoads - problem.Businesses.Sum(b => (long)b.Demand));
        Assert.Equal(MinCostFlowBase.Status.OPTIMAL, flow.Solve());
        return -flow.OptimalCost() / 1000.0;
    }
}
