using System.Globalization;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Feedback;

/// <summary>The feedback e-mails, each in its reader's language: the questionnaires and the contact requests.</summary>
public sealed class FeedbackMails(IMailer mailer, IStringLocalizer<FeedbackText> text)
{
    /// <summary>Adds the invitation to <paramref name="db"/>, to be queued by the caller's save together with its claim (see <see cref="IMailer.Stage"/>).</summary>
    public void StageInvitation(TellerrandDb db, Person person, string eventTitle, FeedbackKind kind, string link) =>
        mailer.Stage(db, Compose(person, () => (text[$"Mail_{kind}_Subject", eventTitle], text[$"Mail_{kind}_Body", person.DisplayName, eventTitle, link])));

    /// <summary>Wakes the dispatcher once staged invitations are committed.</summary>
    public void Wake() => mailer.Wake();

    public Task SendContactRequestAsync(Person creative, string businessName, string eventTitle, string link, CancellationToken cancellationToken) =>
        SendAsync(creative, cancellationToken, () => (text["Mail_Request_Subject", businessName], text["Mail_Request_Body", creative.DisplayName, businessName, eventTitle, link]));

    /// <summary>After an acceptance each side gets the other's details.</summary>
    public Task SendContactSharedAsync(Person reader, Person other, CancellationToken cancellationToken) =>
        SendAsync(reader, cancellationToken, () => (text["Mail_Shared_Subject", other.DisplayName],
            text["Mail_Shared_Body", reader.DisplayName, other.DisplayName, other.Email, other.Phone ?? "–"]));

    /// <summary>A declined request: the business learns it kindly, and nothing of the creative beyond what it knew.</summary>
    public Task SendContactDeclinedAsync(Person business, string creativeName, CancellationToken cancellationToken) =>
        SendAsync(business, cancellationToken, () => (text["Mail_Declined_Subject"], text["Mail_Declined_Body", business.DisplayName, creativeName]));

    private Task SendAsync(Person person, CancellationToken cancellationToken, Func<(string Subject, string Body)> compose) =>
        mailer.SendAsync(Compose(person, compose), cancellationToken);

    /// <summary>Writes the mail in the reader's language; the caller's culture comes back afterwards.</summary>
    private static OutgoingMail Compose(Person person, Func<(string Subject, string Body)> compose)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(person.PreferredLanguage == "en" ? "en-GB" : "de-DE");
        try
        {
            var (subject, body) = compose();
            return new OutgoingMail(person.Email, person.DisplayName, subject, body);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
