using System.Globalization;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

/// <summary>The feedback e-mails, each in its reader's language: the questionnaires and the contact requests.</summary>
public sealed class FeedbackMails(IMailer mailer, IStringLocalizer<FeedbackText> text)
{
    public Task SendInvitationAsync(Person person, string eventTitle, FeedbackKind kind, string link, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => (text[$"Mail_{kind}_Subject", eventTitle], text[$"Mail_{kind}_Body", person.DisplayName, eventTitle, link]));

    public Task SendContactRequestAsync(Person creative, string businessName, string eventTitle, string link, CancellationToken cancellationToken) =>
        SendAsync(creative, cancellationToken, () => (text["Mail_Request_Subject", businessName], text["Mail_Request_Body", creative.DisplayName, businessName, eventTitle, link]));

    /// <summary>After an acceptance each side gets the other's details.</summary>
    public Task SendContactSharedAsync(Person reader, Person other, CancellationToken cancellationToken) =>
        SendAsync(reader, cancellationToken, () => (text["Mail_Shared_Subject", other.DisplayName],
            text["Mail_Shared_Body", reader.DisplayName, other.DisplayName, other.Email, other.Phone ?? "–"]));

    /// <summary>A declined request: the business learns it kindly, and nothing of the creative beyond what it knew.</summary>
    public Task SendContactDeclinedAsync(Person business, string creativeName, CancellationToken cancellationToken) =>
        SendAsync(business, cancellationToken, () => (text["Mail_Declined_Subject"], text["Mail_Declined_Body", business.DisplayName, creativeName]));

    /// <summary>The culture is set inside this async method only; the caller's comes back when it returns.</summary>
    private async Task SendAsync(Person person, CancellationToken cancellationToken, Func<(string Subject, string Body)> compose)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(person.PreferredLanguage == "en" ? "en-GB" : "de-DE");
        var (subject, body) = compose();
        await mailer.SendAsync(new OutgoingMail(person.Email, person.DisplayName, subject, body), cancellationToken);
    }
}
