using Tellerrand.Matching.Scoring;
using Tellerrand.Matching.Tests.Support;

namespace Tellerrand.Matching.Tests;

public sealed class ExplanationTests
{
    private static readonly BusinessProfile Joinery = new("tischlerei", "product", "wood", ["industrial_design"], ["de"], "Holz GmbH", 2);
    private static readonly BusinessProfile Bakery = new("baeckerei", "marketing", "food", ["social_media", "photography"], ["de", "pl"], null, 2);

    private static readonly CreativeProfile[] Creatives =
    [
        new("anna", ["industrial_design", "product_design"], ["product"], [], ["de", "en"], null, null, 2),
        new("ben", ["social_media", "copywriting"], ["marketing", "brand"], ["food"], ["pl"], "Studio B", null, 2),
        new("cem", ["film_video"], [], [], ["en"], "Holz GmbH", null, 2),
        new("dora", ["ux_design", "web_development"], ["digital"], [], ["de"], null, null, 2),
    ];

    [Fact]
    public void MX1_ContributionsOfEveryRoomSumToThePairsScore()
    {
        var scored = PairScorer.Build([Joinery, Bakery], Creatives, new ScoringRules());
        var result = MatchingSolver.Solve(scored.Problem);
        var rooms = scored.ExplainRooms(result);
        Assert.Equal(2, rooms.Count);
        foreach (var pair in rooms.SelectMany(r => r.Creatives))
        {
            Assert.Equal(pair.Score, pair.Contributions.Sum(c => c.Value));
            Assert.Equal(5, pair.Contributions.Count);
        }
    }

    [Fact]
    public void SC4_SameOrganisationIsAHardExclusion()
    {
        var score = PairScorer.Score(Joinery, Creatives[2], new ScoringRules());
        Assert.Equal("same organisation", score.Exclusion);
        Assert.Null(score.Total);
    }

    [Fact]
    public void SC4_DeclaredConflictsForbiddenPairsAndEarlierMeetingsAreHardExclusions()
    {
        var rules = new ScoringRules
        {
            DeclaredConflicts = new HashSet<(string, string)> { ("tischlerei", "anna") },
            ForbiddenPairs = new HashSet<(string, string)> { ("tischlerei", "ben") },
            EarlierMeetings = new HashSet<(string, string)> { ("tischlerei", "dora") },
        };
        Assert.Equal("declared conflict of interest", PairScorer.Score(Joinery, Creatives[0], rules).Exclusion);
        Assert.Equal("forbidden by the organiser", PairScorer.Score(Joinery, Creatives[1], rules).Exclusion);
        Assert.Equal("met at an earlier event", PairScorer.Score(Joinery, Creatives[3], rules).Exclusion);
        Assert.Null(PairScorer.Score(Joinery, Creatives[3], rules with { ExcludeEarlierMeetings = false }).Exclusion);
    }

    [Fact]
    public void SC2_OrganisersCanEditTheRelevanceTable()
    {
        var rules = new ScoringRules { Table = RelevanceTable.Default.With("product", "film_video", 1.0) };
        var before = PairScorer.Score(Bakery with { ChallengeCategory = "product" }, Creatives[2], new ScoringRules());
        var after = PairScorer.Score(Bakery with { ChallengeCategory = "product" }, Creatives[2], rules);
        Assert.Equal(RelevanceTable.Fallback, before.Contributions.Single(c => c.Name == PairScorer.Names.Relevance).Value);
        Assert.Equal(1.0, after.Contributions.Single(c => c.Name == PairScorer.Names.Relevance).Value);
    }

    [Fact]
    public void SC2_ADisciplineEntryWinsOverItsSubmarketAndUnknownKeysFallBack()
    {
        Assert.Equal(1.0, RelevanceTable.Default.Relevance("product", "industrial_design"));
        Assert.Equal(0.6, RelevanceTable.Default.Relevance("product", "illustration"));
        Assert.Equal(RelevanceTable.Fallback, RelevanceTable.Default.Relevance("product", "music"));
        Assert.All(RelevanceTable.SubmarketOf.Keys, d => Assert.InRange(RelevanceTable.Default.Relevance("brand", d), 0, 1));
    }

    [Fact]
    public void MX2_RankIsThePositionAmongTheBusinessesOptions()
    {
        var scores = new ScoreMatrix(1, 3) { [0, 0] = 0.3, [0, 1] = 0.9, [0, 2] = 0.5 };
        var problem = new MatchingProblem(null, [], [new MatchingBusiness("b0", 1)],
            [new MatchingCreative("c0", null, 1), new MatchingCreative("c1", null, 0), new MatchingCreative("c2", null, 1)], scores);
        var assignment = Assert.Single(MatchingSolver.Solve(problem).Assignments);
        Assert.Equal(("c2", 2), (assignment.Creative, assignment.Rank));
    }

    [Fact]
    public void MX3_WhyNotCostEqualsTheBruteForceDifference()
    {
        var checkedPairs = 0;
        for (var seed = 0; checkedPairs < 40 && seed < 400; seed++)
        {
            var problem = SmallInstances.Create(seed);
            var optimum = BruteForce.Optimum(problem);
            if (optimum is null) continue;
            for (var b = 0; b < problem.Businesses.Count; b++)
            {
                for (var c = 0; c < problem.Creatives.Count; c++)
                {
                    var answer = MatchingSolver.WhyNot(problem, problem.Businesses[b].Id, problem.Creatives[c].Id);
                    var forced = BruteForce.Optimum(problem, (b, c));
                    if (forced is null)
                    {
                        Assert.Null(answer.Cost);
                        Assert.False(string.IsNullOrWhiteSpace(answer.Reason));
                        continue;
                    }
                    Assert.Equal(optimum.Value - forced.Value, answer.Cost!.Value, 1e-6);
                    Assert.Contains(answer.Forced.Assignments, a => a.Business == problem.Businesses[b].Id && a.Creative == problem.Creatives[c].Id);
                    checkedPairs++;
                }
            }
        }
        Assert.True(checkedPairs >= 40);
    }
}
