namespace Tellerrand.Handover;

/// <summary>
/// How people appear on exported boards: by name only with their consent, otherwise by a neutral label of their role
/// ("Kreative:r 1"), numbered when several share a role. People who are not in the room any more (deleted) have no label.
/// </summary>
internal sealed class RoomPeople
{
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    public RoomPeople(IEnumerable<RoomPerson> people, HandoverText text)
    {
        var all = people.ToList();
        foreach (var group in all.GroupBy(p => p.Role))
        {
            var number = 0;
            var several = group.Count() > 1;
            foreach (var person in group)
            {
                number++;
                var label = person.ConsentsToBeNamed && !string.IsNullOrWhiteSpace(person.Name)
                    ? HandoverContent.Clean(person.Name)
                    : several ? $"{text.Role(person.Role)} {number}" : text.Role(person.Role);
                _labels.TryAdd(person.ParticipantId, label);
            }
        }
        // A neutral label already says the role, so only named people get it beside their name.
        Listed = all.Select(p => _labels[p.ParticipantId] is var label && p.ConsentsToBeNamed && !string.IsNullOrWhiteSpace(p.Name)
                ? $"{label} – {text.Role(p.Role)}"
                : label)
            .Distinct()
            .ToList();
    }

    /// <summary>Everyone in the room as shown on the title page, in the order given.</summary>
    public IReadOnlyList<string> Listed { get; }

    /// <summary>The label of <paramref name="participantId"/>, or null for an unknown or deleted person.</summary>
    public string? LabelOf(string? participantId) =>
        participantId is not null && _labels.TryGetValue(participantId, out var label) ? label : null;
}
