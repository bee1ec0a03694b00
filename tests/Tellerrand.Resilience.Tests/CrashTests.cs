using Tellerrand.Boards.Load;
using Xunit.Abstractions;

// Each test runs a server process and its clients; two at once would only slow both down on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Tellerrand.Resilience.Tests;

/// <summary>
/// The crash test of issue 5 (docs/board-protocol.md AK1, RS4): Tellerrand.Web runs as its own process, several clients
/// edit several boards over real WebSockets, the process is killed with SIGKILL mid-load and started again on the same
/// database. Every acknowledged push must be in the durable board, and every client must catch up with it.
/// </summary>
public abstract class CrashTests<TDatabase>(TDatabase database, ITestOutputHelper output) : IClassFixture<TDatabase> where TDatabase : HostDatabase
{
    private const int Boards = 3;
    // Below what SQLite sustains on a loaded 2-core machine, so that the backlog after the restart drains (see BENCHMARKS.md, "Boards").
    private const double EditsPerSecond = 0.5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AK1_RS4_AServerKilledMidLoadLosesNoAcknowledgedChangeAndEveryClientResyncs()
    {
        await using var host = new TellerrandHost(database.Settings);
        await host.StartAsync();
        var rooms = await LoadRooms.SeedAsync(host.Settings, Boards);
        await using var driver = new LoadDriver(host.Settings.BaseAddress, rooms);
        await driver.ConnectAllAsync();

        driver.StartEditing(EditsPerSecond, EditMode.CreateNotes);
        await driver.Metrics.WaitUntilAsync(() => driver.Metrics.AckedCount >= 20, Patience, "20 pushes acknowledged before the kill");
        var restart = await driver.KillAndRestartAsync(host, Patience);
        var ackedBeforeRestart = driver.Metrics.AckedCount;
        await driver.Metrics.WaitUntilAsync(() => driver.Metrics.AckedCount >= ackedBeforeRestart + 20, Patience, "20 more pushes acknowledged after the restart");
        await driver.StopEditingAsync();
        await driver.WaitConvergedAsync(host, Patience);
        var result = await driver.VerifyAsync(host, compareReplicas: true);
        foreach (var client in driver.Clients.Where(c => c.Stalls > 0))
        {
            output.WriteLine($"resumed after unanswered pushes: {client}");
        }
        output.WriteLine($"restart: healthy after {restart.Healthy.TotalSeconds:F1} s, every client resynced after {restart.Resynced.TotalSeconds:F1} s; {result.AcksChecked} acks checked");

        Assert.True(result.AcksMissing == 0, $"{result.AcksMissing} of {result.AcksChecked} acknowledged pushes are not durable:\n{string.Join('\n', result.Problems)}");
        Assert.True(result.ReplicasDiffering == 0, $"{result.ReplicasDiffering} replicas differ from the durable board:\n{string.Join('\n', result.Problems)}");
        Assert.True(result.AcksChecked >= 40, $"only {result.AcksChecked} acknowledged pushes were checked");
        Assert.Equal(Boards * 5, result.ReplicasChecked);
        // Every client came back by itself: it resumed once at the start and again on the restarted server.
        Assert.All(driver.Clients, c => Assert.True(c.Resumes >= 2, $"{c.ClientId} resumed {c.Resumes} times"));
        Assert.True(restart.Resynced >= restart.Healthy);
    }
}

public sealed class CrashTestsOnSqlite(SqliteDatabase database, ITestOutputHelper output) : CrashTests<SqliteDatabase>(database, output);

public sealed class CrashTestsOnPostgres(PostgresDatabase database, ITestOutputHelper output) : CrashTests<PostgresDatabase>(database, output);
