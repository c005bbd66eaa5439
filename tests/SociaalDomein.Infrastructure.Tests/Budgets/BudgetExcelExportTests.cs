using ClosedXML.Excel;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Budgets;

/// <summary>The budget workbook read back with ClosedXML: its values are the service's figures, and its mutations,
/// current budgets, balances, subtotals and totals are formulas that follow a change in the sheet "Mutaties".</summary>
public class BudgetExcelExportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Ib = "WMO-04"; // Individuele begeleiding (IB)

    private BudgetService Budgets => new(fixture.ContextFactory);

    private static decimal Number(IXLCell cell) => Math.Round(Convert.ToDecimal(cell.Value), 2);

    private static IXLRow Row(IXLWorksheet sheet, int column, string text) =>
        sheet.RowsUsed().Single(r => r.Cell(column).GetString() == text);

    /// <summary>Demo data with one approved structural mutation of € 500.000 on IB from 2019 (and a one-off one in 2018).</summary>
    private async Task<(BudgetExcelExport Export, int Structural)> SeededAsync()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var scenarios = new ScenarioServices(fixture, DateTimeOffset.UtcNow);
        var mutations = new MutationService(fixture.ContextFactory, scenarios.Clock, scenarios.Jobs);
        async Task<int> ApproveAsync(MutationDraft draft)
        {
            var (created, id) = await mutations.CreateAsync(draft, "anna@demo");
            Assert.True(created.Succeeded, created.Message);
            Assert.True((await mutations.SubmitAsync(id!.Value, 1, "anna@demo")).Succeeded);
            Assert.True((await mutations.ApproveAsync(id.Value, 2, "bert@demo")).Succeeded);
            return id.Value;
        }

        var structural = await ApproveAsync(new MutationDraft(Ib, 2019, 500_000m, "berap1", true, "Meer cliënten"));
        await ApproveAsync(new MutationDraft(Ib, 2018, 20_000m, "overig", false, "Eenmalig"));
        return (new BudgetExcelExport(Budgets, mutations, fixture.ContextFactory), structural);
    }

    private static XLWorkbook Open(byte[]? bytes) => new(new MemoryStream(Assert.IsType<byte[]>(bytes)));

    [Fact]
    public async Task Every_line_subtotal_and_the_total_hold_formulas_that_give_the_services_figures()
    {
        var (export, _) = await SeededAsync();
        var table = (await Budgets.TableAsync(2019))!;

        using var book = Open(await export.CreateAsync(2019, CancellationToken.None));

        Assert.Equal([BudgetExcelExport.BudgetSheet(2019), BudgetExcelExport.MutationSheet, BudgetExcelExport.MonthSheet], book.Worksheets.Select(s => s.Name));
        var sheet = book.Worksheet("Begroting 2019");
        Assert.Contains("meerjarenraming", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(["Code", "Product", "Oorspronkelijk", "Mutaties", "Actueel", "Werkelijk", "Saldo", "% besteed"],
            Enumerable.Range(1, 8).Select(c => sheet.Cell(BudgetExcelExport.HeaderRow, c).GetString()));
        Assert.Equal(BudgetExcelExport.HeaderRow, sheet.SheetView.SplitRow);
        foreach (var line in table.Domains.SelectMany(d => d.Lines))
        {
            var row = Row(sheet, 1, line.Code);
            Assert.Equal(line.Figures.Original, Number(row.Cell(3)));
            Assert.StartsWith("SUMIFS(", row.Cell(4).FormulaA1, StringComparison.Ordinal);
            Assert.Equal(line.Figures.Mutations, Number(row.Cell(4)));
            Assert.Equal($"C{row.RowNumber()}+D{row.RowNumber()}", row.Cell(5).FormulaA1);
            Assert.Equal(line.Figures.Budget, Number(row.Cell(5)));
            Assert.Equal(line.Figures.Actual, Number(row.Cell(6)));
            Assert.True(row.Cell(7).HasFormula);
            Assert.Equal(line.Figures.Balance, Number(row.Cell(7)));
            Assert.Equal(BudgetExcelExport.EuroFormat, row.Cell(5).Style.NumberFormat.Format);
        }

        Assert.Equal(500_000m, Number(Row(sheet, 1, Ib).Cell(4)));
        foreach (var domain in table.Domains)
        {
            var subtotal = Row(sheet, 2, $"Subtotaal {domain.Domain.DutchName()}");
            Assert.All(Enumerable.Range(3, 5), c => Assert.StartsWith("SUM(", subtotal.Cell(c).FormulaA1, StringComparison.Ordinal));
            Assert.Equal([domain.Subtotal.Original, domain.Subtotal.Mutations, domain.Subtotal.Budget, domain.Subtotal.Actual, domain.Subtotal.Balance],
                Enumerable.Range(3, 5).Select(c => Number(subtotal.Cell(c))));
        }

        var total = Row(sheet, 2, "Totaal");
        Assert.All(Enumerable.Range(3, 5), c => Assert.StartsWith("SUM(", total.Cell(c).FormulaA1, StringComparison.Ordinal));
        Assert.Equal([table.Total.Original, table.Total.Mutations, table.Total.Budget, table.Total.Actual, table.Total.Balance],
            Enumerable.Range(3, 5).Select(c => Number(total.Cell(c))));
    }

    [Fact]
    public async Task The_mutation_sheet_says_which_approved_mutations_count_and_changing_an_amount_moves_the_totals()
    {
        var (export, structural) = await SeededAsync();
        var table = (await Budgets.TableAsync(2020))!;

        using var book = Open(await export.CreateAsync(2020, CancellationToken.None));

        var mutations = book.Worksheet(BudgetExcelExport.MutationSheet);
        Assert.Equal("Telt mee in 2020", mutations.Cell(1, 8).GetString());
        var counted = Row(mutations, 1, structural.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([Ib, "structureel", "ja"], new[] { counted.Cell(2), counted.Cell(6), counted.Cell(8) }.Select(c => c.GetString()));
        var oneOff = Row(mutations, 6, "incidenteel");
        Assert.Equal("nee", oneOff.Cell(8).GetString());

        counted.Cell(7).Value = 750_000m;
        book.RecalculateAllFormulas();

        var sheet = book.Worksheet("Begroting 2020");
        var ib = table[BudgetDomain.Wmo]!.Lines.Single(l => l.Code == Ib).Figures;
        Assert.Equal(ib.Original + 750_000m, Number(Row(sheet, 1, Ib).Cell(5)));
        Assert.Equal(ib.Balance + 250_000m, Number(Row(sheet, 1, Ib).Cell(7)));
        Assert.Equal(table.Total.Budget + 250_000m, Number(Row(sheet, 2, "Totaal").Cell(5)));
    }

    [Fact]
    public async Task Monthly_actuals_add_up_per_line_to_the_werkelijk_column_and_a_year_without_figures_has_no_workbook()
    {
        var (export, _) = await SeededAsync();
        var table = (await Budgets.TableAsync(2017))!;

        using var book = Open(await export.CreateAsync(2017, CancellationToken.None));

        var months = book.Worksheet(BudgetExcelExport.MonthSheet);
        var sheet = book.Worksheet("Begroting 2017");
        Assert.DoesNotContain("meerjarenraming", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
        foreach (var line in table.Domains.SelectMany(d => d.Lines))
        {
            var monthRow = Row(months, 1, line.Code);
            var booked = await Budgets.MonthsAsync(line.Code, 2017);
            Assert.Equal(booked.Select(m => m.Amount), booked.Select(m => Number(monthRow.Cell(2 + m.Month))));
            Assert.Equal("SUM(C" + monthRow.RowNumber() + ":N" + monthRow.RowNumber() + ")", monthRow.Cell(15).FormulaA1);
            Assert.Equal(line.Figures.Actual, Number(monthRow.Cell(15)));
            var budgetRow = Row(sheet, 1, line.Code);
            Assert.True(budgetRow.Cell(6).HasFormula);
            Assert.Equal(line.Figures.Actual, Number(budgetRow.Cell(6)));
        }

        Assert.Null(await export.CreateAsync(1990, CancellationToken.None));
    }
}
