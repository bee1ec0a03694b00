using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tellerrand.Web.Accounts;

/// <summary>
/// The cookie session a magic link opens for a business representative or creative. It carries
/// only ids, and every request re-checks that the link behind it is neither revoked nor expired.
/// </summary>
public static class ParticipantSession
{
    public const string Scheme = "Participant";
    public const string Policy = "Participant";
    public const string PersonClaim = "tellerrand:person";
    public const string EventClaim = "tellerrand:event";
    public const string LinkClaim = "tellerrand:link";

    public static ClaimsPrincipal CreatePrincipal(MagicLink link) =>
        new(new ClaimsIdentity(
            [
                new Claim(PersonClaim, link.PersonId.ToString()),
                new Claim(EventClaim, link.EventId.ToString()),
                new Claim(LinkClaim, link.Id.ToString()),
            ],
            Scheme));

    public static Guid? PersonId(this ClaimsPrincipal user) => Read(user, PersonClaim);
    public static Guid? EventId(this ClaimsPrincipal user) => Read(user, EventClaim);

    private static Guid? Read(ClaimsPrincipal user, string claim) =>
        user.Identities.Where(i => i.AuthenticationType == Scheme)
            .Select(i => i.FindFirst(claim)?.Value)
            .Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null)
            .FirstOrDefault(id => id is not null);

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "tellerrand.participant";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromDays(14);
        options.SlidingExpiration = true;
        options.LoginPath = "/link-problem";
        options.AccessDeniedPath = "/link-problem";
        options.Events.OnValidatePrincipal = async context =>
        {
            var linkId = context.Principal?.FindFirst(LinkClaim)?.Value;
            var links = context.HttpContext.RequestServices.GetRequiredService<MagicLinks>();
            if (!Guid.TryParse(linkId, out var id) || !await links.IsActiveAsync(id, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }
}
