namespace Tellerrand.Boards.Tests;

/// <summary>What must hold for every state the server produces (BM5, BM7, PU).</summary>
internal static class BoardInvariants
{
    public static void Hold(BoardState state)
    {
        foreach (var siblings in state.Records.Where(r => r.Placement is not null).GroupBy(r => r.Placement!.Parent ?? ""))
        {
            Assert.Equal(siblings.Count(), siblings.Select(r => r.Placement!.Index).Distinct(StringComparer.Ordinal).Count());
        }
        foreach (var record in state.Records)
        {
            if (record.Placement?.Parent is { } parent)
            {
                Assert.Equal(RecordKinds.Frame, state.Get(parent)?.Kind);
                var depth = 0;
                for (var ancestor = parent; ancestor is not null; ancestor = state.Get(ancestor)!.Placement?.Parent)
                {
                    Assert.True(++depth <= state.Count, $"{record.Id} is in a cycle of parents.");
                }
            }
            foreach (var name in (string[])[PropertyNames.From, PropertyNames.To, PropertyNames.Target])
            {
                if (record.GetText(name) is { } reference && record.Kind != RecordKinds.Board)
                {
                    Assert.NotNull(state.Get(reference));
                }
            }
        }
        Assert.InRange(state.Records.Count(r => r.Kind == RecordKinds.Board), 0, 1);
    }
}
