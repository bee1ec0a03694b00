using System.Text;

namespace Tellerrand.Boards;

/// <summary>
/// An upper bound of a push's MessagePack size computed from its contents (PU3), so that the limit does not depend on how a
/// client chose to encode (maps vs. arrays, float32 vs. float64).
/// </summary>
internal static class WireSize
{
    // Map header, key strings and op name of one change; generous so the estimate stays an upper bound.
    private const int ChangeOverhead = 32;
    private const int StringOverhead = 5;
    private const int NumberSize = 9;

    // Null members are possible in decoded hostile input; they are counted as empty here and rejected by validation.
    public static long Estimate(IEnumerable<BoardChange?> changes)
    {
        long size = 5;
        foreach (var change in changes.OfType<BoardChange>())
        {
            size += ChangeOverhead + Of(change.Id) + Of(change.Kind);
            foreach (var (name, value) in change.Props ?? PropertyMap.Empty)
            {
                size += Of(name) + value switch
                {
                    TextValue text => Of(text.Value),
                    NumberValue => NumberSize,
                    FlagValue or null => 1,
                    PlacementValue placement => 24 + Of(placement.Parent) + Of(placement.Index) + 2 * NumberSize,
                    _ => 0,
                };
            }
        }
        return size;
    }

    private static int Of(string? text) => StringOverhead + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));
}
