using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

/// <summary>A questionnaire as the form hands it in: choices as the strings the radio buttons post, so nothing typed is lost on an error.</summary>
public sealed class FeedbackInput
{
    public string? Value { get; set; }
    public string? MostUseful { get; set; }
    public string? TakePartAgain { get; set; }
    public string? Comment { get; set; }
    public string? Implemented { get; set; }
    public string? ContinuedWithCreative { get; set; }
}

/// <summary>The cleaned answers of a questionnaire, ready to store.</summary>
public sealed record FeedbackAnswers(int? Value, string? MostUseful, bool? TakePartAgain, string? Comment, string? Implemented, bool? ContinuedWithCreative);

/// <summary>What a questionnaire must contain; each broken rule names its field.</summary>
public static class FeedbackRules
{
    public const int ShortText = 500;
    public const int LongText = 4000;

    public static FeedbackAnswers Check(FeedbackKind kind, FeedbackInput input, List<RuleViolation> violations)
    {
        var mostUseful = Limit(violations, nameof(input.MostUseful), FormText.Block(input.MostUseful), ShortText);
        var comment = Limit(violations, nameof(input.Comment), FormText.Block(input.Comment), LongText);
        if (kind == FeedbackKind.Survey)
        {
            int? value = int.TryParse(input.Value, out var v) && v is >= 1 and <= 5 ? v : null;
            if (value is null) violations.Add(new(nameof(input.Value), "Feedback_ValueRequired"));
            var again = YesNo(input.TakePartAgain);
            if (again is null) violations.Add(new(nameof(input.TakePartAgain), "Feedback_AgainRequired"));
            return new FeedbackAnswers(value, mostUseful, again, comment, null, null);
        }
        var implemented = Limit(violations, nameof(input.Implemented), FormText.Block(input.Implemented), LongText);
        var continued = YesNo(input.ContinuedWithCreative);
        if (continued is null) violations.Add(new(nameof(input.ContinuedWithCreative), "Feedback_ContinuedRequired"));
        return new FeedbackAnswers(null, null, null, comment, implemented, continued);
    }

    private static bool? YesNo(string? value) => value switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    private static string? Limit(List<RuleViolation> violations, string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) violations.Add(new(field, "Feedback_TooLong", maxLength, value.Length));
        return value;
    }
}
