using System.Text;
using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>Breaks text into lines that fit a width, for the board picture, the PDF pages and the .excalidraw file alike.</summary>
internal static class TextWrap
{
    /// <summary>
    /// The lines of <paramref name="text"/> at most <paramref name="width"/> wide: line feeds are kept, lines break at spaces,
    /// and a word wider than the line is broken between characters (never inside a surrogate pair).
    /// </summary>
    public static List<string> Lines(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                BreakWord(word, font, width, lines, line);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>Cuts <paramref name="lines"/> to <paramref name="maxLines"/>, ending the last kept line with an ellipsis.</summary>
    public static List<string> Fit(List<string> lines, int maxLines, SKFont font, float width)
    {
        if (lines.Count <= maxLines)
        {
            return lines;
        }
        var kept = lines.Take(Math.Max(maxLines, 0)).ToList();
        if (kept.Count == 0)
        {
            return kept;
        }
        var last = kept[^1];
        while (last.Length > 0 && font.MeasureText(last + "…") > width)
        {
            last = last[..PreviousBoundary(last, last.Length)];
        }
        kept[^1] = last + "…";
        return kept;
    }

    private static void BreakWord(string word, SKFont font, float width, List<string> lines, StringBuilder rest)
    {
        var start = 0;
        while (font.MeasureText(word.AsSpan(start)) > width)
        {
            // The longest prefix that fits (at least one character), by bisection, so that a 2 000-character word costs
            // log n measurements per line rather than n.
            int fits = NextBoundary(word, start), tooLong = word.Length;
            while (tooLong - fits > 1)
            {
                var mid = (fits + tooLong) / 2;
                if (IsInsidePair(word, mid))
                {
                    mid = mid - 1 > fits ? mid - 1 : mid + 1;
                    if (mid >= tooLong)
                    {
                        break;
                    }
                }
                if (font.MeasureText(word.AsSpan(start, mid - start)) <= width)
                {
                    fits = mid;
                }
                else
                {
                    tooLong = mid;
                }
            }
            lines.Add(word[start..fits]);
            start = fits;
        }
        rest.Append(word, start, word.Length - start);
    }

    private static bool IsInsidePair(string text, int at) =>
        at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) && char.IsHighSurrogate(text[at - 1]);

    private static int NextBoundary(string text, int at) =>
        at + 1 < text.Length && char.IsHighSurrogate(text[at]) && char.IsLowSurrogate(text[at + 1]) ? at + 2 : at + 1;

    private static int PreviousBoundary(string text, int at) =>
        at >= 2 && char.IsLowSurrogate(text[at - 1]) && char.IsHighSurrogate(text[at - 2]) ? at - 2 : at - 1;
}
