using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>
/// Tells everybody in a confirmed room where they sit, with whom and on which challenge, in their own
/// language, with a fresh personal link to their page (where the same room is shown).
/// </summary>
public sealed class RoomMails(
    IDbContextFactory<TellerrandDb> dbFactory,
    MagicLinks links,
    IMailer mailer,
    IStringLocalizer<RoomMails> text,
    ILogger<RoomMails> logger)
{
    public async Task<int> SendAsync(Guid eventId, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var eventTitle = await db.Events.Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId)
            .Include(r => r.Business).ThenInclude(b => b!.Challenges)
            .Include(r => r.Creatives).ThenInclude(c => c.Person)
            .Include(r => r.Moderator)
            .ToListAsync(cancellationToken);
        var representatives = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null)
            .Select(p => new { BusinessId = p.BusinessId!.Value, p.Person })
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var room in rooms)
        {
            var people = representatives.Where(r => r.BusinessId == room.BusinessId).Select(r => r.Person!)
                .Concat(room.Creatives.Select(c => c.Person!))
                .Concat(room.Moderator is null ? [] : [room.Moderator])
                .DistinctBy(p => p.Id);
            foreach (var person in people)
            {
                var link = await links.IssueAsync(person.Id, eventId, cancellationToken);
                await mailer.SendAsync(Compose(person, eventTitle, room, $"{baseUrl.TrimEnd('/')}{link.RelativeUrl}"), cancellationToken);
                sent++;
            }
        }
        logger.LogInformation("Sent {Count} room mails for event {EventId}", sent, eventId);
        return sent;
    }

    private OutgoingMail Compose(Person person, string eventTitle, Room room, string link)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = person.PreferredLanguage == "en" ? new CultureInfo("en-GB") : new CultureInfo("de-DE");
        try
        {
            var challenge = room.Business!.Challenges.FirstOrDefault(c => c.EventId == room.EventId)?.Statement ?? "";
            var creatives = string.Join(", ", room.Creatives.Select(c => c.Person!.DisplayName).Order(StringComparer.Ordinal));
            var body = text["Body", person.DisplayName, eventTitle, room.Number, room.Business.Name, challenge, creatives,
                room.Moderator?.DisplayName ?? text["NoModerator"], link];
            return new OutgoingMail(person.Email, person.DisplayName, text["Subject", eventTitle], body);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
