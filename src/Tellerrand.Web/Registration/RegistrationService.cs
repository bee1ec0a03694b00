using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;
using Tellerrand.Web.Matching;

namespace Tellerrand.Web.Registration;

/// <summary>What the public forms need to know about an event: its public facts and whether a role is full.</summary>
public sealed record RegistrationEvent(
    Guid Id, string Title, string Slug, DateTimeOffset StartsAt, string TimeZoneId, int DurationMinutes, int Rounds,
    EventStatus Status, bool BusinessesFull, bool CreativesFull)
{
    public bool IsOpen => Status == EventStatus.Open;
    public DateTime LocalStart => EventTimeZones.ToLocal(StartsAt, TimeZoneId);
}

/// <summary>
/// What a public form may tell whoever submitted it. It is the same whether the address was new or
/// already registered, so that the form reveals nothing about other people's registrations.
/// </summary>
public sealed record RegistrationReceipt(bool EventFull);

/// <summary>What a confirmation click did to a person's registration in one event.</summary>
public enum ConfirmationResult
{
    Confirmed,
    Waitlisted,
    Unchanged,
}

/// <summary>
/// Public registration with double opt-in: a form creates a registration that does not count yet and
/// mails a personal link; following it confirms (or puts the person on the waiting list when the
/// event is full). Also what a person may do with their own registration: withdraw, export, delete.
/// </summary>
public sealed class RegistrationService(
    IDbContextFactory<TellerrandDb> dbFactory,
    TimeProvider clock,
    MagicLinks links,
    RegistrationMails mails,
    BoardLogStore boards,
    AccessRevocations revocations,
    ILogger<RegistrationService> logger)
{
    /// <summary>Versions of the consent texts the forms show; a new wording needs a new version.</summary>
    public const string PrivacyTextVersion = "privacy-2026-11";
    public const string BoardsTextVersion = "boards-2026-11";
    public const string FollowUpTextVersion = "follow-up-2026-11";

    /// <summary>An open or otherwise public event by its slug; drafts and unknown slugs are null.</summary>
    public async Task<RegistrationEvent?> FindEventAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!EventSlug.IsValid(slug)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == slug && e.Status != EventStatus.Draft, cancellationToken);
        return found is null ? null : await DescribeAsync(db, found, cancellationToken);
    }

    public async Task<Outcome<RegistrationReceipt>> RegisterBusinessAsync(
        string slug, BusinessRegistrationInput input, string baseUrl, string language, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        var b = CleanBusiness(input, violations);
        var email = FormText.Line(input.Email);
        CheckEmail(violations, nameof(input.Email), email);
        CheckConsent(violations, input.Consent);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ev = await FindOpenAsync(db, slug, violations, cancellationToken);
        if (violations.Count > 0) return Outcome<RegistrationReceipt>.Failed(violations);

        var now = clock.GetUtcNow();
        var (person, participation, known) = await PrepareAsync(db, ev!, EventRole.BusinessRepresentative, b.Contact, email!, b.Phone, language, cancellationToken);
        if (known)
        {
            return await ResendAsync(ev!, person, EventRole.BusinessRepresentative, baseUrl, cancellationToken);
        }

        var business = new Business { Id = Guid.CreateVersion7(now), Name = b.Company, Trade = b.Trade, CreatedAt = now };
        b.ApplyTo(business);
        var challenge = new Challenge { Id = Guid.CreateVersion7(now), EventId = ev!.Id, Statement = b.Statement };
        b.ApplyTo(challenge);
        business.Challenges.Add(challenge);
        db.Businesses.Add(business);
        participation.BusinessId = business.Id;
        return await FinishAsync(db, ev, person, participation, input.Consent, baseUrl, cancellationToken);
    }

    public async Task<Outcome<RegistrationReceipt>> RegisterCreativeAsync(
        string slug, CreativeRegistrationInput input, string baseUrl, string language, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        var c = CleanCreative(input, violations);
        var email = FormText.Line(input.Email);
        CheckEmail(violations, nameof(input.Email), email);
        CheckConsent(violations, input.Consent);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ev = await FindOpenAsync(db, slug, violations, cancellationToken);
        var rounds = ev is null ? [] : AvailableRounds(input, ev.Rounds, violations);
        if (violations.Count > 0) return Outcome<RegistrationReceipt>.Failed(violations);

        var (person, participation, known) = await PrepareAsync(db, ev!, EventRole.Creative, c.Name, email!, null, language, cancellationToken);
        if (known)
        {
            return await ResendAsync(ev!, person, EventRole.Creative, baseUrl, cancellationToken);
        }

        // A profile that exists already was written by the person themselves; a public form must not
        // overwrite it on the strength of an e-mail address alone. They can correct it through their link.
        var profile = await db.CreativeProfiles.SingleOrDefaultAsync(p => p.PersonId == person.Id, cancellationToken);
        if (profile is null)
        {
            profile = new CreativeProfile { Id = Guid.CreateVersion7(clock.GetUtcNow()), PersonId = person.Id };
            c.ApplyTo(profile);
            db.CreativeProfiles.Add(profile);
        }
        participation.AvailableRounds = rounds;
        return await FinishAsync(db, ev!, person, participation, input.Consent, baseUrl, cancellationToken);
    }

    /// <summary>
    /// A business representative corrects their registration through their link. Only the person of
    /// the session and the business they registered for this event change; the e-mail address stays,
    /// because it is what the link was sent to.
    /// </summary>
    public async Task<IReadOnlyList<RuleViolation>> CorrectBusinessAsync(Guid personId, Guid eventId, BusinessRegistrationInput input, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        var b = CleanBusiness(input, violations);
        if (violations.Count > 0) return violations;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participation = await db.Participations.Include(p => p.Person).Include(p => p.Business).ThenInclude(x => x!.Challenges)
            .SingleOrDefaultAsync(p => p.PersonId == personId && p.EventId == eventId && p.Role == EventRole.BusinessRepresentative, cancellationToken);
        if (participation?.Business is not { } business) return [new RuleViolation("", "Registration_NotFound")];

        participation.Person!.DisplayName = b.Contact;
        participation.Person.Phone = b.Phone;
        b.ApplyTo(business);
        var challenge = business.Challenges.SingleOrDefault(c => c.EventId == eventId);
        if (challenge is null)
        {
            challenge = new Challenge { Id = Guid.CreateVersion7(clock.GetUtcNow()), EventId = eventId, Statement = b.Statement };
            business.Challenges.Add(challenge);
        }
        b.ApplyTo(challenge);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} corrected their registration for event {EventId}", personId, eventId);
        return [];
    }

    /// <summary>A creative corrects their name and profile through their link; the e-mail address stays.</summary>
    public async Task<IReadOnlyList<RuleViolation>> CorrectCreativeAsync(Guid personId, Guid eventId, CreativeRegistrationInput input, CancellationToken cancellationToken = default)
    {
        var violations = new List<RuleViolation>();
        var c = CleanCreative(input, violations);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participation = await db.Participations.Include(p => p.Event)
            .SingleOrDefaultAsync(p => p.PersonId == personId && p.EventId == eventId && p.Role == EventRole.Creative, cancellationToken);
        var person = participation is null ? null : await db.People.Include(p => p.CreativeProfile).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return [new RuleViolation("", "Registration_NotFound")];
        // Matching reads the rounds from the participation, so a correction is checked as strictly as the form.
        var rounds = AvailableRounds(input, participation!.Event!.Rounds, violations);
        if (violations.Count > 0) return violations;

        person.DisplayName = c.Name;
        person.CreativeProfile ??= new CreativeProfile { Id = Guid.CreateVersion7(clock.GetUtcNow()), PersonId = personId };
        c.ApplyTo(person.CreativeProfile);
        participation.AvailableRounds = rounds;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} corrected their registration for event {EventId}", personId, eventId);
        return [];
    }

    /// <summary>A business form's values, cleaned and checked; what registering and correcting share.</summary>
    private sealed record CleanedBusiness(
        string Company, string Trade, string? Region, BusinessSize Size, string Contact, string? Phone,
        string Statement, ChallengeCategory Category, string? Outcome)
    {
        public void ApplyTo(Business business)
        {
            var onList = Trades.Find(Trade);
            business.Name = Company;
            business.Trade = onList?.Name ?? Trade;
            business.TradeKey = onList?.Key;
            business.Region = Region;
            business.Size = Size;
        }

        public void ApplyTo(Challenge challenge)
        {
            challenge.Statement = Statement;
            challenge.Category = Category;
            challenge.DesiredOutcome = Outcome;
        }
    }

    private sealed record CleanedCreative(
        string Name, List<string> Disciplines, List<string> Languages, string? PortfolioUrl, string? Bio, string? Interests)
    {
        public void ApplyTo(CreativeProfile profile)
        {
            profile.Disciplines = Disciplines;
            profile.Languages = Languages;
            profile.PortfolioUrl = PortfolioUrl;
            profile.Bio = Bio;
            profile.Interests = Interests;
        }
    }

    private static CleanedBusiness CleanBusiness(BusinessRegistrationInput input, List<RuleViolation> violations)
    {
        var company = FormText.Line(input.Company);
        var trade = FormText.Line(input.Trade);
        var region = FormText.Line(input.Region);
        var contact = FormText.Line(input.ContactName);
        var phone = FormText.Line(input.Phone);
        var statement = FormText.Block(input.Statement);
        var outcome = FormText.Block(input.DesiredOutcome);
        Require(violations, nameof(input.Company), company, 200);
        Require(violations, nameof(input.Trade), trade, 200);
        Limit(violations, nameof(input.Region), region, 100);
        Require(violations, nameof(input.ContactName), contact, 200);
        Limit(violations, nameof(input.Phone), phone, 50);
        Require(violations, nameof(input.Statement), statement, 4000);
        Limit(violations, nameof(input.DesiredOutcome), outcome, 2000);
        if (!Enum.IsDefined(input.Size)) violations.Add(new(nameof(input.Size), "Registration_ChoiceUnknown"));
        if (!Enum.IsDefined(input.Category)) violations.Add(new(nameof(input.Category), "Registration_ChoiceUnknown"));
        return new CleanedBusiness(company ?? "", trade ?? "", region, input.Size, contact ?? "", phone, statement ?? "", input.Category, outcome);
    }

    private static CleanedCreative CleanCreative(CreativeRegistrationInput input, List<RuleViolation> violations)
    {
        var name = FormText.Line(input.Name);
        var portfolio = FormText.Line(input.PortfolioUrl);
        var bio = FormText.Block(input.Bio);
        var interests = FormText.Block(input.Interests);
        var disciplines = (input.Disciplines ?? []).Distinct().ToList();
        var languages = (input.Languages ?? []).Distinct().ToList();
        Require(violations, nameof(input.Name), name, 200);
        if (disciplines.Count == 0) violations.Add(new(nameof(input.Disciplines), "Registration_DisciplinesRequired"));
        else if (!disciplines.All(Disciplines.IsKnown)) violations.Add(new(nameof(input.Disciplines), "Registration_ChoiceUnknown"));
        if (languages.Count == 0) violations.Add(new(nameof(input.Languages), "Registration_LanguagesRequired"));
        else if (!languages.All(WorkingLanguages.All.Contains)) violations.Add(new(nameof(input.Languages), "Registration_ChoiceUnknown"));
        if (Limit(violations, nameof(input.PortfolioUrl), portfolio, 300) && portfolio is not null && !IsWebAddress(portfolio))
            violations.Add(new(nameof(input.PortfolioUrl), "Registration_PortfolioInvalid"));
        Limit(violations, nameof(input.Bio), bio, 2000);
        Limit(violations, nameof(input.Interests), interests, 1000);
        return new CleanedCreative(name ?? "", disciplines, languages, portfolio, bio, interests);
    }

    /// <summary>
    /// The double opt-in: a person who follows their link confirms every registration of theirs in the
    /// event that still waits for it. A place is given while there is one, else the waiting list.
    /// </summary>
    public async Task<ConfirmationResult> ConfirmAsync(MagicLink link, string token, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EventPlaces.LockAsync(db, link.EventId, cancellationToken);
        var pending = await db.Participations
            .Where(p => p.PersonId == link.PersonId && p.EventId == link.EventId && p.Status == ParticipationStatus.Registered)
            .ToListAsync(cancellationToken);
        if (pending.Count == 0) return ConfirmationResult.Unchanged;

        var ev = await db.Events.AsNoTracking().SingleAsync(e => e.Id == link.EventId, cancellationToken);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == link.PersonId, cancellationToken);
        var result = ConfirmationResult.Confirmed;
        foreach (var participation in pending)
        {
            var full = await EventPlaces.IsFullAsync(db, ev, participation.Role, cancellationToken);
            participation.Status = full ? ParticipationStatus.Waitlisted : ParticipationStatus.Confirmed;
            if (full) result = ConfirmationResult.Waitlisted;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var participation in pending)
        {
            logger.LogInformation("Participation {ParticipationId} of person {PersonId} in event {EventId} is now {Status}",
                participation.Id, person.Id, ev.Id, participation.Status);
        }

        var personalLink = Combine(baseUrl, $"m/{token}");
        if (result == ConfirmationResult.Waitlisted)
            await mails.SendWaitlistedAsync(person, ev, personalLink, cancellationToken);
        else
            await mails.SendConfirmedAsync(person, ev, personalLink, Combine(baseUrl, $"events/{ev.Slug}"), cancellationToken);
        return result;
    }

    /// <summary>What a person sees of their own registration through their link: only their person and that event.</summary>
    public async Task<MyRegistration?> GetMineAsync(Guid personId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().Include(p => p.CreativeProfile).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (person is null || ev is null) return null;
        var roles = await db.Participations.AsNoTracking()
            .Where(p => p.PersonId == personId && p.EventId == eventId)
            .OrderBy(p => p.Role)
            .Select(p => new MyRole(p.Role, p.Status, p.Business, p.Business == null ? null : p.Business.Challenges.Where(c => c.EventId == eventId).OrderBy(c => c.Id).FirstOrDefault(), p.AvailableRounds))
            .ToListAsync(cancellationToken);
        return new MyRegistration(person, ev, roles);
    }

    /// <summary>Withdraws the person's registration in the event; the optional consents given for it are withdrawn too.</summary>
    public async Task<bool> WithdrawAsync(Guid personId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var changed = await db.Participations
            .Where(p => p.PersonId == personId && p.EventId == eventId && p.Status != ParticipationStatus.Withdrawn && p.Status != ParticipationStatus.Declined)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ParticipationStatus.Withdrawn), cancellationToken);
        await db.Consents
            .Where(c => c.PersonId == personId && c.EventId == eventId && c.Purpose != ConsentPurpose.Privacy && c.Granted && c.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WithdrawnAt, now), cancellationToken);
        if (changed > 0) logger.LogInformation("Person {PersonId} withdrew from event {EventId}", personId, eventId);
        return changed > 0;
    }

    /// <summary>Everything stored about the person for this event (GDPR Art. 15 and 20), nobody else's.</summary>
    public async Task<PersonalDataExport?> ExportAsync(Guid personId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().Include(p => p.CreativeProfile).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return null;
        var participations = await db.Participations.AsNoTracking()
            .Where(p => p.PersonId == personId && p.EventId == eventId)
            .Select(p => new ExportedParticipation(p.Event!.Title, p.Role.ToString(), p.Status.ToString(), p.RegisteredAt, p.AvailableRounds, p.OrganiserNote,
                p.Business == null ? null : new ExportedBusiness(p.Business.Name, p.Business.Trade, p.Business.TradeKey, p.Business.Region, p.Business.Size.ToString(),
                    p.Business.Challenges.Where(c => c.EventId == eventId).Select(c => new ExportedChallenge(c.Statement, c.Category.ToString(), c.DesiredOutcome)).ToList())))
            .ToListAsync(cancellationToken);
        var consents = (await db.Consents.AsNoTracking()
            .Where(c => c.PersonId == personId && (c.EventId == eventId || c.EventId == null))
            .ToListAsync(cancellationToken))
            .OrderBy(c => c.RecordedAt)
            .Select(c => new ExportedConsent(c.Purpose.ToString(), c.TextVersion, c.Granted, c.RecordedAt, c.WithdrawnAt))
            .ToList();
        var profile = person.CreativeProfile is { } p
            ? new ExportedProfile(p.Disciplines, p.PortfolioUrl, p.Bio, p.Languages, p.Interests, p.Organisation)
            : null;
        var feedback = (await db.FeedbackResponses.AsNoTracking().Where(r => r.PersonId == personId && r.EventId == eventId).ToListAsync(cancellationToken))
            .OrderBy(r => r.SubmittedAt)
            .Select(r => new ExportedFeedback(r.Kind.ToString(), r.SubmittedAt, r.Value, r.MostUseful, r.TakePartAgain, r.Comment, r.Implemented, r.ContinuedWithCreative))
            .ToList();
        var requests = (await db.ContactRequests.AsNoTracking()
                .Where(r => r.EventId == eventId && (r.FromPersonId == personId || r.ToPersonId == personId))
                .Select(r => new { r.FromPersonId, From = r.From!.DisplayName, To = r.To!.DisplayName, r.Status, r.CreatedAt, r.AnsweredAt })
                .ToListAsync(cancellationToken))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new ExportedContactRequest(r.FromPersonId == personId ? "Sent" : "Received", r.FromPersonId == personId ? r.To : r.From,
                r.Status.ToString(), r.CreatedAt, r.AnsweredAt))
            .ToList();
        return new PersonalDataExport(clock.GetUtcNow(), person.DisplayName, person.Email, person.Phone, person.PreferredLanguage, person.CreatedAt,
            profile, participations, consents, feedback, requests, await BoardsAsync(db, personId, eventId, cancellationToken));
    }

    /// <summary>
    /// What of the person is on the boards of their rooms, found by their participant id (the person id): the notes, texts,
    /// frames and connectors they made (the board stamps each with its author, board-protocol.md AU1) and their votes with
    /// the note each went to.
    /// </summary>
    private async Task<IReadOnlyList<ExportedBoard>> BoardsAsync(TellerrandDb db, Guid personId, Guid eventId, CancellationToken cancellationToken)
    {
        var rooms = await (await MyRooms.SeatedAsync(db, personId, eventId, cancellationToken))
            .OrderBy(r => r.Round).ThenBy(r => r.Number)
            .Select(r => new { r.Round, r.Number, r.BoardId })
            .ToListAsync(cancellationToken);
        var participantId = personId.ToString("N");
        var exported = new List<ExportedBoard>();
        foreach (var room in rooms)
        {
            var state = (await boards.LoadAsync(room.BoardId, cancellationToken)).Authority.State;
            var wrote = state.Records
                .Where(r => r.GetText(PropertyNames.Author) == participantId)
                .Select(r => new ExportedBoardItem(r.Kind, state.Get(r.Placement?.Parent ?? "")?.GetText(PropertyNames.Title), WordsOf(r)))
                .ToList();
            var votedFor = state.Records
                .Where(r => r.Kind == RecordKinds.Vote && r.GetText(PropertyNames.Voter) == participantId)
                .Select(r => state.Get(r.GetText(PropertyNames.Target) ?? "")?.GetText(PropertyNames.Text) ?? "")
                .ToList();
            exported.Add(new ExportedBoard(room.Round, room.Number, wrote, votedFor));
        }
        return exported;
    }

    private static string WordsOf(BoardRecord record) => record.GetText(record.Kind switch
    {
        RecordKinds.Frame => PropertyNames.Title,
        RecordKinds.Connector => PropertyNames.Label,
        _ => PropertyNames.Text,
    }) ?? "";

    /// <summary>
    /// Erases the person (GDPR Art. 17): roles, consents, links and profile go with them, and so do the
    /// businesses only they registered, with those businesses' challenges. What they wrote on a board stays, because it is
    /// the room's shared work; its author is only a participant id, which no longer resolves to a name, so results show
    /// those notes without one.
    /// </summary>
    public async Task DeletePersonAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var businessIds = await db.Participations
            .Where(p => p.PersonId == personId && p.BusinessId != null)
            .Select(p => p.BusinessId!.Value).Distinct().ToListAsync(cancellationToken);
        var sharedIds = await db.Participations
            .Where(p => p.PersonId != personId && p.BusinessId != null && businessIds.Contains(p.BusinessId.Value))
            .Select(p => p.BusinessId!.Value).Distinct().ToListAsync(cancellationToken);
        var ownIds = businessIds.Except(sharedIds).ToList();
        var email = await db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleOrDefaultAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The mails sent to the person are their data too (the outbox keeps whole messages).
        if (email is not null) await db.MailQueue.Where(m => m.ToAddress == email).ExecuteDeleteAsync(cancellationToken);
        // Survey answers stay for the programme's figures, but without the person (the key is set null with them) and without their words.
        await db.FeedbackResponses.Where(r => r.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.MostUseful, (string?)null).SetProperty(r => r.Comment, (string?)null).SetProperty(r => r.Implemented, (string?)null), cancellationToken);
        await db.People.Where(p => p.Id == personId).ExecuteDeleteAsync(cancellationToken);
        await db.Businesses.Where(b => ownIds.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        revocations.Revoked();
        logger.LogInformation("Person {PersonId} deleted their personal data ({Businesses} businesses with them)", personId, ownIds.Count);
    }

    private async Task<(Person Person, EventParticipation Participation, bool Known)> PrepareAsync(
        TellerrandDb db, RegistrationEvent ev, EventRole role, string name, string email, string? phone, string language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lower = email.ToLowerInvariant();
        var person = await db.People.SingleOrDefaultAsync(p => p.Email.ToLower() == lower, cancellationToken);
        if (person is null)
        {
            // A known address keeps its name and details: a public form does not prove who typed it.
            person = new Person
            {
                Id = Guid.CreateVersion7(now), DisplayName = name, Email = email, Phone = phone,
                PreferredLanguage = language is "de" or "en" or "pl" ? language : "de", CreatedAt = now,
            };
            db.People.Add(person);
        }
        var participation = await db.Participations
            .SingleOrDefaultAsync(p => p.PersonId == person.Id && p.EventId == ev.Id && p.Role == role, cancellationToken);
        if (participation is not null && participation.Status != ParticipationStatus.Withdrawn)
        {
            return (person, participation, true);
        }
        if (participation is null)
        {
            participation = new EventParticipation { Id = Guid.CreateVersion7(now), EventId = ev.Id, PersonId = person.Id, Role = role };
            db.Participations.Add(participation);
        }
        // A withdrawn registration starts over and needs a new confirmation like a new one.
        participation.Status = ParticipationStatus.Registered;
        participation.RegisteredAt = now;
        return (person, participation, false);
    }

    private async Task<Outcome<RegistrationReceipt>> FinishAsync(
        TellerrandDb db, RegistrationEvent ev, Person person, EventParticipation participation, ConsentInput consent, string baseUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        void Record(ConsentPurpose purpose, string version, bool granted) => db.Consents.Add(new ConsentRecord
        {
            Id = Guid.CreateVersion7(now), PersonId = person.Id, EventId = ev.Id, Purpose = purpose, TextVersion = version, Granted = granted, RecordedAt = now,
        });
        Record(ConsentPurpose.Privacy, PrivacyTextVersion, true);
        Record(ConsentPurpose.NameOnExportedBoards, BoardsTextVersion, consent.NameOnExportedBoards);
        Record(ConsentPurpose.FollowUpContact, FollowUpTextVersion, consent.FollowUpContact);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Participation {ParticipationId} of person {PersonId} registered for event {EventId} as {Role}, awaiting confirmation",
            participation.Id, person.Id, ev.Id, participation.Role);

        var full = participation.Role == EventRole.Creative ? ev.CreativesFull : ev.BusinessesFull;
        var link = await links.IssueAsync(person.Id, ev.Id, cancellationToken);
        await mails.SendPleaseConfirmAsync(person, ev, Combine(baseUrl, $"m/{link.Token}/confirm"), full, cancellationToken);
        return Outcome<RegistrationReceipt>.Ok(new RegistrationReceipt(full));
    }

    /// <summary>
    /// The address is registered for this event already: its owner gets their link again, and the form
    /// answers exactly as for a new registration, so it cannot be used to find out who takes part.
    /// </summary>
    private async Task<Outcome<RegistrationReceipt>> ResendAsync(RegistrationEvent ev, Person person, EventRole role, string baseUrl, CancellationToken cancellationToken)
    {
        var link = await links.IssueAsync(person.Id, ev.Id, cancellationToken);
        await mails.SendLinkAgainAsync(person, ev, Combine(baseUrl, $"m/{link.Token}/confirm"), cancellationToken);
        logger.LogInformation("Person {PersonId} registered again for event {EventId}; their link was sent again", person.Id, ev.Id);
        return Outcome<RegistrationReceipt>.Ok(new RegistrationReceipt(role == EventRole.Creative ? ev.CreativesFull : ev.BusinessesFull));
    }

    private async Task<RegistrationEvent?> FindOpenAsync(TellerrandDb db, string slug, List<RuleViolation> violations, CancellationToken cancellationToken)
    {
        var found = EventSlug.IsValid(slug) ? await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == slug, cancellationToken) : null;
        if (found is null || found.Status != EventStatus.Open)
        {
            violations.Add(new RuleViolation("", "Registration_Closed"));
            return null;
        }
        return await DescribeAsync(db, found, cancellationToken);
    }

    private static async Task<RegistrationEvent> DescribeAsync(TellerrandDb db, Event e, CancellationToken cancellationToken) =>
        new(e.Id, e.Title, e.Slug, e.StartsAt, e.TimeZoneId, e.DurationMinutes, e.Rounds, e.Status,
            await EventPlaces.IsFullAsync(db, e, EventRole.BusinessRepresentative, cancellationToken),
            await EventPlaces.IsFullAsync(db, e, EventRole.Creative, cancellationToken));

    /// <summary>
    /// The rounds a creative can take part in: with one round the whole event, else each round they ticked,
    /// in ascending order. Matching reads them from <see cref="EventParticipation.AvailableRounds"/>.
    /// </summary>
    private static List<int> AvailableRounds(CreativeRegistrationInput input, int eventRounds, List<RuleViolation> violations)
    {
        if (eventRounds <= 1)
        {
            if (!input.AvailableWholeEvent) violations.Add(new(nameof(input.AvailableWholeEvent), "Registration_AvailabilityRequired"));
            return [1];
        }
        var rounds = (input.AvailableRounds ?? []).Distinct().Order().ToList();
        if (rounds.Count == 0) violations.Add(new(nameof(input.AvailableRounds), "Registration_RoundsRequired"));
        else if (rounds.Any(r => r < 1 || r > eventRounds)) violations.Add(new(nameof(input.AvailableRounds), "Registration_ChoiceUnknown"));
        return rounds;
    }

    private static void Require(List<RuleViolation> violations, string field, string? value, int maxLength)
    {
        if (value is null) violations.Add(new(field, "Registration_Required", new FieldLabel("Field_" + field)));
        else Limit(violations, field, value, maxLength);
    }

    private static bool Limit(List<RuleViolation> violations, string field, string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength) return true;
        violations.Add(new(field, "Registration_TooLong", new FieldLabel("Field_" + field), maxLength, value.Length));
        return false;
    }

    private static void CheckEmail(List<RuleViolation> violations, string field, string? email)
    {
        if (email is null || email.Length > 254 || !new EmailAddressAttribute().IsValid(email) || email.Contains(' ', StringComparison.Ordinal))
            violations.Add(new(field, "Registration_EmailInvalid"));
    }

    private static void CheckConsent(List<RuleViolation> violations, ConsentInput? consent)
    {
        if (consent is null || !consent.Privacy) violations.Add(new("Consent.Privacy", "Registration_PrivacyRequired"));
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    internal static string Combine(string baseUrl, string relative) => baseUrl.TrimEnd('/') + "/" + relative;
}

/// <summary>A message argument that is a form field's label, so the message names the field in the reader's language.</summary>
public sealed record FieldLabel(string Key);

public sealed record MyRole(EventRole Role, ParticipationStatus Status, Business? Business, Challenge? Challenge, IReadOnlyList<int> AvailableRounds);

public sealed record MyRegistration(Person Person, Event Event, IReadOnlyList<MyRole> Roles);

public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt, string Name, string Email, string? Phone, string PreferredLanguage, DateTimeOffset CreatedAt,
    ExportedProfile? CreativeProfile, IReadOnlyList<ExportedParticipation> Participations, IReadOnlyList<ExportedConsent> Consents,
    IReadOnlyList<ExportedFeedback> Feedback, IReadOnlyList<ExportedContactRequest> ContactRequests, IReadOnlyList<ExportedBoard> Boards);

/// <summary>The board of one of the person's rooms: what they made on it and the texts of the notes they voted for.</summary>
public sealed record ExportedBoard(int Round, int Room, IReadOnlyList<ExportedBoardItem> Wrote, IReadOnlyList<string> VotedFor);

/// <summary>A record the person made on a board.</summary>
/// <param name="Kind">The record kind's wire name: <c>sticky</c>, <c>text</c>, <c>frame</c> or <c>connector</c>.</param>
/// <param name="Frame">The title of the frame it sits in, or null when it sits on the board itself.</param>
/// <param name="Text">A note's or text's words, a frame's title, a connector's label.</param>
public sealed record ExportedBoardItem(string Kind, string? Frame, string Text);

public sealed record ExportedFeedback(
    string Questionnaire, DateTimeOffset SubmittedAt, int? Value, string? MostUseful, bool? TakePartAgain, string? Comment, string? Implemented, bool? ContinuedWithCreative);

/// <summary>A contact request the person sent or received, with the other side's name only: their details are theirs.</summary>
public sealed record ExportedContactRequest(string Direction, string OtherPerson, string Status, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt);

public sealed record ExportedProfile(IReadOnlyList<string> Disciplines, string? PortfolioUrl, string? Bio, IReadOnlyList<string> Languages, string? Interests, string? Organisation);

public sealed record ExportedParticipation(
    string Event, string Role, string Status, DateTimeOffset RegisteredAt, IReadOnlyList<int> AvailableRounds, string? OrganiserNote, ExportedBusiness? Business);

public sealed record ExportedBusiness(string Name, string Trade, string? TradeKey, string? Region, string Size, IReadOnlyList<ExportedChallenge> Challenges);

public sealed record ExportedChallenge(string Statement, string Category, string? DesiredOutcome);

public sealed record ExportedConsent(string Purpose, string TextVersion, bool Granted, DateTimeOffset RecordedAt, DateTimeOffset? WithdrawnAt);
