namespace Tellerrand.Boards;

/// <summary>The constants of docs/board-protocol.md §2. Changing one that tightens a limit raises <see cref="ProtocolVersion"/> (VS2).</summary>
public static class BoardLimits
{
    /// <summary>Version of the wire protocol sent in <c>Resume</c> (VS1).</summary>
    public const int ProtocolVersion = 3;

    /// <summary>Upper bound of a push's estimated encoded size in bytes (PU3).</summary>
    public const int MaxMessageBytes = 65_536;

    /// <summary>Changes allowed in one push (PU2).</summary>
    public const int MaxChangesPerPush = 200;

    /// <summary>UTF-16 code units of a <c>text</c> property.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>UTF-16 code units of a <c>title</c> or <c>label</c> property.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Characters of a record id, client id or participant id.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Characters of a fractional index.</summary>
    public const int MaxIndexLength = 64;

    /// <summary>Records on one board, votes and the settings record included.</summary>
    public const int MaxRecordsPerBoard = 5_000;

    /// <summary>Largest absolute value of a position coordinate.</summary>
    public const double MaxCoordinate = 1_000_000;

    /// <summary>Smallest frame width or height.</summary>
    public const double MinExtent = 10;

    /// <summary>Largest frame width or height.</summary>
    public const double MaxExtent = 100_000;

    /// <summary>Largest <c>votesPerPerson</c> a moderator can set.</summary>
    public const int MaxVotesPerPerson = 20;

    /// <summary>Votes per person when the settings record does not say otherwise.</summary>
    public const int DefaultVotesPerPerson = 3;

    /// <summary>Applied pushes remembered per client id (ID2).</summary>
    public const int IdempotencyWindow = 128;

    /// <summary>Server sequence numbers between two stored snapshots (LG3).</summary>
    public const int SnapshotInterval = 500;

    /// <summary>A client further behind than this gets a snapshot instead of patches (RS2).</summary>
    public const int ResumeWindow = 1_000;

    /// <summary>Interval of presence batches, about 20 Hz (PR2).</summary>
    public static readonly TimeSpan PresenceInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Record ids in one presence selection or drag preview (PR3).</summary>
    public const int MaxSelection = 100;
}
