using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Hosting;

/// <summary>
/// Applies the provider's migrations, then runs the start-up seeders, before anything else starts:
/// it is registered first, and hosted services start in order.
/// </summary>
internal sealed class DatabaseMigrator(
    IDbContextFactory<TellerrandDb> dbFactory,
    IEnumerable<IStartupSeeder> seeders,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    private static readonly ActivitySource Source = new("Tellerrand.Migrations");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("Migrating database");
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database {Provider} is up to date", db.Database.ProviderName);
        }
        foreach (var seeder in seeders)
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Work that must run once the schema exists and before requests are served.</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
