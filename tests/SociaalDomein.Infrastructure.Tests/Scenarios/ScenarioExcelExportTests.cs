using ClosedXML.Excel;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Municipalities;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Scenarios;

/// <summary>The scenario workbook read back with ClosedXML: its values are the stored figures, and its totals are
/// formulas that evaluate to the same sums.</summary>
public class ScenarioExcelExportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Controller = "controller@demo.local";

    private readonly RecordingJobClient _jobs = new();

    private ScenarioFigureStore Store => new(fixture.ContextFactory, TimeProvider.System);

    private DeficitComponentService Prognosis => new(fixture.ContextFactory, TimeProvider.System, _jobs);

    private MeasureService Measures => new(fixture.ContextFactory, TimeProvider.System, _jobs);

    private async Task<XLWorkbook> ExportAsync() =>
        new(new MemoryStream(await new ScenarioExcelExport(Store, Prognosis, new MunicipalityService(fixture.ContextFactory)).CreateAsync()));

    private static decimal Number(IXLCell cell) => Math.Round(Convert.ToDecimal(cell.Value), 2);

    private static IXLRow Row(IXLWorksheet sheet, string first, string? second = null) =>
        sheet.RowsUsed().Single(r => r.Cell(1).GetString() == first && (second is null || r.Cell(2).GetString() == second));

    [Fact]
    public async Task The_scenario_sheet_has_the_components_the_baseline_as_their_sum_the_margin_and_every_scenario()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var figures = (await Store.ReadAsync()).Figures;

        using var book = await ExportAsync();

        Assert.Equal([ScenarioExcelExport.ScenarioSheet, ScenarioExcelExport.MeasureSheet, ScenarioExcelExport.RealisationSheet], book.Worksheets.Select(s => s.Name));
        var sheet = book.Worksheet(ScenarioExcelExport.ScenarioSheet);
        Assert.Equal(figures.Years.Select(y => y.ToString()), Enumerable.Range(3, figures.Years.Count).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        var baseline = Row(sheet, "Tekort zonder maatregelen");
        var components = (await Prognosis.ListAsync()).Components;
        for (var i = 0; i < figures.Years.Count; i++)
        {
            var cell = baseline.Cell(3 + i);
            Assert.StartsWith("SUM(", cell.FormulaA1);
            Assert.Equal(figures.Baseline[i], Number(cell));
            Assert.Equal(ScenarioExcelExport.EuroFormat, cell.Style.NumberFormat.Format);
            Assert.Equal(components.Where(c => c.Year == figures.Years[i]).Sum(c => c.Amount), Number(cell));
        }

        Assert.Equal(-4_000_000m, Number(Row(sheet, "Wmo").Cell(3 + figures.Years.ToList().IndexOf(2019))));
        var margin = Row(sheet, "Behoedzaamheidsmarge");
        Assert.Equal(figures.PrudenceMargin.Select(m => m ?? 0m), Enumerable.Range(3, figures.Years.Count).Select(c => margin.Cell(c).IsEmpty() ? 0m : Number(margin.Cell(c))));
        foreach (var scenario in figures.Scenarios)
        {
            var row = Row(sheet, scenario.Indicative ? $"{scenario.Name} (indicatief)" : scenario.Name);
            Assert.Equal(scenario.Deficits, Enumerable.Range(3, figures.Years.Count).Select(c => Number(row.Cell(c))));
            Assert.Equal(scenario.Indicative, row.Cell(2).GetString().StartsWith("Indicatief", StringComparison.Ordinal));
            Assert.Equal(string.Join(", ", scenario.Measures), row.Cell(3 + figures.Years.Count).GetString());
        }

        Assert.Contains(sheet.CellsUsed(), c => c.GetString().Contains("demonstratiegegevens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_measure_sheet_has_yields_pm_and_costs_per_year_with_totals_as_formulas_and_withdrawn_measures_apart()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var w4 = (await Measures.ListAsync()).Single(m => m.Code == "W4");
        Assert.True((await Measures.SetRetiredAsync("W4", retired: true, w4.Version, "Test", Controller)).Succeeded);
        await Store.RefreshAsync();
        var figures = (await Store.ReadAsync()).Figures;

        using var book = await ExportAsync();

        var sheet = book.Worksheet(ScenarioExcelExport.MeasureSheet);
        var yieldColumn = (int year) => 6 + figures.Years.ToList().IndexOf(year);
        var costColumn = (int year) => 6 + figures.Years.Count + figures.Years.ToList().IndexOf(year);
        Assert.Equal("Opbrengst 2019", sheet.Cell(1, yieldColumn(2019)).GetString());
        Assert.Equal("Uitvoeringskosten 2019", sheet.Cell(1, costColumn(2019)).GetString());
        var w1 = figures.Measure("W1")!;
        var w1Row = Row(sheet, "W1");
        Assert.Equal(w1.YieldIn(2019), Number(w1Row.Cell(yieldColumn(2019))));
        Assert.Equal(w1.CostIn(2019), Number(w1Row.Cell(costColumn(2019))));
        Assert.Equal("Wmo", w1Row.Cell(3).GetString());
        Assert.Equal(ScenarioExcelExport.Pm, Row(sheet, "S1").Cell(yieldColumn(2019)).GetString());

        var total = Row(sheet, "Totaal");
        var active = figures.Measures.Where(m => !m.Retired).ToList();
        foreach (var year in figures.Years)
        {
            Assert.StartsWith("SUM(", total.Cell(yieldColumn(year)).FormulaA1);
            Assert.Equal(active.Sum(m => m.YieldIn(year) ?? 0m), Number(total.Cell(yieldColumn(year))));
            Assert.Equal(active.Sum(m => m.CostIn(year)), Number(total.Cell(costColumn(year))));
        }

        Assert.True(Row(sheet, "W4").RowNumber() > total.RowNumber());
        Assert.Equal(1, sheet.SheetView.SplitRow);
    }

    [Fact]
    public async Task The_realisation_sheet_puts_each_quarters_projection_against_its_realisation_with_sums_and_no_personal_data()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        Assert.True((await Measures.RecordRealisationAsync("W1", new RealisationDraft(2019, 2, 60_000m, "Minder toekenningen"), Controller)).Succeeded);
        Assert.True((await Measures.RecordRealisationAsync("S1", new RealisationDraft(2019, 1, 5_000m, "Eerste effect"), Controller)).Succeeded);
        await Store.RefreshAsync();
        var figures = (await Store.ReadAsync()).Figures;

        using var book = await ExportAsync();

        var sheet = book.Worksheet(ScenarioExcelExport.RealisationSheet);
        Assert.Equal(["K1 verwacht", "K1 gerealiseerd"], new[] { sheet.Cell(1, 4).GetString(), sheet.Cell(1, 5).GetString() });
        var w1 = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "2019" && r.Cell(2).GetString() == "W1");
        var w1Yield = figures.Measure("W1")!.YieldIn(2019)!.Value;
        Assert.Equal(w1Yield / 4m, Number(w1.Cell(4)));
        Assert.Equal(60_000m, Number(w1.Cell(7)));
        Assert.True(w1.Cell(5).IsEmpty());
        Assert.Equal(w1Yield, Number(w1.Cell(12)));
        Assert.Equal(60_000m, Number(w1.Cell(13)));
        Assert.Equal(60_000m - w1Yield, Number(w1.Cell(14)));
        Assert.Equal(ScenarioExcelExport.Pm, sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "2019" && r.Cell(2).GetString() == "S1").Cell(12).GetString());

        var total = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "2019" && r.Cell(2).GetString() == "Totaal");
        var measures2019 = figures.Measures.Where(m => !m.Retired && m.Years.Any(y => y.Year == 2019)).ToList();
        Assert.StartsWith("SUM(", total.Cell(12).FormulaA1);
        Assert.Equal(measures2019.Sum(m => m.IsPmIn(2019) ? 0m : m.YieldIn(2019)!.Value), Number(total.Cell(12)));
        Assert.Equal(65_000m, Number(total.Cell(13)));
        Assert.Equal(QuarterlyProgress.Total(QuarterlyProgress.Measures(figures, 2019, 4)).Difference, Number(total.Cell(14)));
        Assert.DoesNotContain(book.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString().Contains("@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_component_changed_since_the_last_recompute_is_in_the_workbook_and_in_every_figure_of_it()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var stale = (await Store.ReadAsync()).Figures;
        var wmo = (await Prognosis.ListAsync()).Components.Single(c => c.Name == "Wmo" && c.Year == 2020);
        Assert.True((await Prognosis.UpdateAsync(wmo.Id, wmo.Amount - 500_000m, null, "Test", wmo.Version, Controller)).Succeeded);

        using var book = await ExportAsync();

        var sheet = book.Worksheet(ScenarioExcelExport.ScenarioSheet);
        var column = 3 + stale.Years.ToList().IndexOf(2020);
        Assert.Equal(stale.Baseline[stale.Years.ToList().IndexOf(2020)] - 500_000m, Number(Row(sheet, "Tekort zonder maatregelen").Cell(column)));
        Assert.Equal(stale.Scenario("Optimaliseren")!.Deficits[stale.Years.ToList().IndexOf(2020)] - 500_000m, Number(Row(sheet, "Optimaliseren").Cell(column)));
        Assert.False((await Store.ReadAsync()).RecomputePending);
    }
}
