using Tellerrand.Matching;

namespace Tellerrand.Matching.Tests.Support;

/// <summary>Random problems small enough for <see cref="BruteForce"/>: up to 3 businesses and 5 creatives.</summary>
internal static class SmallInstances
{
    public static MatchingProblem Create(int seed, bool withUnavailability = false)
    {
        var random = new Random(seed);
        int? rounds = random.Next(4) switch { 0 => null, 1 => 1, 2 => 2, _ => 3 };
        var perRound = rounds ?? 1;
        var groupCount = random.Next(3);
        var groups = Enumerable.Range(0, groupCount).Select(g => g == 0 ? "make" : "tell").ToList();
        var businessCount = random.Next(1, 4);
        var creativeCount = random.Next(1, 6);

        var businesses = new List<MatchingBusiness>();
        for (var b = 0; b < businessCount; b++)
        {
            if (groupCount == 0 || random.Next(4) == 0)
            {
                businesses.Add(new MatchingBusiness($"b{b}", perRound * random.Next(0, 3)));
                continue;
            }
            var groupDemand = groups.ToDictionary(g => g, _ => perRound * random.Next(0, 2));
            businesses.Add(new MatchingBusiness($"b{b}", groupDemand.Values.Sum(), groupDemand));
        }
        var creatives = new List<MatchingCreative>();
        for (var c = 0; c < creativeCount; c++)
        {
            var capacity = random.Next(0, 4);
            var minLoad = random.Next(4) == 0 ? Math.Min(capacity, 1) : 0;
            var unavailable = withUnavailability && rounds is { } r && random.Next(2) == 0 ? new[] { random.Next(1, r + 1) } : null;
            creatives.Add(new MatchingCreative($"c{c}", groupCount == 0 ? null : groups[random.Next(groupCount)], capacity, minLoad, unavailable));
        }
        var scores = new ScoreMatrix(businessCount, creativeCount);
        for (var b = 0; b < businessCount; b++)
        {
            for (var c = 0; c < creativeCount; c++)
            {
                if (random.Next(6) != 0) scores[b, c] = Math.Round(random.NextDouble() * 2 - 0.3, 3);
            }
        }
        return new MatchingProblem(rounds, groups, businesses, creatives, scores);
    }
}
