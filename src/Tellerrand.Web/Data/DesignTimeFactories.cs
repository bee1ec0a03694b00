using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tellerrand.Web.Accounts;

namespace Tellerrand.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build each provider's context without starting the host.
/// The connection strings are never opened: they only pick the provider.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTellerrandDb>
{
    public SqliteTellerrandDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTellerrandDb>()
            .UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTellerrandDb>
{
    public PostgresTellerrandDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTellerrandDb>()
            .UseNpgsql("Host=localhost;Database=design_time")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}

/// <summary>IdentityDbContext reads its schema version from the application's services.</summary>
internal static class DesignTimeServices
{
    public static IServiceProvider Identity { get; } =
        new ServiceCollection().Configure<IdentityOptions>(AccountsExtensions.ConfigureIdentity).BuildServiceProvider();
}
