using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Components;
using Tellerrand.Web.Events;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Handover;
using Tellerrand.Web.Hosting;
using Tellerrand.Web.Live;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Outreach;
using Tellerrand.Web.Registration;
using Tellerrand.Web.Reporting;
using Tellerrand.Web.Retention;

var builder = WebApplication.CreateBuilder(args);
// Serves framework and component scripts from the build output in every environment, so that
// `dotnet run` works outside Development too; a published app has no manifest and is unaffected.
builder.WebHost.UseStaticWebAssets();

builder.AddTellerrandDefaults();   // options, OpenTelemetry, /healthz, ProblemDetails, localization, rate limits
builder.AddTellerrandDatabase();   // SQLite or PostgreSQL, migrations and seeders at start
builder.AddTellerrandOrleans();    // the co-hosted silo for boards and live events
builder.AddTellerrandMail();       // SMTP, or the outbox folder
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

builder.AddAccounts();
builder.AddEvents();
builder.AddRegistration();
builder.AddBoards();
builder.AddHandover();
builder.AddMatching();
builder.AddLive();
builder.AddOutreach();
builder.AddFeedback();
builder.AddRetention();
builder.AddReporting();

var app = builder.Build();
app.UseTrustedProxies();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseTellerrandDefaults();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.MapAccounts();
app.MapEvents();
app.MapRegistration();
app.MapBoards();
app.MapHandover();
app.MapLive();
app.MapOutreach();
app.MapReporting();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
