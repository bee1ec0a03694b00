using System.Net;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Tests.Events;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Hosting;

public abstract class HostTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Fact]
    public async Task HealthIsHealthyWithDatabaseAndSiloUp()
    {
        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DemoProgrammeHasItsBusinessesCreativesAndModerators()
    {
        await using var db = app.CreateDb();
        var roles = await db.Participations.Where(p => p.Event!.Slug == "exklusivrunde-goerlitz").GroupBy(p => p.Role).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        Assert.Equal(5, roles[EventRole.BusinessRepresentative]);
        Assert.Equal(10, roles[EventRole.Creative]);
        Assert.Equal(5, roles[EventRole.Moderator]);
        Assert.Equal(3, await db.Organisations.CountAsync());
        var trades = await db.Businesses.Select(b => b.Trade).ToListAsync();
        Assert.Contains("Elektrotechniker", trades);
        Assert.Contains("Metallbauer", trades);
        Assert.Contains("Tischler", trades);
        Assert.All(await db.Challenges.ToListAsync(), c => Assert.True(c.Statement.Length > 80));
        var disciplines = (await db.CreativeProfiles.ToListAsync()).SelectMany(c => c.Disciplines).ToHashSet();
        Assert.Superset(new HashSet<string> { "industrial_design", "storytelling", "online_marketing" }, disciplines);
    }

    [Fact]
    public async Task LogsCarryNoPersonalData()
    {
        var email = $"geheim-{Guid.NewGuid():N}@test.example";
        var person = (await app.Get<PeopleService>().SaveAsync(null, "Gudrun Geheimnis", email, "+49 3581 123456", "de")).Value!;
        var own = await app.Get<EventService>().CreateFromTemplateAsync("exklusivrunde", await EventsForTests.DetailsAsync(app, $"log-{Guid.NewGuid():N}"[..20]));
        var eventId = own.Value!.Id;
        await app.Get<PeopleService>().AssignRoleAsync(person.Id, eventId, EventRole.Creative);
        var link = await app.Get<MagicLinks>().IssueAsync(person.Id, eventId);
        var client = app.CreateBrowserLikeClient();
        await client.GetAsync(link.RelativeUrl);
        await client.GetAsync("/api/me");
        await client.GetAsync("/me");

        var lines = app.Logs.Lines.ToList();

        Assert.NotEmpty(lines);
        var leaks = lines.Where(l => l.Contains(email, StringComparison.OrdinalIgnoreCase)
            || l.Contains("Gudrun", StringComparison.Ordinal)
            || l.Contains(link.Token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the log:\n" + string.Join("\n", leaks));
    }
}

/// <summary>The request scope holds the path, which for a magic link is its token.</summary>
public sealed class LogScopeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void ConsoleLogsNeverIncludeScopes()
    {
        var simple = app.Get<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>>();
        var json = app.Get<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>>();

        Assert.False(simple.Get("simple").IncludeScopes);
        Assert.False(json.Get("json").IncludeScopes);
    }
}

public sealed class HostTestsOnSqlite(SqliteApp app) : HostTests<SqliteApp>(app);

public sealed class HostTestsOnPostgres(PostgresApp app) : HostTests<PostgresApp>(app);
