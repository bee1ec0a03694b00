using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Tellerrand.Web.Hosting;

public static class DefaultsExtensions
{
    /// <summary>German first; English with British formats (24-hour clock, day before month), as Europeans read it.</summary>
    public static readonly CultureInfo[] SupportedCultures = [new("de-DE"), new("en-GB")];

    /// <summary>Rate-limit policy for everything that issues or checks a token.</summary>
    public const string TokenRateLimit = "tokens";

    /// <summary>
    /// What every Tellerrand host has: validated options, OpenTelemetry, health checks,
    /// ProblemDetails, German-first localization, rate limits and the clock.
    /// </summary>
    public static IHostApplicationBuilder AddTellerrandDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TellerrandOptions>()
            .BindConfiguration(TellerrandOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddLocalization();

        // Logs carry ids, never names, e-mail addresses or tokens. Scopes stay off: the request scope
        // holds the path, and a magic link's path is its secret.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>(o => o.IncludeScopes = false);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o => o.IncludeScopes = false);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(o => o.IncludeScopes = false);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Tellerrand.*")
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        // Exports only where the operator configured a collector: no call to a service nobody chose. Traces are only
        // recorded then: a span for every grain call and request that nobody reads was a measurable share of the
        // boards' work under load.
        if (HasCollector(builder.Configuration))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource("Tellerrand.*")
                    .AddSource("Microsoft.Orleans.Runtime")
                    .AddSource("Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/healthz");
                        o.EnrichWithHttpRequest = RedactSecretPaths;
                    })
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(TokenRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>Whether the operator named an OpenTelemetry collector (README, "Configuration").</summary>
    internal static bool HasCollector(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>
    /// The browser's preferred languages matched by language alone, so that en-US, en-IE or de-AT
    /// readers get the English or German interface rather than the default.
    /// </summary>
    private static Task<ProviderCultureResult?> BrowserLanguage(HttpContext context)
    {
        var preferred = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1);
        foreach (var language in preferred)
        {
            var code = language.Value.Value?.Split('-')[0];
            var match = SupportedCultures.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, code, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(match.Name));
            }
        }
        return Task.FromResult<ProviderCultureResult?>(null);
    }

    /// <summary>Paths that carry a secret token; traces record their route template instead.</summary>
    private static readonly string[] SecretPathPrefixes = ["/m", "/setup"];

    private static void RedactSecretPaths(System.Diagnostics.Activity activity, HttpRequest request)
    {
        foreach (var prefix in SecretPathPrefixes)
        {
            if (request.Path.StartsWithSegments(prefix))
            {
                activity.SetTag("url.path", prefix + "/{token}");
                activity.SetTag("url.full", null);
                activity.SetTag("url.query", null);
            }
        }
    }

    /// <summary>
    /// Takes the client's address (and scheme) from X-Forwarded-* when the request comes from loopback or a configured
    /// trusted proxy, and only then: a header from anybody else is ignored, so nobody can pick their own address to
    /// escape a rate limit. Runs first, so that everything after it sees the person's address.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in app.Services.GetRequiredService<IOptions<TellerrandOptions>>().Value.TrustedProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new OptionsValidationException(nameof(TellerrandOptions), typeof(TellerrandOptions),
                    [$"Tellerrand:TrustedProxies: '{proxy}' is neither an IP address nor a network like 10.0.0.0/24."]);
            }
        }
        app.UseForwardedHeaders(forwarded);
        return app;
    }

    public static WebApplication UseTellerrandDefaults(this WebApplication app)
    {
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("de-DE");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            options.ApplyCurrentCultureToResponseHeaders = true;
            // Cookie first, so a choice made in the UI wins over the browser's language.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new CustomRequestCultureProvider(BrowserLanguage)];
        });
        app.MapHealthChecks("/healthz");
        app.MapGet("/culture", (string culture, string? redirectUri, HttpContext context) =>
        {
            if (SupportedCultures.Any(c => c.Name == culture || c.TwoLetterISOLanguageName == culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(SupportedCultures.First(c => c.Name == culture || c.TwoLetterISOLanguageName == culture))),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }
            return TypedResults.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    private static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri[0] == '/' && (uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\'));
}
