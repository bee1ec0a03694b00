using System.Globalization;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Outreach;

/// <summary>Who one campaign mail is written for: the contact's details as the recipient row and contact list hold them.</summary>
public sealed record CampaignAddressee(string Email, string? Name, string? Company, string? Trade, string GroupKey);

/// <summary>A campaign mail as the recipient will read it.</summary>
public sealed record RenderedCampaignMail(string Subject, string Body, string UnsubscribeLink);

/// <summary>
/// Writes one campaign mail: the organiser's template for the recipient's trade group (or the default one)
/// with the placeholders filled in, and our footer with the unsubscribe link. The preview and the sender
/// both go through here, so the preview shows exactly what is sent. Campaign mails are German: the
/// organiser writes the templates, and contacts carry no language.
/// </summary>
public sealed class CampaignMails(IMailer mailer, IStringLocalizer<OutreachText> text)
{
    public static string ClickPath(string token) => $"c/{token}";

    public static string UnsubscribePath(string token) => $"unsubscribe/{token}";

    public RenderedCampaignMail Render(Campaign campaign, Event ev, CampaignAddressee to, string baseUrl, string token)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var template = campaign.Templates.FirstOrDefault(t => t.GroupKey == to.GroupKey)
                ?? campaign.Templates.Single(t => t.GroupKey == TradeGroups.Default);
            var unsubscribe = Absolute(baseUrl, UnsubscribePath(token));
            var values = new PlaceholderValues(
                Greeting(to), to.Name, to.Company, to.Trade, ev.Title, RegistrationMails.When(ev.StartsAt, ev.TimeZoneId), Absolute(baseUrl, ClickPath(token)));
            var subject = CampaignTemplating.Render(template.Subject, values).ReplaceLineEndings(" ");
            var body = CampaignTemplating.Render(template.Body, values) + "\n\n-- \n" + text["Mail_Footer", unsubscribe];
            return new(subject, body, unsubscribe);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>Queues the mail, with List-Unsubscribe (RFC 2369) and one-click unsubscribe (RFC 8058) for mail programs that offer a button.</summary>
    /// <remarks>Added to <paramref name="db"/> only: the caller's save queues it together with the recipient's claim (see <see cref="IMailer.Stage"/>).</remarks>
    public Guid Stage(TellerrandDb db, CampaignAddressee to, RenderedCampaignMail mail) =>
        mailer.Stage(db, new OutgoingMail(to.Email, to.Name ?? to.Company ?? "", mail.Subject, mail.Body, Headers: new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{mail.UnsubscribeLink}/one-click>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        }));

    /// <summary>Wakes the dispatcher once staged mails are committed.</summary>
    public void Wake() => mailer.Wake();

    private string Greeting(CampaignAddressee to) =>
        !string.IsNullOrWhiteSpace(to.Name) ? text["Greeting_Named", to.Name]
        : !string.IsNullOrWhiteSpace(to.Company) ? text["Greeting_Company", to.Company]
        : text["Greeting_Plain"];

    private static string Absolute(string baseUrl, string path) => new Uri(new Uri(baseUrl), path).AbsoluteUri;
}
