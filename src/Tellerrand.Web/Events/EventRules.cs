using System.Text.RegularExpressions;

namespace Tellerrand.Web.Events;

/// <summary>
/// A broken rule, named by a resource key in <c>SharedResource</c> so that the API and every page
/// say the same thing in the reader's language. <see cref="Arguments"/> fill the message's placeholders.
/// </summary>
public sealed record RuleViolation(string Field, string MessageKey, params object[] Arguments);

/// <summary>Slugs are the public address of an event, so they stay short, lower-case and URL-safe.</summary>
public static partial class EventSlug
{
    public const int MaxLength = 80;

    public static bool IsValid(string? slug) =>
        slug is { Length: >= 3 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>Turns a title into a slug proposal: umlauts transliterated as Germans write them.</summary>
    public static string Propose(string title)
    {
        var lower = title.Trim().ToLowerInvariant()
            .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss");
        var slug = NonSlugCharacters().Replace(lower, "-").Trim('-');
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugCharacters();
}

public static class EventTimeZones
{
    public const string Default = "Europe/Berlin";

    /// <summary>Every IANA zone this machine knows, for the organiser's picker.</summary>
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId && z.Id.Contains('/', StringComparison.Ordinal))
        .Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>Only IANA ids: calendar files and browsers understand them, Windows ids they do not.</summary>
    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && id.Contains('/', StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId;

    /// <summary>Converts a wall-clock time at the event's place to the UTC instant stored at rest.</summary>
    public static DateTimeOffset ToUtc(DateTime localTime, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }

    public static DateTime ToLocal(DateTimeOffset utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime;
}

/// <summary>The rules an event and its agenda must satisfy, checked the same way by pages and the API.</summary>
public static class EventRules
{
    public const int MaxDurationMinutes = 12 * 60;

    public static IReadOnlyList<RuleViolation> CheckDetails(
        string? title, string? slug, string? timeZoneId, int durationMinutes,
        int businessCapacity, int creativesPerRoom, int rounds)
    {
        var violations = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(title))
            violations.Add(new("Title", "Rule_TitleRequired"));
        if (!EventSlug.IsValid(slug))
            violations.Add(new("Slug", "Rule_SlugInvalid", EventSlug.MaxLength));
        if (!EventTimeZones.IsKnown(timeZoneId))
            violations.Add(new("TimeZoneId", "Rule_TimeZoneUnknown", timeZoneId ?? ""));
        if (durationMinutes is < 15 or > MaxDurationMinutes)
            violations.Add(new("DurationMinutes", "Rule_DurationRange", 15, MaxDurationMinutes));
        if (businessCapacity is < 1 or > 500)
            violations.Add(new("BusinessCapacity", "Rule_BusinessCapacityRange", 1, 500));
        if (creativesPerRoom is < 1 or > 10)
            violations.Add(new("CreativesPerRoom", "Rule_CreativesPerRoomRange", 1, 10));
        if (rounds is < 1 or > 10)
            violations.Add(new("Rounds", "Rule_RoundsRange", 1, 10));
        return violations;
    }

    /// <summary>
    /// The agenda must fit into the event. Saying by how many minutes it does not is what lets an
    /// organiser fix it in one go instead of guessing.
    /// </summary>
    public static IReadOnlyList<RuleViolation> CheckAgenda(int eventDurationMinutes, IEnumerable<(string Title, int DurationMinutes)> phases)
    {
        var violations = new List<RuleViolation>();
        var total = 0;
        var index = 0;
        foreach (var (phaseTitle, minutes) in phases)
        {
            index++;
            if (string.IsNullOrWhiteSpace(phaseTitle))
                violations.Add(new($"Phases[{index}].Title", "Rule_PhaseTitleRequired", index));
            if (minutes is < 1 or > MaxDurationMinutes)
                violations.Add(new($"Phases[{index}].DurationMinutes", "Rule_PhaseDurationRange", index, 1, MaxDurationMinutes));
            total += Math.Max(minutes, 0);
        }
        if (total > eventDurationMinutes)
            violations.Add(new("Phases", "Rule_AgendaTooLong", total, eventDurationMinutes, total - eventDurationMinutes));
        return violations;
    }
}
