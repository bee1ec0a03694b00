using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Accounts;

/// <summary>Personal links for businesses and creatives: what opens, what does not, and what each one may see.</summary>
public abstract class MagicLinkTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task BusinessOpensItsLinkAndSeesItsOwnParticipation()
    {
        var (person, eventId) = await DemoPersonAsync("jaeschke@elektro-jaeschke.example");
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);
        var client = app.CreateBrowserLikeClient();

        var opened = await client.GetAsync(link.RelativeUrl);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/me", opened.Headers.Location?.OriginalString);
        var me = await client.GetFromJsonAsync<AccountsExtensions.MyParticipation>("/api/me");
        Assert.Equal("Thomas Jäschke", me!.Name);
        Assert.Equal("BusinessRepresentative", me.Role);
    }

    [Fact]
    public async Task ALinkCarryingAResultsPageLeadsThereOnceSignedIn()
    {
        var (person, eventId) = await DemoPersonAsync("jaeschke@elektro-jaeschke.example");
        var room = Guid.NewGuid();
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);
        var client = app.CreateBrowserLikeClient();

        var opened = await client.GetAsync(link.RelativeUrlTo($"/results/{room}"));

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/results/{room}", opened.Headers.Location?.OriginalString);
        Assert.Equal("Thomas Jäschke", (await client.GetFromJsonAsync<AccountsExtensions.MyParticipation>("/api/me"))!.Name);
    }

    [Fact]
    public void OnlyAParticipantsOwnPageCanBeWrittenIntoALink()
    {
        var link = new IssuedMagicLink(Guid.NewGuid(), "token", DateTimeOffset.UnixEpoch);

        Assert.Throws<ArgumentException>(() => link.RelativeUrlTo("//evil.example"));
        Assert.Equal("/m/token?next=/me/feedback", link.RelativeUrlTo("/me/feedback"));
    }

    [Fact]
    public async Task BusinessCannotSeeAnotherBusiness()
    {
        var (jaeschke, eventId) = await DemoPersonAsync("jaeschke@elektro-jaeschke.example");
        var (richter, _) = await DemoPersonAsync("jonas@baeckerei-richter.example");
        var jaeschkeClient = await OpenAsync(jaeschke.Id, eventId);
        var richterClient = await OpenAsync(richter.Id, eventId);

        var jaeschkeSees = await jaeschkeClient.GetFromJsonAsync<AccountsExtensions.MyParticipation>("/api/me");
        var richterSees = await richterClient.GetFromJsonAsync<AccountsExtensions.MyParticipation>("/api/me");

        Assert.Equal("Thomas Jäschke", jaeschkeSees!.Name);
        Assert.Equal("Jonas Richter", richterSees!.Name);
    }

    [Fact]
    public async Task TokenIsStoredOnlyAsAHashOfAtLeast128Bits()
    {
        var (person, eventId) = await DemoPersonAsync("mira@erzaehlwerk.example");

        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);

        Assert.True(link.Token.Length * 6 >= 128);
        await using var db = app.CreateDb();
        var stored = await db.MagicLinks.SingleAsync(l => l.Id == link.LinkId);
        Assert.NotEqual(link.Token, stored.TokenHash);
        Assert.DoesNotContain(link.Token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
    }

    [Fact]
    public async Task ExpiredLinkIsRefusedWithItsReason()
    {
        var (person, eventId) = await DemoPersonAsync("david@nowak-online.example");
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);
        app.Clock.Advance(TimeSpan.FromDays(61));
        try
        {
            var response = await app.CreateBrowserLikeClient().GetAsync(link.RelativeUrl);

            Assert.Equal("/link-problem?reason=expired", response.Headers.Location?.OriginalString);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-61));
        }
    }

    [Fact]
    public async Task TamperedLinkIsRefusedAndOpensNothing()
    {
        var (person, eventId) = await DemoPersonAsync("aylin@demir-content.example");
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);
        var tampered = (link.Token[0] == 'A' ? "B" : "A") + link.Token[1..];
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync($"/m/{tampered}");

        Assert.Equal("/link-problem?reason=unknown", response.Headers.Location?.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("kurz")]
    [InlineData("'%20OR%201=1--aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task MalformedLinkIsRefused(string token)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync($"/m/{token}");

        Assert.Equal("/link-problem?reason=malformed", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RevokedLinkEndsTheSessionItOpened()
    {
        var (person, eventId) = await DemoPersonAsync("felix@brandt-film.example");
        var client = await OpenAsync(person.Id, eventId);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        await app.Get<MagicLinks>().RevokeAsync(person.Id, eventId);

        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ParticipantCannotOpenOrganiserPages()
    {
        var (person, eventId) = await DemoPersonAsync("tobias@engel-foto.example");
        var client = await OpenAsync(person.Id, eventId);

        var response = await client.GetAsync("/organise/events");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }

    private async Task<HttpClient> OpenAsync(Guid personId, Guid eventId)
    {
        var link = await app.Get<MagicLinks>().IssueAsync(personId, eventId);
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(link.RelativeUrl)).StatusCode);
        return client;
    }

    private Task<(Person Person, Guid EventId)> DemoPersonAsync(string email) => DemoPersonAsync(app, email);

    internal static async Task<(Person Person, Guid EventId)> DemoPersonAsync(TellerrandApp app, string email)
    {
        await using var db = app.CreateDb();
        var person = await db.People.SingleAsync(p => p.Email == email);
        var eventId = await db.Participations.Where(p => p.PersonId == person.Id).Select(p => p.EventId).FirstAsync();
        return (person, eventId);
    }
}

public sealed class MagicLinkTestsOnSqlite(SqliteApp app) : MagicLinkTests<SqliteApp>(app);

public sealed class MagicLinkTestsOnPostgres(PostgresApp app) : MagicLinkTests<PostgresApp>(app);

/// <summary>Rate limits get their own app: exhausting them must not starve other tests.</summary>
public sealed class MagicLinkRateLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task GuessingLinksIsRateLimited()
    {
        var client = app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            statuses.Add((await client.GetAsync($"/m/{new string('a', 43)}")).StatusCode);
        }

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}

/// <summary>
/// Open-redirect attempts through a personal link's return path. In a host of their own: the cases together stay below the
/// per-address limit on link openings, which the other link tests share. The check is the same for both databases.
/// </summary>
public sealed class MagicLinkReturnTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Each value is the query string exactly as sent; whatever it decodes to, only the person's own page may follow.</summary>
    [Theory]
    [InlineData("https://evil.example/results")]
    [InlineData("https%3A%2F%2Fevil.example%2Fme")]
    [InlineData("//evil.example/me")]
    [InlineData("%2F%2Fevil.example%2Fme")]
    [InlineData("/%2F/evil.example/me")]
    [InlineData("%252F%252Fevil.example")]
    [InlineData("/\\evil.example/me")]
    [InlineData("%5C%5Cevil.example")]
    [InlineData("/me/../organise")]
    [InlineData("/results/..%2F..%2Forganise")]
    [InlineData("/me%0D%0ALocation:%20https://evil.example")]
    [InlineData("/organise")]
    [InlineData("/mellon")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task ALinkCarryingAnyOtherAddressLeadsOnlyToTheOwnPage(string next)
    {
        var (person, eventId) = await MagicLinkTests<SqliteApp>.DemoPersonAsync(app, "jaeschke@elektro-jaeschke.example");
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);

        var opened = await app.CreateBrowserLikeClient().GetAsync($"{link.RelativeUrl}?next={next}");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/me", opened.Headers.Location?.OriginalString);
    }
}
