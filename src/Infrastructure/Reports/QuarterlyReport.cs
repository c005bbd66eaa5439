using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Excel;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Municipalities;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Stacking;

namespace SociaalDomein.Infrastructure.Reports;

/// <summary>
/// The quarterly report to the council (kwartaalrapportage, issue 11; docs/domain.md §7) as one workbook: a sheet
/// "Toelichting" with the as-of date of every part, the budget with mutations and monthly actuals (the sheets of
/// <see cref="BudgetExcelExport"/>, with their formulas), the forecast per budget line as of the quarter's last day with
/// the recommended method and the expected balance as a formula (the stored figures the forecast page shows,
/// <see cref="ForecastFigureStore"/>), the scenarios, measures and realisations
/// (<see cref="ScenarioExcelExport"/>), the stacking tables in publication mode (<see cref="StackingExcelExport"/>) and the
/// ceiling warnings (<see cref="ProviderWarningExcelExport"/>). Each part is written by the export that owns it, so the
/// report shows what the pages and the separate downloads show.
/// </summary>
public sealed class QuarterlyReport(
    ForecastFigureStore forecasts,
    BudgetExcelExport budget,
    ScenarioExcelExport scenarios,
    StackingService stacking,
    StackingExcelExport stackingExport,
    ProviderWarningExcelExport warnings,
    MunicipalityService municipalities,
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider clock)
{
    public const string ExplanationSheet = "Toelichting";
    public const string ForecastSheet = "Prognose per post";
    public const string StackingExplanationSheet = "Stapeling toelichting";
    public const string EuroFormat = "\"€\" #,##0";
    public const string NotComputable = YearEndForecast.NotComputableText;

    /// <summary>Row of the column titles on the forecast sheet.</summary>
    public const int ForecastHeaderRow = 4;

    // Columns of the forecast sheet.
    public const int CodeColumn = 1, NameColumn = 2, BudgetColumn = 3, ActualColumn = 4, LinearColumn = 5, LagColumn = 6, CommitmentColumn = 7,
        MethodColumn = 8, RecommendedColumn = 9, BalanceColumn = 10, NoteColumn = 11;

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static string FileName(int year, int quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"kwartaalrapportage-{year}-K{quarter}.xlsx");

    /// <summary>The workbook of <paramref name="quarter"/> (1–4) of <paramref name="year"/>, or the parameter that is wrong
    /// with a Dutch message (a quarter outside 1–4; the forecast's own refusals for the quarter's last day).</summary>
    public async Task<ForecastAnswer<byte[]>> CreateAsync(int year, int quarter, CancellationToken ct = default)
    {
        if (quarter is < 1 or > 4)
        {
            return ForecastAnswer<byte[]>.Invalid("quarter", $"Kwartaal {quarter} bestaat niet; kies 1, 2, 3 of 4.");
        }

        var asOf = ForecastCalendar.MonthEnd(year, quarter * 3);
        var forecast = await forecasts.ForecastAsync(year, asOf, ct);
        if (forecast.Value is not { } report)
        {
            return ForecastAnswer<byte[]>.Invalid(forecast.Parameter == "asOf" ? "quarter" : forecast.Parameter!, forecast.Error!);
        }

        using var workbook = new XLWorkbook();
        var explanation = workbook.Worksheets.Add(ExplanationSheet);
        await budget.AddToAsync(workbook, year, ct);
        WriteForecast(workbook.Worksheets.Add(ForecastSheet), report);
        var scenariosComputed = await scenarios.AddToAsync(workbook, ct);
        var referenceDate = await stacking.DefaultReferenceDateAsync(ct);
        if (referenceDate is { } date)
        {
            await stackingExport.AddToAsync(workbook, new StackingExportRequest(date, null, null, Publication: true, IncludeMostExpensive: false),
                StackingExplanationSheet, ct);
        }

        await warnings.AddToAsync(workbook, ct);
        await WriteExplanationAsync(explanation, workbook, report, quarter, scenariosComputed, referenceDate, ct);
        return ForecastAnswer<byte[]>.Of(ExcelCells.Save(workbook));
    }

    private async Task WriteExplanationAsync(IXLWorksheet sheet, XLWorkbook workbook, ForecastReport report, int quarter,
        DateTimeOffset? scenariosComputed, DateOnly? stackingDate, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lastActual = await db.ActualMonths.Where(a => a.Year == report.Year).MaxAsync(a => (int?)a.Month, ct);
        var lastClaim = await db.Claims.Where(c => c.SubmittedOn <= report.AsOf).MaxAsync(c => (DateOnly?)c.SubmittedOn, ct);
        var warningsRaised = await db.ProviderWarnings.MaxAsync(w => (DateTimeOffset?)w.RaisedAt, ct);
        var municipality = await municipalities.CurrentAsync(ct);

        var title = sheet.Cell(1, 1);
        ExcelCells.Text(title, $"Kwartaalrapportage sociaal domein {report.Year}, {quarter}e kwartaal");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        ExcelCells.Text(sheet.Cell(2, 1), municipality?.Name ?? "");
        if (municipality?.IsDemo == true)
        {
            ExcelCells.Text(sheet.Cell(3, 1), "Demonstratiegegevens: de bedragen zijn gebaseerd op Zwolle, de cliënten en aanbieders zijn verzonnen.");
        }

        var rows = new (string Part, string AsOf)[]
        {
            ("Begroting en realisatie", lastActual is { } m
                ? $"werkelijke uitgaven tot en met {Nl.DateTimeFormat.GetMonthName(m)} {report.Year} (laatste ingelezen maand)"
                : $"nog geen werkelijke uitgaven van {report.Year} ingelezen"),
            ("Prognose per post", $"stand per {Day(report.AsOf)}: realisatie tot en met die dag, declaraties ingediend tot en met die dag" +
                (lastClaim is { } c ? $" (laatste: {Day(c)})" : " (geen)") + $"; berekend op {Moment(report.ComputedAt)}"),
            ("Scenario's en maatregelen", scenariosComputed is { } s ? $"berekend op {Moment(s)}" : "nog niet berekend"),
            ("Stapeling (publicatiemodus)", stackingDate is { } d ? $"peildatum {Day(d)}; kleine aantallen afgeschermd" : "geen toewijzingen"),
            ("Signaleringen budgetplafonds", warningsRaised is { } w ? $"laatste signalering {Moment(w)}" : "geen signaleringen"),
            ("Dit werkboek", $"gemaakt op {Moment(clock.GetUtcNow())}"),
        };
        ExcelCells.Header(sheet, 5, ["Onderdeel", "Stand van de gegevens"]);
        for (var i = 0; i < rows.Length; i++)
        {
            ExcelCells.Text(sheet.Cell(6 + i, 1), rows[i].Part);
            ExcelCells.Text(sheet.Cell(6 + i, 2), rows[i].AsOf);
        }

        var sheetsRow = 7 + rows.Length;
        ExcelCells.Header(sheet, sheetsRow, ["Tabblad", ""]);
        var n = sheetsRow;
        foreach (var other in workbook.Worksheets.Where(w => w.Name != ExplanationSheet))
        {
            ExcelCells.Text(sheet.Cell(++n, 1), other.Name);
        }

        ExcelCells.Text(sheet.Cell(n + 2, 1),
            "Bedragen in euro's. Formules staan waar een lezer ze verwacht: huidige begroting, subtotalen, totalen en saldi rekenen mee " +
            "als u een bedrag wijzigt. Een prognose die niet te berekenen is, staat als tekst met de reden.");
        sheet.Column(1).Width = 32;
        sheet.Column(2).Width = 100;
    }

    /// <summary>Domains with their lines; budget, actual, recommended and balance as formulas over the lines where the
    /// service's sum is a plain sum; a method's domain figure where another forecast stood in for a line is its value with
    /// the note.</summary>
    private static void WriteForecast(IXLWorksheet sheet, ForecastReport report)
    {
        var title = sheet.Cell(1, 1);
        ExcelCells.Text(title, $"Prognose per begrotingspost {report.Year}, stand per {Day(report.AsOf)}");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        ExcelCells.Text(sheet.Cell(2, 1),
            "Drie methoden naast elkaar (lineair, gecorrigeerd voor late declaraties, op basis van toewijzingen); de aanbevolen methode is die " +
            "met de kleinste fout in de vorige jaren. Verwacht saldo = begroting − aanbevolen prognose (negatief: tekort).");
        ExcelCells.Header(sheet, ForecastHeaderRow,
        [
            "Code", "Post", "Begroting", $"Werkelijk t/m {Day(report.AsOf)}", ForecastMethod.Linear.DutchName(), ForecastMethod.LagAdjusted.DutchName(),
            ForecastMethod.Commitment.DutchName(), "Aanbevolen methode", "Aanbevolen prognose", "Verwacht saldo", "Toelichting",
        ]);

        var row = ForecastHeaderRow;
        var domainRows = new List<int>();
        foreach (var domain in report.Domains)
        {
            var first = row + 1;
            foreach (var line in domain.Lines)
            {
                row++;
                ExcelCells.Text(sheet.Cell(row, CodeColumn), line.Code);
                ExcelCells.Text(sheet.Cell(row, NameColumn), line.Name);
                WriteFigures(sheet, row, line.Figures, null);
                ExcelCells.Text(sheet.Cell(row, MethodColumn), line.Figures.Method?.DutchName() ?? "");
            }

            row++;
            var last = row - 1;
            ExcelCells.Text(sheet.Cell(row, NameColumn), $"Totaal {domain.Domain.DutchName()}");
            WriteFigures(sheet, row, domain.Figures, (first, last));
            sheet.Row(row).Style.Font.Bold = true;
            domainRows.Add(row);
        }

        row += 2;
        ExcelCells.Text(sheet.Cell(row, NameColumn), "Totaal sociaal domein");
        WriteFigures(sheet, row, report.Total, null, domainRows);
        sheet.Row(row).Style.Font.Bold = true;

        sheet.SheetView.FreezeRows(ForecastHeaderRow);
        sheet.Column(CodeColumn).Width = 10;
        sheet.Column(NameColumn).Width = 42;
        foreach (var column in new[] { BudgetColumn, ActualColumn, LinearColumn, LagColumn, CommitmentColumn, RecommendedColumn, BalanceColumn })
        {
            sheet.Column(column).Width = 18;
        }

        sheet.Column(MethodColumn).Width = 30;
        sheet.Column(NoteColumn).Width = 80;
    }

    /// <summary>One row's figures. <paramref name="lines"/>: a domain row over these line rows; <paramref name="sums"/>:
    /// the total row over these domain rows; neither: a line.</summary>
    private static void WriteFigures(IXLWorksheet sheet, int row, ForecastFigures figures, (int First, int Last)? lines, IReadOnlyList<int>? sums = null)
    {
        string? Sum(int column)
        {
            var letter = ExcelCells.Column(column);
            return lines is { } r ? $"SUM({letter}{r.First}:{letter}{r.Last})"
                : sums is { Count: > 0 } s ? string.Join("+", s.Select(x => $"{letter}{x}"))
                : null;
        }

        var notes = new List<string>();
        Amount(sheet.Cell(row, BudgetColumn), figures.Budget, Sum(BudgetColumn));
        Amount(sheet.Cell(row, ActualColumn), figures.ActualToDate, Sum(ActualColumn));
        foreach (var (column, method) in new[] { (LinearColumn, ForecastMethod.Linear), (LagColumn, ForecastMethod.LagAdjusted), (CommitmentColumn, ForecastMethod.Commitment) })
        {
            var value = figures[method];
            Forecast(sheet.Cell(row, column), value, value.Note is null ? Sum(column) : null, method.DutchName(), notes);
        }

        var recommended = figures.Recommended;
        Forecast(sheet.Cell(row, RecommendedColumn), recommended, recommended.Note is null ? Sum(RecommendedColumn) : null, "Aanbevolen", notes);
        var balance = sheet.Cell(row, BalanceColumn);
        if (recommended.Amount is not null)
        {
            Amount(balance, figures.Balance!.Value, $"{ExcelCells.Column(BudgetColumn)}{row}-{ExcelCells.Column(RecommendedColumn)}{row}");
        }
        else
        {
            ExcelCells.Text(balance, NotComputable);
        }

        if (figures.MethodNote is { Length: > 0 } methodNote)
        {
            notes.Insert(0, methodNote);
        }

        ExcelCells.Text(sheet.Cell(row, NoteColumn), string.Join(" ", notes));
    }

    private static void Forecast(IXLCell cell, ForecastValue value, string? formula, string label, List<string> notes)
    {
        if (value.Amount is { } amount)
        {
            Amount(cell, amount, formula);
        }
        else
        {
            ExcelCells.Text(cell, NotComputable);
            notes.Add($"{label}: {value.Reason}");
        }

        if (value.Note is { Length: > 0 } note)
        {
            notes.Add($"{label}: {note}");
        }
    }

    /// <summary>A euro amount; with a formula the cell computes it (a reader's change in a line is followed) and the
    /// amount is its cached value, so a reader without recalculation sees the same figure.</summary>
    private static void Amount(IXLCell cell, decimal amount, string? formula)
    {
        ExcelCells.Amount(cell, Math.Round(amount, 2, MidpointRounding.AwayFromZero), EuroFormat);
        if (formula is not null)
        {
            cell.FormulaA1 = formula;
        }
    }

    private static string Day(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static string Moment(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, RecurringJobs.Amsterdam).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);
}
