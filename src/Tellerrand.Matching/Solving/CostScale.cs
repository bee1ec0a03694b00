namespace Tellerrand.Matching.Solving;

/// <summary>
/// The factor K that turns scores into integer costs for min-cost flow and CP-SAT (rule MF5): the smallest power of
/// ten up to 10^9 that makes every score an integer (scores typed with a few decimals are then solved exactly, and
/// small costs also make cost scaling faster), else the largest factor that keeps costs within range.
/// </summary>
internal static class CostScale
{
    /// <summary>
    /// Largest scaled cost. OR-Tools' cost-scaling algorithm multiplies costs by (nodes + 1) internally, so 2^30 leaves
    /// room for networks of up to 2^32 nodes in an int64 while keeping the rounding error at 2^-31 of the largest score.
    /// </summary>
    private const double MaxScaledCost = 1L << 30;

    public static double Choose(ReadOnlySpan<double> scores)
    {
        var maxAbs = 0.0;
        foreach (var score in scores) maxAbs = Math.Max(maxAbs, Math.Abs(score));
        if (maxAbs == 0) return 1;
        for (var power = 0; power <= 9; power++)
        {
            var scale = Math.Pow(10, power);
            if (maxAbs * scale > MaxScaledCost) break;
            if (IsIntegralAt(scores, scale)) return scale;
        }
        return MaxScaledCost / maxAbs;
    }

    public static long Scaled(double score, double scale) => (long)Math.Round(score * scale);

    /// <summary>Largest difference between a score and its scaled, rounded value: e in the bound of rule MF5.</summary>
    public static double RoundingError(ReadOnlySpan<double> scores, double scale)
    {
        var error = 0.0;
        foreach (var score in scores) error = Math.Max(error, Math.Abs(score - Scaled(score, scale) / scale));
        return error;
    }

    private static bool IsIntegralAt(ReadOnlySpan<double> scores, double scale)
    {
        foreach (var score in scores)
        {
            var scaled = score * scale;
            if (Math.Abs(scaled - Math.Round(scaled)) > 1e-6) return false;
        }
        return true;
    }
}
