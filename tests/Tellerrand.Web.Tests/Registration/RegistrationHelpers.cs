using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tellerrand.Web.Events;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Registration;

/// <summary>
/// Registration tests post many forms from one address within a minute; these apps raise the
/// per-address limit so that only <see cref="RegistrationRateLimitTests"/> meets it.
/// </summary>
public sealed class RegistrationSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Tellerrand:Registration:RequestsPerMinute", "1000")];
}

public sealed class RegistrationPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Tellerrand:Registration:RequestsPerMinute", "1000")];
}

/// <summary>The SMTP test app (<see cref="SmtpApp"/>) with the registration limit raised as above.</summary>
public sealed class RegistrationSmtpApp : SqliteApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
    [
        new("Tellerrand:Mail:SmtpHost", "127.0.0.1"),
        new("Tellerrand:Mail:SmtpPort", Smtp.Port.ToString()),
        new("Tellerrand:Mail:SmtpUseTls", "false"),
        new("Tellerrand:Registration:RequestsPerMinute", "1000"),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>What the registration tests do as a visitor would: open events, fill forms, read mail, follow links.</summary>
public static partial class RegistrationHelpers
{
    /// <summary>A fresh open event of the test's own, 21 days ahead at 14:00 in Berlin.</summary>
    public static async Task<Event> OpenEventAsync(this TellerrandApp app, int businesses = 5, int creativesPerRoom = 2, int rounds = 1)
    {
        await using var db = app.CreateDb();
        var programmeId = await db.Programmes.OrderBy(p => p.CreatedAt).Select(p => p.Id).FirstAsync();
        var slug = $"anmeldung-{Guid.NewGuid():N}"[..30];
        var start = EventTimeZones.ToLocal(app.Clock.GetUtcNow(), EventTimeZones.Default).Date.AddDays(21).AddHours(14);
        var events = app.Get<EventService>();
        var created = await events.CreateFromTemplateAsync(FormatTemplate.Exklusivrunde.Key, new EventDetails(
            programmeId, "Werkstattrunde Zittau", slug, null, start, EventTimeZones.Default, 150, businesses, creativesPerRoom, rounds, []));
        Assert.True(created.Succeeded, string.Join(", ", created.Violations.Select(v => v.MessageKey)));
        var opened = await events.ChangeStatusAsync(created.Value!.Id, EventStatus.Open);
        Assert.True(opened.Succeeded);
        return opened.Value!;
    }

    public static Dictionary<string, string> BusinessForm(string email, string company = "Tischlerei Lange") => new()
    {
        ["Input.Company"] = company,
        ["Input.Trade"] = "tischler",
        ["Input.Region"] = "Landkreis Görlitz",
        ["Input.Size"] = "Micro",
        ["Input.ContactName"] = "Kerstin Lange",
        ["Input.Email"] = email,
        ["Input.Phone"] = "03581 123456",
        ["Input.Statement"] = "Wir möchten junge Leute für eine Ausbildung bei uns begeistern.",
        ["Input.Category"] = "Recruiting",
        ["Input.DesiredOutcome"] = "Zwei Ideen, die wir im Frühjahr ausprobieren.",
        ["Input.Consent.Privacy"] = "True",
    };

    public static List<KeyValuePair<string, string>> CreativeForm(string email) =>
    [
        new("Input.Name", "Jule Baumann"),
        new("Input.Email", email),
        new("Input.Disciplines", "storytelling"),
        new("Input.Disciplines", "film_video"),
        new("Input.PortfolioUrl", "https://jule-baumann.example"),
        new("Input.Bio", "Filmemacherin aus Görlitz."),
        new("Input.Languages", "de"),
        new("Input.Languages", "pl"),
        new("Input.Interests", "Nachwuchs und Ausbildung"),
        new("Input.AvailableWholeEvent", "True"),
        new("Input.Consent.Privacy", "True"),
        new("Input.Consent.NameOnExportedBoards", "True"),
    ];

    /// <summary>Opens the form as a browser would and posts it with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = TellerrandApp.AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"No form with an antiforgery token on {path}.");
        var content = new FormUrlEncodedContent(fields.Concat([new("_handler", formName), new("__RequestVerificationToken", token)]));
        return await client.PostAsync(path, content);
    }

    public static Task<HttpResponseMessage> RegisterBusinessAsync(this HttpClient client, Event ev, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostFormAsync($"/events/{ev.Slug}/register/business", "register-business", fields);

    public static Task<HttpResponseMessage> RegisterCreativeAsync(this HttpClient client, Event ev, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostFormAsync($"/events/{ev.Slug}/register/creative", "register-creative", fields);

    /// <summary>The messages the outbox holds for one recipient, oldest first.</summary>
    public static async Task<List<MimeMessage>> MailsToAsync(this TellerrandApp app, string recipient)
    {
        await app.MailSettledAsync();
        var found = new List<MimeMessage>();
        if (!Directory.Exists(app.OutboxPath)) return found;
        foreach (var file in Directory.GetFiles(app.OutboxPath, "*.eml").Order(StringComparer.Ordinal))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase))) found.Add(mail);
        }
        return found;
    }

    /// <summary>The path of the confirmation link in a mail, e.g. <c>/m/{token}/confirm</c>.</summary>
    public static string ConfirmPath(MimeMessage mail)
    {
        var match = ConfirmLink().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "The mail carries no confirmation link.");
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>Follows the confirmation link and presses its button; the client then holds the participant session.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, string confirmPath)
    {
        var response = await client.PostFormAsync(confirmPath, "confirm-registration", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    /// <summary>A page's text as a reader sees it: Blazor encodes umlauts and quotes as character references.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageTextAsync(this HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path));

    [GeneratedRegex(@"https?://\S+/m/[A-Za-z0-9_\-]+/confirm")]
    private static partial Regex ConfirmLink();
}
