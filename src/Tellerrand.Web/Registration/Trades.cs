namespace Tellerrand.Web.Registration;

/// <summary>A trade of the Handwerksordnung as the registration form offers it; <see cref="Key"/> is what <see cref="Business.TradeKey"/> stores.</summary>
public sealed record Trade(string Key, string Name);

/// <summary>
/// The trades of the Handwerksordnung (HwO), copied from the team's reference data <c>gewerke.csv</c>:
/// Annex A complete and numbered ("A-25"), Annex B1 and B2 a selection without numbers, keyed by their
/// annex ("B1"). A trade missing here is still accepted as free text.
/// </summary>
public static class Trades
{
    public static IReadOnlyList<Trade> All { get; } =
    [
        new("A-1", "Maurer und Betonbauer"),
        new("A-2", "Ofen- und Luftheizungsbauer"),
        new("A-3", "Zimmerer"),
        new("A-4", "Dachdecker"),
        new("A-5", "Straßenbauer"),
        new("A-6", "Wärme-, Kälte- und Schallschutzisolierer"),
        new("A-7", "Brunnenbauer"),
        new("A-8", "Steinmetzen und Steinbildhauer"),
        new("A-9", "Stuckateure"),
        new("A-10", "Maler und Lackierer"),
        new("A-11", "Gerüstbauer"),
        new("A-12", "Schornsteinfeger"),
        new("A-13", "Metallbauer"),
        new("A-14", "Chirurgiemechaniker"),
        new("A-15", "Karosserie- und Fahrzeugbauer"),
        new("A-16", "Feinwerkmechaniker"),
        new("A-17", "Zweiradmechaniker"),
        new("A-18", "Kälteanlagenbauer"),
        new("A-19", "Informationstechniker"),
        new("A-20", "Kraftfahrzeugtechniker"),
        new("A-21", "Land- und Baumaschinenmechatroniker"),
        new("A-22", "Büchsenmacher"),
        new("A-23", "Klempner"),
        new("A-24", "Installateur und Heizungsbauer"),
        new("A-25", "Elektrotechniker"),
        new("A-26", "Elektromaschinenbauer"),
        new("A-27", "Tischler"),
        new("A-28", "Boots- und Schiffbauer"),
        new("A-29", "Seiler"),
        new("A-30", "Bäcker"),
        new("A-31", "Konditoren"),
        new("A-32", "Fleischer"),
        new("A-33", "Augenoptiker"),
        new("A-34", "Hörakustiker"),
        new("A-35", "Orthopädietechniker"),
        new("A-36", "Orthopädieschuhmacher"),
        new("A-37", "Zahntechniker"),
        new("A-38", "Friseure"),
        new("A-39", "Glaser"),
        new("A-40", "Glasbläser und Glasapparatebauer"),
        new("A-41", "Mechaniker für Reifen- und Vulkanisationstechnik"),
        new("A-42", "Fliesen-, Platten- und Mosaikleger"),
        new("A-43", "Betonstein- und Terrazzohersteller"),
        new("A-44", "Estrichleger"),
        new("A-45", "Behälter- und Apparatebauer"),
        new("A-46", "Parkettleger"),
        new("A-47", "Rollladen- und Sonnenschutztechniker"),
        new("A-48", "Drechsler (Elfenbeinschnitzer) und Holzspielzeugmacher"),
        new("A-49", "Böttcher"),
        new("A-50", "Glasveredler"),
        new("A-51", "Schilder- und Lichtreklamehersteller"),
        new("A-52", "Raumausstatter"),
        new("A-53", "Orgel- und Harmoniumbauer"),
        new("B1", "Gold- und Silberschmiede"),
        new("B1", "Uhrmacher"),
        new("B1", "Graveure"),
        new("B1", "Metallbildner"),
        new("B1", "Galvaniseure"),
        new("B1", "Modellbauer"),
        new("B1", "Holzbildhauer"),
        new("B1", "Maßschneider"),
        new("B1", "Textilgestalter"),
        new("B1", "Modisten"),
        new("B1", "Schuhmacher"),
        new("B1", "Sattler und Feintäschner"),
        new("B1", "Müller"),
        new("B1", "Brauer und Mälzer"),
        new("B1", "Weinküfer"),
        new("B1", "Gebäudereiniger"),
        new("B1", "Glas- und Porzellanmaler"),
        new("B1", "Fotografen"),
        new("B1", "Buchbinder"),
        new("B1", "Keramiker"),
        new("B1", "Geigenbauer"),
        new("B1", "Klavier- und Cembalobauer"),
        new("B1", "Vergolder"),
        new("B2", "Bestatter"),
        new("B2", "Kosmetiker"),
        new("B2", "Maskenbildner"),
        new("B2", "Rohr- und Kanalreiniger"),
        new("B2", "Bodenleger"),
        new("B2", "Holz- und Bautenschutzgewerbe"),
    ];

    /// <summary>The list entry a typed trade names, ignoring case and surrounding blanks; null for free text.</summary>
    public static Trade? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
