using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Registration;

public abstract class PeopleTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private PeopleService People => app.Get<PeopleService>();

    [Fact]
    public async Task DuplicateEmailIsRefusedWhateverItsCaseAndNothingChanges()
    {
        var email = $"doppelt-{Guid.NewGuid():N}@test.example";
        Assert.True((await People.SaveAsync(null, "Erste Person", email, null, "de")).Succeeded);

        var second = await People.SaveAsync(null, "Zweite Person", email.ToUpperInvariant(), null, "de");

        var violation = Assert.Single(second.Violations);
        Assert.Equal(("Email", "Person_EmailTaken"), (violation.Field, violation.MessageKey));
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.People.CountAsync(p => p.Email.ToLower() == email));
    }

    [Theory]
    [InlineData("", "ok@test.example", "Person_NameRequired")]
    [InlineData("Name", "kein-at-zeichen", "Person_EmailInvalid")]
    [InlineData("Name", "", "Person_EmailInvalid")]
    public async Task IncompletePersonIsRefused(string name, string email, string expected)
    {
        var outcome = await People.SaveAsync(null, name, email, null, "de");

        Assert.Contains(outcome.Violations, v => v.MessageKey == expected);
    }

    [Fact]
    public async Task RoleInAnEventIsAssignedOnce()
    {
        var person = (await People.SaveAsync(null, "Rolle Test", $"rolle-{Guid.NewGuid():N}@test.example", null, "de")).Value!;
        await using var db = app.CreateDb();
        var eventId = await db.Events.Select(e => e.Id).FirstAsync();

        var first = await People.AssignRoleAsync(person.Id, eventId, EventRole.Moderator);
        var again = await People.AssignRoleAsync(person.Id, eventId, EventRole.Moderator);

        Assert.Empty(first);
        Assert.Equal("Person_RoleExists", Assert.Single(again).MessageKey);
        var listed = (await People.ListAsync("Rolle Test")).Single();
        Assert.Equal(EventRole.Moderator, Assert.Single(listed.Roles).Role);
    }

    [Fact]
    public async Task DeletingAPersonDeletesTheirRolesAndLinks()
    {
        var person = (await People.SaveAsync(null, "Weg Damit", $"weg-{Guid.NewGuid():N}@test.example", null, "de")).Value!;
        await using var db = app.CreateDb();
        var eventId = await db.Events.Select(e => e.Id).FirstAsync();
        await People.AssignRoleAsync(person.Id, eventId, EventRole.Creative);
        await app.Get<Tellerrand.Web.Accounts.MagicLinks>().IssueAsync(person.Id, eventId);

        Assert.Empty(await People.DeleteAsync(person.Id));

        Assert.False(await db.Participations.AnyAsync(p => p.PersonId == person.Id));
        Assert.False(await db.MagicLinks.AnyAsync(l => l.PersonId == person.Id));
    }
}

public sealed class PeopleTestsOnSqlite(SqliteApp app) : PeopleTests<SqliteApp>(app);

public sealed class PeopleTestsOnPostgres(PostgresApp app) : PeopleTests<PostgresApp>(app);
