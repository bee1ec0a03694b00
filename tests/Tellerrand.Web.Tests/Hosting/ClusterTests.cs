using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Hosting;

/// <summary>
/// Tellerrand:Cluster=AdoNet: hosts on one PostgreSQL database find each other through the membership tables Tellerrand
/// creates at start, with no further set-up (issue 8). The process-level failover test lives with the scale-out tests.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private readonly string database = $"tellerrand_cluster_{Guid.NewGuid():N}";

    private string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = database }.ConnectionString;

    [Fact]
    public async Task TwoHostsOnOneDatabaseFormOneClusterAndSeeEachOtherLeave()
    {
        await using var first = new ClusterHost(ConnectionString);
        await first.InitializeAsync();
        var second = new ClusterHost(ConnectionString);
        await second.InitializeAsync();

        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/healthz")).StatusCode);
        await UntilAsync(async () => (await ActiveHostsAsync(first)).Count == 2 && (await ActiveHostsAsync(second)).Count == 2);
        Assert.Equal(2, await SilosWithStatusAsync(SiloStatus.Active));

        await second.DisposeAsync();

        await UntilAsync(async () => (await ActiveHostsAsync(first)).Count == 1);
        Assert.Equal(1, await SilosWithStatusAsync(SiloStatus.Active));
        Assert.Equal(1, await SilosWithStatusAsync(SiloStatus.Dead));
    }

    [Fact]
    public void DatabaseClusteringOnSqliteIsRefusedWithAClearReason()
    {
        using var app = new SqliteClusterHost();

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Tellerrand:Database to Postgres", validation.Message);
    }

    private static async Task<Dictionary<SiloAddress, SiloStatus>> ActiveHostsAsync(ClusterHost host) =>
        await host.Get<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

    private async Task<long> SilosWithStatusAsync(SiloStatus status)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE status = @status", connection);
        count.Parameters.AddWithValue("status", (int)status);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The cluster did not settle within 60 seconds.");
            await Task.Delay(200);
        }
    }

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>One host of a database-clustered installation; the test owns the shared database.</summary>
    private sealed class ClusterHost(string connectionString) : TellerrandApp
    {
        public override string Provider => "Postgres";

        protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
        [
            new("Tellerrand:Database", "Postgres"),
            new("ConnectionStrings:Postgres", connectionString),
            new("Tellerrand:Cluster", "AdoNet"),
            new("Tellerrand:AdvertisedAddress", "127.0.0.1"),
        ];
    }

    private sealed class SqliteClusterHost : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Tellerrand:Cluster", "AdoNet")];
    }
}
