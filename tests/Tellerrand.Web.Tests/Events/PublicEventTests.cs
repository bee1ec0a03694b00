using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Events;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Events;

public abstract class PublicEventTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task DemoEventIsPublicWithItsAgendaAndPartners()
    {
        var client = app.CreateClient();

        var demo = await client.GetFromJsonAsync<PublicEvent>("/api/events/exklusivrunde-goerlitz");

        Assert.NotNull(demo);
        Assert.StartsWith("Exklusivrunde", demo.Title);
        Assert.Equal("Europe/Berlin", demo.TimeZone);
        Assert.Equal(["Begrüßung", "Vorstellungsrunde", "Einführung in die Breakout-Räume", "Arbeit in den Breakout-Räumen", "Ergebnisse im Plenum", "Abschluss"],
            demo.Phases.Select(p => p.Title));
        Assert.Equal(150, demo.Phases.Sum(p => p.DurationMinutes));
        Assert.Equal(3, demo.Organisations.Count);
        Assert.Equal(14, demo.LocalStart.Hour);
        Assert.Equal(demo.LocalStart.AddMinutes(110), demo.Phases[4].LocalStart);
    }

    [Fact]
    public async Task PublicEventDataCarriesNoPersonalData()
    {
        var json = await app.CreateClient().GetStringAsync("/api/events/exklusivrunde-goerlitz");

        Assert.DoesNotContain("@", json);
        Assert.DoesNotContain("Jäschke", json);
        Assert.DoesNotContain("Lena Vogt", json);
    }

    [Fact]
    public async Task PublicPageShowsTheEventInGerman()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var html = await client.GetStringAsync("/events/exklusivrunde-goerlitz");

        Assert.Contains("<html lang=\"de\"", html);
        Assert.Contains("Vorstellungsrunde", html);
        Assert.Contains("Handwerkskammer Dresden", html);
        Assert.Contains("Veranstaltet von", html);
    }

    [Theory]
    [InlineData("gibt-es-nicht")]
    [InlineData("Ungültig Slug!")]
    [InlineData("x")]
    public async Task UnknownOrInvalidSlugIsNotFoundWithAFriendlyPage(string slug)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var api = await client.GetAsync($"/api/events/{Uri.EscapeDataString(slug)}");
        var page = await client.GetAsync($"/events/{Uri.EscapeDataString(slug)}");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Seite nicht gefunden", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DraftEventIsNotPublic()
    {
        var events = app.Get<EventService>();
        var draft = await events.CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, "entwurf-" + Guid.NewGuid().ToString("N")[..8]));
        Assert.True(draft.Succeeded);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/events/{draft.Value!.Slug}")).StatusCode);

        await events.ChangeStatusAsync(draft.Value.Id, EventStatus.Open);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/events/{draft.Value.Slug}")).StatusCode);
    }

    [Fact]
    public async Task EnglishVisitorsGetTheEnglishInterface()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var html = await client.GetStringAsync("/events/exklusivrunde-goerlitz");

        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Organised by", html);
    }
}

public sealed class PublicEventTestsOnSqlite(SqliteApp app) : PublicEventTests<SqliteApp>(app);

public sealed class PublicEventTestsOnPostgres(PostgresApp app) : PublicEventTests<PostgresApp>(app);

internal static class EventsForTests
{
    public static async Task<EventDetails> DetailsAsync(TellerrandApp app, string slug, string timeZone = "Europe/Berlin", int duration = 150)
    {
        await using var db = app.CreateDb();
        var programme = await db.Programmes.OrderBy(p => p.CreatedAt).FirstAsync();
        return new EventDetails(programme.Id, "Werkstattgespräch " + slug, slug, null, new DateTime(2027, 3, 4, 14, 0, 0),
            timeZone, duration, 5, 2, 1, []);
    }
}
