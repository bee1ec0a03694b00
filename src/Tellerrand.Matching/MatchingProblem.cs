namespace Tellerrand.Matching;

/// <summary>
/// One assignment problem: businesses with a demand for creatives, creatives with a capacity, and a score for
/// every business–creative pair. This is the solver's whole input; docs/matching.md (rules MP1–MP9) says what is valid.
/// </summary>
/// <param name="Rounds">Number of time slots, or <c>null</c> when there are none (a creative then serves up to its capacity at once).</param>
/// <param name="Groups">Complementarity groups (e.g. "make", "tell"); empty when the problem has none.</param>
/// <param name="Businesses">The businesses, in a fixed order that the score matrix rows follow.</param>
/// <param name="Creatives">The creatives, in a fixed order that the score matrix columns follow.</param>
/// <param name="Scores">Businesses × creatives; a missing score forbids the pair.</param>
public sealed record MatchingProblem(
    int? Rounds,
    IReadOnlyList<string> Groups,
    IReadOnlyList<MatchingBusiness> Businesses,
    IReadOnlyList<MatchingCreative> Creatives,
    ScoreMatrix Scores)
{
    /// <summary>Rounds a creative can actually serve in: its capacity, capped by its available rounds when there are rounds.</summary>
    internal int EffectiveCapacity(MatchingCreative creative) => Rounds is { } rounds
        ? Math.Min(creative.Capacity, Enumerable.Range(1, rounds).Count(creative.IsAvailableIn))
        : creative.Capacity;

    internal int BusinessIndex(string id)
    {
        for (var b = 0; b < Businesses.Count; b++)
        {
            if (Businesses[b].Id == id) return b;
        }
        throw new MatchingInputException($"There is no business with id \"{id}\".");
    }

    internal int CreativeIndex(string id)
    {
        for (var c = 0; c < Creatives.Count; c++)
        {
            if (Creatives[c].Id == id) return c;
        }
        throw new MatchingInputException($"There is no creative with id \"{id}\".");
    }
}

/// <summary>A business (in a workshop: its challenge) and how many creatives it meets.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Demand">Creatives the business meets in total, over all rounds.</param>
/// <param name="GroupDemand">How the demand splits over the groups; <c>null</c> when any group will do.</param>
public sealed record MatchingBusiness(string Id, int Demand, IReadOnlyDictionary<string, int>? GroupDemand = null);

/// <summary>A creative and how many businesses it can serve.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Group">Its complementarity group, or <c>null</c> when the problem has no groups.</param>
/// <param name="Capacity">Most businesses it meets (with rounds: at most one per round).</param>
/// <param name="MinLoad">Fewest businesses it must meet.</param>
/// <param name="UnavailableRounds">1-based rounds it cannot attend.</param>
public sealed record MatchingCreative(string Id, string? Group, int Capacity, int MinLoad = 0, IReadOnlyList<int>? UnavailableRounds = null)
{
    internal bool IsAvailableIn(int round) => UnavailableRounds is null || !UnavailableRounds.Contains(round);

    internal bool HasUnavailableRounds => UnavailableRounds is { Count: > 0 };
}

/// <summary>
/// Dense businesses × creatives scores. A cell without a value forbids the pair (rule MP8).
/// Stored flat, with NaN for "forbidden", because the benchmark instance has 2.2 million cells.
/// </summary>
public sealed class ScoreMatrix
{
    private readonly double[] cells;

    /// <summary>Creates a matrix in which every pair is forbidden until given a score.</summary>
    public ScoreMatrix(int businesses, int creatives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(businesses);
        ArgumentOutOfRangeException.ThrowIfNegative(creatives);
        Businesses = businesses;
        Creatives = creatives;
        cells = new double[(long)businesses * creatives];
        Array.Fill(cells, double.NaN);
    }

    /// <summary>Number of rows.</summary>
    public int Businesses { get; }

    /// <summary>Number of columns.</summary>
    public int Creatives { get; }

    /// <summary>The pair's score, or <c>null</c> when the pair is forbidden. Setting a non-finite value is refused.</summary>
    public double? this[int business, int creative]
    {
        get
        {
            var value = cells[Index(business, creative)];
            return double.IsNaN(value) ? null : value;
        }
        set
        {
            if (value is { } v && !double.IsFinite(v))
            {
                throw new MatchingInputException($"The score of business {business} and creative {creative} is {v}; scores must be finite numbers.");
            }
            cells[Index(business, creative)] = value ?? double.NaN;
        }
    }

    internal bool IsAllowed(int business, int creative) => !double.IsNaN(cells[Index(business, creative)]);

    internal double Raw(int business, int creative) => cells[Index(business, creative)];

    /// <summary>One business's scores, NaN where forbidden; for the loops that visit millions of cells.</summary>
    internal ReadOnlySpan<double> Row(int business)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)business, (uint)Businesses, nameof(business));
        return cells.AsSpan((int)((long)business * Creatives), Creatives);
    }

    private long Index(int business, int creative)
    {
        if ((uint)business >= (uint)Businesses || (uint)creative >= (uint)Creatives)
        {
            throw new ArgumentOutOfRangeException(nameof(business), $"({business}, {creative}) lies outside a {Businesses} × {Creatives} matrix.");
        }
        return (long)business * Creatives + creative;
    }
}

/// <summary>Input that breaks a rule of docs/matching.md. Line and column are 1-based and set when the input came from JSON text.</summary>
public sealed class MatchingInputException(string message, long? line = null, long? column = null, Exception? inner = null)
    : Exception(line is null ? message : $"{message} (line {line}, column {column})", inner)
{
    /// <summary>1-based line of the offending JSON token, when known.</summary>
    public long? Line { get; } = line;

    /// <summary>1-based column of the offending JSON token, when known.</summary>
    public long? Column { get; } = column;
}
