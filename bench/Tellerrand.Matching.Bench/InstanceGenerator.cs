namespace Tellerrand.Matching.Bench;

/// <summary>Parameters of a synthetic workshop instance (docs/BENCHMARKS.md, "Matching").</summary>
/// <param name="Businesses">B, the number of businesses.</param>
/// <param name="CreativesPerBusiness">Creatives per business; C = round(B × this).</param>
/// <param name="Groups">Complementarity groups; creative i belongs to group i mod G.</param>
/// <param name="Rounds">Rounds, or null for none (then every business needs 3 creatives per group).</param>
/// <param name="ForbiddenRate">Share of pairs drawn as forbidden.</param>
/// <param name="Seed">Seed of System.Random, whose seeded sequence is stable across .NET versions.</param>
internal sealed record InstanceSpec(int Businesses, double CreativesPerBusiness, int Groups, int? Rounds, double ForbiddenRate, int Seed);

/// <summary>
/// Generates a workshop instance: each business meets one creative of every group in every round (demand G × R),
/// each creative can attend every round (capacity R). Scores mix a shared taste (four latent traits per side, so that
/// good creatives are contested, as in real events) with pair noise, rounded to 3 decimals like the real scores.
/// </summary>
internal static class InstanceGenerator
{
    private const int TraitCount = 4;

    public static MatchingProblem Generate(InstanceSpec spec)
    {
        var random = new Random(spec.Seed);
        var groups = Enumerable.Range(1, spec.Groups).Select(g => $"g{g}").ToList();
        var perGroup = spec.Rounds ?? 3;
        var creativeCount = (int)Math.Round(spec.Businesses * spec.CreativesPerBusiness);

        var businesses = Enumerable.Range(0, spec.Businesses)
            .Select(b => new MatchingBusiness($"b{b}", perGroup * spec.Groups, groups.ToDictionary(g => g, _ => perGroup)))
            .ToList();
        var creatives = Enumerable.Range(0, creativeCount)
            .Select(c => new MatchingCreative($"c{c}", groups[c % spec.Groups], spec.Rounds ?? 3))
            .ToList();

        var businessTraits = Traits(random, spec.Businesses);
        var creativeTraits = Traits(random, creativeCount);
        var scores = new ScoreMatrix(spec.Businesses, creativeCount);
        for (var b = 0; b < spec.Businesses; b++)
        {
            for (var c = 0; c < creativeCount; c++)
            {
                var fit = 0.0;
                for (var t = 0; t < TraitCount; t++) fit += businessTraits[b, t] * creativeTraits[c, t];
                var noise = random.NextDouble();
                var forbidden = random.NextDouble() < spec.ForbiddenRate;
                if (!forbidden) scores[b, c] = Math.Round(0.6 * fit / TraitCount + 0.4 * noise, 3);
            }
        }
        return new MatchingProblem(spec.Rounds, groups, businesses, creatives, scores);
    }

    private static double[,] Traits(Random random, int count)
    {
        var traits = new double[count, TraitCount];
        for (var i = 0; i < count; i++)
        {
            for (var t = 0; t < TraitCount; t++) traits[i, t] = random.NextDouble();
        }
        return traits;
    }
}
