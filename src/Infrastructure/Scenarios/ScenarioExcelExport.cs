using System.Globalization;
using ClosedXML.Excel;
using static SociaalDomein.Infrastructure.Excel.ExcelCells;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Municipalities;

namespace SociaalDomein.Infrastructure.Scenarios;

/// <summary>
/// The prognosis and the scenarios (docs/domain.md §7–8) as an Excel workbook in Dutch, in three sheets:
/// "Scenario's" (the deficit components per year, the deficit without measures as a SUM over them, the prudence margin,
/// and each scenario's deficit per year, indicative ones marked), "Maatregelen" (per measure its yield and
/// implementation cost per year, PM as "p.m.", totals as SUM formulas; withdrawn measures apart, below the total) and
/// "Realisaties" (per year and measure the projected yield per quarter against the realised one, with SUM formulas for
/// the year and the totals). Amounts are numbers in euros (<see cref="EuroFormat"/>); header rows are bold and stay in
/// view. No personal data: neither who recorded a realisation nor a measure's owner is in it.
/// </summary>
public sealed class ScenarioExcelExport(ScenarioFigureStore store, DeficitComponentService prognosis, MunicipalityService municipalities)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FileName = "prognose-en-scenarios.xlsx";
    public const string EuroFormat = "\"€\" #,##0";
    public const string Pm = "p.m.";

    public const string ScenarioSheet = "Scenario's";
    public const string MeasureSheet = "Maatregelen";
    public const string RealisationSheet = "Realisaties";

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The stored figures with the components they were computed from. When a recompute is pending, or the
    /// components changed since the figures were stored, the figures are recomputed first (as the job would), so the
    /// baseline formula over the components equals the stored baseline.</summary>
    public async Task<byte[]> CreateAsync(CancellationToken ct = default)
    {
        using var workbook = new XLWorkbook();
        await AddToAsync(workbook, ct);
        return Excel.ExcelCells.Save(workbook);
    }

    /// <summary>Adds the scenario, measure and realisation sheets (as <see cref="CreateAsync"/>) to a workbook, and returns
    /// when the figures were computed.</summary>
    public async Task<DateTimeOffset?> AddToAsync(XLWorkbook workbook, CancellationToken ct = default)
    {
        StoredScenarioFigures stored;
        PrognosisInputs inputs;
        var attempt = 0;
        while (true)
        {
            stored = await store.ReadAsync(ct);
            inputs = await prognosis.ListAsync(ct);
            if ((!stored.RecomputePending && Agrees(stored.Figures, inputs.Components)) || ++attempt == 3)
            {
                break;
            }

            await store.RefreshAsync(ct);
        }

        var municipality = await municipalities.CurrentAsync(ct);
        AddTo(workbook, stored, inputs.Components, municipality?.Name, municipality?.IsDemo ?? false);
        return stored.ComputedAt;
    }

    /// <summary>True when the components add up to the stored baseline in every year.</summary>
    public static bool Agrees(ScenarioFigures figures, IReadOnlyList<DeficitComponentRow> components)
    {
        var sums = components.GroupBy(c => c.Year).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        return sums.Count == figures.Years.Count &&
            figures.Years.Select((year, i) => sums.TryGetValue(year, out var sum) && sum == figures.Baseline[i]).All(ok => ok);
    }

    public static byte[] Write(StoredScenarioFigures stored, IReadOnlyList<DeficitComponentRow> components, string? municipality, bool isDemo)
    {
        using var workbook = new XLWorkbook();
        AddTo(workbook, stored, components, municipality, isDemo);
        return Excel.ExcelCells.Save(workbook);
    }

    private static void AddTo(XLWorkbook workbook, StoredScenarioFigures stored, IReadOnlyList<DeficitComponentRow> components, string? municipality, bool isDemo)
    {
        WriteScenarios(workbook.Worksheets.Add(ScenarioSheet), stored, components, municipality, isDemo);
        WriteMeasures(workbook.Worksheets.Add(MeasureSheet), stored.Figures);
        WriteRealisations(workbook.Worksheets.Add(RealisationSheet), stored.Figures);
    }

    private static void WriteScenarios(IXLWorksheet sheet, StoredScenarioFigures stored, IReadOnlyList<DeficitComponentRow> components,
        string? municipality, bool isDemo)
    {
        var figures = stored.Figures;
        var years = figures.Years;
        const int firstYearColumn = 3;
        Header(sheet, 1, ["Tekortcomponent", "Soort", .. years.Select(Year)]);
        var row = 2;
        foreach (var component in components.GroupBy(c => (c.SortOrder, c.Name)).OrderBy(g => g.Key.SortOrder).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            Text(sheet.Cell(row, 1), component.Key.Name);
            Text(sheet.Cell(row, 2), component.First().Kind.DutchName());
            foreach (var c in component)
            {
                var column = IndexOf(years, c.Year);
                if (column >= 0)
                {
                    Amount(sheet.Cell(row, firstYearColumn + column), c.Amount);
                }
            }

            row++;
        }

        var lastComponent = row - 1;
        Text(sheet.Cell(row, 1), "Tekort zonder maatregelen");
        Text(sheet.Cell(row, 2), "Som van de componenten");
        for (var i = 0; i < years.Count; i++)
        {
            var cell = sheet.Cell(row, firstYearColumn + i);
            if (lastComponent >= 2)
            {
                Sum(cell, Column(firstYearColumn + i), 2, lastComponent);
            }
            else
            {
                Amount(cell, figures.Baseline[i]);
            }
        }

        sheet.Row(row).Style.Font.Bold = true;
        row++;
        Text(sheet.Cell(row, 1), "Behoedzaamheidsmarge");
        Text(sheet.Cell(row, 2), "Gereserveerd tegen te late opbrengsten");
        for (var i = 0; i < years.Count; i++)
        {
            if (figures.PrudenceMargin[i] is { } margin)
            {
                Amount(sheet.Cell(row, firstYearColumn + i), margin);
            }
        }

        row += 2;
        Header(sheet, row++, ["Scenario", "Berekening", .. years.Select(Year), "Maatregelen"]);
        foreach (var scenario in figures.Scenarios)
        {
            Text(sheet.Cell(row, 1), scenario.Indicative ? $"{scenario.Name} (indicatief)" : scenario.Name);
            Text(sheet.Cell(row, 2), scenario.Indicative ? "Indicatief: streefpad, met de hand ingevoerd" : "Berekend");
            for (var i = 0; i < years.Count; i++)
            {
                Amount(sheet.Cell(row, firstYearColumn + i), scenario.Deficits[i]);
            }

            Text(sheet.Cell(row, firstYearColumn + years.Count), string.Join(", ", scenario.Measures));
            if (scenario.Indicative)
            {
                sheet.Row(row).Style.Font.Italic = true;
            }

            row++;
        }

        row++;
        var notes = new List<string>
        {
            $"Gemeente: {municipality ?? "onbekend"}.",
            stored.ComputedAt is { } computed
                ? $"Berekend op {TimeZoneInfo.ConvertTime(computed, RecurringJobs.Amsterdam).ToString("dd-MM-yyyy HH:mm", Nl)}."
                : "Nog niet berekend.",
            "Bedragen in euro's: een tekort is negatief, een opbrengst positief.",
            "Tekort zonder maatregelen = de som van de tekortcomponenten van dat jaar; dat is ook het scenario Doorgaan.",
            "Een scenario telt de maatregelen van de scenario's ervóór mee: tekort = tekort zonder maatregelen + opbrengsten − uitvoeringskosten. " +
                "Een opbrengst p.m. telt als 0. Ingetrokken maatregelen tellen niet mee.",
            "Indicatief: het scenario is niet doorgerekend; de bedragen zijn een streefpad dat met de hand is ingevoerd.",
        };
        if (isDemo)
        {
            notes.Add("Let op: dit zijn demonstratiegegevens, geen echte cijfers van een gemeente.");
        }

        foreach (var note in notes)
        {
            sheet.Cell(row++, 1).Value = note;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Column(1).Width = 44;
        sheet.Column(2).Width = 30;
        sheet.Columns(firstYearColumn, firstYearColumn + Math.Max(0, years.Count - 1)).Width = 15;
        sheet.Column(firstYearColumn + years.Count).Width = 40;
    }

    private static void WriteMeasures(IXLWorksheet sheet, ScenarioFigures figures)
    {
        var years = figures.Years;
        const int firstYieldColumn = 6;
        var firstCostColumn = firstYieldColumn + years.Count;
        var noteColumn = firstCostColumn + years.Count;
        Header(sheet, 1, ["Code", "Maatregel", "Domein", "Eerste scenario", "Status",
            .. years.Select(y => $"Opbrengst {y}"), .. years.Select(y => $"Uitvoeringskosten {y}"), "Toelichting"]);

        void Line(int row, MeasureFigures m)
        {
            Text(sheet.Cell(row, 1), m.Code);
            Text(sheet.Cell(row, 2), m.Title);
            Text(sheet.Cell(row, 3), m.Domain?.DutchName() ?? "Sociaal domein breed");
            Text(sheet.Cell(row, 4), m.FirstScenario);
            Text(sheet.Cell(row, 5), m.Status.DutchName());
            for (var i = 0; i < years.Count; i++)
            {
                if (m.Years.FirstOrDefault(y => y.Year == years[i]) is not { } year)
                {
                    continue;
                }

                if (year.Yield is { } yield)
                {
                    Amount(sheet.Cell(row, firstYieldColumn + i), yield);
                }
                else
                {
                    PmCell(sheet.Cell(row, firstYieldColumn + i));
                }

                Amount(sheet.Cell(row, firstCostColumn + i), year.ImplementationCost);
            }

            var note = string.Join(" ", new[] { m.YieldIncludedIn is { } joint ? $"De opbrengst zit in die van {joint}." : null, m.Note }.OfType<string>());
            if (note.Length > 0)
            {
                Text(sheet.Cell(row, noteColumn), note);
            }
        }

        var active = figures.Measures.Where(m => !m.Retired).ToList();
        var row = 2;
        foreach (var measure in active)
        {
            Line(row++, measure);
        }

        Text(sheet.Cell(row, 1), "Totaal");
        Text(sheet.Cell(row, 2), "Maatregelen die meetellen (p.m. telt als 0)");
        for (var column = firstYieldColumn; column < noteColumn; column++)
        {
            if (active.Count > 0)
            {
                Sum(sheet.Cell(row, column), Column(column), 2, row - 1);
            }
            else
            {
                Amount(sheet.Cell(row, column), 0m);
            }
        }

        sheet.Row(row).Style.Font.Bold = true;
        row++;
        var retired = figures.Measures.Where(m => m.Retired).ToList();
        if (retired.Count > 0)
        {
            row++;
            Header(sheet, row++, ["Ingetrokken maatregelen (tellen niet mee in de scenario's en niet in het totaal)"]);
            foreach (var measure in retired)
            {
                Line(row++, measure);
            }
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Column(1).Width = 8;
        sheet.Column(2).Width = 50;
        sheet.Column(3).Width = 20;
        sheet.Column(4).Width = 16;
        sheet.Column(5).Width = 14;
        if (years.Count > 0)
        {
            sheet.Columns(firstYieldColumn, noteColumn - 1).Width = 16;
        }

        sheet.Column(noteColumn).Width = 60;
    }

    /// <summary>Per year a block: one row per measure that counts (with a yield or a realisation that year), the projected
    /// yield of each quarter (a quarter of the year's) against the realised, then the block's total.</summary>
    private static void WriteRealisations(IXLWorksheet sheet, ScenarioFigures figures)
    {
        const int firstQuarterColumn = 4;
        const int yearProjectedColumn = firstQuarterColumn + 8;
        const int yearRealisedColumn = yearProjectedColumn + 1;
        const int differenceColumn = yearRealisedColumn + 1;
        Header(sheet, 1,
        [
            "Jaar", "Code", "Maatregel",
            .. Enumerable.Range(1, 4).SelectMany(q => new[] { $"K{q} verwacht", $"K{q} gerealiseerd" }),
            "Jaar verwacht", "Jaar gerealiseerd", "Verschil",
        ]);
        var row = 2;
        foreach (var year in figures.Years)
        {
            var measures = figures.Measures
                .Where(m => !m.Retired && (m.Years.Any(y => y.Year == year) || m.Realisations.Any(r => r.Year == year)))
                .ToList();
            if (measures.Count == 0)
            {
                continue;
            }

            var first = row;
            foreach (var m in measures)
            {
                sheet.Cell(row, 1).Value = year;
                Text(sheet.Cell(row, 2), m.Code);
                Text(sheet.Cell(row, 3), m.Title);
                var pm = m.IsPmIn(year);
                for (var q = 1; q <= 4; q++)
                {
                    var projected = sheet.Cell(row, firstQuarterColumn + 2 * (q - 1));
                    if (pm)
                    {
                        PmCell(projected);
                    }
                    else
                    {
                        Amount(projected, (m.YieldIn(year) ?? 0m) / 4m);
                    }

                    if (m.Realisations.FirstOrDefault(r => r.Year == year && r.Quarter == q) is { } realised)
                    {
                        Amount(sheet.Cell(row, firstQuarterColumn + 2 * (q - 1) + 1), realised.Amount);
                    }
                }

                if (pm)
                {
                    PmCell(sheet.Cell(row, yearProjectedColumn));
                }
                else
                {
                    Formula(sheet.Cell(row, yearProjectedColumn), QuarterSum(row, firstQuarterColumn));
                    Formula(sheet.Cell(row, differenceColumn), $"{Column(yearRealisedColumn)}{row}-{Column(yearProjectedColumn)}{row}");
                }

                Formula(sheet.Cell(row, yearRealisedColumn), QuarterSum(row, firstQuarterColumn + 1));
                row++;
            }

            sheet.Cell(row, 1).Value = year;
            Text(sheet.Cell(row, 2), "Totaal");
            Text(sheet.Cell(row, 3), $"Alle maatregelen {year} (p.m. telt als 0)");
            for (var column = firstQuarterColumn; column < differenceColumn; column++)
            {
                Sum(sheet.Cell(row, column), Column(column), first, row - 1);
            }

            // Realised minus projected of the totals: a PM measure's realisation counts, its projection is 0.
            Formula(sheet.Cell(row, differenceColumn), $"{Column(yearRealisedColumn)}{row}-{Column(yearProjectedColumn)}{row}");

            sheet.Row(row).Style.Font.Bold = true;
            row += 2;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Column(1).Width = 8;
        sheet.Column(2).Width = 8;
        sheet.Column(3).Width = 50;
        sheet.Columns(firstQuarterColumn, differenceColumn).Width = 16;
    }

    private static string QuarterSum(int row, int firstColumn) =>
        "SUM(" + string.Join(",", Enumerable.Range(0, 4).Select(q => $"{Column(firstColumn + 2 * q)}{row}")) + ")";

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<int> years, int year)
    {
        for (var i = 0; i < years.Count; i++)
        {
            if (years[i] == year)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Amount(IXLCell cell, decimal amount) => Excel.ExcelCells.Amount(cell, amount, EuroFormat);

    private static void Sum(IXLCell cell, string column, int firstRow, int lastRow) =>
        Formula(cell, $"SUM({column}{firstRow}:{column}{lastRow})");

    private static void Formula(IXLCell cell, string formula)
    {
        cell.FormulaA1 = formula;
        cell.Style.NumberFormat.Format = EuroFormat;
    }

    private static void PmCell(IXLCell cell)
    {
        Text(cell, Pm);
        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
    }
}
