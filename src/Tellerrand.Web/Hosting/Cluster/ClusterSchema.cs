using Npgsql;

namespace Tellerrand.Web.Hosting.Cluster;

/// <summary>
/// Creates (or brings up to date) the Orleans membership tables and queries in the PostgreSQL database before the silo
/// starts, so that configuration alone turns a host into a cluster member. The script is idempotent and runs under an
/// advisory lock, because the hosts of a cluster usually start together.
/// </summary>
internal sealed class ClusterSchema(string connectionString, ILogger<ClusterSchema> logger) : IStartupSeeder
{
    /// <summary>Any fixed number: it names the lock, and only this schema step takes it.</summary>
    private const long SchemaLock = 0x54656C6C_65720001;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var script = new NpgsqlCommand(Script.Value, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Orleans membership schema is up to date");
    }

    internal static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream("Tellerrand.Web.Hosting.Cluster.membership.postgres.sql")
            ?? throw new InvalidOperationException("The membership script is not embedded in Tellerrand.Web.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
