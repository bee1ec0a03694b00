using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Registration;

namespace Tellerrand.Web.Tests.Mail;

/// <summary>The persisted mail queue and the outbox organisers read, on both databases.</summary>
public abstract class MailQueueTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@test.example";

    [Fact]
    public async Task QueuedMailLandsInTheOutboxFolderAndOrganisersCanReadIt()
    {
        var email = NewEmail("leser");
        var id = await app.Get<IMailer>().SendAsync(new OutgoingMail(email, "Grit Lehmann", "Ihre Einladung <script>alert(1)</script>",
            "Hallo Grit,\n<b>fett?</b> nein, nur Text.",
            Attachments: [new MailAttachment("termin.ics", "text/calendar", "BEGIN:VCALENDAR"u8.ToArray())]));

        var delivered = await app.DeliveredAsync(id);

        Assert.Equal((MailStatus.Sent, 1), (delivered.Status, delivered.Attempts));
        var file = Assert.Single(Directory.GetFiles(app.OutboxPath, $"*{id:N}.eml"));
        Assert.Equal(email, (await MimeMessage.LoadAsync(file)).To.Mailboxes.Single().Address);

        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var list = await organiser.GetAsync($"/organise/mail?q={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var raw = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", raw);
        var html = WebUtility.HtmlDecode(raw);
        Assert.Contains("Ihre Einladung <script>alert(1)</script>", html);
        Assert.Contains(email, html);
        Assert.Contains("Verschickt", html);

        var message = await organiser.GetAsync($"/organise/mail/{id}");
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        var rawMessage = await message.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<b>fett?</b>", rawMessage);
        var text = WebUtility.HtmlDecode(rawMessage);
        Assert.Contains("<b>fett?</b> nein, nur Text.", text);
        Assert.Contains("termin.ics", text);
    }

    [Fact]
    public async Task StaffAccountMailIsForAdministratorsOnly()
    {
        var email = NewEmail("konto");
        var id = await app.Get<IMailer>().SendAsync(new OutgoingMail(email, "Neue Kollegin", "Passwort festlegen", "https://example/set",
            Readers: MailReaders.Administrators));
        await app.DeliveredAsync(id);

        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organise/mail/{id}")).StatusCode);
        Assert.DoesNotContain($"organise/mail/{id}", await organiser.GetStringAsync($"/organise/mail?q={Uri.EscapeDataString(email)}"));

        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Admin));
        var asAdmin = await admin.GetAsync($"/organise/mail/{id}");
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("https://example/set", await asAdmin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvitationsAreQueuedForAdministratorsOnly()
    {
        var email = NewEmail("eingeladen");
        using (var scope = app.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<StaffAccounts>().InviteAsync("Rosa Kühn", email, StaffRoles.Moderator, null, "https://t.example"));
        }
        await using var db = app.CreateDb();
        Assert.Equal(MailReaders.Administrators, (await db.MailQueue.SingleAsync(m => m.ToAddress == email)).Readers);
    }

    [Fact]
    public async Task ModeratorAndAnonymousCannotOpenTheOutbox()
    {
        var moderator = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Moderator));
        var denied = await moderator.GetAsync("/organise/mail");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("AccessDenied", denied.Headers.Location?.OriginalString);

        var anonymous = await app.CreateBrowserLikeClient().GetAsync("/organise/mail");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownMessageIsNotFound()
    {
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organise/mail/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class MailQueueTestsOnSqlite(SqliteApp app) : MailQueueTests<SqliteApp>(app);

public sealed class MailQueueTestsOnPostgres(PostgresApp app) : MailQueueTests<PostgresApp>(app);

/// <summary>Retries against the real in-process SMTP server.</summary>
public sealed class MailRetryTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    [Fact]
    public async Task RefusedMailIsRetriedWithGrowingWaitsUntilTheServerTakesIt()
    {
        var email = $"geduld-{Guid.NewGuid():N}@test.example";
        app.Smtp.RefuseNext(2);

        var id = await app.Get<IMailer>().SendAsync(new OutgoingMail(email, "Ines Seidel", "Dritter Anlauf", "Hallo"));
        var delivered = await app.DeliveredAsync(id);

        Assert.Equal((MailStatus.Sent, 3, null), (delivered.Status, delivered.Attempts, delivered.LastError));
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Single().Address == email);
        // Two waits of 0.2 s and 0.4 s lay between the three attempts.
        Assert.True(delivered.SentAt - delivered.CreatedAt >= TimeSpan.FromMilliseconds(600), $"{delivered.SentAt - delivered.CreatedAt}");
    }
}

/// <summary>A mail server that is not there: nothing listens on its port.</summary>
public sealed class UnreachableSmtpApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        new("Tellerrand:Mail:SmtpHost", "127.0.0.1"),
        new("Tellerrand:Mail:SmtpPort", "9"),
        new("Tellerrand:Mail:SmtpUseTls", "false"),
        new("Tellerrand:Mail:RetryDelay", "00:00:00.100"),
        new("Tellerrand:Mail:MaxAttempts", "3"),
        new("Tellerrand:Mail:PollInterval", "00:00:00.100"),
        new("Tellerrand:Registration:RequestsPerMinute", "1000"),
    ];
}

public sealed class UnreachableMailServerTests(UnreachableSmtpApp app) : IClassFixture<UnreachableSmtpApp>
{
    [Fact]
    public async Task RegistrationAnswersAtOnceAndTheMailIsKeptUntilItIsGivenUp()
    {
        var ev = await app.OpenEventAsync();
        var email = $"offline-{Guid.NewGuid():N}@test.example";
        var visitor = app.CreateBrowserLikeClient();

        // Before the queue, this post failed with the mail server's error.
        var response = await visitor.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bitte schau in dein Postfach", await response.TextAsync());
        Guid id;
        await using (var db = app.CreateDb())
        {
            id = (await db.MailQueue.SingleAsync(m => m.ToAddress == email)).Id;
        }
        var given = await app.DeliveredAsync(id);
        Assert.Equal((MailStatus.Failed, 3), (given.Status, given.Attempts));
        Assert.NotNull(given.LastError);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
