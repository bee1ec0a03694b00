namespace Tellerrand.Web.Events;

/// <summary>A phase as a template describes it; titles and instructions are German content, copied into the event.</summary>
public sealed record TemplatePhase(PhaseKind Kind, string Title, int DurationMinutes, string Instructions);

/// <summary>
/// A reusable event format. Events copy everything from it at creation, so editing an event
/// never changes the template and a template change never rewrites past events.
/// </summary>
public sealed record FormatTemplate(
    string Key,
    string Name,
    string Description,
    int DurationMinutes,
    int Businesses,
    int CreativesPerRoom,
    int ModeratorsPerRoom,
    IReadOnlyList<TemplatePhase> Phases)
{
    /// <summary>
    /// The format of the source document: 5 businesses meet 10 creatives for 2.5 hours,
    /// a lively introduction round, then moderated breakout rooms of 1 business + 2 creatives.
    /// </summary>
    public static FormatTemplate Exklusivrunde { get; } = new(
        Key: "exklusivrunde",
        Name: "Exklusivrunde",
        Description: "Kreative Unterstützung für unternehmerische Herausforderungen: Handwerksbetriebe arbeiten in moderierten Breakout-Räumen mit jeweils zwei Kreativen an einer aktuellen Fragestellung.",
        DurationMinutes: 150,
        Businesses: 5,
        CreativesPerRoom: 2,
        ModeratorsPerRoom: 1,
        Phases:
        [
            new(PhaseKind.Plenary, "Begrüßung", 10,
                "Die Veranstalter:innen begrüßen alle, stellen das Format und den Ablauf vor."),
            new(PhaseKind.IntroRound, "Vorstellungsrunde", 20,
                "Kurz und kurzweilig: Jede:r stellt sich in einem Satz vor – Betrieb oder Disziplin und was sie oder ihn heute hergeführt hat."),
            new(PhaseKind.Plenary, "Einführung in die Breakout-Räume", 5,
                "Die Moderation erklärt, wie die Räume funktionieren und was am Ende auf dem Board stehen soll."),
            new(PhaseKind.Breakout, "Arbeit in den Breakout-Räumen", 75,
                "Jeder Betrieb arbeitet mit zwei Kreativen und einer Moderation an seiner Herausforderung: verstehen, Perspektiven sammeln, Ideen entwickeln, nächste Schritte festhalten."),
            new(PhaseKind.ShareOut, "Ergebnisse im Plenum", 30,
                "Jeder Raum teilt in wenigen Minuten die wichtigste Erkenntnis und den nächsten Schritt."),
            new(PhaseKind.Closing, "Abschluss", 10,
                "Dank, Ausblick auf die Ergebnisse und eine kurze Feedback-Runde."),
        ]);

    public static IReadOnlyList<FormatTemplate> All { get; } = [Exklusivrunde];

    public static FormatTemplate? Find(string key) => All.FirstOrDefault(t => t.Key == key);
}
