using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Events;
using Tellerrand.Web.Localization;

namespace Tellerrand.Web.Components;

/// <summary>Shows broken rules in a form, next to the field they concern, in the reader's language.</summary>
public static class RuleViolationMessages
{
    public static string Localize(this IStringLocalizer<SharedResource> text, RuleViolation violation) =>
        text[violation.MessageKey, violation.Arguments];

    /// <summary>
    /// Adds each violation to the field of <paramref name="model"/> it names; violations of the whole
    /// form, or of fields the form does not show, go to the form's summary.
    /// </summary>
    public static void Show(this ValidationMessageStore store, EditContext context, object model,
        IEnumerable<RuleViolation> violations, IStringLocalizer<SharedResource> text)
    {
        store.Clear();
        foreach (var violation in violations)
        {
            var field = model.GetType().GetProperty(violation.Field) is null
                ? new FieldIdentifier(model, string.Empty)
                : new FieldIdentifier(model, violation.Field);
            store.Add(field, text.Localize(violation));
        }
        context.NotifyValidationStateChanged();
    }
}
