using System.Globalization;
using ClosedXML.Excel;
using static SociaalDomein.Infrastructure.Excel.ExcelCells;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Budgets;

/// <summary>
/// The budget of one year as the council reads it (docs/domain.md §6, Bijlage 1) as an Excel workbook in Dutch, in three
/// sheets. "Begroting {year}": per domain its lines with Code, Product, Oorspronkelijk, Mutaties, Actueel, Werkelijk,
/// Saldo and % besteed, a subtotal per domain and the total. Everything but the original budget is a formula: Mutaties is
/// a SUMIFS over the sheet "Mutaties" (the approved mutations of the line that count in the year), Actueel = Oorspronkelijk
/// + Mutaties, Saldo = Actueel − Werkelijk, Werkelijk of a line with monthly actuals refers to its total on "Werkelijk per
/// maand"; subtotals and the total are SUMs. A reader who changes a mutation's amount or a month sees the totals follow.
/// "Mutaties": every approved mutation of the year's lines, with a column that says whether it counts in the year
/// (structural: its year and later; one-off: its year). "Werkelijk per maand": the lines with monthly actuals × 12 months
/// and their SUM. Amounts in euros (<see cref="EuroFormat"/>); header rows bold and frozen. No personal data: who
/// entered or approved a mutation is in the audit log, not in the workbook.
/// </summary>
public sealed class BudgetExcelExport(BudgetService budgets, MutationService mutations, IDbContextFactory<AppDbContext> contexts)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string EuroFormat = "\"€\" #,##0.00";
    public const string PercentFormat = "0.0%";
    public const string MutationSheet = "Mutaties";
    public const string MonthSheet = "Werkelijk per maand";
    public const string Yes = "ja";
    public const string No = "nee";

    /// <summary>Row of the column titles on the budget sheet (a title row and a note above it).</summary>
    public const int HeaderRow = 3;

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static string BudgetSheet(int year) => $"Begroting {year.ToString(CultureInfo.InvariantCulture)}";

    public static string FileName(int year) => $"begroting-{year.ToString(CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>The workbook of <paramref name="year"/>, or null when the year has no budget figures.</summary>
    public async Task<byte[]?> CreateAsync(int year, CancellationToken ct)
    {
        using var workbook = new XLWorkbook();
        return await AddToAsync(workbook, year, ct) ? Excel.ExcelCells.Save(workbook) : null;
    }

    /// <summary>Adds the three sheets of <paramref name="year"/> to a workbook (the quarterly report's too); false when
    /// the year has no budget figures.</summary>
    public async Task<bool> AddToAsync(XLWorkbook workbook, int year, CancellationToken ct)
    {
        if (await budgets.TableAsync(year, ct) is not { } table)
        {
            return false;
        }

        var summary = (await budgets.YearSummariesAsync(ct)).FirstOrDefault(y => y.Year == year);
        var codes = table.Domains.SelectMany(d => d.Lines).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        var approved = (await mutations.ListAsync(MutationStatus.Approved, ct: ct))
            .Where(m => codes.Contains(m.LineCode))
            .OrderBy(m => m.LineCode, StringComparer.Ordinal).ThenBy(m => m.Year).ThenBy(m => m.Id)
            .ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var months = await db.ActualMonths.Where(a => a.Year == year)
            .Join(db.BudgetLines, a => a.BudgetLineId, l => l.Id, (a, l) => new { l.Code, a.Month, a.Amount })
            .ToListAsync(ct);
        var monthly = months.GroupBy(m => m.Code)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, decimal>)g.GroupBy(m => m.Month).ToDictionary(m => m.Key, m => m.Sum(x => x.Amount)));
        AddTo(workbook, table, summary?.ClosedAt, approved, monthly);
        return true;
    }

    public static byte[] Write(BudgetTable table, DateTimeOffset? closedAt, IReadOnlyList<MutationSummary> approved,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> monthly)
    {
        using var workbook = new XLWorkbook();
        AddTo(workbook, table, closedAt, approved, monthly);
        return Excel.ExcelCells.Save(workbook);
    }

    private static void AddTo(XLWorkbook workbook, BudgetTable table, DateTimeOffset? closedAt, IReadOnlyList<MutationSummary> approved,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> monthly)
    {
        var budgetSheet = workbook.Worksheets.Add(BudgetSheet(table.Year));
        var mutationSheet = workbook.Worksheets.Add(MutationSheet);
        var monthSheet = workbook.Worksheets.Add(MonthSheet);
        var mutationRows = WriteMutations(mutationSheet, table.Year, approved);
        var monthRows = WriteMonths(monthSheet, table, monthly);
        WriteBudget(budgetSheet, table, closedAt, mutationRows, monthRows);
    }

    // Columns of the budget sheet.
    private const int CodeColumn = 1, ProductColumn = 2, OriginalColumn = 3, MutationsColumn = 4, BudgetColumn = 5, ActualColumn = 6,
        BalanceColumn = 7, SpentColumn = 8;

    // Columns of the mutation sheet.
    private const int MutationCodeColumn = 2, MutationAmountColumn = 7, MutationCountsColumn = 8;

    private static void WriteBudget(IXLWorksheet sheet, BudgetTable table, DateTimeOffset? closedAt, int lastMutationRow,
        IReadOnlyDictionary<string, int> monthRows)
    {
        var year = table.Year;
        var title = sheet.Cell(1, 1);
        title.Value = $"Begroting {year}" + (table.IsEstimate ? " — meerjarenraming (geraamd, geen vastgestelde begroting)" : "") +
            (closedAt is { } closed ? $" — afgesloten op {TimeZoneInfo.ConvertTime(closed, RecurringJobs.Amsterdam).ToString("dd-MM-yyyy", Nl)}" : "");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        sheet.Cell(2, 1).Value = "Bedragen in euro's. Actueel = oorspronkelijk + goedgekeurde mutaties (blad Mutaties); saldo = actueel − werkelijk, negatief is een overschrijding.";
        Header(sheet, HeaderRow, ["Code", "Product", "Oorspronkelijk", "Mutaties", "Actueel", "Werkelijk", "Saldo", "% besteed"]);

        var lastMutation = Math.Max(lastMutationRow, 2); // a range of one empty row when there are none
        string MutationRange(int column) => $"'{MutationSheet}'!${Column(column)}$2:${Column(column)}${lastMutation}";

        var row = HeaderRow + 1;
        var subtotalRows = new List<int>();
        foreach (var domain in table.Domains)
        {
            var heading = sheet.Cell(row, ProductColumn);
            Text(heading, domain.Domain.DutchName());
            heading.Style.Font.Bold = true;
            row++;
            var firstLine = row;
            foreach (var line in domain.Lines)
            {
                Text(sheet.Cell(row, CodeColumn), line.Code);
                Text(sheet.Cell(row, ProductColumn), line.IsEstimate && !table.IsEstimate ? $"{line.Line} (raming)" : line.Line);
                Amount(sheet.Cell(row, OriginalColumn), line.Figures.Original);
                Formula(sheet.Cell(row, MutationsColumn),
                    $"SUMIFS({MutationRange(MutationAmountColumn)},{MutationRange(MutationCodeColumn)},A{row},{MutationRange(MutationCountsColumn)},\"{Yes}\")");
                Formula(sheet.Cell(row, BudgetColumn), $"C{row}+D{row}");
                if (monthRows.TryGetValue(line.Code, out var monthRow))
                {
                    Formula(sheet.Cell(row, ActualColumn), $"'{MonthSheet}'!{Column(MonthTotalColumn)}{monthRow}");
                }
                else
                {
                    Amount(sheet.Cell(row, ActualColumn), line.Figures.Actual);
                }

                Formula(sheet.Cell(row, BalanceColumn), $"E{row}-F{row}");
                Spent(sheet.Cell(row, SpentColumn), row);
                row++;
            }

            Text(sheet.Cell(row, ProductColumn), $"Subtotaal {domain.Domain.DutchName()}");
            for (var column = OriginalColumn; column <= BalanceColumn; column++)
            {
                Formula(sheet.Cell(row, column), $"SUM({Column(column)}{firstLine}:{Column(column)}{row - 1})");
            }

            Spent(sheet.Cell(row, SpentColumn), row);
            sheet.Row(row).Style.Font.Bold = true;
            subtotalRows.Add(row);
            row += 2;
        }

        Text(sheet.Cell(row, ProductColumn), "Totaal");
        for (var column = OriginalColumn; column <= BalanceColumn; column++)
        {
            Formula(sheet.Cell(row, column), subtotalRows.Count == 0 ? "0" : $"SUM({string.Join(",", subtotalRows.Select(r => $"{Column(column)}{r}"))})");
        }

        Spent(sheet.Cell(row, SpentColumn), row);
        sheet.Row(row).Style.Font.Bold = true;

        sheet.SheetView.FreezeRows(HeaderRow);
        sheet.Column(CodeColumn).Width = 12;
        sheet.Column(ProductColumn).Width = 48;
        sheet.Columns(OriginalColumn, BalanceColumn).Width = 18;
        sheet.Column(SpentColumn).Width = 12;
    }

    /// <summary>Writes the mutations; returns the last row used (1 when there are none).</summary>
    private static int WriteMutations(IXLWorksheet sheet, int year, IReadOnlyList<MutationSummary> approved)
    {
        Header(sheet, 1, ["Nummer", "Code", "Product", "Jaar", "Soort", "Looptijd", "Bedrag", $"Telt mee in {year}", "Goedgekeurd op", "Reden"]);
        var row = 2;
        foreach (var m in approved)
        {
            sheet.Cell(row, 1).Value = m.Id;
            Text(sheet.Cell(row, MutationCodeColumn), m.LineCode);
            Text(sheet.Cell(row, 3), m.Line);
            sheet.Cell(row, 4).Value = m.Year;
            Text(sheet.Cell(row, 5), m.Kind.DutchName());
            Text(sheet.Cell(row, 6), m.Structural ? "structureel" : "incidenteel");
            Amount(sheet.Cell(row, MutationAmountColumn), m.Amount);
            Text(sheet.Cell(row, MutationCountsColumn), Counts(m, year) ? Yes : No);
            if (m.DecidedAt is { } decided)
            {
                var cell = sheet.Cell(row, 9);
                cell.Value = TimeZoneInfo.ConvertTime(decided, RecurringJobs.Amsterdam).DateTime;
                cell.Style.DateFormat.Format = "dd-mm-yyyy";
            }

            Text(sheet.Cell(row, 10), m.Reason);
            row++;
        }

        sheet.Cell(row + 1, 1).Value = $"Een structurele mutatie telt mee in haar jaar en alle latere jaren, een incidentele alleen in haar jaar. " +
            $"Verander een bedrag of '{Yes}'/'{No}' en het blad {BudgetSheet(year)} rekent mee.";
        sheet.SheetView.FreezeRows(1);
        sheet.Column(1).Width = 10;
        sheet.Column(2).Width = 12;
        sheet.Column(3).Width = 40;
        sheet.Columns(4, 6).Width = 14;
        sheet.Column(MutationAmountColumn).Width = 18;
        sheet.Columns(8, 9).Width = 16;
        sheet.Column(10).Width = 60;
        return row - 1;
    }

    private const int MonthTotalColumn = 15;

    /// <summary>Writes the lines with monthly actuals; returns the row of each line's code.</summary>
    private static Dictionary<string, int> WriteMonths(IXLWorksheet sheet, BudgetTable table, IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> monthly)
    {
        Header(sheet, 1, ["Code", "Product", .. Enumerable.Range(1, 12).Select(m => Nl.DateTimeFormat.GetAbbreviatedMonthName(m).TrimEnd('.')), "Totaal"]);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var row = 2;
        foreach (var line in table.Domains.SelectMany(d => d.Lines))
        {
            if (!monthly.TryGetValue(line.Code, out var months))
            {
                continue;
            }

            Text(sheet.Cell(row, 1), line.Code);
            Text(sheet.Cell(row, 2), line.Line);
            foreach (var (month, amount) in months)
            {
                Amount(sheet.Cell(row, 2 + month), amount);
            }

            Formula(sheet.Cell(row, MonthTotalColumn), $"SUM(C{row}:N{row})");
            rows[line.Code] = row;
            row++;
        }

        sheet.Cell(row + 1, 1).Value = rows.Count == 0
            ? $"Voor {table.Year} zijn geen maandcijfers geboekt; het werkelijke bedrag is het jaarcijfer."
            : "Een post zonder maandcijfers ontbreekt hier; zijn werkelijke bedrag is het jaarcijfer.";
        sheet.SheetView.FreezeRows(1);
        sheet.Column(1).Width = 12;
        sheet.Column(2).Width = 40;
        sheet.Columns(3, MonthTotalColumn).Width = 15;
        return rows;
    }

    /// <summary>Whether an approved mutation changes the budget of <paramref name="year"/> (BudgetMutation.AppliesTo).</summary>
    private static bool Counts(MutationSummary m, int year) => m.Structural ? year >= m.Year : year == m.Year;

    private static void Spent(IXLCell cell, int row)
    {
        cell.FormulaA1 = $"IF(E{row}=0,\"\",F{row}/E{row})";
        cell.Style.NumberFormat.Format = PercentFormat;
    }

    private static void Amount(IXLCell cell, decimal amount) => Excel.ExcelCells.Amount(cell, amount, EuroFormat);

    private static void Formula(IXLCell cell, string formula)
    {
        cell.FormulaA1 = formula;
        cell.Style.NumberFormat.Format = EuroFormat;
    }
}
