using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Data;
using Tellerrand.Web.Hosting;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Events;

/// <summary>
/// Seeds the Werk.Stadt.Camp Görlitz with its Exklusivrunde into an empty database, so that a
/// newcomer sees a believable programme at once. The people and businesses are fictional; the
/// format and the partners are the source document's.
/// </summary>
internal sealed class DemoProgramme(
    IDbContextFactory<TellerrandDb> dbFactory,
    IOptions<TellerrandOptions> options,
    TimeProvider clock,
    ILogger<DemoProgramme> logger) : IStartupSeeder
{
    public const string EventSlug = "exklusivrunde-goerlitz";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemo) return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Programmes.AnyAsync(cancellationToken) || await db.Events.AnyAsync(cancellationToken)) return;

        var now = clock.GetUtcNow();
        Guid NewId() => Guid.CreateVersion7(now);

        var agency = new PartnerOrganisation { Id = NewId(), Name = "Wirtschaftsförderung Europastadt GörlitzZgorzelec GmbH", Kind = OrganisationKind.EconomicDevelopmentAgency, City = "Görlitz" };
        var chamber = new PartnerOrganisation { Id = NewId(), Name = "Handwerkskammer Dresden", Kind = OrganisationKind.ChamberOfCrafts, City = "Dresden" };
        var creative = new PartnerOrganisation { Id = NewId(), Name = "KREATIVES SACHSEN", Kind = OrganisationKind.CreativeEconomyAgency, City = "Dresden" };
        var programme = new Programme
        {
            Id = NewId(),
            Title = "Werk.Stadt.Camp Görlitz",
            Description = "Das digitale Werk.Stadt.Camp bringt Handwerk, Kreativwirtschaft und Stadtentwicklung in Görlitz und Zgorzelec zusammen.",
            Region = "Görlitz / Zgorzelec",
            CreatedAt = now,
            Organisations = [agency, chamber, creative],
        };

        var template = FormatTemplate.Exklusivrunde;
        // Three weeks ahead, on a Thursday afternoon, when craft businesses can best spare the time.
        var startDay = EventTimeZones.ToLocal(now, EventTimeZones.Default).Date.AddDays(21);
        startDay = startDay.AddDays(((int)DayOfWeek.Thursday - (int)startDay.DayOfWeek + 7) % 7);
        var demo = new Event
        {
            Id = NewId(),
            ProgrammeId = programme.Id,
            Title = "Exklusivrunde: Kreative Unterstützung für unternehmerische Herausforderungen",
            Slug = EventSlug,
            Description = "Fünf Handwerksbetriebe treffen zehn kreative Köpfe: In moderierten Breakout-Räumen arbeiten je ein Betrieb und zwei Kreative 75 Minuten an einer aktuellen unternehmerischen Fragestellung – für den Blick über den Tellerrand.",
            StartsAt = EventTimeZones.ToUtc(startDay.AddHours(14), EventTimeZones.Default),
            TimeZoneId = EventTimeZones.Default,
            DurationMinutes = template.DurationMinutes,
            FormatKey = template.Key,
            BusinessCapacity = template.Businesses,
            CreativesPerRoom = template.CreativesPerRoom,
            ModeratorsPerRoom = template.ModeratorsPerRoom,
            Status = EventStatus.Open,
            CreatedAt = now,
            Organisations = [agency, chamber, creative],
            Phases = template.Phases.Select((p, i) => new AgendaPhase
            {
                Id = NewId(), Order = i, Kind = p.Kind, Title = p.Title, DurationMinutes = p.DurationMinutes, Instructions = p.Instructions,
            }).ToList(),
        };
        db.Programmes.Add(programme);
        db.Events.Add(demo);

        foreach (var (company, trade, tradeKey, size, contact, email, statement, category, outcome) in Businesses)
        {
            var business = new Business { Id = NewId(), Name = company, Trade = trade, TradeKey = tradeKey, Region = "Landkreis Görlitz", Size = size, CreatedAt = now };
            business.Challenges.Add(new Challenge { Id = NewId(), EventId = demo.Id, Statement = statement, Category = category, DesiredOutcome = outcome });
            var person = new Person { Id = NewId(), DisplayName = contact, Email = email, CreatedAt = now };
            db.Businesses.Add(business);
            db.People.Add(person);
            db.Participations.Add(new EventParticipation
            {
                Id = NewId(), EventId = demo.Id, PersonId = person.Id, BusinessId = business.Id,
                Role = EventRole.BusinessRepresentative, Status = ParticipationStatus.Accepted, RegisteredAt = now,
            });
        }

        foreach (var (name, email, disciplines, bio, interests) in Creatives)
        {
            var person = new Person
            {
                Id = NewId(), DisplayName = name, Email = email, CreatedAt = now,
                CreativeProfile = new CreativeProfile { Id = NewId(), Disciplines = [.. disciplines], Bio = bio, Interests = interests, Languages = ["de", "en"] },
            };
            db.People.Add(person);
            db.Participations.Add(new EventParticipation
            {
                Id = NewId(), EventId = demo.Id, PersonId = person.Id, Role = EventRole.Creative, Status = ParticipationStatus.Accepted, RegisteredAt = now,
            });
        }

        foreach (var (name, email) in Moderators)
        {
            var person = new Person { Id = NewId(), DisplayName = name, Email = email, CreatedAt = now };
            db.People.Add(person);
            db.Participations.Add(new EventParticipation
            {
                Id = NewId(), EventId = demo.Id, PersonId = person.Id, Role = EventRole.Moderator, Status = ParticipationStatus.Accepted, RegisteredAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo programme with event {EventSlug}", EventSlug);
    }

    // Addresses use the reserved .example domain, so demo mail can never reach a real inbox.
    private static readonly (string Company, string Trade, string TradeKey, BusinessSize Size, string Contact, string Email, string Statement, ChallengeCategory Category, string Outcome)[] Businesses =
    [
        ("Elektro Jäschke GmbH", "Elektrotechniker", "A-25", BusinessSize.Small, "Thomas Jäschke", "jaeschke@elektro-jaeschke.example",
            "Wir bauen Smart-Home-Anlagen für Privatkund:innen, aber viele verstehen nicht, was die Technik ihnen im Alltag bringt. Wie machen wir unsere Angebote greifbar, bevor jemand einen Auftrag unterschreibt?",
            ChallengeCategory.ProductDevelopment, "Ein Konzept für ein anfassbares Vorführ- oder Beratungsformat, das wir in drei Monaten testen können."),
        ("Schweißtechnik Neiße GmbH", "Metallbauer", "A-13", BusinessSize.Medium, "Katrin Wendler", "k.wendler@schweisstechnik-neisse.example",
            "Wir finden kaum noch Auszubildende. Junge Leute halten Schweißen für laut, schmutzig und altmodisch – dabei arbeiten wir mit Robotern und Präzisionstechnik. Wie erzählen wir, was unser Beruf wirklich ist?",
            ChallengeCategory.Recruiting, "Eine Geschichte und zwei, drei Formate, mit denen wir Schüler:innen in der Region erreichen."),
        ("Tischlerei Hoffmann", "Tischler", "A-27", BusinessSize.Micro, "Martin Hoffmann", "info@tischlerei-hoffmann.example",
            "Unsere Möbel aus regionalem Holz verkaufen wir bisher nur über Empfehlungen. Wir wollen online sichtbar werden, ohne dass es nach Massenware aussieht.",
            ChallengeCategory.Marketing, "Ein Plan für die ersten sechs Monate online: Kanäle, Inhalte, wer was macht."),
        ("Malerbetrieb Kunze & Söhne", "Maler und Lackierer", "A-10", BusinessSize.Small, "Sabine Kunze", "kunze@maler-kunze.example",
            "Kund:innen entscheiden sich schwer für Farben und Materialien. Viele Termine enden ohne Entscheidung. Wie können wir die Beratung so gestalten, dass sie Lust auf Veränderung macht?",
            ChallengeCategory.CustomerExperience, "Eine neue Beratungsstrecke, vom ersten Kontakt bis zur Farbwahl."),
        ("Bäckerei Richter", "Bäcker", "A-30", BusinessSize.Small, "Jonas Richter", "jonas@baeckerei-richter.example",
            "Wir backen noch mit Sauerteig und langer Teigführung, aber im Laden sieht man davon nichts. Wie zeigen wir Qualität und Handwerk so, dass die Kundschaft den Unterschied schmeckt und sieht?",
            ChallengeCategory.Branding, "Eine Markenidee und erste Entwürfe für Laden, Tüten und Social Media."),
    ];

    private static readonly (string Name, string Email, string[] Disciplines, string Bio, string Interests)[] Creatives =
    [
        ("Lena Vogt", "lena@vogt-design.example", ["industrial_design", "product_design"], "Industriedesignerin, entwirft Geräte und Bedienkonzepte, die man ohne Anleitung versteht.", "Technik verständlich machen"),
        ("Mira Schubert", "mira@erzaehlwerk.example", ["storytelling", "copywriting"], "Storytellerin, schreibt für Unternehmen, die mehr können, als sie erzählen.", "Arbeitgebermarken, Handwerk"),
        ("David Nowak", "david@nowak-online.example", ["online_marketing", "social_media"], "Online-Marketing-Spezialist für kleine Betriebe mit wenig Zeit.", "Sichtbarkeit für Einzelstücke"),
        ("Aylin Demir", "aylin@demir-content.example", ["online_marketing", "copywriting"], "Content-Strategin, baut Redaktionspläne, die ein Betrieb selbst durchhält.", "Regionale Marken"),
        ("Felix Brandt", "felix@brandt-film.example", ["film_video", "storytelling"], "Filmemacher, dreht kurze Porträts über Menschen und ihre Arbeit.", "Ausbildung und Nachwuchs"),
        ("Johanna Lehmann", "johanna@lehmann-raum.example", ["interior_design", "service_design"], "Innenarchitektin und Service-Designerin, gestaltet Beratungsräume und Abläufe.", "Kundenerlebnis im Laden"),
        ("Piotr Kowalski", "piotr@kowalski-ux.example", ["ux_design", "web_development"], "UX-Designer aus Zgorzelec, macht digitale Angebote einfach bedienbar.", "Digitalisierung im Handwerk"),
        ("Clara Winkler", "clara@winkler-grafik.example", ["graphic_design", "branding"], "Grafikdesignerin mit Schwerpunkt Markenentwicklung für Lebensmittelbetriebe.", "Verpackung, Marke"),
        ("Tobias Engel", "tobias@engel-foto.example", ["photography", "social_media"], "Fotograf, zeigt Handwerk so, wie es sich anfühlt.", "Werkstattreportagen"),
        ("Sophie Albrecht", "sophie@albrecht-games.example", ["games_gamification", "xr"], "Gestaltet spielerische und virtuelle Erlebnisse für Ausbildung und Vertrieb.", "Nachwuchs, Vorführungen"),
    ];

    private static readonly (string Name, string Email)[] Moderators =
    [
        ("Anja Hennig", "a.hennig@kreatives-sachsen.example"),
        ("Robert Seidel", "r.seidel@kreatives-sachsen.example"),
        ("Ulrike Franke", "u.franke@hwk-dresden.example"),
        ("Michael Pohl", "m.pohl@hwk-dresden.example"),
        ("Ewa Zielińska", "e.zielinska@wirtschaftsfoerderung-goerlitz.example"),
    ];
}
