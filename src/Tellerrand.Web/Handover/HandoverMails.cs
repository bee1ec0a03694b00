using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tellerrand.Handover;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Handover;

/// <summary>
/// Tells the business, the creatives and the moderator of every room that the room's results are ready, with a fresh personal
/// link that opens the room's results page. Each person hears of each room once (<see cref="HandoverNotice"/>).
/// </summary>
public sealed class HandoverMails(
    IDbContextFactory<TellerrandDb> dbs,
    MagicLinks links,
    IMailer mailer,
    IStringLocalizer<HandoverMails> text,
    TimeProvider clock,
    ILogger<HandoverMails> logger)
{
    /// <summary>Queues the handover mail for everyone of <paramref name="eventId"/>'s rooms who has not had it; returns how many.</summary>
    /// <param name="baseUrl">Public address of this installation, for the personal links.</param>
    public async Task<int> SendAsync(Guid eventId, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var eventTitle = await db.Events.Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId)
            .OrderBy(r => r.Round).ThenBy(r => r.Number)
            .Select(r => new { r.Id, r.Number, Business = r.Business!.Name })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var room in rooms)
        {
            foreach (var (personId, _) in await HandoverRooms.RoomPeopleAsync(db, room.Id, cancellationToken))
            {
                if (await db.HandoverNotices.AnyAsync(n => n.RoomId == room.Id && n.PersonId == personId, cancellationToken))
                {
                    continue;
                }
                var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
                // Issued in its own transaction: should the notice below lose, an unused link expires unread.
                var link = await links.IssueAsync(person.Id, eventId, cancellationToken);
                // Notice and mail are saved together, both or neither: a crash in between can neither lose the mail nor send it twice.
                db.HandoverNotices.Add(new HandoverNotice { RoomId = room.Id, PersonId = personId, SentAt = clock.GetUtcNow() });
                mailer.Stage(db, Compose(person, eventTitle, room.Number, room.Business, $"{baseUrl.TrimEnd('/')}{link.RelativeUrlTo($"/results/{room.Id}")}"));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Sent by a concurrent freeze of the same event: the key is taken, and the staged mail goes with the failed save.
                    db.ChangeTracker.Clear();
                    continue;
                }
                sent++;
            }
        }
        if (sent > 0)
        {
            mailer.Wake();
        }
        logger.LogInformation("Queued {Count} handover mails for event {EventId}", sent, eventId);
        return sent;
    }

    private OutgoingMail Compose(Person person, string eventTitle, int roomNumber, string business, string link)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = HandoverCulture.Of(person.PreferredLanguage);
        try
        {
            return new OutgoingMail(person.Email, person.DisplayName, text["Subject", eventTitle],
                text["Body", person.DisplayName, eventTitle, roomNumber, business, link]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>The culture a package or mail is made in: English for people who chose it, German otherwise.</summary>
internal static class HandoverCulture
{
    public static CultureInfo Of(string? language) => language == "en" ? new CultureInfo("en-GB") : new CultureInfo("de-DE");
}
