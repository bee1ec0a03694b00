using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using MimeKit;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Outreach;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;
using Tellerrand.Web.Tests.Registration;

namespace Tellerrand.Web.Tests.Outreach;

/// <summary>
/// Campaign apps send over a real SMTP server in the test process, in batches of two a second apart, so that
/// pausing and restarting can be watched between batches.
/// </summary>
public sealed class CampaignSqliteApp : SqliteApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => CampaignTestSettings.For(Smtp);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class CampaignPostgresApp : PostgresApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => CampaignTestSettings.For(Smtp);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

internal static class CampaignTestSettings
{
    public static IEnumerable<KeyValuePair<string, string>> For(SmtpSink smtp) => smtp.Settings.Concat(
    [
        new("Tellerrand:Registration:RequestsPerMinute", "1000"),
        new("Tellerrand:Campaigns:BatchSize", "2"),
        new("Tellerrand:Campaigns:BatchInterval", "00:00:01"),
        new("Tellerrand:Campaigns:PollInterval", "00:00:00.100"),
    ]);
}

/// <summary>Invitation campaigns by trade: templates, recipients, sending once, pause, restart, unsubscribe, clicks and registrations.</summary>
public abstract partial class CampaignTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private const string BaseUrl = "http://localhost/";

    private SmtpSink Smtp => app switch
    {
        CampaignSqliteApp s => s.Smtp,
        CampaignPostgresApp p => p.Smtp,
        _ => throw new InvalidOperationException(),
    };

    private CampaignService Campaigns => app.Get<CampaignService>();

    /// <summary>Every test picks its contacts by a region of its own, because contacts are shared by the whole app.</summary>
    private static string NewRegion() => $"Region {Guid.NewGuid():N}"[..20];

    private async Task<Contact> ContactAsync(string region, string? trade, string? name = null, string? company = null, bool unsubscribed = false)
    {
        var email = $"kontakt-{Guid.NewGuid():N}@betrieb.example";
        var contact = new Contact
        {
            Id = Guid.NewGuid(), Kind = ContactKind.Business, Email = email, EmailKey = email, Name = name, Organisation = company, Trade = trade,
            TradeKey = Trades.Find(trade)?.Key, Region = region, CreatedAt = app.Clock.GetUtcNow(),
            UnsubscribedAt = unsubscribed ? app.Clock.GetUtcNow() : null,
        };
        await using var db = app.CreateDb();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    /// <summary>A person with the contact's address who was accepted at an event that is already over.</summary>
    private async Task TookPartEarlierAsync(Contact contact)
    {
        var earlier = await app.OpenEventAsync();
        await using var db = app.CreateDb();
        var past = app.Clock.GetUtcNow().AddDays(-60);
        await db.Events.Where(e => e.Id == earlier.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, past));
        var person = new Person { Id = Guid.NewGuid(), DisplayName = contact.Name ?? "Jemand", Email = contact.Email, CreatedAt = past };
        db.People.Add(person);
        db.Participations.Add(new EventParticipation
        {
            Id = Guid.NewGuid(), EventId = earlier.Id, PersonId = person.Id, Role = EventRole.BusinessRepresentative,
            Status = ParticipationStatus.Accepted, RegisteredAt = past,
        });
        await db.SaveChangesAsync();
    }

    private async Task<Campaign> DraftAsync(Event ev, string region, params TemplateInput[] groupTemplates)
    {
        var created = await Campaigns.CreateAsync(ev.Id, "Frühjahr", "Einladung: {Veranstaltung}", "{Anrede}, komm zu {Veranstaltung} am {Datum}: {Anmeldelink}");
        Assert.True(created.Succeeded);
        var saved = await Campaigns.SaveDraftAsync(ev.Id, created.Value!.Id, new CampaignDraft("Frühjahr",
            [new TemplateInput(TradeGroups.Default, "Einladung: {Veranstaltung}", "{Anrede}, komm zu {Veranstaltung} am {Datum}: {Anmeldelink}"), .. groupTemplates],
            [], region, PastParticipation.Any));
        Assert.Empty(saved);
        return (await Campaigns.GetAsync(ev.Id, created.Value.Id))!;
    }

    private async Task<CampaignProgress> WaitForAsync(Event ev, Campaign campaign, Func<CampaignProgress, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var progress = (await Campaigns.ProgressAsync(ev.Id, campaign.Id))!;
            if (done(progress)) return progress;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Campaign at {progress.Sent}/{progress.Total}, {progress.Status}.");
            await Task.Delay(50);
        }
    }

    private List<MimeMessage> MailsTo(Contact contact) =>
        Smtp.Received.Where(m => m.To.Mailboxes.Single().Address == contact.Email).ToList();

    private static string Token(MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", $@"https?://\S+/{path}/([A-Za-z0-9_\-]{{43}})");
        Assert.True(match.Success, $"The mail carries no /{path}/ link.");
        return match.Groups[1].Value;
    }

    private string German(RuleViolation violation)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try { return app.Get<IStringLocalizer<OutreachText>>().Localize(violation); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    [Fact]
    public async Task UnknownPlaceholderIsRefusedByNameAndNothingIsSaved()
    {
        var ev = await app.OpenEventAsync();
        var campaign = await DraftAsync(ev, NewRegion());

        var violations = await Campaigns.SaveDraftAsync(ev.Id, campaign.Id, new CampaignDraft("Frühjahr",
        [
            new TemplateInput(TradeGroups.Default, "Hallo", "Text {Anmeldelink}"),
            new TemplateInput("nahrung", "Frisch {Vorname}", "Liebe Bäcker:innen {Anmeldelink"),
        ], [], null, PastParticipation.Any));

        Assert.Equal(["Template_UnknownPlaceholder_Subject", "Template_OpenBrace_Body"], violations.Select(v => v.MessageKey));
        Assert.Equal("Im Betreff für „Nahrung“ steht der Platzhalter {Vorname}, den wir nicht kennen. Möglich sind: {Anrede}, {Name}, {Betrieb}, {Gewerk}, {Veranstaltung}, {Datum}, {Anmeldelink}.",
            German(violations[0]));
        Assert.Contains("geschweifte Klammer ohne Gegenstück", German(violations[1]));
        var stored = (await Campaigns.GetAsync(ev.Id, campaign.Id))!;
        Assert.Equal([TradeGroups.Default], stored.Templates.Select(t => t.GroupKey));
        Assert.Equal("Einladung: {Veranstaltung}", stored.Templates.Single().Subject);
    }

    [Fact]
    public async Task EmptyTextIsRefusedAndAStoredUnknownPlaceholderCannotBeSent()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        await ContactAsync(region, "Bäcker");
        var campaign = await DraftAsync(ev, region);

        var empty = await Campaigns.SaveDraftAsync(ev.Id, campaign.Id, new CampaignDraft("", [new TemplateInput(TradeGroups.Default, " ", "Text")], [], region, PastParticipation.Any));
        Assert.Equal(["Campaign_NameMissing", "Template_Empty_Subject"], empty.Select(v => v.MessageKey));

        await using (var db = app.CreateDb())
        {
            await db.CampaignTemplates.Where(t => t.CampaignId == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Body, "Hallo {Vorname}"));
        }
        var refused = await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl);

        Assert.Equal("Template_UnknownPlaceholder_Body", Assert.Single(refused).MessageKey);
        Assert.Equal(CampaignStatus.Draft, (await Campaigns.GetAsync(ev.Id, campaign.Id))!.Status);
        await using var check = app.CreateDb();
        Assert.False(await check.CampaignRecipients.AnyAsync(r => r.CampaignId == campaign.Id));
    }

    [Fact]
    public async Task RecipientsArePickedByTradeRegionAndPastParticipation()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var baeckerin = await ContactAsync(region, "Bäcker");
        var konditorin = await ContactAsync(region, "Konditoren");
        var elektriker = await ContactAsync(region, "Elektrotechniker");
        var freiText = await ContactAsync(region, "Lehmbau");
        await ContactAsync(NewRegion(), "Bäcker");
        await TookPartEarlierAsync(konditorin);

        var food = await Campaigns.SelectAsync(ev.Id, ["nahrung"], region, PastParticipation.Any);
        var foodBefore = await Campaigns.SelectAsync(ev.Id, ["nahrung"], region, PastParticipation.TookPart);
        var foodNever = await Campaigns.SelectAsync(ev.Id, ["nahrung"], region.ToUpperInvariant(), PastParticipation.NeverTookPart);
        var everyone = await Campaigns.SelectAsync(ev.Id, [], region, PastParticipation.Any);

        Assert.Equal(new[] { baeckerin.Id, konditorin.Id }.Order(), food.Recipients.Select(r => r.ContactId).Order());
        Assert.Equal([konditorin.Id], foodBefore.Recipients.Select(r => r.ContactId));
        Assert.Equal([baeckerin.Id], foodNever.Recipients.Select(r => r.ContactId));
        Assert.Equal(4, everyone.Recipients.Count);
        Assert.Equal(TradeGroups.Default, everyone.Recipients.Single(r => r.ContactId == freiText.Id).Addressee.GroupKey);
        Assert.Equal("elektro-metall", everyone.Recipients.Single(r => r.ContactId == elektriker.Id).Addressee.GroupKey);
        Assert.Equal([("Bäcker", 1), ("Elektrotechniker", 1), ("Konditoren", 1), ("Lehmbau", 1)], everyone.PerTrade.OrderBy(t => t.Trade).Select(t => (t.Trade, t.Count)));
    }

    [Fact]
    public async Task UnsubscribedContactsAreLeftOutCountedAndNeverWritten()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var stays = await ContactAsync(region, "Tischler");
        var gone = await ContactAsync(region, "Tischler", unsubscribed: true);
        var campaign = await DraftAsync(ev, region);

        var selection = await Campaigns.SelectAsync(ev.Id, [], region, PastParticipation.Any);
        Assert.Equal([stays.Id], selection.Recipients.Select(r => r.ContactId));
        Assert.Equal(1, selection.LeftOutUnsubscribed);

        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var page = await organiser.PageTextAsync($"/organise/events/{ev.Id}/campaigns/{campaign.Id}");
        Assert.Contains("1 Betriebe bekommen diese Einladung.", page);
        Assert.Contains("1 Kontakte haben sich abgemeldet und bleiben außen vor.", page);

        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();
        Assert.Single(MailsTo(stays));
        Assert.Empty(MailsTo(gone));
    }

    [Fact]
    public async Task EachRecipientGetsTheirTradesTextOnceOverSmtp()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var maurerin = await ContactAsync(region, "Maurer und Betonbauer", name: "Mira Stein", company: "Stein & Söhne");
        var baecker = await ContactAsync(region, "Bäcker", company: "Backstube Korn");
        var andere = await ContactAsync(region, "Lehmbau");
        var campaign = await DraftAsync(ev, region,
            new TemplateInput("bau", "Baustelle Zukunft: {Veranstaltung}", "{Anrede}, als {Gewerk} bei {Betrieb} baust du Neues. Anmelden: {Anmeldelink}"),
            new TemplateInput("nahrung", "Frisch gedacht: {Veranstaltung}", "{Anrede}, Brot und Ideen am {Datum}. Anmelden: {Anmeldelink}"));

        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        var progress = await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();

        Assert.Equal((3, 3), (progress.Total, progress.Sent));
        var toMaurerin = Assert.Single(MailsTo(maurerin));
        Assert.Equal("Baustelle Zukunft: Werkstattrunde Zittau", toMaurerin.Subject);
        Assert.StartsWith("Hallo Mira Stein, als Maurer und Betonbauer bei Stein & Söhne baust du Neues. Anmelden: http://localhost/c/", toMaurerin.TextBody);
        Assert.Contains("Du möchtest keine Einladungen mehr? Ein Klick genügt: http://localhost/unsubscribe/", toMaurerin.TextBody);
        Assert.Matches(@"^<http://localhost/unsubscribe/[A-Za-z0-9_\-]{43}/one-click>$", toMaurerin.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", toMaurerin.Headers["List-Unsubscribe-Post"]);
        var toBaecker = Assert.Single(MailsTo(baecker));
        Assert.Equal("Frisch gedacht: Werkstattrunde Zittau", toBaecker.Subject);
        Assert.StartsWith("Hallo liebes Team von Backstube Korn, Brot und Ideen am ", toBaecker.TextBody);
        Assert.Equal("Einladung: Werkstattrunde Zittau", Assert.Single(MailsTo(andere)).Subject);
        await using var db = app.CreateDb();
        var hashes = await db.CampaignRecipients.Where(r => r.CampaignId == campaign.Id).Select(r => r.TokenHash).ToListAsync();
        Assert.DoesNotContain(hashes, h => toMaurerin.TextBody!.Contains(h!));
        Assert.Contains(MagicLinks.Hash(Token(toMaurerin, "c")), hashes);
    }

    [Fact]
    public async Task PauseStopsSendingAndResumeSendsTheRestOnce()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var contacts = new List<Contact>();
        for (var i = 0; i < 6; i++) contacts.Add(await ContactAsync(region, "Tischler"));
        var campaign = await DraftAsync(ev, region);

        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        await WaitForAsync(ev, campaign, p => p.Sent >= 2);
        Assert.Empty(await Campaigns.PauseAsync(ev.Id, campaign.Id));
        var atPause = (await Campaigns.ProgressAsync(ev.Id, campaign.Id))!.Sent;
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await app.MailSettledAsync();

        var paused = (await Campaigns.ProgressAsync(ev.Id, campaign.Id))!;
        Assert.Equal((CampaignStatus.Paused, atPause), (paused.Status, paused.Sent));
        Assert.True(paused.Sent < 6);
        Assert.Equal(atPause, contacts.Sum(c => MailsTo(c).Count));
        Assert.Equal("Campaign_NotSending", Assert.Single(await Campaigns.PauseAsync(ev.Id, campaign.Id)).MessageKey);

        Assert.Empty(await Campaigns.ResumeAsync(ev.Id, campaign.Id));
        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();
        Assert.All(contacts, c => Assert.Single(MailsTo(c)));
    }

    [Fact]
    public async Task RestartMidCampaignSendsOnlyTheUnsentOnesAndARecipientRowIsUnique()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var contacts = new List<Contact>();
        for (var i = 0; i < 5; i++) contacts.Add(await ContactAsync(region, "Friseure"));
        var campaign = await DraftAsync(ev, region);
        var sender = app.Services.GetServices<IHostedService>().OfType<CampaignSender>().Single();

        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        await WaitForAsync(ev, campaign, p => p.Sent >= 2);
        // The host goes down between batches: the sender stops, the campaign stays "sending" in the database.
        await sender.StopAsync(CancellationToken.None);
        var atStop = (await Campaigns.ProgressAsync(ev.Id, campaign.Id))!;
        Assert.Equal(CampaignStatus.Sending, atStop.Status);
        Assert.True(atStop.Sent < 5);

        // A fresh sender, as a restarted host would start it, picks up from the recipient rows.
        var restarted = ActivatorUtilities.CreateInstance<CampaignSender>(app.Services);
        await restarted.StartAsync(CancellationToken.None);
        try
        {
            await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
            await sender.StartAsync(CancellationToken.None);
        }
        await app.MailSettledAsync();
        Assert.All(contacts, c => Assert.Single(MailsTo(c)));

        await using var db = app.CreateDb();
        db.CampaignRecipients.Add(new CampaignRecipient { Id = Guid.NewGuid(), CampaignId = campaign.Id, ContactId = contacts[0].Id });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task ACrashBetweenClaimAndCommitLeavesTheRecipientUnsentAndTheNextRoundWritesItOnce()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var contacts = new List<Contact>();
        for (var i = 0; i < 3; i++) contacts.Add(await ContactAsync(region, "Maler"));
        var campaign = await DraftAsync(ev, region);
        var sender = ActivatorUtilities.CreateInstance<CampaignSender>(app.Services);
        var addresses = contacts.Select(c => c.Email).ToList();

        app.MailFaults.Armed = true;
        try
        {
            Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
            await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendBatchAsync(campaign.Id, CancellationToken.None));
            await using var db = app.CreateDb();
            Assert.Equal(0, (await Campaigns.ProgressAsync(ev.Id, campaign.Id))!.Sent);
            Assert.False(await db.CampaignRecipients.AnyAsync(r => r.CampaignId == campaign.Id && (r.SentAt != null || r.TokenHash != null)));
            Assert.False(await db.MailQueue.AnyAsync(m => addresses.Contains(m.ToAddress)));
        }
        finally
        {
            app.MailFaults.Armed = false;
        }

        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();
        Assert.All(contacts, c => Assert.Single(MailsTo(c)));
    }

    [Fact]
    public async Task SendersOnSeveralHostsAtOnceWriteEachRecipientOnce()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var contacts = new List<Contact>();
        for (var i = 0; i < 8; i++) contacts.Add(await ContactAsync(region, "Zahntechniker"));
        var campaign = await DraftAsync(ev, region);
        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));

        // Besides the app's own sender, three more race for the same rows, as other hosts of a cluster would.
        var others = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<CampaignSender>(app.Services)).ToList();
        await Task.WhenAll(others.Select(async sender =>
        {
            while (await sender.SendBatchAsync(campaign.Id, CancellationToken.None)) { }
        }));
        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();

        Assert.All(contacts, c => Assert.Single(MailsTo(c)));
    }

    [Fact]
    public async Task UnsubscribeLinkWorksWithoutLoginAndAForgedTokenChangesNothing()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var contact = await ContactAsync(region, "Glaser");
        var other = await ContactAsync(region, "Glaser");
        var campaign = await DraftAsync(ev, region);
        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();
        var token = Token(Assert.Single(MailsTo(contact)), "unsubscribe");
        var visitor = app.CreateBrowserLikeClient();

        var forgedToken = token[..^2] + (token.EndsWith("xy", StringComparison.Ordinal) ? "yx" : "xy");
        Assert.Contains("Diesen Abmeldelink kennen wir nicht", await visitor.PageTextAsync($"/unsubscribe/{forgedToken}"));
        // A forged post, with a valid antiforgery token taken from a real page.
        var realPage = await visitor.GetStringAsync($"/unsubscribe/{token}");
        var forgedPost = await visitor.PostAsync($"/unsubscribe/{forgedToken}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "unsubscribe", ["__RequestVerificationToken"] = TellerrandApp.AntiforgeryToken().Match(realPage).Groups[1].Value,
        }));
        Assert.Contains("Diesen Abmeldelink kennen wir nicht", await forgedPost.TextAsync());
        await using (var db = app.CreateDb())
        {
            Assert.Null((await db.Contacts.SingleAsync(c => c.Id == contact.Id)).UnsubscribedAt);
        }

        var done = await visitor.PostFormAsync($"/unsubscribe/{token}", "unsubscribe", []);
        Assert.Contains("Du bist ausgetragen", await done.TextAsync());
        var garbage = await visitor.PostAsync("/unsubscribe/nicht-echt/one-click", null);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);

        await using (var db = app.CreateDb())
        {
            Assert.NotNull((await db.Contacts.SingleAsync(c => c.Id == contact.Id)).UnsubscribedAt);
            Assert.Null((await db.Contacts.SingleAsync(c => c.Id == other.Id)).UnsubscribedAt);
        }
        var again = await visitor.PostFormAsync($"/unsubscribe/{token}", "unsubscribe", []);
        Assert.Contains("Du warst schon ausgetragen", await again.TextAsync());

        var oneClick = await visitor.PostAsync($"/unsubscribe/{Token(Assert.Single(MailsTo(other)), "unsubscribe")}/one-click", null);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        await using var check = app.CreateDb();
        Assert.NotNull((await check.Contacts.SingleAsync(c => c.Id == other.Id)).UnsubscribedAt);
    }

    [Fact]
    public async Task UnsubscribePageAsksFirstAndConfirmsKindly()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var contact = await ContactAsync(region, "Glaser");
        var campaign = await DraftAsync(ev, region);
        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();
        var token = Token(Assert.Single(MailsTo(contact)), "unsubscribe");
        var visitor = app.CreateBrowserLikeClient();

        var asked = await visitor.PageTextAsync($"/unsubscribe/{token}");
        Assert.Contains("Keine Einladungen mehr?", asked);
        await using (var db = app.CreateDb())
        {
            Assert.Null((await db.Contacts.SingleAsync(c => c.Id == contact.Id)).UnsubscribedAt);
        }

        var done = await visitor.PostFormAsync($"/unsubscribe/{token}", "unsubscribe", []);
        Assert.Contains("Du bist ausgetragen", await done.TextAsync());
        Assert.Contains("Wir schreiben dir keine Einladungen mehr.", await done.TextAsync());
        await using var check = app.CreateDb();
        Assert.NotNull((await check.Contacts.SingleAsync(c => c.Id == contact.Id)).UnsubscribedAt);
    }

    [Fact]
    public async Task ClicksAndRegistrationsAreCountedPerTrade()
    {
        var ev = await app.OpenEventAsync();
        var region = NewRegion();
        var tischlerin = await ContactAsync(region, "Tischler", name: "Kerstin Lange");
        var tischler2 = await ContactAsync(region, "Tischler");
        var fleischer = await ContactAsync(region, "Fleischer");
        var campaign = await DraftAsync(ev, region);
        Assert.Empty(await Campaigns.StartAsync(ev.Id, campaign.Id, BaseUrl));
        await WaitForAsync(ev, campaign, p => p.Status == CampaignStatus.Finished);
        await app.MailSettledAsync();
        var visitor = app.CreateBrowserLikeClient();

        Assert.Single(MailsTo(tischler2));
        var click = await visitor.GetAsync($"/c/{Token(Assert.Single(MailsTo(tischlerin)), "c")}");
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal($"/events/{ev.Slug}/register/business", click.Headers.Location?.OriginalString);
        await visitor.GetAsync($"/c/{Token(Assert.Single(MailsTo(tischlerin)), "c")}");
        await visitor.GetAsync($"/c/{Token(Assert.Single(MailsTo(fleischer)), "c")}");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/c/ausgedacht")).StatusCode);

        await visitor.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(tischlerin.Email));
        await app.MailSettledAsync();
        var confirm = Smtp.Received.Last(m => m.To.Mailboxes.Single().Address == tischlerin.Email);
        await visitor.ConfirmAsync(RegistrationHelpers.ConfirmPath(confirm));

        var progress = (await Campaigns.ProgressAsync(ev.Id, campaign.Id))!;
        Assert.Equal(new TradeFigures("Tischler", 2, 2, 1, 1), progress.PerTrade.Single(t => t.Trade == "Tischler"));
        Assert.Equal(new TradeFigures("Fleischer", 1, 1, 1, 0), progress.PerTrade.Single(t => t.Trade == "Fleischer"));

        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var page = await organiser.PageTextAsync($"/organise/events/{ev.Id}/campaigns/{campaign.Id}");
        Assert.Contains("3 von 3 verschickt", page);
        Assert.Matches(@"Tischler</th>\s*<td>2</td>\s*<td>2</td>\s*<td>1</td>\s*<td>1</td>", page);
    }

    [Fact]
    public async Task CampaignPagesNeedAnOrganiserAndStayWithinTheirEvent()
    {
        var ev = await app.OpenEventAsync();
        var otherEvent = await app.OpenEventAsync();
        var campaign = await DraftAsync(ev, NewRegion());
        var anonymous = app.CreateBrowserLikeClient();
        var moderator = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Moderator));
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var notSignedIn = await anonymous.GetAsync($"/organise/events/{ev.Id}/campaigns/{campaign.Id}");
        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.StartsWith("/Account/Login", notSignedIn.Headers.Location?.AbsolutePath ?? notSignedIn.Headers.Location?.OriginalString);
        var asModerator = await moderator.GetAsync($"/organise/events/{ev.Id}/campaigns");
        Assert.NotEqual(HttpStatusCode.OK, asModerator.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organise/events/{otherEvent.Id}/campaigns/{campaign.Id}")).StatusCode);
        Assert.Null(await Campaigns.GetAsync(otherEvent.Id, campaign.Id));
        Assert.Equal("Campaign_NotFound", Assert.Single(await Campaigns.StartAsync(otherEvent.Id, campaign.Id, BaseUrl)).MessageKey);
        var list = await organiser.PageTextAsync($"/organise/events/{ev.Id}/campaigns");
        Assert.Contains("Frühjahr", list);
        Assert.DoesNotContain("Frühjahr", await organiser.PageTextAsync($"/organise/events/{otherEvent.Id}/campaigns"));
    }

    [Fact]
    public async Task OrganiserCreatesACampaignThroughTheForm()
    {
        var ev = await app.OpenEventAsync();
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));

        var empty = await organiser.PostFormAsync($"/organise/events/{ev.Id}/campaigns", "new-campaign", [new("Input.Name", "")]);
        Assert.Contains("Bitte gebt der Einladung einen Namen.", await empty.TextAsync());

        var created = await organiser.PostFormAsync($"/organise/events/{ev.Id}/campaigns", "new-campaign", [new("Input.Name", "Herbstrunde")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await organiser.PageTextAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("Herbstrunde", page);
        Assert.Contains("Text für alle anderen Gewerke", page);
    }
}

public sealed class CampaignTestsOnSqlite(CampaignSqliteApp app) : CampaignTests<CampaignSqliteApp>(app);

public sealed class CampaignTestsOnPostgres(CampaignPostgresApp app) : CampaignTests<CampaignPostgresApp>(app);
