using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Hosting;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers <see cref="TellerrandDb"/> for the configured provider, as a factory (for Blazor
    /// components and grains, one context per operation) and as a scoped context (for Identity and endpoints).
    /// The factory hands out pooled contexts: the boards create one per log batch and per access check, and building
    /// a context's services anew each time was a twentieth of the server's work under board load.
    /// </summary>
    public static IHostApplicationBuilder AddTellerrandDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TellerrandOptions.Section).Get<TellerrandOptions>() ?? new();
        switch (options.Database)
        {
            case DatabaseProvider.Postgres:
                var postgres = builder.Configuration.GetConnectionString("Postgres")
                    ?? throw new OptionsValidationException(nameof(TellerrandOptions), typeof(TellerrandOptions),
                        ["Tellerrand:Database is Postgres, but ConnectionStrings:Postgres is not set."]);
                builder.Services.AddPooledDbContextFactory<PostgresTellerrandDb>(db => db.UseNpgsql(postgres, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                builder.Services.AddSingleton<IDbContextFactory<TellerrandDb>, ProviderFactory<PostgresTellerrandDb>>();
                break;
            default:
                var dataPath = options.ResolveDataPath(builder.Environment.ContentRootPath);
                Directory.CreateDirectory(dataPath);
                var sqlite = $"Data Source={Path.Combine(dataPath, "tellerrand.db")};Foreign Keys=True;Pooling=True";
                builder.Services.AddPooledDbContextFactory<SqliteTellerrandDb>(db => db.UseSqlite(sqlite, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                builder.Services.AddSingleton<IDbContextFactory<TellerrandDb>, ProviderFactory<SqliteTellerrandDb>>();
                break;
        }
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TellerrandDb>>().CreateDbContext());
        builder.Services.AddHostedService<DatabaseMigrator>();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Tellerrand").PersistKeysToDbContext<TellerrandDb>();
        if (!string.IsNullOrWhiteSpace(options.KeyCertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(LoadKeyCertificate(options));
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<TellerrandDb>("database");
        return builder;
    }

    private static X509Certificate2 LoadKeyCertificate(TellerrandOptions options)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.KeyCertificatePath!, options.KeyCertificatePassword);
            return certificate.HasPrivateKey ? certificate : throw new CryptographicException("The certificate has no private key.");
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(nameof(TellerrandOptions), typeof(TellerrandOptions),
                [$"Tellerrand:KeyCertificatePath '{options.KeyCertificatePath}' cannot be used to encrypt the keys: {ex.Message}"]);
        }
    }

    /// <summary>Hands out the provider's context as the common <see cref="TellerrandDb"/>.</summary>
    private sealed class ProviderFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<TellerrandDb>
        where TContext : TellerrandDb
    {
        public TellerrandDb CreateDbContext() => inner.CreateDbContext();
    }
}
