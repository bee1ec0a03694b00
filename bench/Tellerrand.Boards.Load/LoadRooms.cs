using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Hosting;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;

namespace Tellerrand.Boards.Load;

/// <summary>One person of a seeded room with their personal link, as the room mail would have sent it.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Role">Their role on the board.</param>
/// <param name="LinkPath">Their magic link, <c>/m/{token}</c>.</param>
public sealed record LoadPerson(Guid PersonId, BoardRole Role, string LinkPath)
{
    /// <summary>The participant id the board knows them by (docs/board-protocol.md §1).</summary>
    public string ParticipantId => PersonId.ToString("N");
}

/// <summary>A seeded breakout room of the seeded event: its board and its five people.</summary>
public sealed record LoadRoom(Guid EventId, Guid RoomId, Guid BoardId, IReadOnlyList<LoadPerson> People);

/// <summary>
/// Seeds rooms the way matching leaves them (one event, per room a business with its challenge, two creatives and a
/// moderator, plus a second representative of the business), through the app's own DbContext, and issues each person a
/// personal link with the app's <see cref="MagicLinks"/>. Runs against a started host, whose migrations made the schema.
/// </summary>
public static class LoadRooms
{
    public static async Task<IReadOnlyList<LoadRoom>> SeedAsync(TellerrandHostSettings host, int count, CancellationToken cancellationToken = default)
    {
        var dbs = host.CreateDbFactory();
        var now = DateTimeOffset.UtcNow;
        var eventId = Guid.NewGuid();
        var rooms = new List<(Room Room, List<(Guid Person, BoardRole Role)> People)>();
        await using (var db = dbs.CreateDbContext())
        {
            var programme = new Programme { Id = Guid.NewGuid(), Title = "Lasttest", CreatedAt = now };
            db.Programmes.Add(programme);
            db.Events.Add(new Event
            {
                Id = eventId, ProgrammeId = programme.Id, Title = "Lasttest", Slug = $"lasttest-{eventId:N}", FormatKey = FormatTemplate.Exklusivrunde.Key,
                StartsAt = now, DurationMinutes = 240, BusinessCapacity = count, CreativesPerRoom = 2, Status = EventStatus.Live, CreatedAt = now,
                // The template's agenda, so that the event's run of show can be started and advanced.
                Phases = [.. FormatTemplate.Exklusivrunde.Phases.Select((p, i) => new AgendaPhase
                {
                    Id = Guid.NewGuid(), Order = i, Kind = p.Kind, Title = p.Title, DurationMinutes = p.DurationMinutes, Instructions = p.Instructions,
                })],
            });
            for (var number = 1; number <= count; number++)
            {
                var business = new Business { Id = Guid.NewGuid(), Name = $"Betrieb {number} {eventId:N}", Trade = "Tischlerei", CreatedAt = now };
                db.Businesses.Add(business);
                db.Challenges.Add(new Challenge
                {
                    Id = Guid.NewGuid(), BusinessId = business.Id, EventId = eventId, Category = default,
                    Statement = $"Wie erreichen wir als Betrieb {number} junge Kundschaft?",
                });
                Guid Person(EventRole role, string seat)
                {
                    var person = new Person { Id = Guid.NewGuid(), DisplayName = $"{seat} {number}", Email = $"{seat}-{number}-{eventId:N}@load.test", CreatedAt = now };
                    db.People.Add(person);
                    db.Participations.Add(new EventParticipation
                    {
                        Id = Guid.NewGuid(), EventId = eventId, PersonId = person.Id, Role = role, Status = ParticipationStatus.Accepted, RegisteredAt = now,
                        BusinessId = role == EventRole.BusinessRepresentative ? business.Id : null,
                    });
                    return person.Id;
                }
                List<(Guid, BoardRole)> people =
                [
                    (Person(EventRole.BusinessRepresentative, "betrieb"), BoardRole.Participant),
                    (Person(EventRole.Creative, "kreativ-a"), BoardRole.Participant),
                    (Person(EventRole.Creative, "kreativ-b"), BoardRole.Participant),
                    (Person(EventRole.Moderator, "moderation"), BoardRole.Moderator),
                    (Person(EventRole.BusinessRepresentative, "betrieb-2"), BoardRole.Participant),
                ];
                var room = new Room
                {
                    Id = Guid.NewGuid(), EventId = eventId, Round = 1, Number = number, BusinessId = business.Id, ModeratorId = people[3].Item1,
                    BoardId = Guid.NewGuid(),
                };
                room.Creatives = [new RoomCreative { RoomId = room.Id, PersonId = people[1].Item1 }, new RoomCreative { RoomId = room.Id, PersonId = people[2].Item1 }];
                db.Rooms.Add(room);
                rooms.Add((room, people));
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        var links = new MagicLinks(dbs, TimeProvider.System, Options.Create(new TellerrandOptions()), new AccessRevocations());
        var seeded = new List<LoadRoom>(rooms.Count);
        foreach (var (room, people) in rooms)
        {
            var issued = new List<LoadPerson>(people.Count);
            foreach (var (person, role) in people)
            {
                issued.Add(new LoadPerson(person, role, (await links.IssueAsync(person, eventId, cancellationToken)).RelativeUrl));
            }
            seeded.Add(new LoadRoom(eventId, room.Id, room.BoardId, issued));
        }
        return seeded;
    }

    /// <summary>A board as it is durable in the database, read with the app's own store (LG1–LG3), independent of the server.</summary>
    public static async Task<Tellerrand.Web.Boards.LoadedBoard> DurableBoardAsync(TellerrandHostSettings host, Guid boardId, CancellationToken cancellationToken = default) =>
        await new Tellerrand.Web.Boards.BoardLogStore(host.CreateDbFactory(), TimeProvider.System).LoadAsync(boardId, cancellationToken);
}
