using Tellerrand.Matching;
using Tellerrand.Matching.Scoring;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Matching;

/// <summary>A business of the event as matching sees it.</summary>
public sealed record MatchingBusinessInput(Guid BusinessId, string Name, string Trade, string Challenge, ChallengeCategory Category);

/// <summary>A creative of the event as matching sees it.</summary>
/// <param name="RegisteredRounds">The rounds the creative said they can attend when registering; empty when they were not asked.</param>
public sealed record MatchingCreativeInput(Guid PersonId, string Name, IReadOnlyList<string> Disciplines, IReadOnlyList<string> Languages, string? Interests,
    IReadOnlyList<int> RegisteredRounds)
{
    public bool RegisteredFor(int round) => RegisteredRounds.Count == 0 || RegisteredRounds.Contains(round);
}

/// <summary>A moderator of the event.</summary>
public sealed record MatchingModeratorInput(Guid PersonId, string Name);

/// <summary>
/// Who takes part in an event and how its rooms are shaped: everything a proposal is computed from. <see cref="Published"/>
/// holds the pairs of the rooms already published, which a new proposal keeps wherever the decisions allow.
/// </summary>
public sealed record MatchingInput(
    Guid EventId,
    int CreativesPerRoom,
    int Rounds,
    IReadOnlyList<MatchingBusinessInput> Businesses,
    IReadOnlyList<MatchingCreativeInput> Creatives,
    IReadOnlyList<MatchingModeratorInput> Moderators,
    IReadOnlySet<MatchingPair> Published)
{
    /// <summary>
    /// Whether a creative takes part in a round: as registered, unless the organiser decided otherwise — an absence
    /// overrides the registration, and an attendance overrides a round the registration left out (the creative told
    /// the organiser later that they can come after all).
    /// </summary>
    public bool IsAvailable(MatchingDecisions decisions, Guid creativeId, int round)
    {
        var seat = new CreativeRound(creativeId, round);
        if (decisions.Absences.Contains(seat)) return false;
        return Creatives.FirstOrDefault(c => c.PersonId == creativeId)?.RegisteredFor(round) != false || decisions.Attendances.Contains(seat);
    }
}

/// <summary>A pair the organiser decided on: pinned into a room, or kept apart.</summary>
public sealed record MatchingPair(Guid BusinessId, Guid CreativeId);

/// <summary>A creative and a round, for the organiser's absences and attendances.</summary>
public sealed record CreativeRound(Guid CreativeId, int Round);

/// <summary>The organiser's stored decisions for one event; every proposal is computed under them.</summary>
public sealed record MatchingDecisions(
    IReadOnlySet<MatchingPair> Pinned,
    IReadOnlySet<MatchingPair> Forbidden,
    IReadOnlySet<CreativeRound> Absences,
    IReadOnlySet<CreativeRound> Attendances,
    IReadOnlyDictionary<Guid, Guid> ModeratorWishes)
{
    public static MatchingDecisions None { get; } = new(new HashSet<MatchingPair>(), new HashSet<MatchingPair>(), new HashSet<CreativeRound>(), new HashSet<CreativeRound>(), new Dictionary<Guid, Guid>());

    public bool Any => Pinned.Count + Forbidden.Count + Absences.Count + Attendances.Count + ModeratorWishes.Count > 0;
}

/// <summary>One change an organiser makes on the matching page.</summary>
public abstract record MatchingChange
{
    private MatchingChange() { }

    public sealed record Pin(MatchingPair Pair) : MatchingChange;

    public sealed record Forbid(MatchingPair Pair) : MatchingChange;

    /// <summary>Takes back a pin or an exclusion.</summary>
    public sealed record Undo(MatchingPair Pair) : MatchingChange;

    /// <summary>
    /// The creative of <paramref name="Seat"/> leaves that business for <paramref name="Other"/>: when the other sits
    /// with another business (<paramref name="OthersBusiness"/>) the two exchange places, otherwise the other replaces
    /// them. Stored as pins and exclusions, so every later re-solve keeps the swap.
    /// </summary>
    public sealed record Swap(MatchingPair Seat, Guid Other, Guid? OthersBusiness) : MatchingChange;

    public sealed record SetAvailability(Guid CreativeId, int Round, bool Available) : MatchingChange;

    /// <summary>Wishes a moderator for a business's room, or removes the wish when <paramref name="ModeratorId"/> is null.</summary>
    public sealed record WishModerator(Guid BusinessId, Guid? ModeratorId) : MatchingChange;
}

/// <summary>One creative's seat in a proposed room, with why it is there.</summary>
public sealed record ProposedSeat(Guid CreativeId, string Name, IReadOnlyList<string> Disciplines, double Score, int Rank,
    IReadOnlyList<ScoreContribution> Contributions, bool Pinned);

public sealed record ProposedRoom(Guid BusinessId, string BusinessName, string Trade, string Challenge, int Round, IReadOnlyList<ProposedSeat> Seats,
    Guid? ModeratorId, string? ModeratorName);

/// <summary>
/// A matching proposal. <see cref="Cost"/> is what the organiser's pins, exclusions and swaps cost in total score
/// against the optimum without them, so each decision shows its price at once.
/// </summary>
public sealed record MatchingProposal(MatchingStatus Status, double Objective, double Cost, string? Problem, IReadOnlyList<ProposedRoom> Rooms,
    IReadOnlyList<MatchingPair> BrokenPins)
{
    public IEnumerable<ProposedRoom> InRound(int round) => Rooms.Where(r => r.Round == round);
}

/// <summary>The outcome of a change: the new proposal, or a message saying why nothing changed.</summary>
public sealed record DecisionOutcome(string? Error, MatchingDecisions Decisions, MatchingProposal? Proposal);
