using System.Net;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Accounts;

/// <summary>Who may open which staff pages, with real Identity cookies from the real login form.</summary>
public abstract class StaffAccessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    [Theory]
    [InlineData("/organise/events")]
    [InlineData("/organise/events/new")]
    [InlineData("/admin/staff")]
    public async Task AnonymousVisitorIsSentToLogin(string path)
    {
        var response = await app.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("de-DE", "Anmelden", "name@beispiel.de")]
    [InlineData("en-GB", "Log in", "name@example.com")]
    public async Task LoginPageSpeaksTheBrowsersLanguageEvenInItsExamples(string language, string title, string example)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/Login"));

        Assert.Contains(title, page);
        Assert.Contains($"placeholder=\"{example}\"", page);
    }

    [Fact]
    public async Task OrganiserOpensEventPages()
    {
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var response = await client.GetAsync("/organise/events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Exklusivrunde", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ModeratorCannotOpenOrganiserPages()
    {
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Moderator));

        var response = await client.GetAsync("/organise/events");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OrganiserCannotManageAccounts()
    {
        var client = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var response = await client.GetAsync("/admin/staff");

        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task WrongPasswordDoesNotSignIn()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Organiser);
        var client = app.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = TellerrandApp.AntiforgeryToken().Match(form).Groups[1].Value,
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = "falsch-falsch-falsch",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/organise/events")).StatusCode);
    }
}

public sealed class StaffAccessTestsOnSqlite(SqliteApp app) : StaffAccessTests<SqliteApp>(app);

public sealed class StaffAccessTestsOnPostgres(PostgresApp app) : StaffAccessTests<PostgresApp>(app);
