using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Concurrency;

namespace Tellerrand.Web.Hosting;

public static class OrleansExtensions
{
    /// <summary>
    /// Co-hosts an Orleans silo in this process. Boards and live events are grains because each
    /// needs one ordering authority that moves when a host dies (ARCHITECTURE.md, "Why Orleans").
    /// </summary>
    public static IHostApplicationBuilder AddTellerrandOrleans(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TellerrandOptions.Section).Get<TellerrandOptions>() ?? new();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.AddActivityPropagation();
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }
}

/// <summary>Answers the health check from inside the silo, so that "healthy" means grains can be called.</summary>
public interface IHealthProbeGrain : IGrainWithIntegerKey
{
    Task<bool> PingAsync();
}

[StatelessWorker(1)]
internal sealed class HealthProbeGrain : Grain, IHealthProbeGrain
{
    public Task<bool> PingAsync() => Task.FromResult(true);
}

internal sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IHealthProbeGrain>(0).PingAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The Orleans silo does not answer.", ex);
        }
    }
}
