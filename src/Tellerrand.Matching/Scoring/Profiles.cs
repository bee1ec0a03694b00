namespace Tellerrand.Matching.Scoring;

/// <summary>One named, visible part of a pair's score (rule SC1). A pair's score is the sum of its contributions.</summary>
public sealed record ScoreContribution(string Name, double Value);

/// <summary>A business as the scoring sees it: its challenge, wishes and seats.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="ChallengeCategory">One of <see cref="RelevanceTable.Categories"/> (or a category the organiser added).</param>
/// <param name="Sector">The craft sector (e.g. an HwO trade group); compared with the creatives' known sectors.</param>
/// <param name="WishedDisciplines">Discipline keys the business hopes to meet.</param>
/// <param name="Languages">Languages its people work in (e.g. "de", "en", "pl").</param>
/// <param name="Organisation">Its organisation, for conflicts of interest; <c>null</c> when none.</param>
/// <param name="Demand">Creatives it meets in total.</param>
/// <param name="GroupDemand">Demand per group, or <c>null</c> when any group will do.</param>
public sealed record BusinessProfile(
    string Id,
    string ChallengeCategory,
    string? Sector,
    IReadOnlyList<string> WishedDisciplines,
    IReadOnlyList<string> Languages,
    string? Organisation,
    int Demand,
    IReadOnlyDictionary<string, int>? GroupDemand = null);

/// <summary>A creative as the scoring sees it: disciplines, interests and availability.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Disciplines">Discipline keys from disciplines.csv.</param>
/// <param name="InterestedCategories">Challenge categories the creative said it wants to work on.</param>
/// <param name="KnownSectors">Craft sectors the creative has worked with before.</param>
/// <param name="Languages">Languages the creative works in.</param>
/// <param name="Organisation">Its organisation (agency, studio), for conflicts of interest.</param>
/// <param name="Group">Complementarity group, or <c>null</c>.</param>
/// <param name="Capacity">Most businesses it meets.</param>
/// <param name="MinLoad">Fewest businesses it meets.</param>
/// <param name="UnavailableRounds">1-based rounds it cannot attend.</param>
public sealed record CreativeProfile(
    string Id,
    IReadOnlyList<string> Disciplines,
    IReadOnlyList<string> InterestedCategories,
    IReadOnlyList<string> KnownSectors,
    IReadOnlyList<string> Languages,
    string? Organisation,
    string? Group,
    int Capacity,
    int MinLoad = 0,
    IReadOnlyList<int>? UnavailableRounds = null);

/// <summary>Weights of the contributions (rule SC3) and the hard exclusions an organiser has set (rule SC4).</summary>
/// <param name="Relevance">Weight of the best discipline relevance.</param>
/// <param name="BusinessWish">Weight of the share of the creative's disciplines the business wished for.</param>
/// <param name="CreativeInterest">Added when the creative named the challenge's category.</param>
/// <param name="SharedLanguage">Added when the two share a language.</param>
/// <param name="CrossSectorDistance">Added when the creative has not worked in the business's sector yet: the distance cross-innovation seeks.</param>
/// <param name="ExcludeEarlierMeetings">Whether pairs in <see cref="EarlierMeetings"/> are excluded (SC4d).</param>
public sealed record ScoringRules(
    double Relevance = 1.0,
    double BusinessWish = 0.5,
    double CreativeInterest = 0.3,
    double SharedLanguage = 0.2,
    double CrossSectorDistance = 0.1,
    bool ExcludeEarlierMeetings = true)
{
    /// <summary>The relevance table; <see cref="RelevanceTable.Default"/> unless the organiser edited it.</summary>
    public RelevanceTable Table { get; init; } = RelevanceTable.Default;

    /// <summary>Declared conflicts of interest, as (business id, creative id).</summary>
    public IReadOnlySet<(string Business, string Creative)> DeclaredConflicts { get; init; } = new HashSet<(string, string)>();

    /// <summary>Pairs the organiser forbade.</summary>
    public IReadOnlySet<(string Business, string Creative)> ForbiddenPairs { get; init; } = new HashSet<(string, string)>();

    /// <summary>Pairs that met at an earlier event of the programme.</summary>
    public IReadOnlySet<(string Business, string Creative)> EarlierMeetings { get; init; } = new HashSet<(string, string)>();
}

/// <summary>A pair's score as contributions, or the hard exclusion that forbids it.</summary>
public sealed record PairScore(IReadOnlyList<ScoreContribution> Contributions, string? Exclusion)
{
    /// <summary>The sum of the contributions, or <c>null</c> when the pair is excluded.</summary>
    public double? Total => Exclusion is null ? Contributions.Sum(c => c.Value) : null;
}
