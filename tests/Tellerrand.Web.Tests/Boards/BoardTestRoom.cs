using System.Net;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Boards;

/// <summary>A room a test seeds for itself in the demo event: its own business representative, two creatives and a moderator.</summary>
public sealed record BoardTestRoom(Guid RoomId, Guid BoardId, Guid EventId, Guid Business, Guid Creative, Guid OtherCreative, Guid Moderator)
{
    /// <summary>
    /// Seeds a room for the demo business named <paramref name="businessName"/>, with new people in every seat, in the demo
    /// event or in <paramref name="inEvent"/>.
    /// </summary>
    public static async Task<BoardTestRoom> SeedAsync(TellerrandApp app, string businessName = "Bäckerei Richter", Guid? inEvent = null)
    {
        await using var db = app.CreateDb();
        var eventId = inEvent ?? await db.Events.Where(e => e.Slug == DemoProgramme.EventSlug).Select(e => e.Id).SingleAsync();
        var businessId = await db.Businesses.Where(b => b.Name == businessName).Select(b => b.Id).SingleAsync();
        var now = app.Clock.GetUtcNow();
        Guid NewPerson(EventRole role, Guid? business = null)
        {
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Board test {role}", Email = $"board-{Guid.NewGuid():N}@test.example", CreatedAt = now };
            db.People.Add(person);
            db.Participations.Add(new EventParticipation
            {
                Id = Guid.NewGuid(), EventId = eventId, PersonId = person.Id, Role = role, BusinessId = business,
                Status = ParticipationStatus.Accepted, RegisteredAt = now,
            });
            return person.Id;
        }
        var representative = NewPerson(EventRole.BusinessRepresentative, businessId);
        var creative = NewPerson(EventRole.Creative);
        var otherCreative = NewPerson(EventRole.Creative);
        var moderator = NewPerson(EventRole.Moderator);
        var room = new Room
        {
            Id = Guid.NewGuid(),
            EventId = eventId,
            Round = 1,
            Number = Random.Shared.Next(1_000, int.MaxValue),
            BusinessId = businessId,
            ModeratorId = moderator,
            BoardId = Guid.NewGuid(),
            Creatives = [new RoomCreative { PersonId = creative }, new RoomCreative { PersonId = otherCreative }],
        };
        room.Creatives.ForEach(c => c.RoomId = room.Id);
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return new BoardTestRoom(room.Id, room.BoardId, eventId, representative, creative, otherCreative, moderator);
    }

    /// <summary>Signs a new staff account with <paramref name="role"/> in through the real login form and returns its session cookie.</summary>
    public static async Task<string> StaffCookieAsync(TellerrandApp app, string role)
    {
        var user = await app.CreateStaffAsync(role);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/Account/Login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c[..c.IndexOf(';')]));
        var token = TellerrandApp.AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = user.Email!,
                ["Input.Password"] = "Werkstatt-2026",
            }),
        };
        login.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }

    /// <summary>Opens a real magic link for <paramref name="personId"/> and returns the session cookie, as a browser would hold it.</summary>
    public async Task<string> CookieAsync(TellerrandApp app, Guid personId)
    {
        var link = await app.Get<MagicLinks>().IssueAsync(personId, EventId);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var opened = await client.GetAsync(link.RelativeUrl);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var cookie = opened.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tellerrand.participant=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }
}
