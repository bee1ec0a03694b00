using Microsoft.AspNetCore.Http.HttpResults;
using Tellerrand.Web.Data;
using Tellerrand.Web.Hosting;

namespace Tellerrand.Web.Events;

public static class EventEndpoints
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventService>();
        builder.Services.AddSingleton<OrganisationService>();
        builder.Services.AddSingleton<IStartupSeeder, DemoProgramme>();
        return builder;
    }

    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Events");
        group.MapGet("/{slug}", GetPublicEvent).WithName("GetPublicEvent").WithSummary("An event's public data, for embedding on the organiser's own web site.");
        return group;
    }

    private static async Task<Results<Ok<PublicEvent>, NotFound>> GetPublicEvent(string slug, TellerrandDb db, CancellationToken cancellationToken) =>
        await PublicEvents.FindAsync(db, slug, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
}
