using System.Collections.Immutable;
using Tellerrand.Boards;
using Tellerrand.Handover;

namespace Tellerrand.Handover.Bench;

/// <summary>
/// A busy room: five frames of 1 400 × 1 400, <c>notes</c> sticky notes spread evenly over them in a grid, texts of 4 to 30
/// German words (umlauts included), every colour and size, three people voting three times each, and a connector per ten
/// notes, the last frame being "Nächste Schritte". <see cref="Random"/> with a seed makes it reproducible.
/// </summary>
internal static class BoardGenerator
{
    private static readonly string[] Words =
    [
        "Kundschaft", "Ausbildung", "Backstube", "größer", "Schüler:innen", "Werkstatt", "Förderung", "Idee", "Instagram",
        "Nachhaltigkeit", "Tischlerei", "Möbel", "Straße", "Veranstaltung", "gemeinsam", "ausprobieren", "Prototyp", "Kooperation",
        "Handwerk", "Übergabe", "Zielgruppe", "Sortiment", "Markenauftritt", "Präsentation", "Öffnungszeiten", "regional",
    ];

    public static RoomHandover Room(int notes, int seed, string name)
    {
        var random = new Random(seed);
        var changes = new List<BoardChange>
        {
            BoardChange.Put(BoardSchema.SettingsId, RecordKinds.Board, PropertyMap.Of((PropertyNames.Frozen, new FlagValue(true)))),
        };
        string[] titles = ["Herausforderung", "Perspektiven", "Ideen", "Bewertung", "Nächste Schritte"];
        var frameIndices = FractionalIndex.Between(null, null, titles.Length);
        for (var f = 0; f < titles.Length; f++)
        {
            changes.Add(BoardChange.Put($"frame-{f}", RecordKinds.Frame, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue(null, frameIndices[f], f * 1500, 0)),
                (PropertyNames.Title, new TextValue(titles[f])),
                (PropertyNames.Width, new NumberValue(1400)),
                (PropertyNames.Height, new NumberValue(1400)))));
        }
        var perFrame = (notes + titles.Length - 1) / titles.Length;
        var columns = (int)Math.Ceiling(Math.Sqrt(perFrame));
        var noteIndices = FractionalIndex.Between(null, null, perFrame);
        for (var n = 0; n < notes; n++)
        {
            var slot = n / titles.Length;
            var text = string.Join(' ', Enumerable.Range(0, random.Next(4, 31)).Select(_ => Words[random.Next(Words.Length)]));
            changes.Add(BoardChange.Put($"note-{n}", RecordKinds.Sticky, PropertyMap.Of(
                (PropertyNames.Placement, new PlacementValue($"frame-{n % titles.Length}", noteIndices[slot], 30 + slot % columns * (1340.0 / columns), 80 + slot / columns * (1300.0 / columns))),
                (PropertyNames.Text, new TextValue(text)),
                (PropertyNames.Colour, new TextValue(BoardSchema.Colours[random.Next(BoardSchema.Colours.Length)])),
                (PropertyNames.Size, new TextValue(BoardSchema.Sizes[random.Next(BoardSchema.Sizes.Length)])))));
        }
        string[] people = ["p-business", "p-creative-1", "p-creative-2"];
        foreach (var voter in people)
        {
            foreach (var target in Enumerable.Range(0, notes).OrderBy(_ => random.Next()).Take(3))
            {
                changes.Add(BoardChange.Put(BoardSchema.VoteId(voter, $"note-{target}"), RecordKinds.Vote,
                    PropertyMap.Of((PropertyNames.Voter, new TextValue(voter)), (PropertyNames.Target, new TextValue($"note-{target}")))));
            }
        }
        for (var c = 0; c + 1 < notes; c += 10)
        {
            changes.Add(BoardChange.Put($"connector-{c}", RecordKinds.Connector, PropertyMap.Of(
                (PropertyNames.From, new TextValue($"note-{c}")), (PropertyNames.To, new TextValue($"note-{c + 1}")), (PropertyNames.Label, new TextValue("führt zu")))));
        }
        var state = BoardState.Empty.ApplyPatch(changes);
        var authors = Enumerable.Range(0, notes).ToImmutableDictionary(n => $"note-{n}", n => people[n % people.Length]);
        return new RoomHandover(
            new BoardSnapshot(BoardSnapshot.CurrentFormatVersion, 1, [.. state.Records], []),
            "Exklusivrunde Görlitz",
            new DateOnly(2026, 11, 20),
            name,
            new RoomChallenge("Wir finden keine Auszubildenden und möchten jüngere Kundschaft erreichen.", "Fachkräfte", "Drei Ideen zum Ausprobieren"),
            [
                new RoomPerson("p-business", "Anna Müller", RoomRole.Business, true),
                new RoomPerson("p-creative-1", "Jonas Weiß", RoomRole.Creative, false),
                new RoomPerson("p-creative-2", "Lea Groß", RoomRole.Creative, true),
                new RoomPerson("p-mod", "Mo Derator", RoomRole.Moderator, false),
            ],
            [new WorkshopMethod("Walt-Disney-Methode", "Eine Idee nacheinander als Träumer:in, Realist:in und Kritiker:in ansehen.")],
            authors,
            "frame-4");
    }
}
