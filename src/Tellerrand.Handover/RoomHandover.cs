using System.Collections.Immutable;
using Tellerrand.Boards;

namespace Tellerrand.Handover;

/// <summary>What a results package is made from: one room's final board and what the web app knows about the room.</summary>
/// <param name="Board">The board as frozen at the end of the event.</param>
/// <param name="EventName">The event's name, e.g. "Exklusivrunde Görlitz".</param>
/// <param name="EventDate">The day of the event, in the event's time zone.</param>
/// <param name="RoomName">How the room is called on the package, e.g. the business's name.</param>
/// <param name="Challenge">The business's challenge.</param>
/// <param name="People">Everyone in the room who still exists; a deleted person is simply absent.</param>
/// <param name="Methods">The methods used in the workshop, with how to use them again.</param>
/// <param name="NoteAuthors">
/// Who wrote which record: record id → participant id (<see cref="RoomPerson.ParticipantId"/>), usually
/// <see cref="AuthorsOf"/> the board. A record without an entry (the template's, or one from before the board kept
/// authors), or whose author is not among <paramref name="People"/> (deleted), is shown without a name.
/// </param>
/// <param name="NextStepsFrameId">The frame whose notes are the next steps; the template's "Nächste Schritte" frame by default.</param>
public sealed record RoomHandover(
    BoardSnapshot Board,
    string EventName,
    DateOnly EventDate,
    string RoomName,
    RoomChallenge Challenge,
    ImmutableArray<RoomPerson> People,
    ImmutableArray<WorkshopMethod> Methods,
    ImmutableDictionary<string, string> NoteAuthors,
    string? NextStepsFrameId = null)
{
    /// <summary>The record id of the template's "Nächste Schritte" frame.</summary>
    public static readonly string DefaultNextStepsFrameId = BoardTemplate.FrameId("next-steps");

    /// <summary>The author of every record of <paramref name="board"/> that has one, as the board stamped it (board-protocol.md AU1).</summary>
    public static ImmutableDictionary<string, string> AuthorsOf(BoardSnapshot board) =>
        board.Records
            .Select(r => (r.Id, Author: r.GetText(PropertyNames.Author)))
            .Where(r => r.Author is not null)
            .ToImmutableDictionary(r => r.Id, r => r.Author!, StringComparer.Ordinal);
}

/// <summary>The business's challenge, as it registered it.</summary>
/// <param name="Statement">The challenge in the business's own words.</param>
/// <param name="Category">Its category, e.g. "Marketing".</param>
/// <param name="HopedForOutcome">What the business hopes to take home.</param>
public sealed record RoomChallenge(string Statement, string Category, string HopedForOutcome);

/// <summary>Someone in the room.</summary>
/// <param name="ParticipantId">The id the board knows the person by (a vote's voter, <see cref="RoomHandover.NoteAuthors"/>).</param>
/// <param name="Name">The person's name.</param>
/// <param name="Role">The person's part in the room.</param>
/// <param name="ConsentsToBeNamed">Whether the person agreed to be named on exported boards; otherwise a neutral label stands in.</param>
public sealed record RoomPerson(string ParticipantId, string Name, RoomRole Role, bool ConsentsToBeNamed);

/// <summary>A person's part in a room.</summary>
public enum RoomRole
{
    /// <summary>The craft business that brought the challenge.</summary>
    Business,

    /// <summary>A creative professional.</summary>
    Creative,

    /// <summary>The room's moderator.</summary>
    Moderator,
}

/// <summary>A method used in the workshop.</summary>
/// <param name="Name">The method's name, e.g. "Walt-Disney-Methode".</param>
/// <param name="HowToUseAgain">A short description of how to use it again without a moderator.</param>
public sealed record WorkshopMethod(string Name, string HowToUseAgain);
