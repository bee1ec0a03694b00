using System.Text;

namespace Tellerrand.Handover.Tests;

public class PeopleTests
{
    [Fact]
    public void OnlyPeopleWhoConsentedAreNamedInEveryFormat()
    {
        var room = Rooms.Sample();
        var pdf = PdfTests.Normalise(Poppler.Text(Rooms.Write(room, HandoverFormat.Pdf)));
        var markdown = Encoding.UTF8.GetString(Rooms.Write(room, HandoverFormat.Markdown));
        var csv = Encoding.UTF8.GetString(Rooms.Write(room, HandoverFormat.Csv));
        var xlsx = string.Join("\n", NotesTableTests.Xlsx.Rows(Rooms.Write(room, HandoverFormat.Xlsx), out _).SelectMany(r => r));

        foreach (var format in new[] { pdf, markdown })
        {
            Assert.Contains(Rooms.ConsentingCreative, format);
            Assert.Contains("Anna Müller", format);
            Assert.Contains("Kreative:r 1", format);
            Assert.DoesNotContain(Rooms.CreativeWithoutConsent, format);
            Assert.DoesNotContain(Rooms.ModeratorWithoutConsent, format);
        }
        foreach (var format in new[] { csv, xlsx })
        {
            // Authors: Jonas wrote the umlaut note, Lea hers, the moderator the next step.
            Assert.Contains(Rooms.ConsentingCreative, format);
            Assert.Contains("Kreative:r 1", format);
            Assert.Contains("Moderation", format);
            Assert.DoesNotContain(Rooms.CreativeWithoutConsent, format);
            Assert.DoesNotContain(Rooms.ModeratorWithoutConsent, format);
        }
    }

    [Fact]
    public void ADeletedAuthorsNoteStaysWithoutAName()
    {
        var rows = NotesTableTests.Csv.Parse(Encoding.UTF8.GetString(Rooms.Write(Rooms.Sample(), HandoverFormat.Csv)[3..]));
        var pdf = PdfTests.Normalise(Poppler.Text(Rooms.Write(Rooms.Sample(), HandoverFormat.Pdf)));

        var row = Assert.Single(rows, r => r[2] == Rooms.DeletedAuthorNote);
        Assert.Equal("", row[5]);
        // In the PDF the note is followed directly by the next note of the list, with no "von …" line.
        var at = pdf.IndexOf(Rooms.DeletedAuthorNote, StringComparison.Ordinal);
        Assert.True(at > 0);
        Assert.DoesNotContain("von", pdf.Substring(at + Rooms.DeletedAuthorNote.Length, 12));
    }

    [Fact]
    public void ALoneCreativeWithoutConsentIsCalledByTheRoleAlone()
    {
        var room = Rooms.Sample() with { People = [new("p-x", "Kim Schulz", RoomRole.Creative, ConsentsToBeNamed: false)] };

        var markdown = Encoding.UTF8.GetString(Rooms.Write(room, HandoverFormat.Markdown));

        Assert.Contains("- Kreative:r\n", markdown.Replace("\r", ""));
        Assert.DoesNotContain("Kim", markdown);
    }
}
