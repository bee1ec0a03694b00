using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Configuration;
using Tellerrand.Web.Hosting.Cluster;

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
            if (options.Cluster == ClusterMode.AdoNet)
            {
                UseDatabaseClustering(builder, silo, options);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            }
            if (DefaultsExtensions.HasCollector(builder.Configuration))
            {
                // Carries a request's trace into the grains it calls; without a collector there is no trace to carry.
                silo.AddActivityPropagation();
            }
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }

    /// <summary>
    /// Hosts find each other through the membership tables in the PostgreSQL database they already share
    /// (ARCHITECTURE.md, "Scale-out"): no further service to run. The tables are created at start (<see cref="ClusterSchema"/>).
    /// </summary>
    private static void UseDatabaseClustering(IHostApplicationBuilder builder, ISiloBuilder silo, TellerrandOptions options)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (options.Database != DatabaseProvider.Postgres || string.IsNullOrWhiteSpace(postgres))
        {
            throw new OptionsValidationException(nameof(TellerrandOptions), typeof(TellerrandOptions),
                ["Tellerrand:Cluster is AdoNet, which keeps the cluster's membership in PostgreSQL: set Tellerrand:Database to Postgres and ConnectionStrings:Postgres."]);
        }
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ClusterId;
        });
        silo.UseAdoNetClustering(adoNet =>
        {
            adoNet.Invariant = "Npgsql";
            adoNet.ConnectionString = postgres;
        });
        if (string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort);
        }
        else if (IPAddress.TryParse(options.AdvertisedAddress, out var advertised))
        {
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort);
        }
        else
        {
            throw new OptionsValidationException(nameof(TellerrandOptions), typeof(TellerrandOptions),
                [$"Tellerrand:AdvertisedAddress must be an IP address, not '{options.AdvertisedAddress}'."]);
        }
        builder.Services.AddSingleton<IStartupSeeder>(sp => new ClusterSchema(postgres, sp.GetRequiredService<ILogger<ClusterSchema>>()));
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
