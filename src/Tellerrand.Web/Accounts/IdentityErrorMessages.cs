using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Localization;

namespace Tellerrand.Web.Accounts;

/// <summary>
/// Identity's errors in the reader's language, never its English descriptions: <c>Identity_{Code}</c>
/// from <see cref="SharedResource"/> (what <see cref="StaffAccounts"/> also reports), else from
/// <see cref="AccountsText"/>, else a general message.
/// </summary>
public static class IdentityErrorMessages
{
    public static string Describe(this IStringLocalizer<AccountsText> text, IStringLocalizer<SharedResource> shared, IdentityError error)
    {
        var key = "Identity_" + error.Code;
        var message = shared[key];
        if (!message.ResourceNotFound) return message;
        message = text[key];
        return message.ResourceNotFound ? text["Identity_DefaultError"] : message;
    }

    /// <summary>
    /// Adds Identity's errors to a form: password rules next to <paramref name="passwordField"/>,
    /// a wrong current password next to <paramref name="currentPasswordField"/>, everything else to the summary.
    /// </summary>
    public static void ShowIdentityErrors(this ValidationMessageStore store, EditContext context, IEnumerable<IdentityError> errors,
        IStringLocalizer<AccountsText> text, IStringLocalizer<SharedResource> shared,
        string? passwordField = null, string? currentPasswordField = null)
    {
        store.Clear();
        foreach (var error in errors)
        {
            var field = error.Code switch
            {
                "PasswordMismatch" => currentPasswordField,
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                _ => null,
            };
            store.Add(new FieldIdentifier(context.Model, field ?? string.Empty), text.Describe(shared, error));
        }
        context.NotifyValidationStateChanged();
    }
}
