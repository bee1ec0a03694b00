using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Registration;

/// <summary>
/// Public registration through the real forms: double opt-in, the calendar file, the waiting list,
/// and what a person can do with their own registration through their link.
/// </summary>
public abstract class RegistrationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@test.example";

    [Fact]
    public async Task BusinessRegistrationCountsOnlyAfterConfirmation()
    {
        var ev = await app.OpenEventAsync(businesses: 1);
        var email = NewEmail("betrieb");
        var client = app.CreateBrowserLikeClient();

        var response = await client.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bitte schau in dein Postfach", await response.TextAsync());
        await using (var db = app.CreateDb())
        {
            var registered = await db.Participations.Include(p => p.Business).SingleAsync(p => p.EventId == ev.Id);
            Assert.Equal(ParticipationStatus.Registered, registered.Status);
            Assert.Equal(EventRole.BusinessRepresentative, registered.Role);
            Assert.Equal(("Tischler", "A-27"), (registered.Business!.Trade, registered.Business.TradeKey));
            var consents = await db.Consents.Where(c => c.PersonId == registered.PersonId).ToListAsync();
            Assert.Contains(consents, c => c.Purpose == ConsentPurpose.Privacy && c.Granted && c.TextVersion == RegistrationService.PrivacyTextVersion);
            Assert.Contains(consents, c => c.Purpose == ConsentPurpose.NameOnExportedBoards && !c.Granted);
        }
        // Unconfirmed, it takes no place: the only place of the event is still free.
        Assert.False((await app.Get<RegistrationService>().FindEventAsync(ev.Slug))!.BusinessesFull);

        var confirmMail = Assert.Single(await app.MailsToAsync(email));
        Assert.Empty(confirmMail.Attachments);
        var confirmed = await client.ConfirmAsync(RegistrationHelpers.ConfirmPath(confirmMail));

        Assert.Equal("/me/registration?result=confirmed", confirmed.Headers.Location?.PathAndQuery);
        await using (var db = app.CreateDb())
        {
            Assert.Equal(ParticipationStatus.Confirmed, (await db.Participations.SingleAsync(p => p.EventId == ev.Id)).Status);
        }
        Assert.True((await app.Get<RegistrationService>().FindEventAsync(ev.Slug))!.BusinessesFull);
        var page = await client.PageTextAsync("/me/registration?result=confirmed");
        Assert.Contains("Deine Anmeldung ist bestätigt", page);
        Assert.Contains("Tischlerei Lange", page);
    }

    [Fact]
    public async Task ConfirmationMailCarriesTheEventInItsTimeZoneAsCalendarFile()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("kalender");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));

        var confirmed = (await app.MailsToAsync(email)).Last();

        Assert.StartsWith("Du bist dabei", confirmed.Subject);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(confirmed.Attachments));
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        using var stream = new MemoryStream();
        await attachment.Content!.DecodeToAsync(stream);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal("Europe/Berlin", entry.DtStart!.TzId);
        var local = EventTimeZones.ToLocal(ev.StartsAt, "Europe/Berlin");
        Assert.Equal(local, entry.DtStart.Value);
        Assert.Equal(14, entry.DtStart.Value.Hour);
        Assert.Equal(ev.StartsAt, new DateTimeOffset(entry.DtStart.AsUtc));
        Assert.Equal(ev.StartsAt.AddMinutes(ev.DurationMinutes), new DateTimeOffset(entry.DtEnd!.AsUtc));
        Assert.Equal(ev.Title, entry.Summary);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Berlin");
    }

    [Fact]
    public async Task CreativeRegistersWithDisciplinesLanguagesAndOptionalConsent()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("kreativ");
        var client = app.CreateBrowserLikeClient();

        var response = await client.RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm(email));

        Assert.Contains("bitte schau in dein Postfach", await response.TextAsync());
        await using var db = app.CreateDb();
        var person = await db.People.Include(p => p.CreativeProfile).SingleAsync(p => p.Email == email);
        Assert.Equal(["storytelling", "film_video"], person.CreativeProfile!.Disciplines);
        Assert.Equal(["de", "pl"], person.CreativeProfile.Languages);
        Assert.Equal("https://jule-baumann.example", person.CreativeProfile.PortfolioUrl);
        Assert.True((await db.Consents.SingleAsync(c => c.PersonId == person.Id && c.Purpose == ConsentPurpose.NameOnExportedBoards)).Granted);

        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
        var participation = await db.Participations.AsNoTracking().SingleAsync(p => p.PersonId == person.Id);
        Assert.Equal((EventRole.Creative, ParticipationStatus.Confirmed), (participation.Role, participation.Status));
    }

    [Fact]
    public async Task FullEventPutsTheConfirmedRegistrationOnTheWaitingListUntilTheOrganiserAdmitsIt()
    {
        var ev = await app.OpenEventAsync(businesses: 1);
        var first = NewEmail("erster");
        var second = NewEmail("zweiter");
        var firstClient = app.CreateBrowserLikeClient();
        await firstClient.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(first, "Erster Betrieb"));
        await firstClient.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(first)).Single()));

        var secondClient = app.CreateBrowserLikeClient();
        var form = await secondClient.PageTextAsync($"/events/{ev.Slug}/register/business");
        Assert.Contains("Alle Plätze sind schon vergeben", form);
        var sent = await (await secondClient.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(second, "Zweiter Betrieb"))).TextAsync();
        Assert.Contains("Nach der Bestätigung kommst du auf die Warteliste", sent);
        var confirmed = await secondClient.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(second)).Single()));

        Assert.Equal("/me/registration?result=waitlisted", confirmed.Headers.Location?.PathAndQuery);
        Assert.Contains("stehst du auf der Warteliste", await secondClient.PageTextAsync("/me/registration?result=waitlisted"));
        var waitlistMail = (await app.MailsToAsync(second)).Last();
        Assert.StartsWith("Du stehst auf der Warteliste", waitlistMail.Subject);
        Assert.Empty(waitlistMail.Attachments);
        await using var db = app.CreateDb();
        var waiting = await db.Participations.AsNoTracking().SingleAsync(p => p.EventId == ev.Id && p.Person!.Email == second);
        Assert.Equal(ParticipationStatus.Waitlisted, waiting.Status);

        // The only place is taken: admitting needs a place to be freed first.
        var review = app.Get<RegistrationReview>();
        Assert.Equal("Review_Full", Assert.Single(await review.DecideAsync(ev.Id, waiting.Id, ReviewDecision.Accept, "http://localhost/")).MessageKey);
        var holder = await db.Participations.AsNoTracking().SingleAsync(p => p.EventId == ev.Id && p.Person!.Email == first);
        Assert.Empty(await review.DecideAsync(ev.Id, holder.Id, ReviewDecision.Decline, "http://localhost/"));

        var admitted = await review.DecideAsync(ev.Id, waiting.Id, ReviewDecision.Accept, "http://localhost/");

        Assert.Empty(admitted);
        Assert.Equal(ParticipationStatus.Accepted, (await db.Participations.AsNoTracking().SingleAsync(p => p.Id == waiting.Id)).Status);
        var admittedMail = (await app.MailsToAsync(second)).Last();
        Assert.StartsWith("Du bist dabei", admittedMail.Subject);
        Assert.Single(admittedMail.Attachments);
    }

    [Fact]
    public async Task MissingPrivacyConsentIsRefusedWithItsReasonAndNothingIsStored()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("ohne-einwilligung");
        var fields = RegistrationHelpers.BusinessForm(email);
        fields.Remove("Input.Consent.Privacy");

        var response = await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, fields);

        var html = await response.TextAsync();
        Assert.Contains("Bitte stimm dem Datenschutzhinweis zu", html);
        Assert.DoesNotContain("bitte schau in dein Postfach", html);
        await using var db = app.CreateDb();
        Assert.False(await db.People.AnyAsync(p => p.Email == email));
        Assert.False(await db.Participations.AnyAsync(p => p.EventId == ev.Id));
        Assert.Empty(await app.MailsToAsync(email));
    }

    [Fact]
    public async Task SameAddressAgainGetsItsLinkAgainAndRevealsNothingToWhoeverTypedIt()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("doppelt");
        var first = await (await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email))).TextAsync();

        var stranger = app.CreateBrowserLikeClient();
        var again = await (await stranger.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email.ToUpperInvariant(), "Ganz anderer Betrieb"))).TextAsync();

        Assert.Equal(SentMessage(first), SentMessage(again));
        await using var db = app.CreateDb();
        var person = await db.People.SingleAsync(p => p.Email.ToLower() == email);
        Assert.Equal("Kerstin Lange", person.DisplayName);
        Assert.Single(await db.Participations.Where(p => p.EventId == ev.Id).ToListAsync());
        Assert.False(await db.Businesses.AnyAsync(b => b.Name == "Ganz anderer Betrieb"));
        var mails = await app.MailsToAsync(email);
        Assert.Equal(2, mails.Count);
        Assert.StartsWith("Dein persönlicher Link", mails[1].Subject);
        // The link sent again confirms like the first one.
        await app.CreateBrowserLikeClient().ConfirmAsync(RegistrationHelpers.ConfirmPath(mails[1]));
        Assert.Equal(ParticipationStatus.Confirmed, (await db.Participations.AsNoTracking().SingleAsync(p => p.EventId == ev.Id)).Status);
    }

    [Fact]
    public async Task HostileTextInEveryFieldIsStoredWithoutControlCharactersAndShownInert()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("feindlich");
        const string Script = "<script>alert('x')</script>";
        var fields = RegistrationHelpers.BusinessForm(email);
        foreach (var field in new[] { "Input.Company", "Input.Trade", "Input.Region", "Input.ContactName", "Input.Phone", "Input.Statement", "Input.DesiredOutcome" })
        {
            fields[field] = $"A\u0007\u202E{Script}\"><img src=x onerror=alert(1)>";
        }
        fields["Input.Phone"] = $"\u0001{Script}";
        var client = app.CreateBrowserLikeClient();

        var response = await client.RegisterBusinessAsync(ev, fields);

        Assert.Contains("bitte schau in dein Postfach", await response.TextAsync());
        await using var db = app.CreateDb();
        var person = await db.People.SingleAsync(p => p.Email == email);
        var business = await db.Participations.Where(p => p.PersonId == person.Id).Select(p => p.Business!).SingleAsync();
        var challenge = await db.Challenges.SingleAsync(c => c.BusinessId == business.Id);
        foreach (var stored in new[] { person.DisplayName, business.Name, business.Trade, business.Region!, challenge.Statement, challenge.DesiredOutcome! })
        {
            Assert.Equal($"A{Script}\"><img src=x onerror=alert(1)>", stored);
        }
        Assert.Equal(Script, person.Phone);

        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
        var page = await client.GetStringAsync("/me/registration");
        Assert.DoesNotContain(Script, page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page);
    }

    [Fact]
    public async Task HostileTextInEveryCreativeFieldIsStoredWithoutControlCharactersAndShownInertToEveryone()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("feindlich-kreativ");
        const string Script = "<script>alert('x')</script>";
        const string Hostile = $"A\u0007\u202E{Script}\"><img src=x onerror=alert(1)>";
        var fields = RegistrationHelpers.CreativeForm(email)
            .Where(f => f.Key is not ("Input.Name" or "Input.Bio" or "Input.Interests" or "Input.PortfolioUrl")).ToList();
        fields.AddRange([new("Input.Name", Hostile), new("Input.Bio", Hostile), new("Input.Interests", Hostile),
                         new("Input.PortfolioUrl", "https://jule.example/?q=\u0001<script>alert(1)</script>")]);
        var client = app.CreateBrowserLikeClient();

        Assert.Contains("bitte schau in dein Postfach", await (await client.RegisterCreativeAsync(ev, fields)).TextAsync());

        await using (var db = app.CreateDb())
        {
            var person = await db.People.Include(p => p.CreativeProfile).SingleAsync(p => p.Email == email);
            foreach (var stored in new[] { person.DisplayName, person.CreativeProfile!.Bio!, person.CreativeProfile.Interests! })
            {
                Assert.Equal($"A{Script}\"><img src=x onerror=alert(1)>", stored);
            }
            Assert.Equal("https://jule.example/?q=<script>alert(1)</script>", person.CreativeProfile.PortfolioUrl);
        }
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
        // A correction goes through the same cleaning as the form.
        var corrected = await client.PostFormAsync("/me/registration/edit", "correct-creative",
            [new("Input.Name", Hostile), new("Input.Disciplines", "storytelling"), new("Input.Languages", "de"),
             new("Input.Bio", $"Neu\u0008{Script}"), new("Input.AvailableWholeEvent", "True")]);
        Assert.Equal("/me/registration?result=corrected", corrected.Headers.Location?.PathAndQuery);
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(Tellerrand.Web.Accounts.StaffRoles.Organiser));
        await using (var db = app.CreateDb())
        {
            Assert.Equal($"Neu{Script}", (await db.People.Include(p => p.CreativeProfile).SingleAsync(p => p.Email == email)).CreativeProfile!.Bio);
            var participation = await db.Participations.SingleAsync(p => p.EventId == ev.Id);
            foreach (var page in new[]
            {
                await client.GetStringAsync("/me/registration"),
                await client.GetStringAsync("/me/registration/edit"),
                await organiser.GetStringAsync($"/organise/events/{ev.Id}/registrations"),
                await organiser.GetStringAsync($"/organise/events/{ev.Id}/registrations/{participation.Id}"),
            })
            {
                Assert.DoesNotContain(Script, page);
                Assert.DoesNotContain("<img src=x", page);
                // Ordinal: a culture-aware search ignores control characters and would find one everywhere.
                Assert.DoesNotContain("\u0007", page, StringComparison.Ordinal);
                Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page);
            }
        }
    }

    [Fact]
    public async Task CreativeFieldsOverTheirLimitOrAScriptLinkAreRefusedByNameAndNothingIsStored()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("kreativ-zu-lang");
        var fields = RegistrationHelpers.CreativeForm(email)
            .Where(f => f.Key is not ("Input.Name" or "Input.Bio" or "Input.Interests" or "Input.PortfolioUrl")).ToList();
        fields.AddRange([new("Input.Name", new string('J', 100_000)), new("Input.Bio", new string('b', 2001)),
                         new("Input.Interests", new string('i', 1001)), new("Input.PortfolioUrl", "javascript:alert(1)")]);

        var html = await (await app.CreateBrowserLikeClient().RegisterCreativeAsync(ev, fields)).TextAsync();

        Assert.Contains("Dein Name: Höchstens 200 Zeichen", html);
        Assert.Contains("Kurz über dich (freiwillig): Höchstens 2000 Zeichen", html);
        Assert.Contains("Welche Herausforderungen reizen dich? (freiwillig): Höchstens 1000 Zeichen", html);
        Assert.Contains("Bitte gib den Link vollständig an, beginnend mit https://.", html);
        await using var db = app.CreateDb();
        Assert.False(await db.People.AnyAsync(p => p.Email == email));
    }

    [Fact]
    public async Task NulCharacterIsRefusedBeforeAnythingIsStored()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("nul");
        var fields = RegistrationHelpers.BusinessForm(email);
        fields["Input.Company"] = "Nul\u0000Betrieb";

        var response = await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.CreateDb();
        Assert.False(await db.People.AnyAsync(p => p.Email == email));
    }

    [Fact]
    public async Task OverlongTextIsRefusedWithItsLimitAndNothingIsStored()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("zu-lang");
        var fields = RegistrationHelpers.BusinessForm(email);
        fields["Input.Company"] = new string('W', 100_000);
        fields["Input.Statement"] = new string('x', 4001);

        var html = await (await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, fields)).TextAsync();

        Assert.Contains("Name des Betriebs: Höchstens 200 Zeichen", html);
        Assert.Contains("Höchstens 4000 Zeichen", html);
        await using var db = app.CreateDb();
        Assert.False(await db.People.AnyAsync(p => p.Email == email));
    }

    [Fact]
    public async Task PersonWithdrawsThroughTheirLink()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("rueckzug");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm(email));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));

        var response = await client.PostFormAsync("/me/registration", "withdraw", [new("Withdraw.Sure", "True")]);

        Assert.Contains("Deine Anmeldung ist zurückgezogen", await response.TextAsync());
        await using var db = app.CreateDb();
        var person = await db.People.SingleAsync(p => p.Email == email);
        Assert.Equal(ParticipationStatus.Withdrawn, (await db.Participations.SingleAsync(p => p.PersonId == person.Id)).Status);
        var boards = await db.Consents.SingleAsync(c => c.PersonId == person.Id && c.Purpose == ConsentPurpose.NameOnExportedBoards);
        Assert.NotNull(boards.WithdrawnAt);
    }

    [Fact]
    public async Task BusinessCorrectsItsRegistrationThroughItsLinkButNotItsAddress()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("korrektur");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
        var fields = RegistrationHelpers.BusinessForm("andere@test.example", "Tischlerei Lange & Sohn");
        fields["Input.Trade"] = "Bootsbauer an der Neiße";
        fields["Input.Statement"] = "Wir suchen Nachwuchs – und Kundschaft im Netz.";

        var response = await client.PostFormAsync("/me/registration/edit", "correct-business", fields);

        Assert.Equal("/me/registration?result=corrected", response.Headers.Location?.PathAndQuery);
        await using var db = app.CreateDb();
        var participation = await db.Participations.Include(p => p.Person).Include(p => p.Business).ThenInclude(b => b!.Challenges)
            .SingleAsync(p => p.Person!.Email == email);
        Assert.Equal("Tischlerei Lange & Sohn", participation.Business!.Name);
        Assert.Equal(("Bootsbauer an der Neiße", null), (participation.Business.Trade, participation.Business.TradeKey));
        Assert.Equal("Wir suchen Nachwuchs – und Kundschaft im Netz.", Assert.Single(participation.Business.Challenges).Statement);
        Assert.False(await db.People.AnyAsync(p => p.Email == "andere@test.example"));
        Assert.Contains("Deine Änderungen sind gespeichert", await client.PageTextAsync("/me/registration?result=corrected"));
    }

    [Fact]
    public async Task CreativeCorrectsItsProfileAndAnEmptyChoiceIsRefused()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("profil");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm(email));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));

        var refused = await client.PostFormAsync("/me/registration/edit", "correct-creative", [new("Input.Name", "Jule Baumann"), new("Input.Languages", "de")]);
        Assert.Contains("Bitte wähl mindestens eine Disziplin", await refused.TextAsync());

        var response = await client.PostFormAsync("/me/registration/edit", "correct-creative",
            [new("Input.Name", "Jule Baumann-Nowak"), new("Input.Disciplines", "photography"), new("Input.Languages", "en"), new("Input.Bio", "Fotografin."), new("Input.AvailableWholeEvent", "True")]);

        Assert.Equal("/me/registration?result=corrected", response.Headers.Location?.PathAndQuery);
        await using var db = app.CreateDb();
        var person = await db.People.Include(p => p.CreativeProfile).SingleAsync(p => p.Email == email);
        Assert.Equal("Jule Baumann-Nowak", person.DisplayName);
        Assert.Equal(["photography"], person.CreativeProfile!.Disciplines);
        Assert.Equal(["en"], person.CreativeProfile.Languages);
        Assert.Null(person.CreativeProfile.PortfolioUrl);
    }

    [Fact]
    public async Task DataDownloadHoldsOnlyTheSessionsOwnData()
    {
        var ev = await app.OpenEventAsync();
        var mine = NewEmail("meine-daten");
        var other = NewEmail("fremde-daten");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(mine, "Meine Werkstatt"));
        await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(other, "Fremde Werkstatt"));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(mine)).Single()));

        var response = await client.GetAsync("/me/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").Single());
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains(mine, json);
        Assert.Contains("Meine Werkstatt", json);
        Assert.DoesNotContain(other, json);
        Assert.DoesNotContain("Fremde Werkstatt", json);
        var export = JsonSerializer.Deserialize<PersonalDataExport>(json, JsonSerializerOptions.Web)!;
        Assert.Contains(export.Consents, c => c.Purpose == "Privacy" && c.Granted);
        Assert.Equal("Meine Werkstatt", Assert.Single(export.Participations).Business!.Name);
        Assert.NotEqual(HttpStatusCode.OK, (await app.CreateBrowserLikeClient().GetAsync("/me/data")).StatusCode);
    }

    [Fact]
    public async Task DeletingMyDataRemovesThePersonTheirBusinessAndEndsTheSession()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("loeschen");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email, "Weg GmbH"));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
        await using var db = app.CreateDb();
        var personId = (await db.People.SingleAsync(p => p.Email == email)).Id;

        var response = await client.PostFormAsync("/me/delete", "delete-my-data", [new("Input.Sure", "True")]);

        Assert.Contains("Deine Daten sind gelöscht", await response.TextAsync());
        Assert.False(await db.People.AnyAsync(p => p.Id == personId));
        Assert.False(await db.Participations.AnyAsync(p => p.PersonId == personId));
        Assert.False(await db.Consents.AnyAsync(c => c.PersonId == personId));
        Assert.False(await db.MagicLinks.AnyAsync(l => l.PersonId == personId));
        Assert.False(await db.Businesses.AnyAsync(b => b.Name == "Weg GmbH"));
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/me/data")).StatusCode);
    }

    [Fact]
    public async Task DeletionNeedsTheTickAndKeepsEverythingWithoutIt()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("nicht-loeschen");
        var client = app.CreateBrowserLikeClient();
        await client.RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm(email));
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));

        var response = await client.PostFormAsync("/me/delete", "delete-my-data", []);

        Assert.Contains("Bitte kreuz an", await response.TextAsync());
        await using var db = app.CreateDb();
        Assert.True(await db.People.AnyAsync(p => p.Email == email));
    }

    [Fact]
    public async Task OpenEventPageLinksToBothFormsAndOnlyOpenEventsTakeRegistrations()
    {
        var ev = await app.OpenEventAsync();
        var client = app.CreateBrowserLikeClient();

        var page = await client.PageTextAsync($"/events/{ev.Slug}");
        Assert.Contains($"href=\"events/{ev.Slug}/register/business\"", page);
        Assert.Contains($"href=\"events/{ev.Slug}/register/creative\"", page);

        await app.Get<EventService>().ChangeStatusAsync(ev.Id, EventStatus.Closed);
        Assert.DoesNotContain("/register/business", await client.PageTextAsync($"/events/{ev.Slug}"));
        Assert.Contains("Anmeldung gerade nicht offen", await client.PageTextAsync($"/events/{ev.Slug}/register/creative"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/events/gibt-es-nicht/register/business")).StatusCode);
    }

    [Fact]
    public async Task ConfirmationLinkOfOnePersonShowsNothingOfAnother()
    {
        var ev = await app.OpenEventAsync();
        var a = NewEmail("person-a");
        var b = NewEmail("person-b");
        var clientA = app.CreateBrowserLikeClient();
        await clientA.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(a, "Betrieb A"));
        await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(b, "Betrieb B"));

        await clientA.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(a)).Single()));

        var page = await clientA.PageTextAsync("/me/registration");
        Assert.Contains("Betrieb A", page);
        Assert.DoesNotContain("Betrieb B", page);
        await using var db = app.CreateDb();
        Assert.Equal(ParticipationStatus.Registered, (await db.Participations.SingleAsync(p => p.Person!.Email == b)).Status);
    }

    [Fact]
    public async Task LogsOfARegistrationCarryIdsOnly()
    {
        var ev = await app.OpenEventAsync();
        var email = NewEmail("protokoll");
        var fields = RegistrationHelpers.BusinessForm(email, "Protokoll-Werkstatt");
        fields["Input.ContactName"] = "Gisela Geheimnis";
        var client = app.CreateBrowserLikeClient();
        await client.RegisterBusinessAsync(ev, fields);
        var confirmPath = RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single());
        await client.ConfirmAsync(confirmPath);
        await client.GetAsync("/me/registration");
        await client.GetAsync("/me/data");

        var token = confirmPath.Split('/')[2];
        var leaks = app.Logs.Lines.Where(l => l.Contains(email, StringComparison.OrdinalIgnoreCase)
            || l.Contains("Gisela", StringComparison.Ordinal) || l.Contains("Protokoll-Werkstatt", StringComparison.Ordinal)
            || l.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "Personal data in the log:\n" + string.Join("\n", leaks));
    }

    private static string SentMessage(string html)
    {
        var start = html.IndexOf("role=\"status\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The form did not report that a mail was sent.");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}

public sealed class RegistrationTestsOnSqlite(RegistrationSqliteApp app) : RegistrationTests<RegistrationSqliteApp>(app);

public sealed class RegistrationTestsOnPostgres(RegistrationPostgresApp app) : RegistrationTests<RegistrationPostgresApp>(app);

/// <summary>Rate limits get their own app with the shipped limit: exhausting it must not starve other tests.</summary>
public sealed class RegistrationRateLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task RegistrationPostsAreRateLimitedButReadingTheFormIsNot()
    {
        var ev = await app.OpenEventAsync();
        var client = app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var fields = RegistrationHelpers.BusinessForm($"flut-{i}-{Guid.NewGuid():N}@test.example");
            statuses.Add((await client.RegisterBusinessAsync(ev, fields)).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/events/{ev.Slug}/register/business")).StatusCode);
    }

    [Fact]
    public async Task ConfirmationLinksAreRateLimited()
    {
        var client = app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await client.GetAsync($"/m/{new string('a', 43)}/confirm")).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}

/// <summary>The creative form's limit, on an app of its own so that it does not share a budget with the business form's test.</summary>
public sealed class CreativeRegistrationRateLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task CreativeRegistrationPostsAreRateLimitedToo()
    {
        var ev = await app.OpenEventAsync();
        var client = app.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await client.RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm($"flut-k-{i}-{Guid.NewGuid():N}@test.example"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        await using var db = app.CreateDb();
        Assert.True(await db.Participations.CountAsync(p => p.EventId == ev.Id) <= 10);
    }
}
