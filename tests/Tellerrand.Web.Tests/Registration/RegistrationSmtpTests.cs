using System.Net;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Registration;

/// <summary>The whole double opt-in over a real SMTP server in the test process, ending in the organiser's list.</summary>
public sealed class RegistrationSmtpTests(RegistrationSmtpApp app) : IClassFixture<RegistrationSmtpApp>
{
    [Fact]
    public async Task BusinessConfirmsFromTheMailAndAppearsInTheOrganisersList()
    {
        var ev = await app.OpenEventAsync();
        var email = $"smtp-{Guid.NewGuid():N}@test.example";
        var visitor = app.CreateBrowserLikeClient();

        await visitor.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email, "Metallbau Förster"));

        await app.MailSettledAsync();
        var mail = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Single().Address == email);
        Assert.Equal("Bitte bestätige deine Anmeldung: Werkstattrunde Zittau", mail.Subject);
        var confirmed = await visitor.ConfirmAsync(RegistrationHelpers.ConfirmPath(mail));
        Assert.Equal("/me/registration?result=confirmed", confirmed.Headers.Location?.PathAndQuery);
        await app.MailSettledAsync();
        Assert.Contains(app.Smtp.Received, m => m.To.Mailboxes.Single().Address == email && m.Attachments.Any());

        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var list = await organiser.GetAsync($"/organise/events/{ev.Id}/registrations");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.TextAsync();
        Assert.Contains("Kerstin Lange", html);
        Assert.Contains("Metallbau Förster", html);
        Assert.Contains(email, html);
    }

    [Fact]
    public async Task ParticipantCannotOpenTheOrganisersList()
    {
        var ev = await app.OpenEventAsync();
        var email = $"neugierig-{Guid.NewGuid():N}@test.example";
        var visitor = app.CreateBrowserLikeClient();
        await visitor.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email));
        await app.MailSettledAsync();
        await visitor.ConfirmAsync(RegistrationHelpers.ConfirmPath(Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Single().Address == email)));

        var response = await visitor.GetAsync($"/organise/events/{ev.Id}/registrations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }
}
