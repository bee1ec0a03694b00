using System.Text.Json;
using System.Text.Json.Serialization;
using Tellerrand.Matching.Solving;

namespace Tellerrand.Matching.Json;

/// <summary>
/// Reads and writes the JSON format of docs/matching.md (rules MJ1–MJ6). Bad input raises a
/// <see cref="MatchingInputException"/> carrying the 1-based line and column when the JSON itself is malformed.
/// </summary>
public static class MatchingJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A misspelt field ("capcity") would otherwise be dropped silently and change the answer (MJ2).
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonSerializerOptions ProblemWriteOptions = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Parses and validates a problem.</summary>
    public static MatchingProblem ReadProblem(ReadOnlySpan<byte> utf8Json)
    {
        ProblemDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ProblemDocument>(utf8Json, Options);
        }
        catch (JsonException e)
        {
            // System.Text.Json counts lines and bytes from 0.
            throw new MatchingInputException(FirstSentence(e.Message), e.LineNumber + 1, e.BytePositionInLine + 1, e);
        }
        if (document is null) throw new MatchingInputException("The file holds null instead of a problem.", 1, 1);
        var problem = document.ToProblem();
        ProblemValidator.Validate(problem);
        return problem;
    }

    /// <summary>Writes a problem in the same format <see cref="ReadProblem"/> reads.</summary>
    public static string WriteProblem(MatchingProblem problem)
    {
        var scores = new double?[problem.Businesses.Count][];
        for (var b = 0; b < scores.Length; b++)
        {
            scores[b] = new double?[problem.Creatives.Count];
            for (var c = 0; c < problem.Creatives.Count; c++) scores[b][c] = problem.Scores[b, c];
        }
        var document = new ProblemDocument
        {
            Rounds = problem.Rounds,
            Groups = problem.Groups.Count == 0 ? null : problem.Groups.ToList(),
            Businesses = problem.Businesses.Select(b => new BusinessDocument
            {
                Id = b.Id,
                Demand = b.Demand,
                GroupDemand = b.GroupDemand?.ToDictionary(),
            }).ToList(),
            Creatives = problem.Creatives.Select(c => new CreativeDocument
            {
                Id = c.Id,
                Group = c.Group,
                Capacity = c.Capacity,
                MinLoad = c.MinLoad == 0 ? null : c.MinLoad,
                UnavailableRounds = c.UnavailableRounds is { Count: > 0 } rounds ? rounds.ToList() : null,
            }).ToList(),
            Scores = scores,
        };
        return JsonSerializer.Serialize(document, ProblemWriteOptions);
    }

    /// <summary>Writes a result, with the "why not" answer when one was asked for.</summary>
    public static string WriteResult(MatchingResult result, WhyNot? whyNot = null)
    {
        var document = new ResultDocument(
            result.Status,
            result.Objective,
            result.Bound,
            result.Seconds,
            result.Assignments.Select(a => new AssignmentDocument(a.Business, a.Creative, a.Round, a.Score, a.Rank)).ToList(),
            result.Explanation,
            result.Fairness,
            whyNot is null ? null : new WhyNotDocument(whyNot.Business, whyNot.Creative, whyNot.AlreadyAssigned, whyNot.Cost, whyNot.Reason,
                whyNot.Forced.Status == MatchingStatus.Infeasible ? null : whyNot.Forced.Objective));
        return JsonSerializer.Serialize(document, Options);
    }

    private static string FirstSentence(string message)
    {
        // The exception's own message repeats path and position in its own words; ours gives line and column once.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    private sealed class ProblemDocument
    {
        public int? Rounds { get; init; }

        public List<string>? Groups { get; init; }

        [JsonRequired]
        public List<BusinessDocument> Businesses { get; init; } = [];

        [JsonRequired]
        public List<CreativeDocument> Creatives { get; init; } = [];

        [JsonRequired]
        public double?[][] Scores { get; init; } = [];

        public MatchingProblem ToProblem()
        {
            if (Businesses.Any(b => b is null) || Creatives.Any(c => c is null))
            {
                throw new MatchingInputException("\"businesses\" and \"creatives\" must hold objects, not null.");
            }
            if (Scores.Length != Businesses.Count)
            {
                throw new MatchingInputException($"\"scores\" has {Scores.Length} rows, but there are {Businesses.Count} businesses (one row each).");
            }
            var matrix = new ScoreMatrix(Businesses.Count, Creatives.Count);
            for (var b = 0; b < Scores.Length; b++)
            {
                var row = Scores[b] ?? throw new MatchingInputException($"Row {b + 1} of \"scores\" is null; write a row of nulls to forbid every pair.");
                if (row.Length != Creatives.Count)
                {
                    throw new MatchingInputException($"Row {b + 1} of \"scores\" (business \"{Businesses[b].Id}\") has {row.Length} entries, but there are {Creatives.Count} creatives.");
                }
                for (var c = 0; c < row.Length; c++) matrix[b, c] = row[c];
            }
            return new MatchingProblem(
                Rounds,
                Groups ?? [],
                Businesses.Select(b => new MatchingBusiness(b.Id, b.Demand, b.GroupDemand)).ToList(),
                Creatives.Select(c => new MatchingCreative(c.Id, c.Group, c.Capacity, c.MinLoad ?? 0, c.UnavailableRounds)).ToList(),
                matrix);
        }
    }

    private sealed class BusinessDocument
    {
        [JsonRequired]
        public string Id { get; init; } = "";

        [JsonRequired]
        public int Demand { get; init; }

        public Dictionary<string, int>? GroupDemand { get; init; }
    }

    private sealed class CreativeDocument
    {
        [JsonRequired]
        public string Id { get; init; } = "";

        public string? Group { get; init; }

        [JsonRequired]
        public int Capacity { get; init; }

        public int? MinLoad { get; init; }

        public List<int>? UnavailableRounds { get; init; }
    }

    private sealed record ResultDocument(
        MatchingStatus Status,
        double Objective,
        double Bound,
        double Seconds,
        List<AssignmentDocument> Assignments,
        string? Explanation,
        Fairness? Fairness,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WhyNotDocument? WhyNot);

    private sealed record AssignmentDocument(
        string Business,
        string Creative,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Round,
        double Score,
        int Rank);

    private sealed record WhyNotDocument(string Business, string Creative, bool AlreadyAssigned, double? Cost, string? Reason, double? ForcedObjective);
}
