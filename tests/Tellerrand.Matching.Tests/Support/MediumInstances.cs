using Tellerrand.Matching;

namespace Tellerrand.Matching.Tests.Support;

/// <summary>Random feasible-leaning workshops of 5–30 businesses, too large for brute force but quick to solve.</summary>
internal static class MediumInstances
{
    /// <param name="seed">Seed of System.Random.</param>
    /// <param name="rounds">Rounds, null for none, −1 to draw them.</param>
    /// <param name="contested">Whether every business prefers the same creatives (then the best creatives are contested,
    /// which is what makes the flow's first restricted network miss the optimum and pricing do real work).</param>
    public static MatchingProblem Create(int seed, int? rounds = -1, bool contested = false)
    {
        var random = new Random(seed);
        if (rounds == -1) rounds = random.Next(4) == 0 ? null : random.Next(1, 4);
        var perGroup = rounds ?? random.Next(1, 3);
        string[] groups = ["make", "tell"];
        var businessCount = random.Next(5, 31);
        var creativeCount = (int)(businessCount * (2.2 + random.NextDouble()));
        var businesses = Enumerable.Range(0, businessCount)
            .Select(b => new MatchingBusiness($"b{b}", 2 * perGroup, groups.ToDictionary(g => g, _ => perGroup)))
            .ToList();
        var creatives = Enumerable.Range(0, creativeCount)
            .Select(c => new MatchingCreative($"c{c}", groups[c % 2], rounds ?? 3, MinLoad: random.Next(5) == 0 ? 1 : 0))
            .ToList();
        var quality = Enumerable.Range(0, creativeCount).Select(_ => random.NextDouble()).ToArray();
        var scores = new ScoreMatrix(businessCount, creativeCount);
        for (var b = 0; b < businessCount; b++)
        {
            for (var c = 0; c < creativeCount; c++)
            {
                var noise = random.NextDouble();
                if (random.NextDouble() > 0.1) scores[b, c] = Math.Round(contested ? 0.9 * quality[c] + 0.1 * noise : noise, 3);
            }
        }
        return new MatchingProblem(rounds, groups, businesses, creatives, scores);
    }
}

/// <summary>Hand-made problems for single rules.</summary>
internal static class Problems
{
    public static MatchingProblem TwoByTwo(int? rounds, (int B, int C)? forbid = null)
    {
        var scores = new ScoreMatrix(2, 2) { [0, 0] = 0.9, [0, 1] = 0.2, [1, 0] = 0.8, [1, 1] = 0.5 };
        if (forbid is { } f) scores[f.B, f.C] = null;
        var perRound = rounds ?? 1;
        return new MatchingProblem(rounds, [],
            [new MatchingBusiness("b0", perRound), new MatchingBusiness("b1", perRound)],
            [new MatchingCreative("c0", null, 2), new MatchingCreative("c1", null, 2)],
            scores);
    }
}
