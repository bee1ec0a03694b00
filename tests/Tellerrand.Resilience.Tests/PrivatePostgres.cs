using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tellerrand.Resilience.Tests;

/// <summary>
/// A PostgreSQL server of the test's own (initdb in a temporary folder, a free loopback port), so that a test can restart
/// it without disturbing the server that test.sh shares with every other test project. Uses the binaries test.sh
/// installs; as root, runs them as the <c>postgres</c> user, as PostgreSQL insists.
/// </summary>
public sealed class PrivatePostgres : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("tellerrand-private-pg-").FullName;
    private readonly string _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).OrderBy(p => p, StringComparer.Ordinal).Last();
    private readonly int _port = FreePort();

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database}";

    public async Task InitializeAsync()
    {
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres", _data);
        }
        await PgAsync("initdb", "-D", _data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        await StartAsync();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE tellerrand", connection);
        await create.ExecuteNonQueryAsync();
    }

    public Task StartAsync() => PgAsync("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "server.log"), "-w",
        "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {_data} -c fsync=off", "start");

    /// <summary>A fast shutdown, as an operator's restart or a failover of a managed database: every connection is cut.</summary>
    public async Task StopAsync()
    {
        await PgAsync("pg_ctl", "-D", _data, "-m", "fast", "-w", "stop");
        // The test's own pooled connections died with the server; the app under test has to cope, the test need not.
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PgAsync("pg_ctl", "-D", _data, "-m", "immediate", "stop").ContinueWith(_ => { }, TaskScheduler.Default);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task PgAsync(string tool, params string[] arguments) => Environment.UserName == "root"
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
