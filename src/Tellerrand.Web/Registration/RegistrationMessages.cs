using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Registration;

/// <summary>Shows a registration's broken rules next to their fields, in the reader's language.</summary>
public static class RegistrationMessages
{
    /// <summary>A violation in the reader's language; <see cref="FieldLabel"/> arguments are looked up in the same resources (outreach uses it too).</summary>
    public static string Localize(this IStringLocalizer text, RuleViolation violation) =>
        text[violation.MessageKey, violation.Arguments.Select(a => a is FieldLabel label ? text[label.Key].Value : a).ToArray()];

    /// <summary>
    /// Adds each violation to the field it names; a dotted name ("Consent.Privacy") reaches into a nested
    /// model. Violations of the whole form, or of fields it does not show, go to the summary.
    /// </summary>
    public static void Show(this ValidationMessageStore store, EditContext context, object model,
        IEnumerable<RuleViolation> violations, IStringLocalizer<RegistrationText> text)
    {
        store.Clear();
        foreach (var violation in violations)
        {
            store.Add(Field(model, violation.Field), text.Localize(violation));
        }
        context.NotifyValidationStateChanged();
    }

    private static FieldIdentifier Field(object model, string path)
    {
        var owner = model;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            owner = owner.GetType().GetProperty(part)?.GetValue(owner);
            if (owner is null) return new FieldIdentifier(model, string.Empty);
        }
        return owner.GetType().GetProperty(parts[^1]) is null
            ? new FieldIdentifier(model, string.Empty)
            : new FieldIdentifier(owner, parts[^1]);
    }
}
