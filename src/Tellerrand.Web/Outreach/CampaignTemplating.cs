using System.Text;
using System.Text.RegularExpressions;

namespace Tellerrand.Web.Outreach;

/// <summary>The values one recipient's mail is written with; null values render as an empty string.</summary>
public sealed record PlaceholderValues(
    string Greeting, string? Name, string? Company, string? Trade, string EventTitle, string EventDate, string RegistrationLink);

/// <summary>A placeholder the organiser wrote that we do not know, with the text it stood in.</summary>
public sealed record PlaceholderProblem(string Field, string MessageKey, string Placeholder);

/// <summary>
/// The placeholders of campaign templates, <c>{Name}</c> style, German names as organisers write them.
/// Pure: checks a template and renders it for one recipient. Unknown placeholders are refused before
/// anything is sent, so no recipient ever reads a raw <c>{Vorname}</c>.
/// </summary>
public static partial class CampaignTemplating
{
    public static IReadOnlyList<string> Placeholders { get; } = ["Anrede", "Name", "Betrieb", "Gewerk", "Veranstaltung", "Datum", "Anmeldelink"];

    /// <summary>Each unknown placeholder and each brace left open, in the order they appear.</summary>
    public static IReadOnlyList<PlaceholderProblem> Check(string field, string? text)
    {
        var problems = new List<PlaceholderProblem>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new(field, "Template_Empty", ""));
            return problems;
        }
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (!Placeholders.Contains(name, StringComparer.Ordinal)) problems.Add(new(field, "Template_UnknownPlaceholder", match.Value));
        }
        // A lone brace is almost always a placeholder typed wrong ("{Name" or "Name}").
        var stripped = Placeholder().Replace(text, "");
        if (stripped.Contains('{') || stripped.Contains('}')) problems.Add(new(field, "Template_OpenBrace", ""));
        return problems;
    }

    public static string Render(string template, PlaceholderValues values)
    {
        var result = new StringBuilder(template.Length + 200);
        var last = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            result.Append(template, last, match.Index - last);
            result.Append(match.Groups[1].Value switch
            {
                "Anrede" => values.Greeting,
                "Name" => values.Name,
                "Betrieb" => values.Company,
                "Gewerk" => values.Trade,
                "Veranstaltung" => values.EventTitle,
                "Datum" => values.EventDate,
                "Anmeldelink" => values.RegistrationLink,
                _ => match.Value,
            });
            last = match.Index + match.Length;
        }
        result.Append(template, last, template.Length - last);
        return result.ToString();
    }

    [GeneratedRegex(@"\{([^{}\r\n]{0,60})\}")]
    private static partial Regex Placeholder();
}
