namespace Tellerrand.Handover;

/// <summary>The notes of one frame (or of the board outside every frame), most votes first.</summary>
internal sealed record NoteGroup(string Title, IReadOnlyList<LaidOutItem> Items);

/// <summary>The board's notes and texts as the written formats list them: by frame, then by votes, then top to bottom.</summary>
internal static class NoteGroups
{
    public static List<NoteGroup> Of(BoardLayout layout, HandoverText text)
    {
        var groups = layout.Frames
            .Select(f => new NoteGroup(f.Title.Length > 0 ? f.Title : "–", Sorted(layout.Items.Where(i => i.FrameId == f.Id))))
            .Where(g => g.Items.Count > 0)
            .ToList();
        var outside = Sorted(layout.Items.Where(i => i.FrameId is null));
        if (outside.Count > 0)
        {
            groups.Add(new NoteGroup(text.OutsideFrames, outside));
        }
        return groups;
    }

    /// <summary>The notes and texts in <paramref name="frameId"/> and the frames inside it.</summary>
    public static List<LaidOutItem> Within(BoardLayout layout, string frameId)
    {
        var parents = layout.Frames.ToDictionary(f => f.Id, f => f.FrameId, StringComparer.Ordinal);
        bool IsWithin(string? id)
        {
            for (var depth = 0; id is not null && depth < 64; depth++)
            {
                if (id == frameId)
                {
                    return true;
                }
                id = parents.GetValueOrDefault(id);
            }
            return false;
        }
        return Sorted(layout.Items.Where(i => IsWithin(i.FrameId)));
    }

    /// <summary>All notes and texts, most votes first.</summary>
    public static List<LaidOutItem> ByVotes(BoardLayout layout) => Sorted(layout.Items);

    private static List<LaidOutItem> Sorted(IEnumerable<LaidOutItem> items) =>
        items.OrderByDescending(i => i.Votes).ThenBy(i => i.Bounds.Top).ThenBy(i => i.Bounds.Left).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
}
