using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Handover;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Handover;

/// <summary>
/// The results handover: freezing an event's boards, the handover mails, the results page's downloads and the organiser's
/// archive of a whole event.
/// </summary>
public static class HandoverEndpoints
{
    public static IHostApplicationBuilder AddHandover(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HandoverRooms>();
        builder.Services.AddSingleton<HandoverMails>();
        builder.Services.AddSingleton<HandoverService>();
        return builder;
    }

    public static WebApplication MapHandover(this WebApplication app)
    {
        // Same sign-in as the board (a magic-link session or staff); which room a caller may see is checked per room.
        var results = app.MapGroup("/results/{roomId:guid}").RequireAuthorization(BoardsEndpoints.MemberPolicy).ExcludeFromDescription();
        results.MapGet("/files/{format}", DownloadFile);
        results.MapGet("/package.zip", DownloadRoomArchive);
        app.MapGet("/organise/events/{eventId:guid}/results.zip", DownloadEventArchive)
            .RequireAuthorization(StaffRoles.OrganisePolicy)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The format's name in a download address, e.g. <c>pdf</c> or <c>excalidraw</c>.</summary>
    public static string Slug(HandoverFormat format) => format.ToString().ToLowerInvariant();

    private static async Task<IResult> DownloadFile(Guid roomId, string format, HandoverRooms rooms, HttpContext context)
    {
        if (!Enum.TryParse<HandoverFormat>(format, ignoreCase: true, out var parsed) || Slug(parsed) != format
            || await FinalRoomAsync(rooms, context, roomId) is null)
        {
            return TypedResults.NotFound();
        }
        var package = await rooms.LoadAsync(roomId, CultureInfo.CurrentUICulture, context.RequestAborted);
        // The drawn formats write synchronously; a few MB in memory keep that off the response stream.
        var buffer = new MemoryStream();
        await package.WriteAsync(parsed, buffer, context.RequestAborted);
        buffer.Position = 0;
        return TypedResults.File(buffer, RoomResults.ContentType(parsed), package.FileName(parsed));
    }

    private static async Task<IResult> DownloadRoomArchive(Guid roomId, HandoverRooms rooms, HttpContext context)
    {
        if (await FinalRoomAsync(rooms, context, roomId) is null)
        {
            return TypedResults.NotFound();
        }
        var package = await rooms.LoadAsync(roomId, CultureInfo.CurrentUICulture, context.RequestAborted);
        return Archive(context, HandoverPackage.RoomArchiveName(package), (output, cancellationToken) => HandoverPackage.WriteRoomAsync(package, output, cancellationToken));
    }

    private static async Task<IResult> DownloadEventArchive(Guid eventId, HandoverRooms rooms, IDbContextFactory<TellerrandDb> dbs, HttpContext context)
    {
        await using var db = await dbs.CreateDbContextAsync(context.RequestAborted);
        var slug = await db.Events.Where(e => e.Id == eventId).Select(e => e.Slug).FirstOrDefaultAsync(context.RequestAborted);
        if (slug is null)
        {
            return TypedResults.NotFound();
        }
        var culture = CultureInfo.CurrentUICulture;
        return Archive(context, $"{new HandoverText(culture).FileResults}-{slug}.zip",
            (output, cancellationToken) => HandoverPackage.WriteEventAsync(rooms.EventAsync(eventId, culture, cancellationToken), output, cancellationToken));
    }

    /// <summary>The room, when the caller may see it (else it looks unknown) and its results are final.</summary>
    private static async Task<RoomResultsInfo?> FinalRoomAsync(HandoverRooms rooms, HttpContext context, Guid roomId) =>
        await rooms.FindAsync(context.User, roomId, context.RequestAborted) is { Final: true } room ? room : null;

    /// <summary>
    /// Streams an archive straight into the response, so an event's never sits in memory. The archive writes its entries'
    /// headers and directory synchronously, which the response allows for this request only.
    /// </summary>
    private static IResult Archive(HttpContext context, string fileName, Func<Stream, CancellationToken, Task> write)
    {
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        return TypedResults.Stream(stream => write(stream, context.RequestAborted), "application/zip", fileName);
    }
}
