using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using SociaalDomein.Infrastructure;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Web.Api;
using SociaalDomein.Web.Auth;
using SociaalDomein.Web.Components;
using SociaalDomein.Web;
using SociaalDomein.Web.Formatting;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = Dutch.Culture;

var builder = WebApplication.CreateBuilder(args);

using var startupLogs = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
LocalPostgresServer? localDatabase = null;
try
{
    localDatabase = await DatabaseStartup.PrepareAsync(builder.Configuration, startupLogs.CreateLogger("SociaalDomein.Database"));
    if (localDatabase is not null)
    {
        // Registered first, so it stops last: after the job server and the web server have let go of the database.
        builder.Services.AddSingleton(localDatabase);
        builder.Services.AddHostedService<LocalPostgresLifetime>();
    }

    builder.AddInfrastructure();
}
catch (StartupException ex)
{
    Console.Error.WriteLine($"SociaalDomein kan niet starten: {ex.Message}");
    if (localDatabase is not null)
    {
        await localDatabase.StopAsync();
    }

    return 1;
}

builder.Services.AddSociaalDomeinAuthentication(builder.Configuration);
builder.Services.AddSociaalDomeinOpenApi();
builder.Services.AddApiBadRequests(); // a body or parameter the API cannot read: a Dutch 400, not a 500
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddTransient<MudBlazor.MudLocalizer, DutchMudLocalizer>(); // MudBlazor's button names in Dutch

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/fout", createScopeForErrors: true);
    app.UseHsts();
}

app.UseRequestLocalization("nl-NL");
app.UseApiBadRequests();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapPost("/account/logout", async (SignInManager<IdentityUser> signIn) =>
{
    await signIn.SignOutAsync();
    return TypedResults.LocalRedirect("~/account/login");
});
app.MapApi();
app.MapSociaalDomeinOpenApi();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
app.MapHangfireDashboardWithAuthorizationPolicy(AuthenticationSetup.Policies.Beheerder, "/hangfire",
    new DashboardOptions { Authorization = [], DashboardTitle = "SociaalDomein — achtergrondtaken", AppPath = "/beheer" });

RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
