using System.Text;

namespace Tellerrand.Boards;

/// <summary>
/// Rules for hostile text (BM9). The server rejects forbidden characters instead of stripping them, so that the sender's
/// optimistic view and everyone else's stay equal; clients call <see cref="Clean"/> before they push.
/// </summary>
public static class BoardText
{
    /// <summary>Whether <paramref name="text"/> fits <paramref name="maxLength"/> and has no forbidden character; null when it is fine.</summary>
    public static RejectReason? Check(string text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            return RejectReason.TextTooLong;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (IsForbidden(c))
            {
                return RejectReason.TextInvalid;
            }
        }
        return null;
    }

    /// <summary>
    /// Makes <paramref name="text"/> acceptable: CR LF and CR become LF, forbidden characters are dropped, and the result is
    /// cut to <paramref name="maxLength"/> without splitting a surrogate pair.
    /// </summary>
    public static string Clean(string text, int maxLength)
    {
        var cleaned = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var i = 0; i < text.Length && cleaned.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (cleaned.Length + 2 > maxLength)
                {
                    break;
                }
                cleaned.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (c == '\r')
            {
                cleaned.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (!IsForbidden(c))
            {
                cleaned.Append(c);
            }
        }
        return cleaned.ToString();
    }

    // Tab and line feed are what people type into a note; every other control character, an unpaired surrogate, and the
    // bidi overrides and isolates (which can make text display differently from what it is) are refused.
    private static bool IsForbidden(char c) =>
        (char.IsControl(c) && c is not '\t' and not '\n')
        || char.IsSurrogate(c)
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
