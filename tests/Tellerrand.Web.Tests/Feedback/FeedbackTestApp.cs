using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tellerrand.Web.Events;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Live;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Feedback;

/// <summary>An app on SQLite with a real SMTP server and a feedback schedule polled five times a second.</summary>
public sealed class FeedbackSqliteApp : SqliteApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => FeedbackTesting.Settings(Smtp);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class FeedbackPostgresApp : PostgresApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => FeedbackTesting.Settings(Smtp);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>What the feedback tests do as people would: finish an event, read mail, follow its link.</summary>
public static partial class FeedbackTesting
{
    public static IEnumerable<KeyValuePair<string, string>> Settings(SmtpSink smtp) =>
        smtp.Settings.Concat([new KeyValuePair<string, string>("Tellerrand:Feedback:PollInterval", "00:00:00.2")]);

    /// <summary>A seeded event of its own that the organiser has just finished.</summary>
    public static async Task<(LiveTestEvent Event, string Title)> FinishedEventAsync(TellerrandApp app, int rooms = 2)
    {
        var seeded = await LiveTestEvent.CreateAsync(app, rooms);
        await using var db = app.CreateDb();
        await db.Events.Where(e => e.Id == seeded.EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Finished));
        var title = await db.Events.Where(e => e.Id == seeded.EventId).Select(e => e.Title).SingleAsync();
        return (seeded, title);
    }

    public static async Task<string> EmailOfAsync(this TellerrandApp app, Guid personId)
    {
        await using var db = app.CreateDb();
        return await db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync();
    }

    /// <summary>Waits until a message to <paramref name="address"/> whose subject contains <paramref name="subject"/> has arrived.</summary>
    public static async Task<List<MimeMessage>> WaitForMailAsync(this SmtpSink smtp, TellerrandApp app, string address, string subject, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await app.MailSettledAsync();
            var found = smtp.Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))
                && m.Subject?.Contains(subject, StringComparison.Ordinal) == true).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail '{subject}' arrived.");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens the personal link in a mail with a fresh browser-like client, which then holds the session.</summary>
    public static async Task<HttpClient> OpenLinkInAsync(this TellerrandApp app, MimeMessage mail)
    {
        var match = PersonalLink().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "The mail carries no personal link.");
        var client = app.CreateBrowserLikeClient();
        var opened = await client.GetAsync(new Uri(match.Value).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return client;
    }

    /// <summary>A session for a person by a freshly issued link, as the person would have it from any of their mails.</summary>
    public static async Task<HttpClient> SessionAsync(this TellerrandApp app, LiveTestEvent ev, Guid personId)
    {
        var client = app.CreateBrowserLikeClient();
        var opened = await client.GetAsync(await ev.LinkAsync(app, personId));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return client;
    }

    [GeneratedRegex(@"https?://\S+/m/[A-Za-z0-9_\-]{43}")]
    private static partial Regex PersonalLink();
}
