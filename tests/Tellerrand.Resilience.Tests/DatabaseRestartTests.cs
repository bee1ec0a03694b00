using Tellerrand.Boards.Load;
using Xunit.Abstractions;

namespace Tellerrand.Resilience.Tests;

/// <summary>
/// Issue 8: PostgreSQL restarts briefly under a running cluster host (membership, boards and everything else in it) while
/// people keep editing. The host recovers without being restarted, and every edit made in that window ends either saved
/// (acknowledged and durable) or clearly refused — none stays unanswered or silently disappears.
/// </summary>
public sealed class DatabaseRestartTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    private const int Boards = 2;
    private const double EditsPerSecond = 0.5;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task AHostRidesOutABriefDatabaseRestartAndLosesNothing()
    {
        var settings = TellerrandHostSettings.OnFreePorts(Directory.CreateTempSubdirectory("tellerrand-db-restart-").FullName, postgres.ConnectionString("tellerrand"))
            .InCluster("db-restart");
        await using var host = new TellerrandHost(settings);
        await host.StartAsync();
        var processId = host.ProcessId;
        var rooms = await LoadRooms.SeedAsync(settings, Boards);
        await using var driver = new LoadDriver(settings.BaseAddress, rooms);
        await driver.ConnectAllAsync();

        driver.StartEditing(EditsPerSecond, EditMode.CreateNotes);
        await driver.Metrics.WaitUntilAsync(() => driver.Metrics.AckedCount >= 10, Patience, "10 pushes acknowledged before the restart");
        await postgres.StopAsync();
        await Task.Delay(Outage);
        await postgres.StartAsync();
        var ackedBefore = driver.Metrics.AckedCount;
        await driver.Metrics.WaitUntilAsync(() => driver.Metrics.AckedCount >= ackedBefore + 20, Patience, "20 pushes acknowledged after the restart");
        await driver.StopEditingAsync();
        await driver.WaitConvergedAsync(host, Patience);
        var result = await driver.VerifyAsync(host, compareReplicas: true);
        var refused = driver.Clients.SelectMany(c => c.RejectsByReason()).GroupBy(r => r.Key).Select(g => $"{g.Key} {g.Sum(r => r.Value)}");
        output.WriteLine($"{result.AcksChecked} acks checked; refused: {string.Join(", ", refused)}; {driver.Clients.Sum(c => c.Stalls)} resumes after unanswered pushes");

        Assert.Equal(processId, host.ProcessId);
        Assert.True(result.AcksMissing == 0, $"{result.AcksMissing} of {result.AcksChecked} acknowledged pushes are not durable:\n{string.Join('\n', result.Problems)}");
        Assert.True(result.ReplicasDiffering == 0, $"{result.ReplicasDiffering} replicas differ from the durable board:\n{string.Join('\n', result.Problems)}");
        // Every push was answered (none is left pending) and, since new notes break no rule, every one was saved: none was
        // overtaken by a later push and refused as Stale (RS6).
        Assert.All(driver.Clients, c => Assert.Equal(0, c.Read(r => r.Pending.Count)));
        Assert.Equal(0, driver.Clients.Sum(c => c.Rejects));
        Assert.Equal(driver.Clients.Sum(c => (int)c.LastEditSeq), result.AcksChecked);
    }
}
