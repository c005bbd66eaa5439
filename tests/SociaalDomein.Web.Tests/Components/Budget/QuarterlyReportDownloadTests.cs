using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using BudgetPage = SociaalDomein.Web.Components.Pages.Budget;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The control "Kwartaalrapportage" on /begroting (docs/domain.md §7) on the demo data with the clock on
/// 15 August 2017: the page's year, the last quarter that has ended chosen, a download link to the report's endpoint, a
/// quarter that has not ended explained instead of offered, and no control for a user whom the endpoint's policy refuses.</summary>
public sealed class QuarterlyReportDownloadTests : MudBunitContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly DatabaseFixture _database;

    public QuarterlyReportDownloadTests(DatabaseFixture database)
    {
        _database = database;
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2017, 8, 15, 10, 0, 0, TimeSpan.FromHours(2))));
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>();
        Services.AddSingleton<BudgetService>();
        Services.AddSingleton<MutationService>();
        Services.AddSingleton<ForecastService>();
    }

    public override Task InitializeAsync() => _database.ResetAndSeedDemoDataAsync();

    [Fact]
    public async Task The_controller_gets_the_last_ended_quarter_of_the_pages_year_and_a_quarter_still_running_is_explained()
    {
        AddAuthorization().SetAuthorized("controller@demo.local").SetRoles(Roles.Controller).SetPolicies("Aanbieders", "Financieel");
        var page = Render<BudgetPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=kwartaalrapportage-download]")), Wait);
        Assert.Equal("Kwartaalrapportage 2017", page.Find("#kwartaalrapportage-kop").TextContent.Trim());
        var link = page.Find("[data-testid=kwartaalrapportage-download]");
        Assert.Equal("api/reports/kwartaal.xlsx?year=2017&quarter=2", link.GetAttribute("href"));
        Assert.Equal("kwartaalrapportage-2017-K2.xlsx", link.GetAttribute("download"));
        Assert.Empty(page.FindAll("[data-testid=kwartaal-niet-af]"));

        var quarter = page.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Kwartaal");
        await page.InvokeAsync(() => quarter.Instance.ValueChanged.InvokeAsync(3));

        page.WaitForAssertion(() => Assert.Equal("Kwartaal 3 van 2017 eindigt op 30-09-2017; de rapportage kan pas daarna.",
            page.Find("[data-testid=kwartaal-niet-af]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-testid=kwartaalrapportage-download]"));
    }

    [Fact]
    public void A_user_the_reports_policy_refuses_sees_no_quarterly_report()
    {
        AddAuthorization().SetAuthorized("iemand@demo.local");
        var page = Render<BudgetPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=begrotingstabel]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=kwartaalrapportage]"));
    }
}
