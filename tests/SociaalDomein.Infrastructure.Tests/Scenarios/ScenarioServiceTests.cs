using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Municipalities;
using SociaalDomein.Infrastructure.Overview;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Scenarios;

/// <summary>With the demonstration data, the scenarios reproduce the table "Effect scenario's" of the plan
/// (docs/sources.md: Interventieplan 2018 §4).</summary>
public class ScenarioServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static decimal Millions(decimal euros) => Math.Round(euros / 1_000_000m, 1, MidpointRounding.AwayFromZero);

    [Theory]
    [InlineData("Doorgaan", "-10.5 -9.0 -9.3 -9.2 -8.7")]
    [InlineData("Optimaliseren", "-7.1 -6.0 -5.9 -5.5 -4.8")]
    [InlineData("Hervormen", "-7.1 -6.0 -5.4 -4.5 -3.3")]
    public async Task The_deficits_of_the_scenarios_match_the_plan(string scenario, string millions2018To2022)
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var deficits = await new ScenarioServices(fixture).Scenarios.DeficitsAsync();

        var ofScenario = deficits.Where(d => d.Scenario == scenario).ToList();
        Assert.Equal([2017, 2018, 2019, 2020, 2021, 2022], ofScenario.Select(d => d.Year));
        Assert.All(ofScenario, d => Assert.False(d.IsIndicative));
        Assert.Equal(
            millions2018To2022.Split(' ').Select(v => decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)),
            ofScenario.Where(d => d.Year >= 2018).Select(d => Millions(d.Deficit)));
    }

    /// <summary>The plan prints one decimal; these are the figures before rounding. Every cell rounds to the plan's, and only
    /// because W1 costs € 125.000 a year from 2019 (the plan's note on W1): without that, Optimaliseren 2019 would be
    /// −5,882 → −5,9 instead of the plan's −6,0. docs/domain.md §8 and the README say so.</summary>
    [Theory]
    [InlineData("Doorgaan", "-10500000 -9000000 -9300000 -9200000 -8700000")]
    [InlineData("Optimaliseren", "-7066000 -6007000 -5907000 -5507000 -4807000")]
    [InlineData("Hervormen", "-7066000 -6007000 -5407000 -4507000 -3307000")]
    public async Task The_unrounded_deficits_are_the_plans_figures_before_rounding_to_one_decimal(string scenario, string euros2018To2022)
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var deficits = await new ScenarioServices(fixture).Scenarios.DeficitsAsync();

        Assert.Equal(
            euros2018To2022.Split(' ').Select(decimal.Parse),
            deficits.Where(d => d.Scenario == scenario && d.Year >= 2018).Select(d => d.Deficit));
    }

    [Fact]
    public async Task Herstructureren_is_shown_indicatively_as_a_path_to_balance()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var deficits = await new ScenarioServices(fixture).Scenarios.DeficitsAsync();

        var herstructureren = deficits.Where(d => d.Scenario == "Herstructureren").ToList();
        Assert.Equal(6, herstructureren.Count);
        Assert.All(herstructureren, d =>
        {
            Assert.True(d.IsIndicative);
            Assert.Equal(0m, d.Deficit);
        });
    }

    [Fact]
    public async Task The_PM_measures_are_counted_per_year()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var deficits = await new ScenarioServices(fixture).Scenarios.DeficitsAsync();

        int PmOf(string scenario, int year) => deficits.Single(d => d.Scenario == scenario && d.Year == year).PmMeasures;
        Assert.Equal(0, PmOf("Doorgaan", 2018));
        Assert.Equal(5, PmOf("Optimaliseren", 2018)); // S1, S2, S3, S4, P6
        Assert.Equal(4, PmOf("Optimaliseren", 2019)); // S3 is quantified from 2019
        Assert.Equal(4, PmOf("Hervormen", 2022));
    }

    [Fact]
    public async Task Without_data_there_are_no_deficits()
    {
        await fixture.ResetAsync();

        Assert.Empty(await new ScenarioServices(fixture).Scenarios.DeficitsAsync());
    }

    [Fact]
    public async Task The_overview_shows_the_last_actual_year_and_the_coming_forecast_year()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var contexts = fixture.ContextFactory;
        var budgets = new BudgetService(contexts);
        var overview = new OverviewService(contexts, new MunicipalityService(contexts), budgets, new ScenarioServices(fixture).Scenarios);

        var figures = await overview.GetAsync();

        Assert.NotNull(figures.Municipality);
        Assert.Equal(DemoDataSeeder.MunicipalityName, figures.Municipality.Name);
        Assert.Equal(126_138, figures.Municipality.Inhabitants);
        Assert.NotNull(figures.LastActualYear);
        Assert.Equal(2017, figures.LastActualYear.Year);
        Assert.Equal(-5_196m, Math.Round(figures.LastActualYear.Total.Balance / 1000m, MidpointRounding.AwayFromZero));
        Assert.Equal(-3_220m, Math.Round(figures.LastActualYear[BudgetDomain.Wmo]!.Subtotal.Balance / 1000m, MidpointRounding.AwayFromZero));
        Assert.Equal(2018, figures.ForecastYear);
        Assert.Equal(
            [("Doorgaan", -10.5m), ("Optimaliseren", -7.1m), ("Hervormen", -7.1m), ("Herstructureren", 0m)],
            figures.ForecastDeficits.Select(d => (d.Scenario, Millions(d.Deficit))));
        Assert.All(figures.ForecastDeficits, d => Assert.Equal(2018, d.Year));
        Assert.Equal(1_000_000m, figures.PrudenceMargin);
    }

    [Fact]
    public async Task The_overview_of_an_empty_database_has_no_figures()
    {
        await fixture.ResetAsync();
        var contexts = fixture.ContextFactory;
        var overview = new OverviewService(contexts, new MunicipalityService(contexts), new BudgetService(contexts), new ScenarioServices(fixture).Scenarios);

        var figures = await overview.GetAsync();

        Assert.Null(figures.Municipality);
        Assert.Null(figures.LastActualYear);
        Assert.Null(figures.ForecastYear);
        Assert.Empty(figures.ForecastDeficits);
        Assert.Null(figures.PrudenceMargin);
    }
}
