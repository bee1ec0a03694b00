using System.Globalization;

namespace Tellerrand.Matching.Bench;

/// <summary>Command-line options of the benchmark; every one has the default that docs/BENCHMARKS.md reports.</summary>
internal sealed record BenchSettings(InstanceSpec Spec, int Small, int Repeat, TimeSpan CpSatLimit, bool SkipCpSat, string Data)
{
    public static BenchSettings Parse(string[] args)
    {
        var spec = new InstanceSpec(Businesses: 1000, CreativesPerBusiness: 2.2, Groups: 2, Rounds: 3, ForbiddenRate: 0.05, Seed: 1);
        var settings = new BenchSettings(spec, Small: 200, Repeat: 3, CpSatLimit: TimeSpan.FromSeconds(60), SkipCpSat: false, Data: Path.Combine("..", "shared", "data"));
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double NextDouble() => double.Parse(Next(), CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--businesses" => settings with { Spec = settings.Spec with { Businesses = NextInt() } },
                "--creatives-per-business" => settings with { Spec = settings.Spec with { CreativesPerBusiness = NextDouble() } },
                "--groups" => settings with { Spec = settings.Spec with { Groups = NextInt() } },
                "--rounds" => settings with { Spec = settings.Spec with { Rounds = NextInt() is var r && r > 0 ? r : null } },
                "--forbidden" => settings with { Spec = settings.Spec with { ForbiddenRate = NextDouble() } },
                "--seed" => settings with { Spec = settings.Spec with { Seed = NextInt() } },
                "--small" => settings with { Small = NextInt() },
                "--repeat" => settings with { Repeat = Math.Max(1, NextInt()) },
                "--cpsat-seconds" => settings with { CpSatLimit = TimeSpan.FromSeconds(NextDouble()) },
                "--skip-cpsat" => settings with { SkipCpSat = true },
                "--data" => settings with { Data = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return settings;
    }
}
