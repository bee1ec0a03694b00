using System.Collections.Immutable;
using System.Globalization;
using Tellerrand.Boards;

namespace Tellerrand.Handover.Tests;

/// <summary>Rooms to package: the cross-innovation template with notes, votes, a connector and four people.</summary>
internal static class Rooms
{
    public const string Challenge = "Wir finden keine Auszubildenden für unsere Bäckerei.";
    public const string UmlautNote = "Schüler:innen über TikTok erreichen – größer denken";
    public const string NextStep = "Förderantrag bis März stellen";
    public const string DeletedAuthorNote = "Tag der offenen Backstube";
    public const string ConsentingCreative = "Lea Groß";
    public const string CreativeWithoutConsent = "Jonas Weiß";
    public const string ModeratorWithoutConsent = "Mo Derator";

    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly ImmutableArray<RoomPerson> People =
    [
        new("p-business", "Anna Müller", RoomRole.Business, ConsentsToBeNamed: true),
        new("p-jonas", CreativeWithoutConsent, RoomRole.Creative, ConsentsToBeNamed: false),
        new("p-lea", ConsentingCreative, RoomRole.Creative, ConsentsToBeNamed: true),
        new("p-mod", ModeratorWithoutConsent, RoomRole.Moderator, ConsentsToBeNamed: false),
    ];

    /// <summary>The sample room's board records: template, notes and votes.</summary>
    public static BoardState SampleBoard()
    {
        var state = BoardState.Empty.ApplyPatch(BoardTemplate.CrossInnovation.Build(Challenge));
        return state.ApplyPatch(
        [
            Note("n-umlaut", "tpl-ideas", 60, 120, UmlautNote, "pink"),
            Note("n-lea", "tpl-ideas", 340, 120, "Azubi-Botschafter:innen an Schulen", "green"),
            Note("n-deleted", "tpl-perspectives", 60, 120, DeletedAuthorNote, "blue"),
            Note("n-next", "tpl-next-steps", 60, 120, NextStep, "orange"),
            Note("n-free", null, 5000, 200, "Parkplatz für später", "grey"),
            Vote("p-jonas", "n-umlaut"), Vote("p-lea", "n-umlaut"), Vote("p-business", "n-umlaut"), Vote("p-lea", "n-next"),
            BoardChange.Put("c-1", RecordKinds.Connector, PropertyMap.Of(
                (PropertyNames.From, new TextValue("n-umlaut")), (PropertyNames.To, new TextValue("n-lea")), (PropertyNames.Label, new TextValue("führt zu")))),
        ]);
    }

    public static RoomHandover Sample(BoardState? board = null) => new(
        Snapshot(board ?? SampleBoard()),
        "Exklusivrunde Görlitz",
        new DateOnly(2026, 11, 20),
        "Bäckerei Müller",
        new RoomChallenge(Challenge, "Fachkräfte", "Drei Ideen, die wir im Frühjahr ausprobieren"),
        People,
        [new WorkshopMethod("Walt-Disney-Methode", "Schaut eine Idee nacheinander als Träumer:in, Realist:in und Kritiker:in an, je 10 Minuten.")],
        ImmutableDictionary<string, string>.Empty
            .Add("n-umlaut", "p-jonas").Add("n-lea", "p-lea").Add("n-deleted", "p-gone").Add("n-next", "p-mod"));

    public static BoardSnapshot Snapshot(BoardState state) => new(BoardSnapshot.CurrentFormatVersion, 1, [.. state.Records], []);

    public static BoardChange Note(string id, string? frame, double x, double y, string text, string colour = "yellow", string size = "m") =>
        BoardChange.Put(id, RecordKinds.Sticky, PropertyMap.Of(
            (PropertyNames.Placement, new PlacementValue(frame, FractionalIndex.Between(null, null), x, y)),
            (PropertyNames.Text, new TextValue(text)),
            (PropertyNames.Colour, new TextValue(colour)),
            (PropertyNames.Size, new TextValue(size))));

    public static BoardChange Vote(string voter, string target) =>
        BoardChange.Put(BoardSchema.VoteId(voter, target), RecordKinds.Vote, PropertyMap.Of(
            (PropertyNames.Voter, new TextValue(voter)), (PropertyNames.Target, new TextValue(target))));

    /// <summary>Writes <paramref name="format"/> of <paramref name="room"/> into memory.</summary>
    public static byte[] Write(RoomHandover room, HandoverFormat format, CultureInfo? culture = null)
    {
        using var stream = new MemoryStream();
        RoomResults.Create(room, culture ?? German).WriteAsync(format, stream).GetAwaiter().GetResult();
        return stream.ToArray();
    }
}
