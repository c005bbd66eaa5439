using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Forecasts;

/// <summary>Controllers edit the baseline's components, the prudence margin and the indicative path (docs/domain.md §7).</summary>
public class DeficitComponentServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(ScenarioServices Services, DeficitComponentRow Wmo2019)> SeededAsync()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        var wmo2019 = (await services.Components.ListAsync()).Components.Single(c => c.Name == "Wmo" && c.Year == 2019);
        return (services, wmo2019);
    }

    [Fact]
    public async Task The_baseline_of_a_year_is_the_sum_of_its_components()
    {
        var (services, _) = await SeededAsync();

        var inputs = await services.Components.ListAsync();
        var figures = (await services.Store.ComputeAsync()).Figures;

        Assert.Equal(
            figures.Years.Select(y => inputs.Components.Where(c => c.Year == y).Sum(c => c.Amount)),
            figures.Baseline);
        Assert.Equal([1_000_000m, 2_000_000m, 2_500_000m, 2_500_000m, 2_500_000m], inputs.PrudenceMargins.Select(m => m.Amount));
    }

    [Fact]
    public async Task An_edit_needs_a_reason_and_is_audited_with_before_and_after()
    {
        var (services, wmo2019) = await SeededAsync();

        var withoutReason = await services.Components.UpdateAsync(wmo2019.Id, -4_500_000m, null, "", wmo2019.Version, "controller");
        var done = await services.Components.UpdateAsync(wmo2019.Id, -4_500_000m, "Meer huishoudelijke hulp", "Berap 2019-I", wmo2019.Version, "controller");

        Assert.Equal(ChangeOutcome.Invalid, withoutReason.Outcome);
        Assert.Contains("reden", withoutReason.Errors["reason"]);
        Assert.True(done.Succeeded, done.Message);
        var entry = await fixture.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal(AuditAction.PrognosisChanged, entry.Action);
        Assert.Equal("Tekortcomponent Wmo 2019", entry.Subject);
        Assert.Equal("€ -4.000.000 → € -4.500.000; toelichting: (leeg) → Meer huishoudelijke hulp; reden: Berap 2019-I", entry.Details);
        Assert.Equal(1, services.RecomputesQueued);
        var figures = (await services.Store.ComputeAsync()).Figures;
        Assert.Equal(-9_500_000m, figures.Baseline[figures.YearIndex(2019)]);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_keeps_the_first_change()
    {
        var (services, wmo2019) = await SeededAsync();

        await services.Components.UpdateAsync(wmo2019.Id, -4_100_000m, null, "eerste", wmo2019.Version, "anna");
        var second = await services.Components.UpdateAsync(wmo2019.Id, -4_200_000m, null, "tweede", wmo2019.Version, "bert");

        Assert.Equal(ChangeOutcome.Conflict, second.Outcome);
        Assert.Equal(-4_100_000m, await fixture.QueryAsync(db => db.DeficitComponents.Where(c => c.Id == wmo2019.Id).Select(c => c.Amount).SingleAsync()));
    }

    [Fact]
    public async Task A_new_component_adds_a_row_per_year()
    {
        var (services, _) = await SeededAsync();

        var result = await services.Components.AddAsync(
            new DeficitComponentDraft("Begrotingswijzigingen na vaststelling", DeficitComponentKind.BudgetChange, null,
                [new YearAmount(2019, -300_000m), new YearAmount(2020, -250_000m)]),
            "Raadsbesluit", "controller");
        var duplicate = await services.Components.AddAsync(
            new DeficitComponentDraft("Begrotingswijzigingen na vaststelling", DeficitComponentKind.BudgetChange, null, [new YearAmount(2021, 1m)]),
            "nogmaals", "controller");

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("Er is al een component", duplicate.Errors["name"]);
        var rows = (await services.Components.ListAsync()).Components.Where(c => c.Kind == DeficitComponentKind.BudgetChange).ToList();
        Assert.Equal([(2019, -300_000m), (2020, -250_000m)], rows.Select(r => (r.Year, r.Amount)));
    }

    [Theory]
    [InlineData(null, "amounts", "minstens één jaar")]
    [InlineData(2030, "amounts[0].year", "sluit niet aan op de prognoseperiode")]
    public async Task A_wrong_new_component_is_refused_on_its_field(int? year, string field, string message)
    {
        var (services, _) = await SeededAsync();
        YearAmount[] amounts = year is { } y ? [new YearAmount(y, 1m)] : [];

        var result = await services.Components.AddAsync(new DeficitComponentDraft("Nieuw", DeficitComponentKind.Other, null, amounts), "reden", "controller");

        Assert.Contains(message, result.Errors[field]);
    }

    [Fact]
    public async Task The_margin_and_the_indicative_path_are_set_by_hand_against_what_the_user_saw()
    {
        var (services, _) = await SeededAsync();

        var margin = await services.Components.SetMarginAsync(2019, 1_500_000m, 2_000_000m, "Marge deels ingezet", "controller");
        var staleMargin = await services.Components.SetMarginAsync(2019, 1_000_000m, 2_000_000m, "nogmaals", "controller");
        var path = await services.Components.SetPathAsync("Herstructureren", 2020, -2_000_000m, null, "Tussenstap", "controller");
        var notIndicative = await services.Components.SetPathAsync("Optimaliseren", 2020, -2_000_000m, null, "mag niet", "controller");
        var figures = (await services.Store.ComputeAsync()).Figures;

        Assert.True(margin.Succeeded && path.Succeeded);
        Assert.Equal(ChangeOutcome.Conflict, staleMargin.Outcome);
        Assert.Contains("geen indicatief scenario", notIndicative.Errors["scenario"]);
        Assert.Equal(1_500_000m, figures.PrudenceMargin[figures.YearIndex(2019)]);
        Assert.Equal(-2_000_000m, figures.Scenario("Herstructureren")!.Deficits[figures.YearIndex(2020)]);
        Assert.Equal(0m, figures.Scenario("Herstructureren")!.Deficits[figures.YearIndex(2021)]);
    }
}
