using Microsoft.AspNetCore.Http.HttpResults;
using Tellerrand.Web.Accounts;

namespace Tellerrand.Web.Outreach;

public static class OutreachExtensions
{
    public static IHostApplicationBuilder AddOutreach(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContactService>();
        return builder;
    }

    public static WebApplication MapOutreach(this WebApplication app)
    {
        app.MapGet("/organise/contacts.csv", ExportContacts)
            .RequireAuthorization(StaffRoles.OrganisePolicy)
            .WithTags("Outreach");
        return app;
    }

    private static async Task<FileContentHttpResult> ExportContacts(ContactService contacts, CancellationToken cancellationToken) =>
        TypedResults.File(await contacts.ExportAsync(cancellationToken), "text/csv; charset=utf-8", "tellerrand-kontakte.csv");
}
