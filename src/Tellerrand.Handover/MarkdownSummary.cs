using System.Text;

namespace Tellerrand.Handover;

/// <summary>A short Markdown summary: the challenge, the people, the notes with the most votes, the next steps, the files.</summary>
internal static class MarkdownSummary
{
    private const int TopNotes = 5;

    public static void Write(RoomResults results, Stream output)
    {
        var text = results.Text;
        var room = results.Room;
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Inline(results.RoomName)).AppendLine();
        md.Append('*').Append(Inline(results.EventName)).Append(", ").Append(room.EventDate.ToString("D", text.Culture)).AppendLine("*").AppendLine();

        md.Append("## ").AppendLine(text.Challenge).AppendLine();
        md.AppendLine(Block(room.Challenge.Statement)).AppendLine();
        AppendLabel(md, text.Category, room.Challenge.Category);
        AppendLabel(md, text.HopedForOutcome, room.Challenge.HopedForOutcome);
        md.AppendLine();

        md.Append("## ").AppendLine(text.PeopleInRoom).AppendLine();
        foreach (var person in results.People.Listed)
        {
            md.Append("- ").AppendLine(Inline(person));
        }
        md.AppendLine();

        var top = NoteGroups.ByVotes(results.Layout).Where(i => i.Votes > 0).Take(TopNotes).ToList();
        if (top.Count > 0)
        {
            md.Append("## ").AppendLine(text.SummaryTopNotes).AppendLine();
            foreach (var item in top)
            {
                md.Append("- ").Append(Inline(item.Text)).Append(" (").Append(text.Votes(item.Votes)).AppendLine(")");
            }
            md.AppendLine();
        }

        md.Append("## ").AppendLine(text.NextSteps).AppendLine();
        var nextSteps = NoteGroups.Within(results.Layout, results.NextStepsFrameId);
        if (nextSteps.Count == 0)
        {
            md.AppendLine(text.NoNextSteps);
        }
        foreach (var item in nextSteps)
        {
            md.Append("- [ ] ").AppendLine(Inline(item.Text));
        }
        md.AppendLine();

        if (room.Methods.Length > 0)
        {
            md.Append("## ").AppendLine(text.Methods).AppendLine();
            foreach (var method in room.Methods)
            {
                md.Append("- **").Append(Inline(method.Name)).Append("**: ").AppendLine(Inline(method.HowToUseAgain));
            }
            md.AppendLine();
        }

        md.Append("## ").AppendLine(text.SummaryFiles).AppendLine();
        foreach (var format in Enum.GetValues<HandoverFormat>())
        {
            md.Append("- `").Append(results.FileName(format)).Append("`: ").AppendLine(results.Describe(format));
        }
        md.AppendLine().Append('*').Append(text.MadeWith).AppendLine("*");

        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(md);
    }

    private static void AppendLabel(StringBuilder md, string label, string value)
    {
        var cleaned = Inline(value);
        if (cleaned.Length > 0)
        {
            md.Append("**").Append(label).Append(":** ").Append(cleaned).AppendLine("  ");
        }
    }

    /// <summary>Text as a paragraph: every line escaped, blank lines kept.</summary>
    private static string Block(string text) =>
        string.Join("  \n", HandoverContent.Clean(text).Split('\n').Select(Escape));

    /// <summary>Text inside one list item or heading: line breaks become spaces.</summary>
    private static string Inline(string text) => Escape(HandoverContent.Clean(text).Replace('\n', ' '));

    // Markdown's inline punctuation is escaped, and so is what would start a block (a heading, list or quote), so that a
    // note reading "# Hallo", "- x" or "<script>" stays text in every renderer.
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var startsBlock = escaped.Length == 0 && c is '-' or '+' or '=';
            var endsListNumber = c == '.' && i > 0 && text[..i].All(char.IsAsciiDigit);
            if (startsBlock || endsListNumber || c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
