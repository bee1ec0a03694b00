using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("de")]

namespace Tellerrand.Handover;

/// <summary>
/// The package's wording in one culture (German neutral <c>HandoverText.resx</c>, English <c>HandoverText.en.resx</c>). The
/// caller picks the culture, because a package is made for its reader, not for whoever happens to trigger it.
/// </summary>
public sealed class HandoverText
{
    private static readonly ResourceManager Resources = new("Tellerrand.Handover.HandoverText", typeof(HandoverText).Assembly);

    /// <summary>The texts in <paramref name="culture"/>.</summary>
    public HandoverText(CultureInfo culture) => Culture = culture;

    /// <summary>The culture of the texts, also used for dates and numbers.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Workshop results</summary>
    public string PdfTitle => Get(nameof(PdfTitle));

    /// <summary>Room</summary>
    public string Room => Get(nameof(Room));

    /// <summary>Challenge</summary>
    public string Challenge => Get(nameof(Challenge));

    /// <summary>Category</summary>
    public string Category => Get(nameof(Category));

    /// <summary>Hoped-for outcome</summary>
    public string HopedForOutcome => Get(nameof(HopedForOutcome));

    /// <summary>In the room</summary>
    public string PeopleInRoom => Get(nameof(PeopleInRoom));

    /// <summary>The board</summary>
    public string Board => Get(nameof(Board));

    /// <summary>All notes by frame</summary>
    public string NotesByFrame => Get(nameof(NotesByFrame));

    /// <summary>Outside the frames</summary>
    public string OutsideFrames => Get(nameof(OutsideFrames));

    /// <summary>Next steps</summary>
    public string NextSteps => Get(nameof(NextSteps));

    /// <summary>No next steps were noted.</summary>
    public string NoNextSteps => Get(nameof(NoNextSteps));

    /// <summary>There are no notes on the board.</summary>
    public string NoNotes => Get(nameof(NoNotes));

    /// <summary>Methods and how to use them again</summary>
    public string Methods => Get(nameof(Methods));

    /// <summary>1 vote</summary>
    public string VotesOne => Get(nameof(VotesOne));

    /// <summary>{0} votes</summary>
    public string VotesMany => Get(nameof(VotesMany));

    /// <summary>by {0}</summary>
    public string ByAuthor => Get(nameof(ByAuthor));

    /// <summary>Page {0}</summary>
    public string Page => Get(nameof(Page));

    /// <summary>Business</summary>
    public string RoleBusiness => Get(nameof(RoleBusiness));

    /// <summary>Creative</summary>
    public string RoleCreative => Get(nameof(RoleCreative));

    /// <summary>Moderator</summary>
    public string RoleModerator => Get(nameof(RoleModerator));

    /// <summary>Note</summary>
    public string KindNote => Get(nameof(KindNote));

    /// <summary>Text</summary>
    public string KindText => Get(nameof(KindText));

    /// <summary>Yellow</summary>
    public string ColourYellow => Get(nameof(ColourYellow));

    /// <summary>Orange</summary>
    public string ColourOrange => Get(nameof(ColourOrange));

    /// <summary>Pink</summary>
    public string ColourPink => Get(nameof(ColourPink));

    /// <summary>Green</summary>
    public string ColourGreen => Get(nameof(ColourGreen));

    /// <summary>Blue</summary>
    public string ColourBlue => Get(nameof(ColourBlue));

    /// <summary>Purple</summary>
    public string ColourPurple => Get(nameof(ColourPurple));

    /// <summary>Grey</summary>
    public string ColourGrey => Get(nameof(ColourGrey));

    /// <summary>Frame</summary>
    public string ColumnFrame => Get(nameof(ColumnFrame));

    /// <summary>Kind</summary>
    public string ColumnKind => Get(nameof(ColumnKind));

    /// <summary>Text</summary>
    public string ColumnText => Get(nameof(ColumnText));

    /// <summary>Colour</summary>
    public string ColumnColour => Get(nameof(ColumnColour));

    /// <summary>Votes</summary>
    public string ColumnVotes => Get(nameof(ColumnVotes));

    /// <summary>By</summary>
    public string ColumnAuthor => Get(nameof(ColumnAuthor));

    /// <summary>Notes</summary>
    public string SheetNotes => Get(nameof(SheetNotes));

    /// <summary>results</summary>
    public string FileResults => Get(nameof(FileResults));

    /// <summary>board</summary>
    public string FileBoard => Get(nameof(FileBoard));

    /// <summary>notes</summary>
    public string FileNotes => Get(nameof(FileNotes));

    /// <summary>summary</summary>
    public string FileSummary => Get(nameof(FileSummary));

    /// <summary>The notes with the most votes</summary>
    public string SummaryTopNotes => Get(nameof(SummaryTopNotes));

    /// <summary>In this package</summary>
    public string SummaryFiles => Get(nameof(SummaryFiles));

    /// <summary>For reading and forwarding: everything at a glance</summary>
    public string FilePdf => Get(nameof(FilePdf));

    /// <summary>The board as a picture</summary>
    public string FilePng => Get(nameof(FilePng));

    /// <summary>The board as a vector graphic that scales to any size</summary>
    public string FileSvg => Get(nameof(FileSvg));

    /// <summary>All notes as a table (e.g. for Excel)</summary>
    public string FileCsv => Get(nameof(FileCsv));

    /// <summary>All notes as an Excel workbook</summary>
    public string FileXlsx => Get(nameof(FileXlsx));

    /// <summary>The board to keep editing in Excalidraw (free, excalidraw.com)</summary>
    public string FileExcalidraw => Get(nameof(FileExcalidraw));

    /// <summary>This summary</summary>
    public string FileMarkdown => Get(nameof(FileMarkdown));

    /// <summary>Made with Tellerrand</summary>
    public string MadeWith => Get(nameof(MadeWith));

    /// <summary>"1 vote" or "n votes".</summary>
    public string Votes(int count) => count == 1 ? VotesOne : string.Format(Culture, VotesMany, count);

    /// <summary>"Page n".</summary>
    public string PageNumber(int page) => string.Format(Culture, Page, page);

    /// <summary>"by someone".</summary>
    public string By(string author) => string.Format(Culture, ByAuthor, author);

    /// <summary>The word for a person's role in the room.</summary>
    public string Role(RoomRole role) => role switch
    {
        RoomRole.Business => RoleBusiness,
        RoomRole.Creative => RoleCreative,
        _ => RoleModerator,
    };

    /// <summary>The name of a sticky note colour (<see cref="Boards.BoardSchema.Colours"/>).</summary>
    public string Colour(string colour) => colour switch
    {
        "orange" => ColourOrange,
        "pink" => ColourPink,
        "green" => ColourGreen,
        "blue" => ColourBlue,
        "purple" => ColourPurple,
        "grey" => ColourGrey,
        _ => ColourYellow,
    };

    private string Get(string name) =>
        Resources.GetString(name, Culture) ?? throw new InvalidOperationException($"The handover text {name} is missing.");
}
