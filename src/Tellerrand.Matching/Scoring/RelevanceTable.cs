using System.Collections.Frozen;

namespace Tellerrand.Matching.Scoring;

/// <summary>
/// How relevant a creative discipline is to a challenge category, from 0 to 1 (rule SC2). Organisers edit the table
/// with <see cref="With"/>; <see cref="Default"/> is our starting point, explained beside each category below.
/// Lookups go discipline first, then the discipline's submarket, then <see cref="Fallback"/>.
/// </summary>
public sealed class RelevanceTable
{
    /// <summary>
    /// Relevance of anything the table does not name. Not zero: an unrelated field still brings the outside view that
    /// cross-innovation is after, so it should lose to a fitting discipline but never be excluded by the table.
    /// </summary>
    public const double Fallback = 0.2;

    private readonly FrozenDictionary<(string Category, string Key), double> entries;

    private RelevanceTable(IEnumerable<KeyValuePair<(string, string), double>> entries) => this.entries = entries.ToFrozenDictionary();

    /// <summary>The challenge categories the default table knows (keys used in <see cref="BusinessProfile.ChallengeCategory"/>).</summary>
    public static IReadOnlyList<string> Categories { get; } = ["product", "brand", "marketing", "digital", "space", "service", "employer"];

    /// <summary>Discipline keys of shared/data/disciplines.csv with their submarket (teilmaerkte.csv), as of 2026-11.</summary>
    public static IReadOnlyDictionary<string, string> SubmarketOf { get; } = new Dictionary<string, string>
    {
        ["industrial_design"] = "design", ["product_design"] = "design", ["communication_design"] = "design",
        ["graphic_design"] = "design", ["ux_design"] = "design", ["service_design"] = "design",
        ["interior_design"] = "architecture", ["fashion_design"] = "design", ["illustration"] = "design",
        ["photography"] = "design", ["architecture"] = "architecture", ["storytelling"] = "press",
        ["copywriting"] = "advertising", ["journalism"] = "press", ["pr"] = "advertising",
        ["online_marketing"] = "advertising", ["social_media"] = "advertising", ["branding"] = "advertising",
        ["film_video"] = "film", ["animation"] = "film", ["sound_design"] = "music", ["music"] = "music",
        ["podcast"] = "broadcasting", ["performing"] = "performing_arts", ["fine_art"] = "art",
        ["web_development"] = "software_games", ["software_development"] = "software_games",
        ["games_gamification"] = "software_games", ["xr"] = "software_games",
    }.ToFrozenDictionary();

    /// <summary>The default table. Keys are disciplines or submarkets; a discipline entry wins over its submarket's.</summary>
    public static RelevanceTable Default { get; } = new(Rows(
        // A new product or a redesign is the core work of product and industrial design; space and art bring form.
        ("product", [("industrial_design", 1.0), ("product_design", 1.0), ("design", 0.6), ("architecture", 0.5), ("art", 0.5), ("xr", 0.5), ("software_games", 0.4)]),
        // Identity and appearance: branding and communication design first, then the people who make words and images.
        ("brand", [("branding", 1.0), ("communication_design", 0.9), ("graphic_design", 0.8), ("advertising", 0.8), ("storytelling", 0.7), ("copywriting", 0.7), ("photography", 0.6), ("design", 0.5), ("press", 0.6), ("film", 0.5)]),
        // Reaching customers: the advertising submarket and the media that carry it.
        ("marketing", [("online_marketing", 1.0), ("social_media", 1.0), ("pr", 0.9), ("advertising", 0.9), ("copywriting", 0.8), ("film_video", 0.7), ("press", 0.7), ("web_development", 0.6), ("photography", 0.6), ("film", 0.6), ("broadcasting", 0.6), ("design", 0.4), ("software_games", 0.4)]),
        // Digital services and tools: software and UX, with service design shaping the process around them.
        ("digital", [("ux_design", 1.0), ("web_development", 1.0), ("software_development", 1.0), ("software_games", 0.9), ("service_design", 0.8), ("xr", 0.8), ("games_gamification", 0.7), ("design", 0.4), ("advertising", 0.4)]),
        // Showroom, shop or workshop space: architecture and interior design, then those who stage and exhibit.
        ("space", [("architecture", 1.0), ("interior_design", 1.0), ("industrial_design", 0.6), ("fine_art", 0.5), ("design", 0.4), ("performing_arts", 0.3)]),
        // Services, processes and the customer's experience of them: service design, then UX and play.
        ("service", [("service_design", 1.0), ("ux_design", 0.8), ("games_gamification", 0.6), ("storytelling", 0.5), ("performing", 0.5), ("design", 0.5)]),
        // Finding apprentices and staff: people who tell stories in moving images and social media.
        ("employer", [("storytelling", 0.9), ("film_video", 0.9), ("social_media", 0.9), ("film", 0.8), ("branding", 0.8), ("pr", 0.8), ("photography", 0.7), ("podcast", 0.7), ("advertising", 0.7), ("games_gamification", 0.6), ("press", 0.6), ("broadcasting", 0.6)])));

    /// <summary>Relevance of one discipline to one category.</summary>
    public double Relevance(string category, string discipline)
    {
        if (entries.TryGetValue((category, discipline), out var value)) return value;
        if (SubmarketOf.TryGetValue(discipline, out var submarket) && entries.TryGetValue((category, submarket), out value)) return value;
        return Fallback;
    }

    /// <summary>A copy with one entry set; <paramref name="key"/> is a discipline or a submarket key.</summary>
    public RelevanceTable With(string category, string key, double relevance)
    {
        if (!double.IsFinite(relevance) || relevance < 0 || relevance > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(relevance), relevance, "A relevance lies between 0 and 1.");
        }
        var copy = entries.ToDictionary();
        copy[(category, key)] = relevance;
        return new RelevanceTable(copy);
    }

    private static IEnumerable<KeyValuePair<(string, string), double>> Rows(params (string Category, (string Key, double Value)[] Entries)[] rows) =>
        rows.SelectMany(row => row.Entries.Select(e => KeyValuePair.Create((row.Category, e.Key), e.Value)));
}
