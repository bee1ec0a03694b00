using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tellerrand.Web.Tests.Infrastructure;
using Tellerrand.Web.Tests.Mail;

namespace Tellerrand.Browser.Tests;

/// <summary>
/// Tellerrand on real Kestrel on a loopback port, with Debian's Chromium driven by Playwright
/// (no browser download: the machine's /usr/bin/chromium).
/// </summary>
public class BrowserApp : SqliteApp
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TELLERRAND_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // The machine's network is closed: without these, Chromium keeps dialling out at start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context, as a new person on a new device, reading German.</summary>
    public async Task<IPage> NewPageAsync(string locale = "de-DE")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page of a fresh organiser, signed in through the real login form.</summary>
    public async Task<IPage> SignedInOrganiserAsync()
    {
        var organiser = await CreateStaffAsync(Tellerrand.Web.Accounts.StaffRoles.Organiser);
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(organiser.Email!);
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("Werkstatt-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Veranstaltungen" })).ToBeVisibleAsync();
        return page;
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// The browser app sending its mail to a real SMTP server in the test process, as a production
/// installation would; registration's per-address limit is raised because every page shares 127.0.0.1.
/// </summary>
public sealed class SmtpBrowserApp : BrowserApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
        [.. Smtp.Settings, new("Tellerrand:Registration:RequestsPerMinute", "1000")];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
