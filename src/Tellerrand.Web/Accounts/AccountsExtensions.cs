using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Hosting;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Accounts;

public static class AccountsExtensions
{
    /// <summary>
    /// Staff accounts (Identity, passwords and passkeys, roles) and the magic-link sessions of
    /// businesses and creatives, who never get a password.
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddCookie(ParticipantSession.Scheme, ParticipantSession.Configure);

        services.AddIdentityCore<StaffUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TellerrandDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffRoles.OrganisePolicy, p => p.RequireRole(StaffRoles.Admin, StaffRoles.Organiser))
            .AddPolicy(StaffRoles.AdminPolicy, p => p.RequireRole(StaffRoles.Admin))
            .AddPolicy(ParticipantSession.Policy, p => p
                .AddAuthenticationSchemes(ParticipantSession.Scheme)
                .RequireClaim(ParticipantSession.PersonClaim));

        services.AddSingleton<StaffMailSender>();
        services.AddSingleton<IEmailSender<StaffUser>>(sp => sp.GetRequiredService<StaffMailSender>());
        services.AddSingleton<MagicLinks>();
        services.AddSingleton<AccessRevocations>();
        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton<IStartupSeeder>(sp => sp.GetRequiredService<FirstRunSetup>());
        services.AddScoped<StaffAccounts>();
        return builder;
    }

    /// <summary>
    /// Identity's options in one place: the design-time database factories need the same schema
    /// version (passkeys are in version 3), or migrations and the running model would differ.
    /// </summary>
    internal static void ConfigureIdentity(IdentityOptions options)
    {
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapAdditionalIdentityEndpoints();

        app.MapGet("/m/{token}", OpenMagicLink)
            .RequireRateLimiting(DefaultsExtensions.TokenRateLimit)
            .ExcludeFromDescription();

        // Signed in by cookie, not by token: the link check that opened the session was rate-limited.
        app.MapGet("/api/me", GetMe)
            .RequireAuthorization(ParticipantSession.Policy)
            .WithTags("Participants");
        return app;
    }

    /// <param name="next">Where to go once signed in; anything but a participant's own page leads to <c>/me</c> (no open redirect).</param>
    private static async Task<RedirectHttpResult> OpenMagicLink(string token, string? next, MagicLinks links, HttpContext context)
    {
        switch (await links.CheckAsync(token, context.RequestAborted))
        {
            case MagicLinkCheck.Valid valid:
                await context.SignInAsync(ParticipantSession.Scheme, ParticipantSession.CreatePrincipal(valid.Link));
                return TypedResults.Redirect(MagicLinkReturn.PathOrDefault(next));
            case MagicLinkCheck.Refused refused:
                return TypedResults.Redirect($"/link-problem?reason={refused.Problem.ToString().ToLowerInvariant()}");
            default:
                throw new InvalidOperationException("A magic-link check is either valid or refused.");
        }
    }

    /// <summary>What a business or creative sees of themselves: their own person and event, nothing else.</summary>
    public sealed record MyParticipation(string Name, string Event, string EventSlug, string Role, string Status);

    private static async Task<Results<Ok<MyParticipation>, NotFound>> GetMe(HttpContext context, TellerrandDb db)
    {
        var personId = context.User.PersonId();
        var eventId = context.User.EventId();
        var participation = await db.Participations
            .Where(p => p.PersonId == personId && p.EventId == eventId)
            .Select(p => new MyParticipation(p.Person!.DisplayName, p.Event!.Title, p.Event.Slug, p.Role.ToString(), p.Status.ToString()))
            .FirstOrDefaultAsync(context.RequestAborted);
        return participation is null ? TypedResults.NotFound() : TypedResults.Ok(participation);
    }
}
