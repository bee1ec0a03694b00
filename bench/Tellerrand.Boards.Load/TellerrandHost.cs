using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;

namespace Tellerrand.Boards.Load;

/// <summary>
/// Where one Tellerrand host listens and keeps its data. Everything a host owns is a parameter, so that two hosts can run
/// side by side on one database (scale-out): each gets its own ports and data folder, and they share the connection string.
/// </summary>
/// <param name="HttpPort">Kestrel's port on 127.0.0.1.</param>
/// <param name="SiloPort">Orleans silo-to-silo port.</param>
/// <param name="GatewayPort">Orleans client gateway port.</param>
/// <param name="DataPath">The host's data folder (SQLite file, mail outbox); absolute.</param>
/// <param name="PostgresConnectionString">The PostgreSQL database, or null for the SQLite file in <paramref name="DataPath"/>.</param>
public sealed record TellerrandHostSettings(int HttpPort, int SiloPort, int GatewayPort, string DataPath, string? PostgresConnectionString)
{
    /// <summary>Further configuration keys for the host (e.g. clustering), passed as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>A host on free loopback ports.</summary>
    public static TellerrandHostSettings OnFreePorts(string dataPath, string? postgresConnectionString) =>
        new(FreePort(), FreePort(), FreePort(), Path.GetFullPath(dataPath), postgresConnectionString);

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>These settings as a member of the Orleans cluster <paramref name="clusterId"/> on the shared PostgreSQL database (README, "Several hosts").</summary>
    public TellerrandHostSettings InCluster(string clusterId) => this with
    {
        Extra = new Dictionary<string, string>(Extra)
        {
            ["Tellerrand__Cluster"] = "AdoNet",
            ["Tellerrand__ClusterId"] = clusterId,
            ["Tellerrand__AdvertisedAddress"] = "127.0.0.1",
        },
    };

    /// <summary>The same database the host uses, through the app's own context (its SQLite connection string when not PostgreSQL).</summary>
    public IDbContextFactory<TellerrandDb> CreateDbFactory() => PostgresConnectionString is { } postgres
        ? new Factory<PostgresTellerrandDb>(new DbContextOptionsBuilder<PostgresTellerrandDb>().UseNpgsql(postgres).Options, o => new PostgresTellerrandDb(o))
        : new Factory<SqliteTellerrandDb>(
            new DbContextOptionsBuilder<SqliteTellerrandDb>().UseSqlite($"Data Source={Path.Combine(DataPath, "tellerrand.db")};Foreign Keys=True;Pooling=True").Options,
            o => new SqliteTellerrandDb(o));

    /// <summary>The configuration of Tellerrand.Web (README, "Running it") as environment variables.</summary>
    internal IEnumerable<KeyValuePair<string, string>> Environment()
    {
        yield return new("ASPNETCORE_URLS", BaseAddress.ToString().TrimEnd('/'));
        yield return new("ASPNETCORE_ENVIRONMENT", "Production");
        yield return new("Tellerrand__DataPath", DataPath);
        yield return new("Tellerrand__SeedDemo", "false");
        yield return new("Tellerrand__SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("Tellerrand__GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("Tellerrand__Database", PostgresConnectionString is null ? "Sqlite" : "Postgres");
        if (PostgresConnectionString is { } postgres)
        {
            yield return new("ConnectionStrings__Postgres", postgres);
        }
        // Request logs at Information would cost the server more than the load it is measured under.
        yield return new("Logging__LogLevel__Default", "Warning");
        yield return new("Logging__LogLevel__Tellerrand", "Information");
        foreach (var pair in Extra)
        {
            yield return pair;
        }
    }

    /// <summary>
    /// A port that is free now, below Linux's ephemeral range (32768 and up). A port the kernel hands out for
    /// listening on port 0 comes from that range, the one every outgoing connection takes its local port from too, so
    /// with hundreds of load clients connecting and closing one was taken again before the host bound it.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
        }
    }

    private sealed class Factory<TContext>(DbContextOptions<TContext> options, Func<DbContextOptions<TContext>, TContext> create)
        : IDbContextFactory<TellerrandDb> where TContext : TellerrandDb
    {
        public TellerrandDb CreateDbContext() => create(options);
    }
}

/// <summary>
/// Tellerrand.Web as a separate OS process (the built <c>Tellerrand.Web.dll</c> run by <c>dotnet</c>), so that it can be
/// killed with SIGKILL like a crashed machine and restarted on the same database and ports.
/// </summary>
public sealed class TellerrandHost : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private readonly HttpClient _http;
    private Process? _process;
    private StreamWriter? _log;

    public TellerrandHost(TellerrandHostSettings settings)
    {
        Settings = settings;
        Directory.CreateDirectory(settings.DataPath);
        _http = new HttpClient { BaseAddress = settings.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public TellerrandHostSettings Settings { get; }

    /// <summary>The running server's process id; null while it is down.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The server's console output, appended across restarts.</summary>
    public string LogPath => Path.Combine(Settings.DataPath, "host.log");

    /// <summary>
    /// The built host: <c>TELLERRAND_WEB_DLL</c> when set, else the Tellerrand.Web build of the same configuration that this
    /// library was built with (its project reference builds it first).
    /// </summary>
    public static string WebDll =>
        System.Environment.GetEnvironmentVariable("TELLERRAND_WEB_DLL")
        ?? typeof(TellerrandHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TellerrandWebDll").Value!;

    /// <summary>Starts the process and returns once <c>/healthz</c> answers Healthy (migrations done, silo up).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The host is already running.");
        }
        var dll = WebDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Tellerrand.Web is not built at {dll}; run `dotnet build Tellerrand.slnx` first or set TELLERRAND_WEB_DLL.", dll);
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in Settings.Environment())
        {
            start.Environment[key] = value;
        }
        _log ??= new StreamWriter(LogPath, append: true) { AutoFlush = true };
        var log = _log;
        await log.WriteLineAsync($"--- start {DateTimeOffset.UtcNow:O}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitHealthyAsync(process, cancellationToken);
    }

    /// <summary>SIGKILL, as a power cut: nothing is flushed, nothing shuts down. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }
        await process.WaitForExitAsync();
        await (_log?.WriteLineAsync($"--- killed {DateTimeOffset.UtcNow:O}") ?? Task.CompletedTask);
        process.Dispose();
        _process = null;
    }

    /// <summary>CPU time (user + system) the server process has used so far, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public TimeSpan CpuTime() => ProcessStats.CpuTime(RequirePid());

    /// <summary>The server's resident set size in bytes, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
    public long ResidentBytes() => ProcessStats.ResidentBytes(RequirePid());

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _http.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private int RequirePid() => ProcessId ?? throw new InvalidOperationException("The host is not running.");

    private async Task WaitHealthyAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartPatience);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Tellerrand.Web exited with code {process.ExitCode} while starting; see {LogPath}.");
            }
            try
            {
                using var response = await _http.GetAsync("healthz", timeout.Token);
                if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync(timeout.Token) == "Healthy")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
                // One slow answer while the silo starts.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Tellerrand.Web was not healthy within {StartPatience.TotalSeconds} s; see {LogPath}.");
            }
            // Polling the health endpoint is the only signal a separate process gives.
            await Task.Delay(100, timeout.Token);
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }
}

/// <summary>CPU and memory of a process, read from Linux's /proc.</summary>
public static class ProcessStats
{
    // USER_HZ; 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
