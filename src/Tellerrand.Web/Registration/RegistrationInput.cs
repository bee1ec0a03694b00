using System.Globalization;
using System.Text;

namespace Tellerrand.Web.Registration;

/// <summary>The consents both public forms ask for. Only <see cref="Privacy"/> is required to take part.</summary>
public sealed class ConsentInput
{
    public bool Privacy { get; set; }
    public bool NameOnExportedBoards { get; set; }
    public bool FollowUpContact { get; set; }
}

/// <summary>What a craft business enters in the public form; property names are the form's field names.</summary>
public sealed class BusinessRegistrationInput
{
    public string Company { get; set; } = "";
    public string Trade { get; set; } = "";
    public string? Region { get; set; }
    public BusinessSize Size { get; set; } = BusinessSize.Micro;
    public string ContactName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string Statement { get; set; } = "";
    public ChallengeCategory Category { get; set; } = ChallengeCategory.Other;
    public string? DesiredOutcome { get; set; }
    public ConsentInput Consent { get; set; } = new();
}

/// <summary>What a creative enters in the public form; property names are the form's field names.</summary>
public sealed class CreativeRegistrationInput
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public List<string> Disciplines { get; set; } = [];
    public string? PortfolioUrl { get; set; }
    public string? Bio { get; set; }
    public List<string> Languages { get; set; } = [];
    public string? Interests { get; set; }

    /// <summary>An event of one round asks one question: time for the whole event?</summary>
    public bool AvailableWholeEvent { get; set; }

    /// <summary>An event of several rounds asks per round (1-based); at least one is needed.</summary>
    public List<int> AvailableRounds { get; set; } = [];

    public ConsentInput Consent { get; set; } = new();
}

/// <summary>Languages a creative can work in, as ISO 639-1 codes; each is shown in its own language.</summary>
public static class WorkingLanguages
{
    public static IReadOnlyList<string> All { get; } = ["de", "en", "pl", "cs", "uk", "fr", "es", "it", "tr", "ar"];

    public static string NativeName(string code)
    {
        var name = CultureInfo.GetCultureInfo(code).NativeName;
        return char.ToUpper(name[0], CultureInfo.GetCultureInfo(code)) + name[1..];
    }
}

/// <summary>
/// Makes text typed into a public form safe to store: control characters and bidi overrides go (PostgreSQL
/// refuses NUL, and none of them belongs in a name or a challenge), line breaks stay only where a field is multi-line.
/// Markup is kept as typed: pages encode it on output, so it is shown, never run.
/// </summary>
public static class FormText
{
    public static string? Line(string? value) => Clean(value, multiLine: false);

    public static string? Block(string? value) => Clean(value, multiLine: true);

    private static string? Clean(string? value, bool multiLine)
    {
        if (value is null) return null;
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c is '\n' or '\r' or '\t') text.Append(multiLine && c == '\n' ? '\n' : ' ');
            else if (!char.IsControl(c) && !IsBidiOverride(c)) text.Append(c);
        }
        var cleaned = text.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Bidirectional overrides and isolates can make a name read differently from what it is.</summary>
    private static bool IsBidiOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
