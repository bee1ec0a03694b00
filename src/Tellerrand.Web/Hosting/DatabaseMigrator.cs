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
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers (every page, every access check) go on while the board log commits,
                // and makes a commit one append to the log file instead of a rollback journal written and deleted. The
                // mode is stored in the database file; synchronous stays FULL, so a commit is still on disk when it returns.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
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
