using Microsoft.AspNetCore.Identity;
using Tellerrand.Boards;
using Tellerrand.Web.Accounts;

namespace Tellerrand.Web.Boards;

public static class BoardsEndpoints
{
    /// <summary>Signed in as a participant (magic link) or as staff; which board a caller may open is decided per board (AZ1).</summary>
    public const string MemberPolicy = "BoardMember";

    /// <summary>
    /// Room boards: the durable log, the board grains, this host's fan-out and the SignalR hub with the MessagePack protocol.
    /// </summary>
    public static IHostApplicationBuilder AddBoards(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddMessagePackProtocol().AddHubOptions<BoardHub>(options =>
        {
            options.SupportedProtocols = ["messagepack"];
            // Twice the push limit, so that an oversized push still arrives and gets its Reject (PU3).
            options.MaximumReceiveMessageSize = 2 * BoardLimits.MaxMessageBytes;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(MemberPolicy, policy => policy
            .AddAuthenticationSchemes(ParticipantSession.Scheme, IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser());
        builder.Services.AddSingleton<BoardLogStore>();
        builder.Services.AddSingleton<BoardRooms>();
        builder.Services.AddSingleton<BoardActivityReader>();
        builder.Services.AddSingleton<BoardFanout>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BoardFanout>());
        return builder;
    }

    public static WebApplication MapBoards(this WebApplication app)
    {
        app.MapHub<BoardHub>("/hubs/board", options =>
        {
            // The transports buffer a whole message before the hub sees it; they must hold the largest one the hub accepts.
            options.ApplicationMaxBufferSize = 2 * BoardLimits.MaxMessageBytes;
            options.TransportMaxBufferSize = 2 * BoardLimits.MaxMessageBytes;
        });
        return app;
    }
}
