using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;

namespace Tellerrand.Web.Tests.Infrastructure;

/// <summary>
/// The whole Tellerrand host — real database, real Orleans silo, real Identity — in the test
/// process, on its own data folder, database and ports, so that test classes never share state.
/// </summary>
public abstract partial class TellerrandApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataPath = Directory.CreateTempSubdirectory("tellerrand-test-").FullName;

    /// <summary>The clock the app runs on; tests move it to make links expire.</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>Every log line the app wrote, to prove none carries personal data.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Makes senders fail between claim and commit, to prove a crash there loses and doubles no mail.</summary>
    public MailFaults MailFaults { get; } = new();

    public abstract string Provider { get; }

    protected virtual bool SeedDemo => true;

    public string OutboxPath => Path.Combine(dataPath, "outbox");

    protected abstract IEnumerable<KeyValuePair<string, string>> DatabaseSettings();

    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Tellerrand:DataPath", dataPath);
        builder.UseSetting("Tellerrand:SeedDemo", SeedDemo.ToString());
        builder.UseSetting("Tellerrand:SiloPort", FreePort().ToString());
        builder.UseSetting("Tellerrand:GatewayPort", FreePort().ToString());
        foreach (var (key, value) in DatabaseSettings().Concat(ExtraSettings()))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IMailer>();
            services.AddSingleton<MailQueue>();
            services.AddSingleton<IMailer>(provider => new FaultyMailer(provider.GetRequiredService<MailQueue>(), MailFaults));
        });
    }

    public virtual Task InitializeAsync()
    {
        // Starts the host: migrations and seeders run before the first request.
        _ = Server;
        return Task.CompletedTask;
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public TellerrandDb CreateDb() => Services.GetRequiredService<IDbContextFactory<TellerrandDb>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Creates a staff account directly in the store, with the given role and password.</summary>
    public async Task<StaffUser> CreateStaffAsync(string role, string password = "Werkstatt-2026")
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Signs in through the real login form, as a browser would, and returns the client holding the cookie.</summary>
    public async Task<HttpClient> SignInAsync(StaffUser user, string password = "Werkstatt-2026")
    {
        var client = CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Tellerrand on its embedded default: a SQLite file in a fresh data folder.</summary>
public class SqliteApp : TellerrandApp
{
    public override string Provider => "Sqlite";

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() => [new("Tellerrand:Database", "Sqlite")];
}

/// <summary>
/// Tellerrand on the PostgreSQL server that test.sh starts (TELLERRAND_TEST_POSTGRES), in a
/// database of its own that is dropped afterwards.
/// </summary>
public class PostgresApp : TellerrandApp
{
    private readonly string database = $"tellerrand_test_{Guid.NewGuid():N}";

    public override string Provider => "Postgres";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("TELLERRAND_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "TELLERRAND_TEST_POSTGRES is not set. Run the tests through ./test.sh, which starts a throwaway PostgreSQL.");

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Tellerrand:Database", "Postgres"),
        new("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString),
    ];

    public override async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
