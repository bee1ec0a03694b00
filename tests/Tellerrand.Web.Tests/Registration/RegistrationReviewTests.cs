using System.Net;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Events;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Registration;

/// <summary>The organiser's review: filters, decisions with mail, capacity under concurrency, notes, edits, rounds.</summary>
public abstract class RegistrationReviewTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@test.example";

    private async Task<Guid> RegisterAndConfirmBusinessAsync(Event ev, string email, string company, string trade)
    {
        var client = app.CreateBrowserLikeClient();
        var form = RegistrationHelpers.BusinessForm(email, company);
        form["Input.Trade"] = trade;
        await client.RegisterBusinessAsync(ev, form);
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));
        await using var db = app.CreateDb();
        return await db.Participations.Where(p => p.EventId == ev.Id && p.Person!.Email == email).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task OrganiserFiltersByTradeDisciplineAndStatus()
    {
        var ev = await app.OpenEventAsync();
        await RegisterAndConfirmBusinessAsync(ev, NewEmail("tischler"), "Tischlerei Lange", "Tischler");
        await RegisterAndConfirmBusinessAsync(ev, NewEmail("elektro"), "Elektro Förster", "Elektrotechniker");
        var unconfirmed = NewEmail("offen");
        await app.CreateBrowserLikeClient().RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(unconfirmed, "Bäckerei Offen"));
        await app.CreateBrowserLikeClient().RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm(NewEmail("kreativ")));
        var review = app.Get<RegistrationReview>();

        var electricians = await review.ListAsync(ev.Id, new ReviewFilter(Trade: "A-25"));
        var storytellers = await review.ListAsync(ev.Id, new ReviewFilter(Discipline: "storytelling"));
        var unconfirmedOnes = await review.ListAsync(ev.Id, new ReviewFilter(Status: ParticipationStatus.Registered, Role: EventRole.BusinessRepresentative));

        Assert.Equal("Elektro Förster", Assert.Single(electricians).Company);
        Assert.Equal("Jule Baumann", Assert.Single(storytellers).Name);
        Assert.Equal(unconfirmed, Assert.Single(unconfirmedOnes).Email);
        Assert.Equal(4, (await review.ListAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task EachDecisionMailsThePersonAndAcceptingRespectsCapacity()
    {
        var ev = await app.OpenEventAsync(businesses: 1);
        var holderEmail = NewEmail("platz");
        var waitingEmail = NewEmail("warte");
        var holder = await RegisterAndConfirmBusinessAsync(ev, holderEmail, "Erster Betrieb", "Tischler");
        var waiting = await RegisterAndConfirmBusinessAsync(ev, waitingEmail, "Zweiter Betrieb", "Tischler");
        var review = app.Get<RegistrationReview>();

        var refused = await review.DecideAsync(ev.Id, waiting, ReviewDecision.Accept, "http://localhost/");
        Assert.Equal("Review_Full", Assert.Single(refused).MessageKey);

        Assert.Empty(await review.DecideAsync(ev.Id, holder, ReviewDecision.Decline, "http://localhost/"));
        var declined = (await app.MailsToAsync(holderEmail)).Last();
        Assert.Equal("Deine Anmeldung zu Werkstattrunde Zittau", declined.Subject);
        Assert.Contains("Diesmal können wir dir leider keinen Platz anbieten", declined.TextBody);
        Assert.DoesNotContain("/m/", declined.TextBody);

        Assert.Empty(await review.DecideAsync(ev.Id, waiting, ReviewDecision.Accept, "http://localhost/"));
        var accepted = (await app.MailsToAsync(waitingEmail)).Last();
        Assert.StartsWith("Du bist dabei", accepted.Subject);
        Assert.Single(accepted.Attachments);

        Assert.Empty(await review.DecideAsync(ev.Id, waiting, ReviewDecision.Waitlist, "http://localhost/"));
        var moved = (await app.MailsToAsync(waitingEmail)).Last();
        Assert.Equal("Du stehst jetzt auf der Warteliste: Werkstattrunde Zittau", moved.Subject);
        Assert.Contains("http://localhost/m/", moved.TextBody);

        // A decision that does not fit the status is refused and changes nothing.
        Assert.Equal("Review_NotPossible", Assert.Single(await review.DecideAsync(ev.Id, waiting, ReviewDecision.Waitlist, "http://localhost/")).MessageKey);
        await using var db = app.CreateDb();
        var statuses = await db.Participations.Where(p => p.EventId == ev.Id).OrderBy(p => p.RegisteredAt).Select(p => p.Status).ToListAsync();
        Assert.Equal([ParticipationStatus.Declined, ParticipationStatus.Waitlisted], statuses);
    }

    [Fact]
    public async Task ApplicationOfAnotherEventIsNotFound()
    {
        var ev = await app.OpenEventAsync();
        var other = await app.OpenEventAsync();
        var id = await RegisterAndConfirmBusinessAsync(ev, NewEmail("fremd"), "Fremder Betrieb", "Tischler");
        var review = app.Get<RegistrationReview>();

        Assert.Equal("Registration_NotFound", Assert.Single(await review.DecideAsync(other.Id, id, ReviewDecision.Decline, "http://localhost/")).MessageKey);
        Assert.Equal("Registration_NotFound", Assert.Single(await review.SaveNoteAsync(other.Id, id, "nein")).MessageKey);
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/organise/events/{other.Id}/registrations/{id}")).StatusCode);
    }

    [Fact]
    public async Task ParallelConfirmationsTakeExactlyTheFreePlaces()
    {
        var ev = await app.OpenEventAsync(businesses: 3);
        var confirmations = new List<(HttpClient Client, string Path)>();
        for (var i = 0; i < 10; i++)
        {
            var email = NewEmail($"ansturm{i}");
            var client = app.CreateBrowserLikeClient();
            await client.RegisterBusinessAsync(ev, RegistrationHelpers.BusinessForm(email, $"Betrieb {i}"));
            confirmations.Add((client, RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single())));
        }

        await Task.WhenAll(confirmations.Select(c => c.Client.ConfirmAsync(c.Path)));

        await using var db = app.CreateDb();
        var statuses = await db.Participations.Where(p => p.EventId == ev.Id).Select(p => p.Status).ToListAsync();
        Assert.Equal(3, statuses.Count(s => s == ParticipationStatus.Confirmed));
        Assert.Equal(7, statuses.Count(s => s == ParticipationStatus.Waitlisted));
    }

    [Fact]
    public async Task NoteIsKeptInertShownToOrganisersAndExportedButATooLongOneIsRefused()
    {
        var ev = await app.OpenEventAsync();
        var id = await RegisterAndConfirmBusinessAsync(ev, NewEmail("notiz"), "Glaserei Notiz", "Tischler");
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var path = $"/organise/events/{ev.Id}/registrations/{id}";

        var saved = await organiser.PostFormAsync(path, "organiser-note", [new("Note.Text", "Ruft lieber an <script>alert(1)</script>")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await organiser.GetAsync($"/organise/events/{ev.Id}/registrations");
        var raw = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", raw);
        Assert.Contains("Ruft lieber an <script>alert(1)</script>", WebUtility.HtmlDecode(raw));

        var tooLong = await organiser.PostFormAsync(path, "organiser-note", [new("Note.Text", new string('x', 2001))]);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Höchstens 2000 Zeichen", await tooLong.TextAsync());
        await using var db = app.CreateDb();
        var participation = await db.Participations.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal("Ruft lieber an <script>alert(1)</script>", participation.OrganiserNote);
        var export = await app.Get<RegistrationService>().ExportAsync(participation.PersonId, ev.Id);
        Assert.Equal(participation.OrganiserNote, Assert.Single(export!.Participations).OrganiserNote);
    }

    [Fact]
    public async Task OrganiserCorrectsABusinessAndAnEmptyCompanyIsRefused()
    {
        var ev = await app.OpenEventAsync();
        var id = await RegisterAndConfirmBusinessAsync(ev, NewEmail("korrektur"), "Tischlerei Tippfehler", "Tischler");
        var organiser = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Organiser));
        var path = $"/organise/events/{ev.Id}/registrations/{id}";
        var form = RegistrationHelpers.BusinessForm("ignoriert@test.example", "Tischlerei Richtig");

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(path, "organiser-edit-business", form)).StatusCode);
        form["Input.Company"] = "";
        var refused = await organiser.PostFormAsync(path, "organiser-edit-business", form);

        Assert.Contains("Bitte füll dieses Feld aus", await refused.TextAsync());
        await using var db = app.CreateDb();
        var stored = await db.Participations.Include(p => p.Business).Include(p => p.Person).AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal("Tischlerei Richtig", stored.Business!.Name);
        Assert.NotEqual("ignoriert@test.example", stored.Person!.Email);
    }

    [Fact]
    public async Task CreativeChoosesRoundsAndTheyAreStoredOnTheParticipation()
    {
        var ev = await app.OpenEventAsync(rounds: 3);
        var client = app.CreateBrowserLikeClient();
        var form = await client.PageTextAsync($"/events/{ev.Slug}/register/creative");
        Assert.Contains("Runde 3", form);

        var none = RegistrationHelpers.CreativeForm(NewEmail("keine-runde"));
        var noneAnswer = await client.RegisterCreativeAsync(ev, none);
        Assert.Contains("Bitte wähl mindestens eine Runde", await noneAnswer.TextAsync());

        var unknown = RegistrationHelpers.CreativeForm(NewEmail("runde-vier"));
        unknown.Add(new("Input.AvailableRounds", "4"));
        Assert.Contains("Diese Auswahl kennen wir nicht", await (await client.RegisterCreativeAsync(ev, unknown)).TextAsync());

        var email = NewEmail("runden");
        var chosen = RegistrationHelpers.CreativeForm(email);
        chosen.Add(new("Input.AvailableRounds", "3"));
        chosen.Add(new("Input.AvailableRounds", "1"));
        await client.RegisterCreativeAsync(ev, chosen);

        await using var db = app.CreateDb();
        var stored = await db.Participations.Where(p => p.EventId == ev.Id).ToListAsync();
        Assert.Equal([1, 3], Assert.Single(stored).AvailableRounds);
    }

    [Fact]
    public async Task CreativeCorrectsItsRoundsThroughItsLinkAndBadChoicesAreRefused()
    {
        var ev = await app.OpenEventAsync(rounds: 3);
        var email = NewEmail("runden-korrektur");
        var client = app.CreateBrowserLikeClient();
        var registration = RegistrationHelpers.CreativeForm(email);
        registration.Add(new("Input.AvailableRounds", "1"));
        await client.RegisterCreativeAsync(ev, registration);
        await client.ConfirmAsync(RegistrationHelpers.ConfirmPath((await app.MailsToAsync(email)).Single()));

        var form = await client.PageTextAsync("/me/registration/edit");
        Assert.Contains("Runde 3", form);
        List<KeyValuePair<string, string>> Correction(params string[] rounds) =>
            [new("Input.Name", "Jule Baumann"), new("Input.Disciplines", "storytelling"), new("Input.Languages", "de"),
             .. rounds.Select(r => new KeyValuePair<string, string>("Input.AvailableRounds", r))];

        Assert.Contains("Bitte wähl mindestens eine Runde", await (await client.PostFormAsync("/me/registration/edit", "correct-creative", Correction())).TextAsync());
        Assert.Contains("Diese Auswahl kennen wir nicht", await (await client.PostFormAsync("/me/registration/edit", "correct-creative", Correction("2", "7"))).TextAsync());
        await using (var db = app.CreateDb())
        {
            Assert.Equal([1], (await db.Participations.SingleAsync(p => p.EventId == ev.Id)).AvailableRounds);
        }

        var response = await client.PostFormAsync("/me/registration/edit", "correct-creative", Correction("3", "2"));

        Assert.Equal("/me/registration?result=corrected", response.Headers.Location?.PathAndQuery);
        await using (var db = app.CreateDb())
        {
            Assert.Equal([2, 3], (await db.Participations.SingleAsync(p => p.EventId == ev.Id)).AvailableRounds);
        }
        Assert.Contains("2, 3", await client.PageTextAsync("/me/registration?result=corrected"));
    }

    [Fact]
    public async Task OneRoundEventStoresRoundOneForEveryCreative()
    {
        var ev = await app.OpenEventAsync();
        await app.CreateBrowserLikeClient().RegisterCreativeAsync(ev, RegistrationHelpers.CreativeForm(NewEmail("eine-runde")));

        await using var db = app.CreateDb();
        Assert.Equal([1], (await db.Participations.SingleAsync(p => p.EventId == ev.Id)).AvailableRounds);
    }
}

public sealed class RegistrationReviewTestsOnSqlite(RegistrationSqliteApp app) : RegistrationReviewTests<RegistrationSqliteApp>(app);

public sealed class RegistrationReviewTestsOnPostgres(RegistrationPostgresApp app) : RegistrationReviewTests<RegistrationPostgresApp>(app);
