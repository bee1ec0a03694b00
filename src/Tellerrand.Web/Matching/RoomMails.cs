using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>
/// Tells people where they sit — every round's room, with whom and on which challenge — in their own language, with
/// a fresh personal link to their page (where the same rooms and the others' profiles are shown). After a change only
/// the people whose rooms changed are written to; someone left without a room is told so.
/// </summary>
public sealed class RoomMails(
    IDbContextFactory<TellerrandDb> dbFactory,
    MagicLinks links,
    IMailer mailer,
    IStringLocalizer<RoomMails> text,
    ILogger<RoomMails> logger)
{
    /// <param name="eventId">The event.</param>
    /// <param name="baseUrl">Public address of this installation, for the personal links.</param>
    /// <param name="only">The people to write to; <c>null</c> for everybody with a room.</param>
    /// <param name="changed">Whether the rooms were published before, so the mail says they changed.</param>
    public async Task<int> SendAsync(Guid eventId, string baseUrl, IReadOnlySet<Guid>? only = null, bool changed = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var eventTitle = await db.Events.Where(e => e.Id == eventId).Select(e => e.Title).SingleAsync(cancellationToken);
        var rounds = await db.Events.Where(e => e.Id == eventId).Select(e => e.Rounds).SingleAsync(cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId)
            .Include(r => r.Business).ThenInclude(b => b!.Challenges)
            .Include(r => r.Creatives).ThenInclude(c => c.Person).ThenInclude(p => p!.CreativeProfile)
            .Include(r => r.Moderator)
            .OrderBy(r => r.Round).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken);
        var representatives = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null)
            .Select(p => new { BusinessId = p.BusinessId!.Value, p.Person })
            .ToListAsync(cancellationToken);

        var seated = new Dictionary<Guid, (Person Person, List<Room> Rooms)>();
        foreach (var room in rooms)
        {
            var people = representatives.Where(r => r.BusinessId == room.BusinessId).Select(r => r.Person!)
                .Concat(room.Creatives.Select(c => c.Person!))
                .Concat(room.Moderator is null ? [] : [room.Moderator])
                .DistinctBy(p => p.Id);
            foreach (var person in people)
            {
                if (!seated.TryGetValue(person.Id, out var entry)) seated[person.Id] = entry = (person, []);
                entry.Rooms.Add(room);
            }
        }
        var recipients = only is null
            ? seated.Values.ToList()
            : await RecipientsAsync(db, only, seated, cancellationToken);

        var sent = 0;
        foreach (var (person, personRooms) in recipients)
        {
            var link = await links.IssueAsync(person.Id, eventId, cancellationToken);
            await mailer.SendAsync(Compose(person, eventTitle, rounds, personRooms, changed, $"{baseUrl.TrimEnd('/')}{link.RelativeUrl}"), cancellationToken);
            sent++;
        }
        logger.LogInformation("Sent {Count} room mails for event {EventId}", sent, eventId);
        return sent;
    }

    private static async Task<List<(Person Person, List<Room> Rooms)>> RecipientsAsync(TellerrandDb db, IReadOnlySet<Guid> only,
        Dictionary<Guid, (Person Person, List<Room> Rooms)> seated, CancellationToken cancellationToken)
    {
        var ids = only.ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return people.Select(p => seated.TryGetValue(p.Id, out var entry) ? entry : (p, [])).ToList();
    }

    private OutgoingMail Compose(Person person, string eventTitle, int rounds, IReadOnlyList<Room> rooms, bool changed, string link)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = person.PreferredLanguage == "en" ? new CultureInfo("en-GB") : new CultureInfo("de-DE");
        try
        {
            if (rooms.Count == 0)
            {
                return new OutgoingMail(person.Email, person.DisplayName, text["Subject", eventTitle], text["BodyNoRoom", person.DisplayName, eventTitle, link]);
            }
            var described = new StringBuilder();
            foreach (var room in rooms)
            {
                var challenge = room.Business!.Challenges.FirstOrDefault(c => c.EventId == room.EventId)?.Statement ?? "";
                var creatives = string.Join(", ", room.Creatives.Select(c => c.Person!).OrderBy(p => p.DisplayName, StringComparer.Ordinal)
                    .Select(p => p.CreativeProfile is { Disciplines.Count: > 0 } profile
                        ? $"{p.DisplayName} ({string.Join(", ", profile.Disciplines.Select(MyRooms.DisciplineName))})"
                        : p.DisplayName));
                var where = rounds > 1 ? text["RoundRoom", room.Round, room.Number] : text["Room", room.Number];
                described.Append(text["RoomBlock", where, room.Business.Name, challenge, creatives, room.Moderator?.DisplayName ?? text["NoModerator"]]);
            }
            var body = text[changed ? "BodyChanged" : "Body", person.DisplayName, eventTitle, described.ToString(), link];
            return new OutgoingMail(person.Email, person.DisplayName, text[changed ? "SubjectChanged" : "Subject", eventTitle], body);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
