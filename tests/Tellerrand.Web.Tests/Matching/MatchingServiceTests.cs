using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Matching;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Web.Tests.Matching;

/// <summary>
/// The organiser's side of matching through the real services, on both databases and a real SMTP server: decisions
/// that are stored and checked, rounds, absences, and publishing that locks the rooms and writes only to people whose
/// room changed. Each test works on an event of its own (a copy of the demo event's people).
/// </summary>
public abstract class MatchingServiceTests<TApp>(TApp app, SmtpSink smtp) : IClassFixture<TApp> where TApp : TellerrandApp
{
    private static readonly HashSet<string> Telling = ["storytelling", "copywriting", "online_marketing", "social_media", "film_video", "photography"];

    private MatchingService Matching => app.Get<MatchingService>();
    private RoomPublisher Publisher => app.Get<RoomPublisher>();

    [Fact]
    public async Task EveryBusinessGetsADesignerAndATellerAndNobodySitsTwice()
    {
        var input = await InputAsync();

        var proposal = Matching.Propose(input, MatchingDecisions.None);

        Assert.Equal(MatchingStatus.Optimal, proposal.Status);
        Assert.Equal(5, proposal.Rooms.Count);
        Assert.All(proposal.Rooms, room =>
        {
            Assert.Equal(2, room.Seats.Count);
            Assert.Single(room.Seats, s => Telling.Contains(s.Disciplines[0]));
            Assert.NotNull(room.ModeratorId);
        });
        var seated = proposal.Rooms.SelectMany(r => r.Seats.Select(s => s.CreativeId)).ToList();
        Assert.Equal(seated.Count, seated.Distinct().Count());
        Assert.All(proposal.Rooms.SelectMany(r => r.Seats), s => Assert.Equal(s.Score, Math.Round(s.Contributions.Sum(c => c.Value), 3), 3));
        Assert.Equal(0, proposal.Cost);
    }

    [Fact]
    public async Task PinsAndExclusionsAreStoredForTheEventAndCostWhatTheyCost()
    {
        var input = await InputAsync();
        var best = Matching.Propose(input, MatchingDecisions.None);
        var room = best.Rooms[0];
        var excluded = new MatchingPair(room.BusinessId, room.Seats[0].CreativeId);
        var elsewhere = best.Rooms[1].Seats.First(s => IsTeller(s) == IsTeller(room.Seats[1]));
        var pin = new MatchingPair(room.BusinessId, elsewhere.CreativeId);

        Assert.Null((await Matching.DecideAsync(input, new MatchingChange.Forbid(excluded))).Error);
        var outcome = await Matching.DecideAsync(input, new MatchingChange.Pin(pin));

        Assert.Null(outcome.Error);
        var stored = await Matching.LoadDecisionsAsync(input.EventId);
        Assert.Equal([excluded], stored.Forbidden);
        Assert.Equal([pin], stored.Pinned);
        // A fresh proposal from the stored decisions (another organiser, a reload) keeps both.
        var again = Matching.Propose(input, stored);
        var seats = again.Rooms.Single(r => r.BusinessId == room.BusinessId).Seats;
        Assert.DoesNotContain(seats, s => s.CreativeId == excluded.CreativeId);
        Assert.True(Assert.Single(seats, s => s.CreativeId == pin.CreativeId).Pinned);
        Assert.True(again.Cost > 0);
        Assert.Equal(best.Objective - again.Objective, again.Cost, 3);
        Assert.Equal(again.Objective, outcome.Proposal!.Objective);

        Assert.Null((await Matching.DecideAsync(input, new MatchingChange.Undo(excluded))).Error);
        Assert.Empty((await Matching.LoadDecisionsAsync(input.EventId)).Forbidden);
    }

    [Fact]
    public async Task PinningAnExcludedPairIsRefusedWithAClearMessageAndChangesNothing()
    {
        var input = await InputAsync();
        var room = Matching.Propose(input, MatchingDecisions.None).Rooms[0];
        var pair = new MatchingPair(room.BusinessId, room.Seats[0].CreativeId);
        await Matching.DecideAsync(input, new MatchingChange.Forbid(pair));

        var outcome = await InGerman(() => Matching.DecideAsync(input, new MatchingChange.Pin(pair)));

        Assert.Equal($"{room.Seats[0].Name} bei {room.BusinessName} ist ausgeschlossen und kann deshalb nicht festgehalten werden. Nimm den Ausschluss zuerst zurück. Es bleibt alles, wie es war.", outcome.Error);
        var stored = await Matching.LoadDecisionsAsync(input.EventId);
        Assert.Empty(stored.Pinned);
        Assert.Equal([pair], stored.Forbidden);
    }

    [Fact]
    public async Task SwapExchangesTwoCreativesBetweenRoomsAndIsKeptOnEveryReSolve()
    {
        var input = await InputAsync();
        var best = Matching.Propose(input, MatchingDecisions.None);
        var (first, second) = (best.Rooms[0], best.Rooms[1]);
        var mine = first.Seats.First(IsTeller);
        var theirs = second.Seats.First(IsTeller);

        var outcome = await Matching.DecideAsync(input, new MatchingChange.Swap(new MatchingPair(first.BusinessId, mine.CreativeId), theirs.CreativeId, second.BusinessId));

        Assert.Null(outcome.Error);
        var again = Matching.Propose(input, await Matching.LoadDecisionsAsync(input.EventId));
        Assert.Contains(again.Rooms.Single(r => r.BusinessId == first.BusinessId).Seats, s => s.CreativeId == theirs.CreativeId);
        Assert.Contains(again.Rooms.Single(r => r.BusinessId == second.BusinessId).Seats, s => s.CreativeId == mine.CreativeId);
        Assert.Equal(best.Objective - again.Objective, again.Cost, 3);
    }

    [Fact]
    public async Task SwapThatWouldPutTwoOfAKindInOneRoomIsRefusedAndChangesNothing()
    {
        var input = await InputAsync();
        var best = Matching.Propose(input, MatchingDecisions.None);
        var teller = best.Rooms[0].Seats.First(IsTeller);
        var maker = best.Rooms[1].Seats.First(s => !IsTeller(s));

        var outcome = await InGerman(() => Matching.DecideAsync(input,
            new MatchingChange.Swap(new MatchingPair(best.Rooms[0].BusinessId, teller.CreativeId), maker.CreativeId, best.Rooms[1].BusinessId)));

        Assert.Equal($"{teller.Name} und {maker.Name} können nicht tauschen: Jeder Raum braucht eine Person, die gestaltet, und eine, die erzählt – nach dem Tausch hätte ein Raum zwei von einer Sorte. Es bleibt alles, wie es war.", outcome.Error);
        Assert.False((await Matching.LoadDecisionsAsync(input.EventId)).Any);
    }

    [Fact]
    public async Task ReplacingACreativeByOneWithoutARoomSwapsThemIn()
    {
        // Four businesses, ten creatives: one maker and one teller have no room.
        var input = await InputAsync(businesses: 4);
        var best = Matching.Propose(input, MatchingDecisions.None);
        var seated = best.Rooms.SelectMany(r => r.Seats).Select(s => s.CreativeId).ToHashSet();
        var free = input.Creatives.First(c => !seated.Contains(c.PersonId) && !Telling.Contains(c.Disciplines[0]));
        var room = best.Rooms[0];
        var leaving = room.Seats.First(s => !IsTeller(s));

        var outcome = await Matching.DecideAsync(input, new MatchingChange.Swap(new MatchingPair(room.BusinessId, leaving.CreativeId), free.PersonId, null));

        Assert.Null(outcome.Error);
        var seats = outcome.Proposal!.Rooms.Single(r => r.BusinessId == room.BusinessId).Seats;
        Assert.Contains(seats, s => s.CreativeId == free.PersonId);
        Assert.DoesNotContain(seats, s => s.CreativeId == leaving.CreativeId);
    }

    [Fact]
    public async Task SwapThatCannotKeepEveryPinIsRefusedAndChangesNothing()
    {
        var input = await InputAsync(businesses: 4);
        var best = Matching.Propose(input, MatchingDecisions.None);
        var seated = best.Rooms.SelectMany(r => r.Seats).Select(s => s.CreativeId).ToHashSet();
        var free = input.Creatives.First(c => !seated.Contains(c.PersonId) && !Telling.Contains(c.Disciplines[0]));
        var (first, second) = (best.Rooms[0], best.Rooms[1]);
        var firstPin = new MatchingPair(first.BusinessId, free.PersonId);
        Assert.Null((await Matching.DecideAsync(input, new MatchingChange.Pin(firstPin))).Error);
        var before = await Matching.LoadDecisionsAsync(input.EventId);

        // With one round a creative sits in one room only: the same person cannot also replace someone in a second room.
        var maker = second.Seats.First(s => !IsTeller(s));
        var outcome = await InGerman(() => Matching.DecideAsync(input, new MatchingChange.Swap(new MatchingPair(second.BusinessId, maker.CreativeId), free.PersonId, null)));

        Assert.StartsWith($"Der Tausch von {maker.Name} mit {free.Name} geht nicht: Dann ließen sich diese festgehaltenen Paare nicht mehr halten: ", outcome.Error);
        Assert.EndsWith("Es bleibt alles, wie es war.", outcome.Error);
        var after = await Matching.LoadDecisionsAsync(input.EventId);
        Assert.Equal(before.Pinned, after.Pinned);
        Assert.Equal(before.Forbidden, after.Forbidden);
    }

    [Fact]
    public async Task MarkingSomeoneAwayWhenEveryCreativeIsNeededIsRefusedAndChangesNothing()
    {
        var input = await InputAsync();
        var creative = input.Creatives[0];

        var outcome = await InGerman(() => Matching.DecideAsync(input, new MatchingChange.SetAvailability(creative.PersonId, 1, false)));

        Assert.StartsWith($"{creative.Name} in Runde 1 als verhindert einzutragen geht nicht: Dann gibt es keine gültige Verteilung mehr (", outcome.Error);
        Assert.Empty((await Matching.LoadDecisionsAsync(input.EventId)).Absences);
    }

    [Fact]
    public async Task WithTwoRoundsEveryBusinessMeetsFourDifferentCreativesAndNobodySitsTwiceInARound()
    {
        var input = await InputAsync(rounds: 2);

        var proposal = Matching.Propose(input, MatchingDecisions.None);

        Assert.Equal(MatchingStatus.Optimal, proposal.Status);
        Assert.Equal(10, proposal.Rooms.Count);
        foreach (var round in new[] { 1, 2 })
        {
            var rooms = proposal.InRound(round).ToList();
            Assert.Equal(5, rooms.Count);
            var seated = rooms.SelectMany(r => r.Seats.Select(s => s.CreativeId)).ToList();
            Assert.Equal(seated.Count, seated.Distinct().Count());
            Assert.Equal(rooms.Count, rooms.Select(r => r.ModeratorId).Distinct().Count());
        }
        Assert.All(proposal.Rooms.GroupBy(r => r.BusinessId), rooms => Assert.Equal(4, rooms.SelectMany(r => r.Seats).Select(s => s.CreativeId).Distinct().Count()));
    }

    [Fact]
    public async Task ACreativeMarkedAwayInARoundIsNotPlannedThere()
    {
        var input = await InputAsync(rounds: 2, businesses: 4);
        var away = Matching.Propose(input, MatchingDecisions.None).InRound(2).First().Seats[0];

        var outcome = await Matching.DecideAsync(input, new MatchingChange.SetAvailability(away.CreativeId, 2, false));

        Assert.Null(outcome.Error);
        Assert.DoesNotContain(outcome.Proposal!.InRound(2).SelectMany(r => r.Seats), s => s.CreativeId == away.CreativeId);
        Assert.Equal([new CreativeRound(away.CreativeId, 2)], (await Matching.LoadDecisionsAsync(input.EventId)).Absences);
        Assert.DoesNotContain(Matching.Propose(input, await Matching.LoadDecisionsAsync(input.EventId)).InRound(2).SelectMany(r => r.Seats), s => s.CreativeId == away.CreativeId);
    }

    [Fact]
    public async Task ACreativeWhoRegisteredForTheFirstRoundOnlyIsPlannedThereUntilTheOrganiserSaysOtherwise()
    {
        var copy = await MatchingEvents.CopyOfDemoAsync(app, rounds: 2, businesses: 4);
        var before = await Matching.LoadAsync(copy.Id);
        var firstRoundOnly = Matching.Propose(before!, MatchingDecisions.None).InRound(2).First().Seats[0].CreativeId;
        await using (var db = app.CreateDb())
        {
            var registration = await db.Participations.SingleAsync(p => p.EventId == copy.Id && p.PersonId == firstRoundOnly);
            registration.AvailableRounds = [1];
            await db.SaveChangesAsync();
        }
        var input = (await Matching.LoadAsync(copy.Id))!;

        var planned = Matching.Propose(input, MatchingDecisions.None);

        Assert.Equal(MatchingStatus.Optimal, planned.Status);
        Assert.DoesNotContain(planned.InRound(2).SelectMany(r => r.Seats), s => s.CreativeId == firstRoundOnly);
        Assert.False(input.IsAvailable(MatchingDecisions.None, firstRoundOnly, 2));

        // The creative tells the organiser they can come after all: stored as an attendance, not as a changed registration.
        var outcome = await Matching.DecideAsync(input, new MatchingChange.SetAvailability(firstRoundOnly, 2, true));

        Assert.Null(outcome.Error);
        var decisions = await Matching.LoadDecisionsAsync(input.EventId);
        Assert.Equal([new CreativeRound(firstRoundOnly, 2)], decisions.Attendances);
        Assert.Empty(decisions.Absences);
        Assert.True(input.IsAvailable(decisions, firstRoundOnly, 2));

        // Taking it back again leaves no decision behind: the registration speaks for itself.
        Assert.Null((await Matching.DecideAsync(input, new MatchingChange.SetAvailability(firstRoundOnly, 2, false))).Error);
        decisions = await Matching.LoadDecisionsAsync(input.EventId);
        Assert.False(decisions.Any);
    }

    [Fact]
    public async Task AModeratorWishIsHonoured()
    {
        var input = await InputAsync();
        var proposal = Matching.Propose(input, MatchingDecisions.None);
        var room = proposal.Rooms[0];
        var wished = input.Moderators.First(m => m.PersonId != room.ModeratorId);

        var outcome = await Matching.DecideAsync(input, new MatchingChange.WishModerator(room.BusinessId, wished.PersonId));

        Assert.Equal(wished.PersonId, outcome.Proposal!.Rooms.Single(r => r.BusinessId == room.BusinessId).ModeratorId);
        Assert.Equal(wished.PersonId, (await Matching.LoadDecisionsAsync(input.EventId)).ModeratorWishes[room.BusinessId]);
    }

    [Fact]
    public async Task FirstPublicationLocksTheRoomsAndTellsEveryoneOnceWithTheirCoParticipants()
    {
        var input = await InputAsync();
        var proposal = Matching.Propose(input, MatchingDecisions.None);
        var mailsBefore = (await MailsOfAsync(input)).Count;

        var publication = await PublishAndMailAsync(input, proposal, confirmed: false);

        Assert.True(publication.Done);
        Assert.True(await Publisher.IsLockedAsync(input.EventId));
        await using var db = app.CreateDb();
        var rooms = await db.Rooms.Include(r => r.Creatives).Where(r => r.EventId == input.EventId).ToListAsync();
        Assert.Equal(5, rooms.Count);
        Assert.Equal(5, rooms.Select(r => r.BoardId).Distinct().Count());
        Assert.Equal(20, publication.PeopleToTell.Count);
        var mails = (await MailsOfAsync(input)).Skip(mailsBefore).ToList();
        Assert.Equal(20, mails.Count);
        var room = proposal.Rooms[0];
        var creativeMail = Assert.Single(mails, m => m.To.Mailboxes.Any(a => a.Name == room.Seats[0].Name));
        Assert.Contains(room.Seats[1].Name, creativeMail.TextBody);
        Assert.Contains(room.Challenge, creativeMail.TextBody);
        Assert.Contains("/m/", creativeMail.TextBody);
    }

    [Fact]
    public async Task OnceLockedAChangeIsPublishedOnlyWhenConfirmedKeepsOtherRoomsAndBoardsAndWritesOnlyToThoseAffected()
    {
        var input = await InputAsync();
        var proposal = Matching.Propose(input, MatchingDecisions.None);
        await PublishAndMailAsync(input, proposal, confirmed: false);
        input = (await Matching.LoadAsync(input.EventId))!;
        var roomsBefore = await RoomsAsync(input);
        var (first, second) = (proposal.Rooms[0], proposal.Rooms[1]);
        var mine = first.Seats.First(IsTeller);
        var theirs = second.Seats.First(IsTeller);
        var swapped = await Matching.DecideAsync(input, new MatchingChange.Swap(new MatchingPair(first.BusinessId, mine.CreativeId), theirs.CreativeId, second.BusinessId));
        var changed = swapped.Proposal!;
        var mailsBefore = (await MailsOfAsync(input)).Count;

        // Re-running and publishing without a yes replaces nothing.
        var refused = await Publisher.PublishAsync(input, changed, changesConfirmed: false, dropWorkConfirmed: false);
        Assert.False(refused.Done);
        Assert.True(refused.Plan.NeedsConfirmation);
        Assert.Equal(3, refused.Plan.Unchanged);
        Assert.Equal(new[] { first.BusinessName, second.BusinessName }.Order(StringComparer.Ordinal), refused.Plan.Changes.Select(c => c.Business).Order(StringComparer.Ordinal));
        Assert.Equal(roomsBefore, await RoomsAsync(input));

        var publication = await PublishAndMailAsync(input, changed, confirmed: true);

        Assert.True(publication.Done);
        var roomsAfter = await RoomsAsync(input);
        // Every room keeps its id, number and board: the rooms are the same business in the same round.
        Assert.Equal(roomsBefore.Select(r => (r.Id, r.Number, r.BoardId)), roomsAfter.Select(r => (r.Id, r.Number, r.BoardId)));
        var touched = roomsAfter.Where(r => r.BusinessId == first.BusinessId || r.BusinessId == second.BusinessId).ToList();
        var untouched = roomsAfter.Except(touched).ToList();
        Assert.Equal(3, untouched.Count);
        Assert.All(untouched, room => Assert.Contains(room, roomsBefore));
        Assert.Contains(theirs.CreativeId.ToString(), touched.Single(r => r.BusinessId == first.BusinessId).Creatives);

        await using var db = app.CreateDb();
        var representatives = await db.Participations.Where(p => p.EventId == input.EventId && p.BusinessId != null && (p.BusinessId == first.BusinessId || p.BusinessId == second.BusinessId))
            .Select(p => p.Person!.Email).ToListAsync();
        var creativeIds = touched.SelectMany(r => r.Creatives.Split(',')).Select(Guid.Parse).ToList();
        var moderatorIds = touched.Select(r => r.ModeratorId!.Value).ToList();
        var affected = await db.People.Where(p => creativeIds.Contains(p.Id) || moderatorIds.Contains(p.Id)).Select(p => p.Email).ToListAsync();
        var expected = representatives.Concat(affected).Order(StringComparer.Ordinal).ToList();
        var mails = (await MailsOfAsync(input)).Skip(mailsBefore).ToList();
        Assert.Equal(expected, mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.StartsWith("Dein Raum bei", m.Subject));
        Assert.All(mails, m => Assert.EndsWith("hat sich geändert", m.Subject));
    }

    [Fact]
    public async Task DroppingARoomWhoseBoardHoldsWorkNeedsItsOwnConfirmation()
    {
        var input = await InputAsync();
        var proposal = Matching.Propose(input, MatchingDecisions.None);
        await PublishAndMailAsync(input, proposal, confirmed: false);
        var leavingBusiness = proposal.Rooms[2];
        Guid representative;
        string representativeEmail;
        await using (var db = app.CreateDb())
        {
            var room = await db.Rooms.SingleAsync(r => r.EventId == input.EventId && r.BusinessId == leavingBusiness.BusinessId);
            db.BoardLog.Add(new BoardLogEntry { BoardId = room.BoardId, ServerSeq = 1, ClientId = "tab-7", ClientSeq = 1, Payload = "{}", CreatedAt = DateTimeOffset.UtcNow });
            var participation = await db.Participations.SingleAsync(p => p.EventId == input.EventId && p.BusinessId == leavingBusiness.BusinessId);
            participation.Status = ParticipationStatus.Withdrawn;
            representative = participation.PersonId;
            representativeEmail = await db.People.Where(p => p.Id == representative).Select(p => p.Email).SingleAsync();
            await db.SaveChangesAsync();
        }
        var smaller = (await Matching.LoadAsync(input.EventId))!;
        var next = Matching.Propose(smaller, MatchingDecisions.None);

        var withoutYes = await Publisher.PublishAsync(smaller, next, changesConfirmed: true, dropWorkConfirmed: false);

        Assert.False(withoutYes.Done);
        Assert.True(withoutYes.Plan.DropsWork);
        var dropped = Assert.Single(withoutYes.Plan.Changes, c => c.Dropped);
        Assert.Equal(leavingBusiness.BusinessName, dropped.Business);
        Assert.True(dropped.HasWork);
        Assert.Equal(5, (await RoomsAsync(input)).Count);

        var mailsBefore = (await MailsOfAsync(input)).Count;
        var publication = await Publisher.PublishAsync(smaller, next, changesConfirmed: true, dropWorkConfirmed: true);
        Assert.True(publication.Done);
        Assert.Equal(4, (await RoomsAsync(input)).Count);
        Assert.Contains(representative, publication.PeopleToTell);
        await app.Get<RoomMails>().SendAsync(input.EventId, "https://tellerrand.example", publication.PeopleToTell, changed: true);
        var toldRepresentative = Assert.Single((await MailsOfAsync(input)).Skip(mailsBefore), m => m.To.Mailboxes.Single().Address == representativeEmail);
        Assert.Contains("keinem Raum zugeordnet", toldRepresentative.TextBody);
    }

    [Fact]
    public async Task MyPageShowsEveryRoundsRoomWithTheChallengeAndTheOthersProfilesAndNoOtherRoom()
    {
        var input = await InputAsync(rounds: 2);
        var proposal = Matching.Propose(input, MatchingDecisions.None);
        await Publisher.PublishAsync(input, proposal, false, false);
        var creative = proposal.InRound(1).First().Seats[0];
        var mine = proposal.Rooms.Where(r => r.Seats.Any(s => s.CreativeId == creative.CreativeId)).ToList();
        Assert.Equal(2, mine.Count);
        var partner = mine[0].Seats.Single(s => s.CreativeId != creative.CreativeId);
        string partnerBio;
        await using (var db = app.CreateDb())
        {
            var profile = await db.CreativeProfiles.SingleAsync(p => p.PersonId == partner.CreativeId);
            profile.PortfolioUrl = "https://portfolio.example/arbeiten";
            profile.Organisation = "Geheimes Studio GmbH";
            partnerBio = profile.Bio!;
            await db.SaveChangesAsync();
        }

        var page = await MyPageAsync(creative.CreativeId, input.EventId);

        Assert.Contains("Deine Räume", page);
        foreach (var room in mine)
        {
            Assert.Contains($"Runde {room.Round} · Raum", page);
            Assert.Contains(room.BusinessName, page);
            Assert.Contains(room.Challenge, page);
        }
        Assert.Contains(partner.Name, page);
        Assert.Contains("https://portfolio.example/arbeiten", page);
        Assert.Contains(partnerBio, page);
        Assert.DoesNotContain("Geheimes Studio GmbH", page);
        foreach (var other in proposal.Rooms.Where(r => mine.All(m => m.BusinessId != r.BusinessId)))
        {
            Assert.DoesNotContain(other.BusinessName, page);
        }
    }

    private async Task<Publication> PublishAndMailAsync(MatchingInput input, MatchingProposal proposal, bool confirmed)
    {
        var publication = await Publisher.PublishAsync(input, proposal, confirmed, false);
        if (publication.Done)
        {
            await app.Get<RoomMails>().SendAsync(input.EventId, "https://tellerrand.example", publication.PeopleToTell, changed: publication.Plan.Locked);
        }
        return publication;
    }

    /// <summary>The event's stored rooms, each with its creatives as one comparable string.</summary>
    private async Task<List<(Guid Id, int Number, Guid BoardId, Guid BusinessId, Guid? ModeratorId, string Creatives)>> RoomsAsync(MatchingInput input)
    {
        await using var db = app.CreateDb();
        var rooms = await db.Rooms.Include(r => r.Creatives).Where(r => r.EventId == input.EventId).ToListAsync();
        return rooms.OrderBy(r => r.Round).ThenBy(r => r.Number)
            .Select(r => (r.Id, r.Number, r.BoardId, r.BusinessId, r.ModeratorId, string.Join(",", r.Creatives.Select(c => c.PersonId).Order())))
            .ToList();
    }

    /// <summary>The mails about this event the SMTP server received, once the mail queue has sent everything due.</summary>
    private async Task<List<MimeKit.MimeMessage>> MailsOfAsync(MatchingInput input)
    {
        await app.MailSettledAsync();
        await using var db = app.CreateDb();
        var title = db.Events.Single(e => e.Id == input.EventId).Title;
        return smtp.Received.Where(m => m.Subject?.Contains(title, StringComparison.Ordinal) == true).ToList();
    }

    private async Task<string> MyPageAsync(Guid personId, Guid eventId)
    {
        var link = await app.Get<Tellerrand.Web.Accounts.MagicLinks>().IssueAsync(personId, eventId);
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        await client.GetAsync(link.RelativeUrl);
        return System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/me"));
    }

    private async Task<MatchingInput> InputAsync(int rounds = 1, int businesses = 5)
    {
        var copy = await MatchingEvents.CopyOfDemoAsync(app, rounds, businesses);
        var input = await Matching.LoadAsync(copy.Id);
        Assert.NotNull(input);
        Assert.Equal(businesses, input.Businesses.Count);
        Assert.Equal(10, input.Creatives.Count);
        return input;
    }

    private static bool IsTeller(ProposedSeat seat) => Telling.Contains(seat.Disciplines[0]);

    private static async Task<T> InGerman<T>(Func<Task<T>> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            return await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

public sealed class MatchingServiceTestsOnSqlite(MatchingSqliteApp app) : MatchingServiceTests<MatchingSqliteApp>(app, app.Smtp);

public sealed class MatchingServiceTestsOnPostgres(MatchingPostgresApp app) : MatchingServiceTests<MatchingPostgresApp>(app, app.Smtp);
