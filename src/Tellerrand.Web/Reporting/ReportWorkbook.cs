using Microsoft.Extensions.Localization;
using SpreadCheetah;
using Tellerrand.Web.Localization;

namespace Tellerrand.Web.Reporting;

/// <summary>The report as an XLSX workbook: one sheet, a block per figure, numbers as numbers so funders can compute with them.</summary>
public static class ReportWorkbook
{
    public static async Task WriteAsync(ProgrammeFigures figures, IStringLocalizer<ReportingText> text, IStringLocalizer<SharedResource> shared, Stream output, CancellationToken cancellationToken)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var options = new SpreadCheetah.Worksheets.WorksheetOptions();
        options.Column(1).Width = 40;
        await spreadsheet.StartWorksheetAsync(text["Sheet"], options, cancellationToken);
        var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });

        async Task Heading(string title) => await spreadsheet.AddRowAsync([new Cell(title, bold)], cancellationToken);
        async Task Row(string label, double? value) =>
            await spreadsheet.AddRowAsync(value is null ? [new Cell(label)] : [new Cell(label), new Cell(value.Value)], cancellationToken);

        await Heading(text["Totals"]);
        await Row(text["Events"], figures.Events);
        await Row(text["Rooms"], figures.Rooms);
        await Row(text["Businesses"], figures.Businesses);
        await Row(text["Creatives"], figures.Creatives);
        await Row(text["Collaborations"], figures.ContinuedCollaborations);
        await Heading(text["ByTrade"]);
        foreach (var trade in figures.BusinessesByTrade) await Row(trade.Label, trade.Count);
        await Heading(text["ByDiscipline"]);
        foreach (var discipline in figures.CreativesByDiscipline) await Row(discipline.Label, discipline.Count);
        await Heading(text["Satisfaction"]);
        await spreadsheet.AddRowAsync([new Cell(text["Role"], bold), new Cell(text["Answers"], bold), new Cell(text["Average"], bold), new Cell(text["Again"], bold)], cancellationToken);
        foreach (var s in figures.Satisfaction)
        {
            await spreadsheet.AddRowAsync([new Cell(shared["EventRole_" + s.Role]), new Cell(s.Answers), s.AverageValue is { } average ? new Cell(average) : new Cell(""), new Cell(s.WouldTakePartAgain)],
                cancellationToken);
        }
        await Heading(text["FollowUp"]);
        await Row(text["FollowUpAnswers"], figures.FollowUpAnswers);
        await Row(text["FollowUpImplemented"], figures.FollowUpsImplemented);
        await Row(text["FollowUpContinued"], figures.FollowUpsContinued);
        await spreadsheet.FinishAsync(cancellationToken);
    }
}
