using Microsoft.AspNetCore.Http.HttpResults;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Outreach;

public static class OutreachExtensions
{
    public static IHostApplicationBuilder AddOutreach(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContactService>();
        builder.Services.AddOptions<CampaignOptions>().BindConfiguration(CampaignOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CampaignSignal>();
        builder.Services.AddSingleton<CampaignMails>();
        builder.Services.AddSingleton<CampaignService>();
        builder.Services.AddHostedService<CampaignSender>();
        return builder;
    }

    public static WebApplication MapOutreach(this WebApplication app)
    {
        app.MapGet("/organise/contacts.csv", ExportContacts)
            .RequireAuthorization(StaffRoles.OrganisePolicy)
            .WithTags("Outreach");

        // The recipients' own links: no login, the token is the key. Rate-limited like magic links, against guessing.
        var links = app.MapGroup("").WithTags("Outreach").RequireRateLimiting(RegistrationExtensions.LinkRateLimit);
        links.MapGet("/c/{token}", FollowInvitation);
        // RFC 8058 one-click: the mail program posts without a form of ours, so there is no antiforgery token.
        links.MapPost("/unsubscribe/{token}/one-click", UnsubscribeOneClick).DisableAntiforgery();
        links.MapGet("/unsubscribe/{token}/one-click", (string token) => TypedResults.LocalRedirect($"~/unsubscribe/{token}"));
        return app;
    }

    private static async Task<FileContentHttpResult> ExportContacts(ContactService contacts, CancellationToken cancellationToken) =>
        TypedResults.File(await contacts.ExportAsync(cancellationToken), "text/csv; charset=utf-8", "tellerrand-kontakte.csv");

    private static async Task<Results<RedirectHttpResult, NotFound>> FollowInvitation(string token, CampaignService campaigns, CancellationToken cancellationToken) =>
        await campaigns.ClickAsync(token, cancellationToken) is { } target ? TypedResults.LocalRedirect("~" + target) : TypedResults.NotFound();

    /// <summary>A mail program reads only the status; the problem body also keeps the 404 away from the HTML not-found page, which would want a form token.</summary>
    private static async Task<Results<Ok, ProblemHttpResult>> UnsubscribeOneClick(string token, CampaignService campaigns, CancellationToken cancellationToken) =>
        await campaigns.UnsubscribeAsync(token, cancellationToken) == UnsubscribeResult.Unknown
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown unsubscribe link")
            : TypedResults.Ok();
}
