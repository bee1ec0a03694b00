using Npgsql;
using Tellerrand.Boards.Load;

namespace Tellerrand.Resilience.Tests;

/// <summary>A data folder and database of the test's own for a host process: a SQLite file, or a fresh PostgreSQL database.</summary>
public abstract class HostDatabase : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tellerrand-resilience-").FullName;

    public TellerrandHostSettings Settings { get; private set; } = null!;

    protected abstract Task<string?> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Settings = TellerrandHostSettings.OnFreePorts(_dataPath, await CreateDatabaseAsync());

    public async Task DisposeAsync()
    {
        await DropDatabaseAsync();
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteDatabase : HostDatabase
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>A database of its own on the PostgreSQL server that test.sh starts (TELLERRAND_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class PostgresDatabase : HostDatabase
{
    private readonly string _database = $"tellerrand_crash_{Guid.NewGuid():N}";

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("TELLERRAND_TEST_POSTGRES")
        ?? throw new InvalidOperationException("TELLERRAND_TEST_POSTGRES is not set. Run the tests through ./test.sh, which starts a throwaway PostgreSQL.");

    protected override async Task<string?> CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
