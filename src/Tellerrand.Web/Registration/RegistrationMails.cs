using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Events;
using Tellerrand.Web.Mail;

namespace Tellerrand.Web.Registration;

/// <summary>
/// The e-mails of registration, each in the person's language: please confirm, your link again,
/// you are in (with the calendar file), you are on the waiting list.
/// </summary>
public sealed class RegistrationMails(IMailer mailer, IStringLocalizer<RegistrationText> text)
{
    public Task SendPleaseConfirmAsync(Person person, RegistrationEvent ev, string confirmLink, bool full, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => new(
            text["Mail_Confirm_Subject", ev.Title],
            text["Mail_Confirm_Body", person.DisplayName, ev.Title, When(ev.StartsAt, ev.TimeZoneId), confirmLink,
                full ? text["Mail_Confirm_Full"].Value : ""]));

    public Task SendLinkAgainAsync(Person person, RegistrationEvent ev, string link, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => new(
            text["Mail_Again_Subject", ev.Title],
            text["Mail_Again_Body", person.DisplayName, ev.Title, link]));

    public Task SendConfirmedAsync(Person person, Event ev, string personalLink, string eventPage, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => new(
            text["Mail_Confirmed_Subject", ev.Title],
            text["Mail_Confirmed_Body", person.DisplayName, ev.Title, When(ev.StartsAt, ev.TimeZoneId), personalLink],
            [new MailAttachment("tellerrand.ics", "text/calendar; charset=utf-8; method=PUBLISH", Invitation(ev, eventPage))]));

    public Task SendWaitlistedAsync(Person person, Event ev, string personalLink, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => new(
            text["Mail_Waitlisted_Subject", ev.Title],
            text["Mail_Waitlisted_Body", person.DisplayName, ev.Title, When(ev.StartsAt, ev.TimeZoneId), personalLink]));

    /// <summary>An organiser moved the person from a place to the waiting list.</summary>
    public Task SendMovedToWaitlistAsync(Person person, Event ev, string personalLink, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => new(
            text["Mail_MovedToWaitlist_Subject", ev.Title],
            text["Mail_MovedToWaitlist_Body", person.DisplayName, ev.Title, When(ev.StartsAt, ev.TimeZoneId), personalLink]));

    /// <summary>An organiser declined the application. No link: there is nothing left to do with it.</summary>
    public Task SendDeclinedAsync(Person person, Event ev, CancellationToken cancellationToken) =>
        SendAsync(person, cancellationToken, () => new(
            text["Mail_Declined_Subject", ev.Title],
            text["Mail_Declined_Body", person.DisplayName, ev.Title, When(ev.StartsAt, ev.TimeZoneId)]));

    /// <summary>
    /// The calendar entry in the event's own time zone (with its VTIMEZONE), so that a calendar anywhere
    /// shows the right hour. PUBLISH, not REQUEST: there is no organiser mailbox to answer to.
    /// </summary>
    internal static byte[] Invitation(Event ev, string eventPage)
    {
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH", ProductId = "-//Tellerrand//Registration//DE" };
        calendar.AddTimeZone(ev.TimeZoneId);
        var start = EventTimeZones.ToLocal(ev.StartsAt, ev.TimeZoneId);
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{ev.Id}@tellerrand",
            Summary = ev.Title,
            Description = eventPage,
            Url = new Uri(eventPage),
            DtStart = new CalDateTime(start, ev.TimeZoneId, true),
            DtEnd = new CalDateTime(start.AddMinutes(ev.DurationMinutes), ev.TimeZoneId, true),
        });
        return Encoding.UTF8.GetBytes(new CalendarSerializer(calendar).SerializeToString()!);
    }

    /// <summary>The start as people read it, in the current culture and the event's zone; campaign mails say it the same way.</summary>
    internal static string When(DateTimeOffset startsAt, string timeZoneId)
    {
        var local = EventTimeZones.ToLocal(startsAt, timeZoneId);
        return $"{local.ToString("D", CultureInfo.CurrentCulture)}, {local.ToString("t", CultureInfo.CurrentCulture)} ({timeZoneId})";
    }

    private sealed record Content(string Subject, string Body, IReadOnlyList<MailAttachment>? Attachments = null);

    /// <summary>
    /// Writes the message in the person's language. The culture is set inside this async method only:
    /// the caller's culture is restored when it returns, because culture flows like an AsyncLocal.
    /// </summary>
    private async Task SendAsync(Person person, CancellationToken cancellationToken, Func<Content> compose)
    {
        var culture = person.PreferredLanguage == "en" ? "en-GB" : "de-DE";
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var content = compose();
        await mailer.SendAsync(new OutgoingMail(person.Email, person.DisplayName, content.Subject, content.Body, Attachments: content.Attachments), cancellationToken);
    }
}
