using System.Globalization;

namespace Tellerrand.Matching.Bench;

/// <summary>
/// Loads the MIDL reviewer–paper instance from shared/data/benchmarks/midl (read in place, never copied): papers are
/// businesses needing covs.csv reviewers, reviewers are creatives with loads-lb.csv ≤ load ≤ loads.csv, no rounds.
/// </summary>
internal static class MidlInstance
{
    public static MatchingProblem Load(string folder)
    {
        var coverage = ReadIndexed(Path.Combine(folder, "covs.csv"));
        var maxLoad = ReadIndexed(Path.Combine(folder, "loads.csv"));
        var minLoad = ReadIndexed(Path.Combine(folder, "loads-lb.csv"));
        var scores = new ScoreMatrix(coverage.Length, maxLoad.Length);
        foreach (var line in File.ReadLines(Path.Combine(folder, "scores.csv")).Skip(1))
        {
            var cells = line.Split(',');
            var reviewer = int.Parse(cells[0], CultureInfo.InvariantCulture);
            var paper = int.Parse(cells[1], CultureInfo.InvariantCulture);
            scores[paper, reviewer] = double.Parse(cells[2], CultureInfo.InvariantCulture);
        }
        return new MatchingProblem(
            null,
            [],
            coverage.Select((need, paper) => new MatchingBusiness($"paper{paper}", need)).ToList(),
            maxLoad.Select((max, reviewer) => new MatchingCreative($"reviewer{reviewer}", null, max, minLoad[reviewer])).ToList(),
            scores);
    }

    /// <summary>Reads an "index,value" file into an array indexed by its first column.</summary>
    private static int[] ReadIndexed(string path)
    {
        var rows = File.ReadLines(path).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Index: int.Parse(cells[0], CultureInfo.InvariantCulture), Value: (int)double.Parse(cells[1], CultureInfo.InvariantCulture)))
            .ToList();
        var values = new int[rows.Count];
        foreach (var (index, value) in rows) values[index] = value;
        return values;
    }
}
