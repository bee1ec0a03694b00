using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Live;

/// <summary>One seat set of a room a test seeded: the business's representative, two creatives and the moderator.</summary>
public sealed record LiveTestRoom(Guid RoomId, Guid BoardId, int Number, string Business, Guid Representative, Guid Creative, Guid OtherCreative, Guid Moderator)
{
    public IReadOnlyList<Guid> People => [Representative, Creative, OtherCreative, Moderator];
}

/// <summary>
/// An Exklusivrunde of its own for one test (so no two tests share a run of show), with confirmed rooms of new people:
/// the live event's equivalent of <c>BoardTestRoom</c>, which seats people in the shared demo event.
/// </summary>
public sealed record LiveTestEvent(Guid EventId, IReadOnlyList<LiveTestRoom> Rooms)
{
    public static async Task<LiveTestEvent> CreateAsync(TellerrandApp app, int rooms = 2)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        Guid programmeId;
        await using (var db = app.CreateDb())
        {
            programmeId = await db.Programmes.Select(p => p.Id).FirstAsync();
        }
        var created = await app.Get<EventService>().CreateFromTemplateAsync(FormatTemplate.Exklusivrunde.Key, new EventDetails(
            programmeId, $"Live-Test {tag}", $"live-{tag}", null, new DateTime(2027, 3, 4, 14, 0, 0), EventTimeZones.Default,
            FormatTemplate.Exklusivrunde.DurationMinutes, rooms, 2, 1, []));
        var eventId = created.Value!.Id;

        await using var seed = app.CreateDb();
        var now = app.Clock.GetUtcNow();
        Guid NewPerson(EventRole role, string name, Guid? business = null)
        {
            var person = new Person { Id = Guid.NewGuid(), DisplayName = name, Email = $"live-{Guid.NewGuid():N}@test.example", CreatedAt = now };
            seed.People.Add(person);
            seed.Participations.Add(new EventParticipation
            {
                Id = Guid.NewGuid(), EventId = eventId, PersonId = person.Id, Role = role, BusinessId = business,
                Status = ParticipationStatus.Accepted, RegisteredAt = now,
            });
            return person.Id;
        }
        var seeded = new List<LiveTestRoom>();
        for (var number = 1; number <= rooms; number++)
        {
            var business = new Business { Id = Guid.NewGuid(), Name = $"Betrieb {number} {tag}", Trade = "Tischler", CreatedAt = now };
            seed.Businesses.Add(business);
            seed.Challenges.Add(new Challenge
            {
                Id = Guid.NewGuid(), BusinessId = business.Id, EventId = eventId,
                Statement = $"Wie gewinnen wir Auszubildende für Raum {number}? Das fragen wir uns seit Jahren.",
            });
            var representative = NewPerson(EventRole.BusinessRepresentative, $"Inhaberin {number} {tag}", business.Id);
            var creative = NewPerson(EventRole.Creative, $"Designerin {number} {tag}");
            var otherCreative = NewPerson(EventRole.Creative, $"Texter {number} {tag}");
            seed.CreativeProfiles.Add(new CreativeProfile { Id = Guid.NewGuid(), PersonId = creative, Disciplines = ["industrial_design"], Bio = "Ich gestalte Produkte. Seit zehn Jahren." });
            seed.CreativeProfiles.Add(new CreativeProfile { Id = Guid.NewGuid(), PersonId = otherCreative, Disciplines = ["storytelling"] });
            var moderator = NewPerson(EventRole.Moderator, $"Moderatorin {number} {tag}");
            var room = new Room
            {
                Id = Guid.NewGuid(), EventId = eventId, Round = 1, Number = number, BusinessId = business.Id, ModeratorId = moderator,
                BoardId = Guid.NewGuid(), Creatives = [new RoomCreative { PersonId = creative }, new RoomCreative { PersonId = otherCreative }],
            };
            room.Creatives.ForEach(c => c.RoomId = room.Id);
            seed.Rooms.Add(room);
            seeded.Add(new LiveTestRoom(room.Id, room.BoardId, number, business.Name, representative, creative, otherCreative, moderator));
        }
        await seed.SaveChangesAsync();
        return new LiveTestEvent(eventId, seeded);
    }

    /// <summary>A real magic link for <paramref name="personId"/> in this event.</summary>
    public async Task<string> LinkAsync(TellerrandApp app, Guid personId) => (await app.Get<MagicLinks>().IssueAsync(personId, EventId)).RelativeUrl;

    /// <summary>Opens a real magic link for <paramref name="personId"/> and returns the session cookie, as a browser would hold it.</summary>
    public async Task<string> CookieAsync(TellerrandApp app, Guid personId)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var opened = await client.GetAsync(await LinkAsync(app, personId));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var cookie = opened.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tellerrand.participant=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }
}
