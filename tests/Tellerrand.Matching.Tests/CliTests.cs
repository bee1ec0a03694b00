using System.Text;
using System.Text.Json;
using Tellerrand.Cli;
using Tellerrand.Matching.Json;

namespace Tellerrand.Matching.Tests;

public sealed class CliTests : IDisposable
{
    private const string Valid = """
        { "rounds": 3, "groups": ["make", "tell"],
          "businesses": [ { "id": "b1", "demand": 6, "groupDemand": { "make": 3, "tell": 3 } } ],
          "creatives": [
            { "id": "c1", "group": "make", "capacity": 3, "minLoad": 0 },
            { "id": "c2", "group": "make", "capacity": 3 },
            { "id": "c3", "group": "make", "capacity": 3 },
            { "id": "c4", "group": "tell", "capacity": 3 },
            { "id": "c5", "group": "tell", "capacity": 3 },
            { "id": "c6", "group": "tell", "capacity": 3 },
            { "id": "c7", "group": "tell", "capacity": 3 } ],
          "scores": [ [0.731, 0.2, 0.4, 0.9, null, 0.5, 0.1] ] }
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("tellerrand-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await MatchCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task MC1_ValidFileIsSolvedAndTheResultRoundTrips()
    {
        var output = Path.Combine(folder, "result.json");
        var (code, _, stderr) = await Run("match", "--input", Write("problem.json", Valid), "--output", output);
        Assert.Equal(MatchCommand.Solved, code);
        Assert.Empty(stderr);
        using var result = JsonDocument.Parse(File.ReadAllText(output));
        var root = result.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal(0.731 + 0.2 + 0.4 + 0.9 + 0.5 + 0.1, root.GetProperty("objective").GetDouble(), 9);
        Assert.Equal(6, root.GetProperty("assignments").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("explanation").ValueKind);
        Assert.All(root.GetProperty("assignments").EnumerateArray(), a => Assert.InRange(a.GetProperty("round").GetInt32(), 1, 3));
    }

    [Fact]
    public void MJ1_AProblemWrittenAndReadBackIsTheSameProblem()
    {
        var problem = MatchingJson.ReadProblem(Encoding.UTF8.GetBytes(Valid));
        var again = MatchingJson.ReadProblem(Encoding.UTF8.GetBytes(MatchingJson.WriteProblem(problem)));
        Assert.Equal(MatchingJson.WriteProblem(problem), MatchingJson.WriteProblem(again));
        Assert.Null(again.Scores[0, 4]);
        Assert.Equal(0.731, again.Scores[0, 0]);
    }

    [Fact]
    public async Task MC1_WhyNotAddsTheCostOfForcingThePair()
    {
        var (code, stdout, _) = await Run("match", "--input", Write("problem.json", Valid), "--why-not", "b1:c7");
        Assert.Equal(MatchCommand.Solved, code);
        using var result = JsonDocument.Parse(stdout);
        var whyNot = result.RootElement.GetProperty("whyNot");
        Assert.True(whyNot.GetProperty("alreadyAssigned").GetBoolean());
        Assert.Equal(0, whyNot.GetProperty("cost").GetDouble());
    }

    [Fact]
    public async Task MJ3_MalformedJsonReportsLineAndColumn()
    {
        var (code, _, stderr) = await Run("match", "--input", Write("bad.json", "{\n  \"rounds\": 3,\n  \"groups\": [make]\n}"));
        Assert.Equal(MatchCommand.BadInput, code);
        Assert.Contains("(line 3, column 14)", stderr);
    }

    [Theory]
    [InlineData("""{ "businesses": [ { "id": "b1", "demand": 1 } ], "creatives": [ { "id": "c1", "capacity": 1 } ], "scores": [ [0.5, 0.1] ] }""",
        "Row 1 of \"scores\" (business \"b1\") has 2 entries, but there are 1 creatives.")]
    [InlineData("""{ "groups": ["make"], "businesses": [ { "id": "b1", "demand": 1 } ], "creatives": [ { "id": "c1", "group": "tell", "capacity": 1 } ], "scores": [ [0.5] ] }""",
        "Creative \"c1\" names the unknown group \"tell\".")]
    [InlineData("""{ "businesses": [ { "id": "b1", "demand": 1 } ], "creatives": [ { "id": "c1", "capacity": -1 } ], "scores": [ [0.5] ] }""",
        "Creative \"c1\" has a negative capacity (-1).")]
    [InlineData("""{ "businesses": [ { "id": "b1", "demand": 1 } ], "creatives": [ { "id": "c1", "capacity": 1 }, { "id": "c1", "capacity": 1 } ], "scores": [ [0.5, 0.5] ] }""",
        "The creative id \"c1\" appears twice.")]
    [InlineData("""{ "businesses": [ { "id": "b1", "demand": 1 } ], "creatives": [ { "id": "c1", "capcity": 1 } ], "scores": [ [0.5] ] }""",
        "capcity")]
    public async Task MJ4_SemanticErrorsAreReportedClearly(string json, string expected)
    {
        var (code, _, stderr) = await Run("match", "--input", Write("bad.json", json));
        Assert.Equal(MatchCommand.BadInput, code);
        Assert.Contains(expected, stderr);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("\"NaN\"")]
    public async Task MJ5_NotANumberIsRejectedWithItsPosition(string value)
    {
        var json = "{ \"businesses\": [ { \"id\": \"b1\", \"demand\": 1 } ],\n  \"creatives\": [ { \"id\": \"c1\", \"capacity\": 1 } ],\n  \"scores\": [ [" + value + "] ] }";
        var (code, _, stderr) = await Run("match", "--input", Write("nan.json", json));
        Assert.Equal(MatchCommand.BadInput, code);
        Assert.Contains("line 3", stderr);
    }

    [Fact]
    public async Task MC2_InfeasibleProblemExitsWithTwoAndWritesTheExplanation()
    {
        var json = """{ "businesses": [ { "id": "b1", "demand": 2 } ], "creatives": [ { "id": "c1", "capacity": 1 } ], "scores": [ [0.5] ] }""";
        var (code, stdout, _) = await Run("match", "--input", Write("short.json", json));
        Assert.Equal(MatchCommand.Infeasible, code);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("infeasible", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("The creatives have 1 place in all, 2 are needed.", result.RootElement.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task MC2_UnknownOptionExitsWithOneAndPrintsUsage()
    {
        var (code, _, stderr) = await Run("match", "--inptu", "x.json");
        Assert.Equal(MatchCommand.BadInput, code);
        Assert.Contains("usage:", stderr);
    }
}
