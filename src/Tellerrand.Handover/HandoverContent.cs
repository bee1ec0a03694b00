using Tellerrand.Boards;

namespace Tellerrand.Handover;

/// <summary>Cleaning for every text that enters a package, from the board or from the room.</summary>
internal static class HandoverContent
{
    /// <summary>Longest text taken from the room context (challenge, names, methods).</summary>
    public const int MaxContextLength = 10_000;

    /// <summary>
    /// The board's own rules for hostile text (BM9): control characters, unpaired surrogates and bidi overrides go, so that no
    /// format (SVG and XLSX are XML, CSV and Markdown are line-based) can be broken by what somebody typed. Tabs become spaces,
    /// and the noncharacters U+FFFE and U+FFFF, which the board accepts but XML 1.0 forbids, go too.
    /// </summary>
    public static string Clean(string? text, int maxLength = MaxContextLength)
    {
        var cleaned = BoardText.Clean(text ?? "", maxLength).Replace('\t', ' ');
        return cleaned.AsSpan().IndexOfAny('\uFFFE', '\uFFFF') < 0 ? cleaned : cleaned.Replace("\uFFFE", "").Replace("\uFFFF", "");
    }
}
