using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Localization;

namespace Tellerrand.Web.Reporting;

public static class ReportingExtensions
{
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProgrammeReport>();
        return builder;
    }

    public static WebApplication MapReporting(this WebApplication app)
    {
        app.MapGet("/organise/reports.xlsx", DownloadAsync)
            .RequireAuthorization(StaffRoles.OrganisePolicy)
            .WithTags("Reporting");
        return app;
    }

    /// <summary>The same figures as the page, for the same filter, as a workbook.</summary>
    private static async Task DownloadAsync(
        [FromQuery] Guid? programme, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to,
        ProgrammeReport report, IStringLocalizer<ReportingText> text, IStringLocalizer<SharedResource> shared, HttpContext context)
    {
        var figures = await report.ComputeAsync(new ReportFilter(programme, from, to), context.RequestAborted);
        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"tellerrand-bericht.xlsx\"";
        using var buffer = new MemoryStream();
        await ReportWorkbook.WriteAsync(figures, text, shared, buffer, context.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
