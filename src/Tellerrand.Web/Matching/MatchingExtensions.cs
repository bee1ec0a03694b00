namespace Tellerrand.Web.Matching;

public static class MatchingExtensions
{
    public static IHostApplicationBuilder AddMatching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MatchingService>();
        builder.Services.AddSingleton<RoomPublisher>();
        builder.Services.AddSingleton<RoomMails>();
        return builder;
    }
}
