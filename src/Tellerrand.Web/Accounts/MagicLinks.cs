using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Data;
using Tellerrand.Web.Hosting;

namespace Tellerrand.Web.Accounts;

/// <summary>Why a presented token did not open anything; each gets its own message.</summary>
public enum MagicLinkProblem
{
    Malformed,
    Unknown,
    Expired,
    Revoked,
}

public abstract record MagicLinkCheck
{
    public sealed record Valid(MagicLink Link) : MagicLinkCheck;
    public sealed record Refused(MagicLinkProblem Problem) : MagicLinkCheck;
}

/// <summary>A freshly issued link. The token is shown once, here, and never stored.</summary>
public sealed record IssuedMagicLink(Guid LinkId, string Token, DateTimeOffset ExpiresAt)
{
    public string RelativeUrl => $"/m/{Token}";

    /// <summary>The link that, once it has opened the session, goes on to <paramref name="returnPath"/> (see <see cref="MagicLinkReturn"/>).</summary>
    public string RelativeUrlTo(string returnPath) =>
        MagicLinkReturn.IsSafe(returnPath) ? $"{RelativeUrl}?next={returnPath}" : throw new ArgumentException("Not a page a personal link may lead to.", nameof(returnPath));
}

/// <summary>
/// Where a personal link goes after opening the session. Only a participant's own pages qualify: a path on this site under
/// <c>/me</c> or <c>/results</c>, made of letters, digits, hyphens, underscores and single slashes. That leaves no way to another
/// site (no scheme, no <c>//</c>, no backslash, no percent-encoding to smuggle either in) and no <c>..</c> to climb out.
/// </summary>
public static class MagicLinkReturn
{
    public const string Default = "/me";

    private static readonly string[] Roots = ["/me", "/results"];

    /// <summary><paramref name="next"/> when it is safe, otherwise <see cref="Default"/>.</summary>
    public static string PathOrDefault(string? next) => IsSafe(next) ? next! : Default;

    public static bool IsSafe(string? next) =>
        !string.IsNullOrEmpty(next) && next.Length <= 200
        && next.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_')
        && !next.Contains("//", StringComparison.Ordinal)
        && Roots.Any(root => next == root || next.StartsWith(root + "/", StringComparison.Ordinal));
}

/// <summary>
/// Issues and checks personal links for businesses and creatives: 256-bit random tokens,
/// stored as SHA-256 hashes, expiring, revocable, scoped to one person and one event.
/// </summary>
public sealed class MagicLinks(IDbContextFactory<TellerrandDb> dbFactory, TimeProvider clock, IOptions<TellerrandOptions> options, AccessRevocations revocations)
{
    private const int TokenBytes = 32;
    private static readonly int TokenLength = WebEncoders.Base64UrlEncode(new byte[TokenBytes]).Length;

    public async Task<IssuedMagicLink> IssueAsync(Guid personId, Guid eventId, CancellationToken cancellationToken = default)
    {
        var token = NewToken();
        var now = clock.GetUtcNow();
        var link = new MagicLink
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = Hash(token),
            PersonId = personId,
            EventId = eventId,
            CreatedAt = now,
            ExpiresAt = now + options.Value.MagicLinkLifetime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.MagicLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedMagicLink(link.Id, token, link.ExpiresAt);
    }

    /// <summary>Checks a token as presented in a URL; a valid one is stamped with its last use.</summary>
    public async Task<MagicLinkCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token))
        {
            return new MagicLinkCheck.Refused(MagicLinkProblem.Malformed);
        }
        var hash = Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.MagicLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        MagicLinkCheck result = link switch
        {
            null => new MagicLinkCheck.Refused(MagicLinkProblem.Unknown),
            { RevokedAt: not null } => new MagicLinkCheck.Refused(MagicLinkProblem.Revoked),
            _ when link.ExpiresAt <= now => new MagicLinkCheck.Refused(MagicLinkProblem.Expired),
            _ => new MagicLinkCheck.Valid(link),
        };
        if (result is MagicLinkCheck.Valid)
        {
            link!.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>True while the link behind a participant's session may still be used.</summary>
    public async Task<bool> IsActiveAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.MagicLinks.AnyAsync(l => l.Id == linkId && l.RevokedAt == null && l.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Revokes every link of a person for an event, e.g. when a link was forwarded by mistake.</summary>
    public async Task<int> RevokeAsync(Guid personId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var revoked = await db.MagicLinks
            .Where(l => l.PersonId == personId && l.EventId == eventId && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
        revocations.Revoked();
        return revoked;
    }

    /// <summary>A fresh 256-bit token, URL-safe; campaign links use the same kind.</summary>
    internal static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>Whether a string can be a token at all, checked before it reaches the database.</summary>
    internal static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? token) => token is not null && token.Length == TokenLength && IsBase64Url(token);

    internal static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private static bool IsBase64Url(string token) =>
        token.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');
}
