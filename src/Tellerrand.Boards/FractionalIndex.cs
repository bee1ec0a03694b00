using System.Diagnostics;

namespace Tellerrand.Boards;

/// <summary>
/// Fractional index keys for z-order and child order (BM7). A key is a string over the 62 digits <c>0–9 A–Z a–z</c>,
/// whose ordinal order is their numeric order, read as the base-62 fraction <c>0.d₁d₂…</c>; it is never empty and never
/// ends in <c>0</c>, so two different keys are two different numbers and there is always room between them.
/// </summary>
public static class FractionalIndex
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Whether <paramref name="key"/> is a valid key of at most <see cref="BoardLimits.MaxIndexLength"/> characters.</summary>
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > BoardLimits.MaxIndexLength || key[^1] == '0')
        {
            return false;
        }
        foreach (var c in key)
        {
            if (DigitOf(c) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A key strictly between <paramref name="before"/> and <paramref name="after"/>; null stands for the start or the end.
    /// Appending after the last key or before the first one stays short (one more character per 61 steps).
    /// </summary>
    /// <exception cref="ArgumentException">When a key is invalid or <paramref name="before"/> is not below <paramref name="after"/>.</exception>
    public static string Between(string? before, string? after)
    {
        if ((before is not null && !IsWellFormed(before)) || (after is not null && !IsWellFormed(after)))
        {
            throw new ArgumentException("Fractional index keys must be non-empty base-62 strings that do not end in '0'.");
        }
        if (before is not null && after is not null && string.CompareOrdinal(before, after) >= 0)
        {
            throw new ArgumentException($"'{before}' is not below '{after}'.");
        }
        if (after is null)
        {
            return Increment(before ?? "");
        }
        if (before is null)
        {
            return Decrement(after);
        }
        return Midpoint(before, after);
    }

    /// <summary><paramref name="count"/> keys in ascending order strictly between the bounds, spread evenly by bisection.</summary>
    public static IReadOnlyList<string> Between(string? before, string? after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var keys = new List<string>(count);
        Fill(before, after, count, keys);
        return keys;
    }

    /// <summary>
    /// Repairs duplicate keys among siblings deterministically: the siblings are ordered by (key, id); in each run of equal
    /// keys the first keeps it and the rest get keys evenly between it and the next larger key. The order is kept and the
    /// result is unique. Returns only the siblings whose key changed, with their new key.
    /// </summary>
    public static IReadOnlyList<(string Id, string Index)> Repair(IEnumerable<(string Id, string Index)> siblings)
    {
        var ordered = siblings
            .OrderBy(s => s.Index, StringComparer.Ordinal)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        var repaired = new List<(string, string)>();
        var i = 0;
        while (i < ordered.Count)
        {
            var runEnd = i + 1;
            while (runEnd < ordered.Count && ordered[runEnd].Index == ordered[i].Index)
            {
                runEnd++;
            }
            if (runEnd - i > 1)
            {
                var next = runEnd < ordered.Count ? ordered[runEnd].Index : null;
                var fresh = Between(ordered[i].Index, next, runEnd - i - 1);
                for (var k = 0; k < fresh.Count; k++)
                {
                    repaired.Add((ordered[i + 1 + k].Id, fresh[k]));
                }
            }
            i = runEnd;
        }
        return repaired;
    }

    private static void Fill(string? before, string? after, int count, List<string> keys)
    {
        if (count == 0)
        {
            return;
        }
        var middle = Between(before, after);
        var left = (count - 1) / 2;
        Fill(before, middle, left, keys);
        keys.Add(middle);
        Fill(middle, after, count - 1 - left, keys);
    }

    // A short key above `key`: raise the first digit that is not the largest and cut there; after all largest digits,
    // add the smallest non-zero one, so that repeated appending grows by one character per 61 steps.
    private static string Increment(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var digit = DigitOf(key[i]);
            if (digit < Digits.Length - 1)
            {
                return key[..i] + Digits[digit + 1];
            }
        }
        return key + Digits[1];
    }

    // A short key below `key`, the mirror of Increment: lower the first digit above 1 and cut there; a final 1 becomes 0
    // followed by the largest digit, since a key may not end in 0.
    private static string Decrement(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var digit = DigitOf(key[i]);
            if (digit >= 2)
            {
                return key[..i] + Digits[digit - 1];
            }
            if (digit == 1 && i == key.Length - 1)
            {
                return key[..i] + "0" + Digits[^1];
            }
        }
        throw new UnreachableException("A valid key ends in a non-zero digit.");
    }

    // A key between `low` and `high` where low < high; "" stands for zero. Both have no trailing zero.
    private static string Midpoint(string low, string high)
    {
        var common = 0;
        while (common < high.Length && (common < low.Length ? low[common] : '0') == high[common])
        {
            common++;
        }
        if (common > 0)
        {
            return high[..common] + Midpoint(common < low.Length ? low[common..] : "", high[common..]);
        }
        var lowDigit = low.Length > 0 ? DigitOf(low[0]) : 0;
        var highDigit = DigitOf(high[0]);
        if (highDigit - lowDigit > 1)
        {
            return Digits[(lowDigit + highDigit + 1) / 2].ToString();
        }
        if (high.Length > 1)
        {
            return high[..1];
        }
        // high is one digit right above low's first digit: keep that digit and go above low's remainder.
        return Digits[lowDigit] + Increment(low.Length > 1 ? low[1..] : "");
    }

    private static bool IsWellFormed(string key)
    {
        if (key.Length == 0 || key[^1] == '0')
        {
            return false;
        }
        foreach (var c in key)
        {
            if (DigitOf(c) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };
}
