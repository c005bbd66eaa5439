using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using ProvidersPage = SociaalDomein.Web.Components.Pages.Providers;
using ProviderPage = SociaalDomein.Web.Components.Pages.ProviderDetail;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The two pages with the real ProviderService on a database holding the demo data, as the contract manager.</summary>
public sealed class ProviderPagesTests : MudBunitContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>For the first open of the Aanbieders page: with nothing stored (the app's recompute job after the demo
    /// seeding has not run here) it computes and stores every year of the demo on request, 8 s on an idle two-core
    /// machine and over 20 s while the other test classes run beside it (a CI run failed on 20 s).</summary>
    private static readonly TimeSpan FirstOpenWait = TimeSpan.FromSeconds(90);
    private readonly DatabaseFixture _database;

    public ProviderPagesTests(DatabaseFixture database)
    {
        _database = database;
        AddAuthorization().SetAuthorized("contractmanager@demo.local").SetRoles(Roles.Contractmanager).SetPolicies("Aanbieders", "Contractbeheer");
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>();
        Services.AddSingleton<ProviderFigureStore>();
        Services.AddSingleton<ProviderService>();
        Services.AddSingleton<CeilingService>();
        Services.AddSingleton<ProviderEditService>();
        Services.AddSingleton<ProviderWarningService>();
        Services.AddSingleton(new ProviderSettings());
    }

    public override Task InitializeAsync() => _database.ResetAndSeedDemoDataAsync();

    [Fact]
    public void The_Aanbieders_page_opens_on_the_latest_year_with_linked_providers_the_type_table_and_the_top_five()
    {
        var page = Render<ProvidersPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=aanbieder-link]")), FirstOpenWait);
        var link = page.Find("[data-testid=aanbieder-link]");
        Assert.Matches(@"^aanbieders/\d{8}$", link.GetAttribute("href"));
        Assert.Equal("descending", page.Find("button[data-sort=clientsGrowth]").ParentElement!.GetAttribute("aria-sort"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=typen] tbody tr")), Wait);
        Assert.Contains("snelst groeiende", page.Find("[data-testid=top5-zin]").TextContent);
        Assert.Contains("Berekend op", page.Find("[data-testid=berekend-op]").TextContent);
    }

    [Fact]
    public void The_provider_page_shows_the_provider_with_its_trends_and_tabs()
    {
        var page = Render<ProviderPage>(p => p.Add(c => c.Agb, "75750001"));

        page.WaitForAssertion(() => Assert.Equal("75750001", page.Find("[data-testid=stamgegevens] dd").TextContent.Trim()), Wait);
        Assert.NotEqual("Aanbieder niet gevonden", page.Find("h1").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=verloop-clienten] svg[role=img]"));
        Assert.NotNull(page.Find("[data-testid=aanbieder-wijzigen]"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=uitputting] tbody tr")), Wait * 3);
        Assert.Equal("Uitputting per product", page.Find("#kop-uitputting").TextContent.Trim());
    }

    [Theory]
    [InlineData("99999999")]
    [InlineData("abc")]
    public void An_unknown_AGB_code_gets_a_Dutch_not_found_message(string agb)
    {
        var page = Render<ProviderPage>(p => p.Add(c => c.Agb, agb));

        page.WaitForAssertion(() => Assert.Equal("Aanbieder niet gevonden", page.Find("h1").TextContent.Trim()), Wait);
        Assert.Contains($"Er is geen aanbieder met AGB-code {agb}.", page.Find("[data-testid=onbekende-aanbieder]").TextContent);
    }
}
