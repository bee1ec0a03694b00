using Google.OrTools.Graph;

namespace Tellerrand.Matching;

/// <summary>A moderator who can lead rooms.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Organisation">Its organisation; it never moderates a room with a participant of the same one (MD2).</param>
/// <param name="Preferences">Business id → preference from 0 to 1 (missing means 0).</param>
/// <param name="MaxRooms">Most rooms over all rounds.</param>
public sealed record Moderator(string Id, string? Organisation, IReadOnlyDictionary<string, double> Preferences, int MaxRooms);

/// <summary>The moderator of one room, or <c>null</c> when no moderator was free and eligible (MD4).</summary>
public sealed record RoomModerator(string Business, int? Round, string? Moderator);

/// <summary>
/// Assigns a moderator to every room (a business in a round) by linear sum assignment, one round at a time so that
/// nobody moderates two rooms at once (rules MD1–MD4). Each round's cost weighs preference against the load a
/// moderator already carries, so work spreads out when preferences are equal.
/// </summary>
public static class ModeratorPlanner
{
    private const long PreferenceScale = 1000;
    private const long LoadPenalty = 100;
    private const long Unmoderated = 1_000_000_000;

    /// <param name="result">A solved assignment; its rooms are its distinct (business, round) pairs.</param>
    /// <param name="moderators">The moderators, in a fixed order (ties go to the earlier one).</param>
    /// <param name="organisationOf">Organisation of a business or creative id, or <c>null</c> when it has none.</param>
    public static IReadOnlyList<RoomModerator> Assign(MatchingResult result, IReadOnlyList<Moderator> moderators, Func<string, string?> organisationOf)
    {
        var rooms = result.Assignments.GroupBy(a => (a.Business, a.Round))
            .OrderBy(r => r.Key.Round).ThenBy(r => r.Key.Business, StringComparer.Ordinal)
            .ToList();
        var load = new int[moderators.Count];
        var plan = new List<RoomModerator>();
        foreach (var round in rooms.GroupBy(r => r.Key.Round))
        {
            var roundRooms = round.ToList();
            var roomCount = roundRooms.Count;
            var size = roomCount + moderators.Count;
            // Left: the rooms, then one idle slot per moderator. Right: the moderators, then one "nobody" per room.
            // The padding makes a perfect matching always exist, so the solver never fails for lack of moderators.
            var assignment = new LinearSumAssignment();
            for (var r = 0; r < roomCount; r++)
            {
                var organisations = roundRooms[r].Select(a => organisationOf(a.Creative)).Append(organisationOf(roundRooms[r].Key.Business))
                    .Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                for (var m = 0; m < moderators.Count; m++)
                {
                    var moderator = moderators[m];
                    if (load[m] >= moderator.MaxRooms) continue;
                    if (moderator.Organisation is { } own && organisations.Contains(own.Trim())) continue;
                    var preference = moderator.Preferences.GetValueOrDefault(roundRooms[r].Key.Business);
                    assignment.AddArcWithCost(r, m, -(long)Math.Round(preference * PreferenceScale) + LoadPenalty * load[m]);
                }
                for (var nobody = 0; nobody < roomCount; nobody++) assignment.AddArcWithCost(r, moderators.Count + nobody, Unmoderated);
            }
            for (var idle = roomCount; idle < size; idle++)
            {
                for (var right = 0; right < size; right++) assignment.AddArcWithCost(idle, right, 0);
            }
            if (assignment.Solve() != LinearSumAssignment.Status.OPTIMAL)
            {
                throw new InvalidOperationException("The moderator assignment has no solution, though its padding guarantees one.");
            }
            for (var r = 0; r < roomCount; r++)
            {
                var m = assignment.RightMate(r);
                var chosen = m < moderators.Count ? moderators[m].Id : null;
                if (m < moderators.Count) load[m]++;
                plan.Add(new RoomModerator(roundRooms[r].Key.Business, round.Key, chosen));
            }
        }
        return plan;
    }
}
