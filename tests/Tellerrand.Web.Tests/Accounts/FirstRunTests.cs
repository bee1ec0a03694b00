using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Accounts;

public sealed class FirstRunTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task SetupLinkCreatesTheFirstAdministratorOnceAndThenCloses()
    {
        var setup = app.Get<FirstRunSetup>();
        var link = setup.PendingLink;
        Assert.NotNull(link);
        var token = link["/setup/".Length..];

        using (var scope = app.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            Assert.Empty(await accounts.CreateFirstAdminAsync(setup, token, "Erste Admin", "admin@test.example", "Werkstatt-2026"));
            var again = await accounts.CreateFirstAdminAsync(setup, token, "Zweite Admin", "admin2@test.example", "Werkstatt-2026");
            Assert.Equal("Setup_LinkUsed", Assert.Single(again).MessageKey);
        }

        Assert.Null(setup.PendingLink);
        using var check = app.Services.CreateScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Single(await users.GetUsersInRoleAsync(StaffRoles.Admin));
        Assert.Null(await users.FindByEmailAsync("admin2@test.example"));
    }

    [Fact]
    public async Task ForgedSetupLinkShowsAClearMessage()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var response = await client.GetAsync("/setup/gefälscht");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Dieser Einrichtungslink gilt nicht mehr", await response.Content.ReadAsStringAsync());
    }
}
