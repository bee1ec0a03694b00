using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Outreach;

/// <summary>
/// The trade groups a campaign writes one template for, after the traditional groups of the
/// Handwerksordnung's annex A (Bau und Ausbau, Elektro und Metall, Holz, Bekleidung/Textil/Leder,
/// Nahrung, Gesundheit und Körperpflege, Glas/Papier/Keramik und sonstige). A trade that is not on
/// the list (free text) belongs to no group and gets the campaign's default template.
/// </summary>
public static class TradeGroups
{
    /// <summary>The key of the template for everyone without a group template.</summary>
    public const string Default = "default";

    public static IReadOnlyList<string> All { get; } = ["bau", "elektro-metall", "holz", "textil-leder", "nahrung", "gesundheit", "glas-sonstige"];

    // Keyed by name: the B1/B2 entries of Trades share their annex as key.
    private static readonly Dictionary<string, string> GroupOfTrade = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Maurer und Betonbauer"] = "bau", ["Ofen- und Luftheizungsbauer"] = "bau", ["Zimmerer"] = "bau", ["Dachdecker"] = "bau",
        ["Straßenbauer"] = "bau", ["Wärme-, Kälte- und Schallschutzisolierer"] = "bau", ["Brunnenbauer"] = "bau",
        ["Steinmetzen und Steinbildhauer"] = "bau", ["Stuckateure"] = "bau", ["Maler und Lackierer"] = "bau", ["Gerüstbauer"] = "bau",
        ["Schornsteinfeger"] = "bau", ["Fliesen-, Platten- und Mosaikleger"] = "bau", ["Betonstein- und Terrazzohersteller"] = "bau",
        ["Estrichleger"] = "bau", ["Parkettleger"] = "bau", ["Rollladen- und Sonnenschutztechniker"] = "bau", ["Bodenleger"] = "bau",
        ["Holz- und Bautenschutzgewerbe"] = "bau", ["Rohr- und Kanalreiniger"] = "bau",

        ["Metallbauer"] = "elektro-metall", ["Chirurgiemechaniker"] = "elektro-metall", ["Karosserie- und Fahrzeugbauer"] = "elektro-metall",
        ["Feinwerkmechaniker"] = "elektro-metall", ["Zweiradmechaniker"] = "elektro-metall", ["Kälteanlagenbauer"] = "elektro-metall",
        ["Informationstechniker"] = "elektro-metall", ["Kraftfahrzeugtechniker"] = "elektro-metall",
        ["Land- und Baumaschinenmechatroniker"] = "elektro-metall", ["Büchsenmacher"] = "elektro-metall", ["Klempner"] = "elektro-metall",
        ["Installateur und Heizungsbauer"] = "elektro-metall", ["Elektrotechniker"] = "elektro-metall", ["Elektromaschinenbauer"] = "elektro-metall",
        ["Behälter- und Apparatebauer"] = "elektro-metall", ["Gold- und Silberschmiede"] = "elektro-metall", ["Uhrmacher"] = "elektro-metall",
        ["Graveure"] = "elektro-metall", ["Metallbildner"] = "elektro-metall", ["Galvaniseure"] = "elektro-metall",

        ["Tischler"] = "holz", ["Boots- und Schiffbauer"] = "holz", ["Drechsler (Elfenbeinschnitzer) und Holzspielzeugmacher"] = "holz",
        ["Böttcher"] = "holz", ["Orgel- und Harmoniumbauer"] = "holz", ["Modellbauer"] = "holz", ["Holzbildhauer"] = "holz",
        ["Geigenbauer"] = "holz", ["Klavier- und Cembalobauer"] = "holz",

        ["Seiler"] = "textil-leder", ["Raumausstatter"] = "textil-leder", ["Maßschneider"] = "textil-leder", ["Textilgestalter"] = "textil-leder",
        ["Modisten"] = "textil-leder", ["Schuhmacher"] = "textil-leder", ["Sattler und Feintäschner"] = "textil-leder",

        ["Bäcker"] = "nahrung", ["Konditoren"] = "nahrung", ["Fleischer"] = "nahrung", ["Müller"] = "nahrung",
        ["Brauer und Mälzer"] = "nahrung", ["Weinküfer"] = "nahrung",

        ["Augenoptiker"] = "gesundheit", ["Hörakustiker"] = "gesundheit", ["Orthopädietechniker"] = "gesundheit",
        ["Orthopädieschuhmacher"] = "gesundheit", ["Zahntechniker"] = "gesundheit", ["Friseure"] = "gesundheit",
        ["Gebäudereiniger"] = "gesundheit", ["Kosmetiker"] = "gesundheit", ["Maskenbildner"] = "gesundheit",

        ["Glaser"] = "glas-sonstige", ["Glasbläser und Glasapparatebauer"] = "glas-sonstige",
        ["Mechaniker für Reifen- und Vulkanisationstechnik"] = "glas-sonstige", ["Glasveredler"] = "glas-sonstige",
        ["Schilder- und Lichtreklamehersteller"] = "glas-sonstige", ["Glas- und Porzellanmaler"] = "glas-sonstige",
        ["Fotografen"] = "glas-sonstige", ["Buchbinder"] = "glas-sonstige", ["Keramiker"] = "glas-sonstige", ["Vergolder"] = "glas-sonstige",
        ["Bestatter"] = "glas-sonstige",
    };

    /// <summary>The group of a trade as a contact list writes it; null for free text (the default template).</summary>
    public static string? Of(string? trade) =>
        Trades.Find(trade) is { } known && GroupOfTrade.TryGetValue(known.Name, out var group) ? group : null;

    /// <summary>The trades of one group, for the organiser's page.</summary>
    public static IEnumerable<Trade> TradesOf(string group) =>
        Trades.All.Where(t => GroupOfTrade.TryGetValue(t.Name, out var g) && g == group);
}
