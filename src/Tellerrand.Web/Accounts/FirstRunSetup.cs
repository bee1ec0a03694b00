using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Tellerrand.Web.Hosting;

namespace Tellerrand.Web.Accounts;

/// <summary>
/// On a start with no administrator, makes a one-time link to create the first one and prints it
/// to the console (not the log: it is a secret, and logs travel). The token lives only in this
/// process, as a hash; a restart before it is used prints a new one.
/// </summary>
public sealed class FirstRunSetup(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<FirstRunSetup> logger) : IStartupSeeder
{
    private readonly Lock gate = new();
    private byte[]? tokenHash;

    /// <summary>The path of the current link, while one is open; tests follow it as a person would.</summary>
    public string? PendingLink { get; private set; }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count > 0)
        {
            return;
        }
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        lock (gate)
        {
            tokenHash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
            PendingLink = $"/setup/{token}";
        }
        lifetime.ApplicationStarted.Register(PrintLink);
    }

    /// <summary>Constant-time check of a presented token against the open link.</summary>
    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var presented = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
        lock (gate)
        {
            return tokenHash is not null && CryptographicOperations.FixedTimeEquals(tokenHash, presented);
        }
    }

    /// <summary>Closes the link once the first administrator exists, so it cannot be used twice.</summary>
    public bool TryConsume(string token)
    {
        lock (gate)
        {
            if (!IsValid(token)) return false;
            tokenHash = null;
            PendingLink = null;
            return true;
        }
    }

    private void PrintLink()
    {
        var link = PendingLink;
        if (link is null) return;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        logger.LogWarning("No administrator exists yet; the one-time set-up link is printed on the console");
        Console.WriteLine();
        Console.WriteLine("  Tellerrand runs. Create the first administrator here (valid once, until restart):");
        Console.WriteLine($"  {address.TrimEnd('/')}{link}");
        Console.WriteLine();
    }
}
