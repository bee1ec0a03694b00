using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Localization;
using Tellerrand.Web.Outreach;

namespace Tellerrand.Web.Registration;

/// <summary><c>Tellerrand:Registration</c>: how many registrations and link confirmations one address may send.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Tellerrand:Registration";

    /// <summary>Form posts and link confirmations per minute and IP address.</summary>
    [Range(1, 10_000)]
    public int RequestsPerMinute { get; set; } = 10;
}

public static class RegistrationExtensions
{
    /// <summary>Rate limit of the public forms: only their posts count, reading a form is free.</summary>
    public const string FormRateLimit = "registration-forms";

    /// <summary>Rate limit of the confirmation page, which checks a token on every request.</summary>
    public const string LinkRateLimit = "registration-links";

    public static IHostApplicationBuilder AddRegistration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PeopleService>();
        builder.Services.AddSingleton<RegistrationService>();
        builder.Services.AddSingleton<RegistrationMails>();
        builder.Services.AddSingleton<RegistrationReview>();
        builder.Services.AddOptions<RegistrationOptions>().BindConfiguration(RegistrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(FormRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? PerAddress(context, "form")
                : RateLimitPartition.GetNoLimiter("read"));
            limiter.AddPolicy(LinkRateLimit, context => PerAddress(context, "link"));
        });
        return builder;
    }

    public static WebApplication MapRegistration(this WebApplication app)
    {
        app.MapGet("/me/data", DownloadMyData)
            .RequireAuthorization(ParticipantSession.Policy)
            .WithTags("Participants");
        app.MapGet("/organise/events/{eventId:guid}/registrations.csv", ExportRegistrations)
            .RequireAuthorization(StaffRoles.OrganisePolicy)
            .WithTags("Registration");
        return app;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string kind)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<RegistrationOptions>>().Value.RequestsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{kind}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    /// <summary>The event's applications as a CSV file German Excel opens as it is (see <see cref="ContactCsv.Write"/>).</summary>
    private static async Task<FileContentHttpResult> ExportRegistrations(Guid eventId, RegistrationReview review, IStringLocalizer<SharedResource> shared, CancellationToken cancellationToken)
    {
        var rows = await review.ListAsync(eventId, null, cancellationToken);
        var content = ContactCsv.Write(
            ["Name", "E-Mail", "Rolle", "Stand", "Betrieb", "Gewerk", "Disziplinen", "Runden", "Angemeldet am", "Notiz"],
            rows.Select(r => (IReadOnlyList<string?>)[
                r.Name, r.Email, shared["EventRole_" + r.Role].Value, shared["ParticipationStatus_" + r.Status].Value, r.Company, r.Trade, string.Join(", ", r.Disciplines),
                string.Join(", ", r.AvailableRounds), r.RegisteredAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture), r.Note]));
        return TypedResults.File(content, "text/csv; charset=utf-8", $"anmeldungen-{eventId:N}.csv");
    }

    /// <summary>The person's own data as a JSON file, always limited to the person and event of their session.</summary>
    private static async Task<Results<JsonHttpResult<PersonalDataExport>, NotFound>> DownloadMyData(HttpContext context, RegistrationService registrations)
    {
        if (context.User.PersonId() is not { } personId || context.User.EventId() is not { } eventId) return TypedResults.NotFound();
        var export = await registrations.ExportAsync(personId, eventId, context.RequestAborted);
        if (export is null) return TypedResults.NotFound();
        context.Response.Headers.ContentDisposition = "attachment; filename=\"tellerrand-meine-daten.json\"";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(export, options: null, contentType: "application/json; charset=utf-8");
    }
}
