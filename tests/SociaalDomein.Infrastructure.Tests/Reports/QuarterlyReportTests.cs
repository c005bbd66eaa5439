using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Municipalities;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Reports;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Stacking;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static SociaalDomein.Infrastructure.Reports.QuarterlyReport;

namespace SociaalDomein.Infrastructure.Tests.Reports;

/// <summary>The kwartaalrapportage of Q3 2017 on the demo (issue 11 point 4): its sheets, the forecast sheet equal to the
/// forecast service with formulas where a reader expects them, the as-of dates in "Toelichting", Dutch refusals, and the
/// workbook opened by LibreOffice (headless conversion) with the same figures after LibreOffice recalculated it.</summary>
public sealed class QuarterlyReportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        _services = new ServiceCollection()
            .AddSingleton(fixture.ContextFactory)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>()
            .AddSingleton(new StackingSettings())
            .AddSingleton<StackingService>()
            .AddSingleton<StackingExcelExport>()
            .AddSingleton<BudgetService>()
            .AddSingleton<MutationService>()
            .AddSingleton<BudgetExcelExport>()
            .AddSingleton<ForecastService>()
            .AddSingleton<ForecastFigureStore>()
            .AddSingleton<ScenarioFigureStore>()
            .AddSingleton<DeficitComponentService>()
            .AddSingleton<MunicipalityService>()
            .AddSingleton<ScenarioExcelExport>()
            .AddSingleton<ProviderWarningService>()
            .AddSingleton<ProviderWarningExcelExport>()
            .AddSingleton<QuarterlyReport>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private QuarterlyReport Report => _services.GetRequiredService<QuarterlyReport>();

    private async Task<(XLWorkbook Book, ForecastReport Forecast)> Q3Async()
    {
        var answer = await Report.CreateAsync(2017, 3);
        Assert.Null(answer.Error);
        var forecast = (await _services.GetRequiredService<ForecastService>().ForecastAsync(2017, new DateOnly(2017, 9, 30))).Value!;
        return (new XLWorkbook(new MemoryStream(answer.Value!)), forecast);
    }

    private static decimal Number(IXLCell cell) => Math.Round(Convert.ToDecimal(cell.Value, CultureInfo.InvariantCulture), 2);

    [Fact]
    public async Task The_workbook_holds_every_part_behind_its_explanation_with_the_as_of_dates()
    {
        var (book, _) = await Q3Async();

        var names = book.Worksheets.Select(w => w.Name).ToList();
        Assert.Equal(ExplanationSheet, names[0]);
        Assert.Equal(
            [BudgetExcelExport.BudgetSheet(2017), BudgetExcelExport.MutationSheet, BudgetExcelExport.MonthSheet, ForecastSheet,
             ScenarioExcelExport.ScenarioSheet, ScenarioExcelExport.MeasureSheet, ScenarioExcelExport.RealisationSheet,
             StackingExplanationSheet],
            names.Skip(1).Take(8));
        Assert.Equal(ProviderWarningExcelExport.SheetName, names[^1]);
        var explanation = book.Worksheet(ExplanationSheet);
        var text = string.Join("\n", explanation.CellsUsed().Select(c => c.GetString()));
        Assert.Contains("Kwartaalrapportage sociaal domein 2017, 3e kwartaal", text, StringComparison.Ordinal);
        Assert.Contains("stand per 30-09-2017", text, StringComparison.Ordinal);
        var stored = (await _services.GetRequiredService<ForecastFigureStore>().ForecastAsync(2017, new DateOnly(2017, 9, 30))).Value!;
        var computedAt = TimeZoneInfo.ConvertTime(stored.ComputedAt, Infrastructure.Jobs.RecurringJobs.Amsterdam);
        Assert.Contains($"berekend op {computedAt.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("werkelijke uitgaven tot en met december 2017", text, StringComparison.Ordinal);
        Assert.Contains("Demonstratiegegevens", text, StringComparison.Ordinal);
        Assert.All(names.Skip(1), name => Assert.Contains(name, text, StringComparison.Ordinal));
        Assert.Contains("publicatiemodus", book.Worksheet(StackingExplanationSheet).CellsUsed().Select(c => c.GetString()).First(s => s.Contains("publicatie", StringComparison.OrdinalIgnoreCase)),
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_forecast_sheet_has_the_services_figures_per_line_and_formulas_for_balances_and_sums()
    {
        var (book, forecast) = await Q3Async();
        var sheet = book.Worksheet(ForecastSheet);

        var rows = sheet.RowsUsed().Where(r => r.RowNumber() > ForecastHeaderRow).ToList();
        foreach (var line in forecast.Lines)
        {
            var row = rows.Single(r => r.Cell(CodeColumn).GetString() == line.Code);
            var n = row.RowNumber();
            Assert.Equal(line.Name, row.Cell(NameColumn).GetString());
            Assert.Equal(Math.Round(line.Figures.Budget, 2), Number(row.Cell(BudgetColumn)));
            Assert.Equal(Math.Round(line.Figures.ActualToDate, 2), Number(row.Cell(ActualColumn)));
            foreach (var (column, method) in new[] { (LinearColumn, ForecastMethod.Linear), (LagColumn, ForecastMethod.LagAdjusted), (CommitmentColumn, ForecastMethod.Commitment) })
            {
                var value = line.Figures[method];
                if (value.Amount is { } amount)
                {
                    Assert.Equal(Math.Round(amount, 2), Number(row.Cell(column)));
                }
                else
                {
                    Assert.Equal(NotComputable, row.Cell(column).GetString());
                    Assert.Contains(value.Reason!, row.Cell(NoteColumn).GetString(), StringComparison.Ordinal);
                }
            }

            Assert.Equal(line.Figures.Method!.Value.DutchName(), row.Cell(MethodColumn).GetString());
            Assert.Equal($"C{n}-I{n}", row.Cell(BalanceColumn).FormulaA1);
        }

        var domainRows = rows.Where(r => r.Cell(NameColumn).GetString().StartsWith("Totaal ", StringComparison.Ordinal)
                                         && r.Cell(NameColumn).GetString() != "Totaal sociaal domein").ToList();
        Assert.Equal(forecast.Domains.Select(d => $"Totaal {d.Domain.DutchName()}"), domainRows.Select(r => r.Cell(NameColumn).GetString()));
        Assert.All(domainRows, r => Assert.StartsWith("SUM(C", r.Cell(BudgetColumn).FormulaA1, StringComparison.Ordinal));

        // A reader who changes a line's budget sees its balance, its domain and the total follow.
        var total = rows.Single(r => r.Cell(NameColumn).GetString() == "Totaal sociaal domein");
        var first = rows.Single(r => r.Cell(CodeColumn).GetString() == forecast.Lines.First().Code);
        first.Cell(BudgetColumn).Value = Number(first.Cell(BudgetColumn)) + 1_000_000m;
        book.RecalculateAllFormulas();
        Assert.Equal(Math.Round(forecast.Total.Budget + 1_000_000m, 2), Number(total.Cell(BudgetColumn)));
        Assert.Equal(Math.Round(forecast.Lines.First().Figures.Balance!.Value + 1_000_000m, 2), Number(first.Cell(BalanceColumn)));
    }

    [Fact]
    public async Task LibreOffice_opens_the_workbook_and_computes_the_same_balances()
    {
        var answer = await Report.CreateAsync(2017, 3);
        var forecast = (await _services.GetRequiredService<ForecastService>().ForecastAsync(2017, new DateOnly(2017, 9, 30))).Value!;
        var folder = Directory.CreateTempSubdirectory("sd-kwartaal-");
        try
        {
            var workbook = Path.Combine(folder.FullName, FileName(2017, 3));
            await File.WriteAllBytesAsync(workbook, answer.Value!);

            // Every sheet as LibreOffice calculates it.
            var lines = (await LibreOffice.SheetsAsync(folder.FullName, workbook))[ForecastSheet];
            foreach (var line in forecast.Lines.Where(l => l.Figures.Balance is not null))
            {
                var cells = lines.Single(c => c[CodeColumn - 1] == line.Code);
                Assert.Equal(Math.Round(line.Figures.Balance!.Value, 2), LibreOffice.Euros(cells[BalanceColumn - 1]));
            }

            var total = lines.Single(c => c.Length >= NameColumn && c[NameColumn - 1] == "Totaal sociaal domein");
            Assert.Equal(Math.Round(forecast.Total.Budget, 2), LibreOffice.Euros(total[BudgetColumn - 1]));

            await LibreOffice.ConvertAsync(folder.FullName, "pdf", workbook);
            Assert.True(new FileInfo(Path.ChangeExtension(workbook, ".pdf")).Length > 10_000);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(2017, 5, "quarter", "Kwartaal 5 bestaat niet; kies 1, 2, 3 of 4.")]
    [InlineData(2014, 4, "year", "Voor 2014 is geen begroting ingelezen")]
    public async Task A_quarter_that_cannot_be_reported_gets_a_Dutch_message(int year, int quarter, string parameter, string message)
    {
        var answer = await Report.CreateAsync(year, quarter);

        Assert.Null(answer.Value);
        Assert.Equal(parameter, answer.Parameter);
        Assert.StartsWith(message, answer.Error, StringComparison.Ordinal);
    }
}
