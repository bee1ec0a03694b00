using System.Globalization;
using Tellerrand.Matching;
using Tellerrand.Matching.Json;

namespace Tellerrand.Cli;

/// <summary>
/// <c>match --input problem.json [--output result.json] [--why-not BUSINESS:CREATIVE] [--max-min] [--time-limit SECONDS]</c>.
/// Exit codes (docs/matching.md, rule MC2): 0 solved, 1 bad usage or input (message on stderr), 2 infeasible (result still written).
/// </summary>
public static class MatchCommand
{
    public const int Solved = 0;
    public const int BadInput = 1;
    public const int Infeasible = 2;

    private const string Usage =
        "usage: match --input problem.json [--output result.json] [--why-not BUSINESS:CREATIVE] [--max-min] [--time-limit SECONDS]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "match")
        {
            await stderr.WriteLineAsync(Usage);
            return BadInput;
        }

        string? input = null, output = null, whyNot = null;
        var options = MatchingOptions.Default;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--input" when i + 1 < args.Length:
                    input = args[++i];
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--why-not" when i + 1 < args.Length:
                    whyNot = args[++i];
                    break;
                case "--max-min":
                    options = options with { Goal = MatchingGoal.MaxMin };
                    break;
                case "--time-limit" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options = options with { TimeLimit = TimeSpan.FromSeconds(seconds) };
                    i++;
                    break;
                default:
                    await stderr.WriteLineAsync($"Unknown or incomplete option \"{args[i]}\".\n{Usage}");
                    return BadInput;
            }
        }
        if (input is null)
        {
            await stderr.WriteLineAsync($"--input is required.\n{Usage}");
            return BadInput;
        }
        string[]? whyNotPair = null;
        if (whyNot is not null)
        {
            whyNotPair = whyNot.Split(':');
            if (whyNotPair.Length != 2 || whyNotPair.Any(string.IsNullOrEmpty))
            {
                await stderr.WriteLineAsync($"--why-not takes BUSINESS:CREATIVE, not \"{whyNot}\".");
                return BadInput;
            }
        }

        try
        {
            var problem = MatchingJson.ReadProblem(await File.ReadAllBytesAsync(input));
            string json;
            MatchingStatus status;
            if (whyNotPair is null)
            {
                var result = MatchingSolver.Solve(problem, options);
                json = MatchingJson.WriteResult(result);
                status = result.Status;
            }
            else
            {
                var answer = MatchingSolver.WhyNot(problem, whyNotPair[0], whyNotPair[1], options: options);
                json = MatchingJson.WriteResult(answer.Best, answer);
                status = answer.Best.Status;
            }
            if (output is null) await stdout.WriteLineAsync(json);
            else await File.WriteAllTextAsync(output, json + "\n");
            return status == MatchingStatus.Infeasible ? Infeasible : Solved;
        }
        catch (MatchingInputException e)
        {
            await stderr.WriteLineAsync($"{input}: {e.Message}");
            return BadInput;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return BadInput;
        }
    }
}
