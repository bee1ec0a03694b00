using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Live.Video;

namespace Tellerrand.Web.Live;

public static class LiveEndpoints
{
    public const string HubPath = "/hubs/live";

    /// <summary>The live event: its grain's store, this host's fan-out, the lobby hub (JSON, read by the lobby's script) and video.</summary>
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        // The lobby's client reads phase kinds and places by name; the board hub speaks MessagePack only and is unaffected.
        builder.Services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<LiveStore>();
        builder.Services.AddSingleton<LiveAccess>();
        builder.Services.AddSingleton<LiveVideo>();
        builder.Services.AddSingleton<VideoSettings>();
        builder.Services.AddSingleton<LiveFanout>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFanout>());
        builder.Services.AddOptions<VideoOptions>().BindConfiguration(VideoOptions.Section);
        builder.Services.AddHttpClient(nameof(LiveVideo));
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<LiveHub>(HubPath);
        app.MapGet("/live/video/{target}", OpenBigBlueButton)
            .RequireAuthorization(ParticipantSession.Policy)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The way into a BigBlueButton meeting: creates it (idempotent in BigBlueButton) and sends the person on with a signed
    /// join call. Only for the plenary or the room the person has to be in now.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> OpenBigBlueButton(string target, HttpContext context,
        LiveAccess access, IGrainFactory grains, LiveVideo video, IHttpClientFactory http, Microsoft.Extensions.Localization.IStringLocalizer<LiveText> text)
    {
        if (context.User.EventId() is not { } eventId || await access.MemberAsync(context.User, eventId, context.RequestAborted) is not { } member)
        {
            return TypedResults.NotFound();
        }
        var grain = grains.GetGrain<IEventGrain>(eventId);
        var place = await grain.PlaceOf(member.PersonId);
        Guid? roomId = target == "plenary" ? null : Guid.TryParse(target, out var id) && place.RoomId == id ? id : Guid.Empty;
        if (roomId == Guid.Empty)
        {
            return TypedResults.NotFound();
        }
        var overview = await grain.Overview();
        var moderator = roomId is { } r && overview.Roster.Room(r)?.ModeratorId == member.PersonId;
        var name = overview.Roster.Names.GetValueOrDefault(member.PersonId) ?? text["Guest"];
        if (await video.BigBlueButtonAsync(eventId, roomId, name, moderator, context.RequestAborted) is not { } calls)
        {
            return TypedResults.NotFound();
        }
        var created = await http.CreateClient(nameof(LiveVideo)).GetAsync(calls.CreateUrl, context.RequestAborted);
        return created.IsSuccessStatusCode
            ? TypedResults.Redirect(calls.JoinUrl)
            : TypedResults.Problem(text["Video_ServerUnavailable"], statusCode: StatusCodes.Status502BadGateway);
    }
}
