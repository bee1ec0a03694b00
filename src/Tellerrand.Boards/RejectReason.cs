namespace Tellerrand.Boards;

/// <summary>Why a push was refused; the integer is the wire value (docs/board-protocol.md §3). Never renumber.</summary>
public enum RejectReason
{
    /// <summary>The shape of a change is wrong.</summary>
    Malformed = 1,

    /// <summary>A put names a record kind the board does not know.</summary>
    UnknownRecordKind = 2,

    /// <summary>A text, title or label exceeds its length limit.</summary>
    TextTooLong = 3,

    /// <summary>The push has no changes or more than <see cref="BoardLimits.MaxChangesPerPush"/>.</summary>
    TooManyChanges = 4,

    /// <summary>The push's estimated encoded size exceeds <see cref="BoardLimits.MaxMessageBytes"/>.</summary>
    Oversized = 5,

    /// <summary>A participant changes or deletes a locked record.</summary>
    RecordLocked = 6,

    /// <summary>The board is frozen.</summary>
    BoardFrozen = 7,

    /// <summary>The actor's role may not make this change.</summary>
    NotPermitted = 8,

    /// <summary>A placement names a parent that does not exist or is not a frame.</summary>
    ParentMissing = 9,

    /// <summary>A placement would make a frame its own ancestor.</summary>
    CycleInParents = 10,

    /// <summary>A connector end or vote target does not exist or has the wrong kind.</summary>
    ReferenceMissing = 11,

    /// <summary>A participant adds or removes a vote while no vote is open.</summary>
    VotingClosed = 12,

    /// <summary>The voter has used all votes of this round.</summary>
    VoteLimitReached = 13,

    /// <summary>A text contains a forbidden character (BM9).</summary>
    TextInvalid = 14,

    /// <summary>The board would hold more than <see cref="BoardLimits.MaxRecordsPerBoard"/> records.</summary>
    BoardFull = 15,

    /// <summary>A repeated client sequence number that is not known as applied (ID3).</summary>
    Stale = 16,

    /// <summary>The room's event has ended and its results are final: the board is read-only for everyone (AZ7).</summary>
    ResultsFinal = 17,
}
