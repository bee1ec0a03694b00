namespace Tellerrand.Boards;

/// <summary>What a person may do on a board (AZ). The hub derives it from the authenticated connection.</summary>
public enum BoardRole
{
    /// <summary>May watch, never push (AZ2).</summary>
    Observer = 0,

    /// <summary>The business or a creative of the room (AZ3).</summary>
    Participant = 1,

    /// <summary>The room's moderator (AZ4).</summary>
    Moderator = 2,
}

/// <summary>The person behind a push.</summary>
/// <param name="ParticipantId">Stable id of the person; votes are keyed by it.</param>
/// <param name="Role">What the person may do.</param>
[GenerateSerializer, Immutable]
public sealed record BoardActor(string ParticipantId, BoardRole Role);
