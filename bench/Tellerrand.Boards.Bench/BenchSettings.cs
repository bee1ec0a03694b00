using System.Globalization;

namespace Tellerrand.Boards.Bench;

/// <summary>Command-line options; see docs/BENCHMARKS.md, "Boards".</summary>
public sealed record BenchSettings
{
    public string Mode { get; init; } = "throughput";
    public int Boards { get; init; } = 100;
    public double Rate { get; init; } = 2;
    public int Seconds { get; init; } = 30;
    public int Warmup { get; init; } = 5;
    public int Cycles { get; init; } = 20;
    public int CycleSeconds { get; init; } = 3;
    public string? Postgres { get; init; }
    public int Port { get; init; }
    public bool SkipBaseline { get; init; }

    /// <summary>2: throughput on one host and then on two hosts of one cluster behind a proxy, in the same run (needs --postgres).</summary>
    public int Hosts { get; init; } = 1;

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--mode" => settings with { Mode = Value() },
                "--boards" => settings with { Boards = Int() },
                "--rate" => settings with { Rate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seconds" => settings with { Seconds = Int() },
                "--warmup" => settings with { Warmup = Int() },
                "--cycles" => settings with { Cycles = Int() },
                "--cycle-seconds" => settings with { CycleSeconds = Int() },
                "--postgres" => settings with { Postgres = Value() },
                "--port" => settings with { Port = Int() },
                "--skip-baseline" => settings with { SkipBaseline = true },
                "--hosts" => settings with { Hosts = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        if (settings.Hosts is not (1 or 2))
        {
            throw new ArgumentException("--hosts is 1 or 2.");
        }
        if (settings.Hosts == 2 && (settings.Postgres is null || settings.Mode != "throughput"))
        {
            throw new ArgumentException("--hosts 2 measures throughput on a cluster, whose membership lives in PostgreSQL: give --mode throughput and --postgres.");
        }
        return settings;
    }
}
