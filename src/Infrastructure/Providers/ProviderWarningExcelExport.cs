using System.Globalization;
using ClosedXML.Excel;
using SociaalDomein.Infrastructure.Jobs;
using static SociaalDomein.Infrastructure.Excel.ExcelCells;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>
/// The ceiling warnings as a letter-ready Excel sheet in Dutch ("Signaleringen"): per warning the provider, AGB code, year,
/// scope (law and product), ceiling, spent, % used, projection, projected date, level, when raised and whether it was
/// handled — the figures of the moment it was raised, which the letter to the provider quotes. Amounts are numbers in
/// euros, the percentage a number with a percent format, dates real dates; header bold and frozen. No personal data.
/// </summary>
public sealed class ProviderWarningExcelExport(ProviderWarningService warnings)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string EuroFormat = "\"€\" #,##0.00";
    public const string PercentFormat = "0.0%";
    public const string DateFormat = "dd-mm-yyyy";
    public const string SheetName = "Signaleringen";
    public const string FileName = "signaleringen-budgetplafonds.xlsx";
    public const int HeaderRow = 3;

    public static readonly string[] Columns =
    [
        "Aanbieder", "AGB-code", "Jaar", "Reikwijdte", "Plafond", "Besteed", "% besteed", "Prognose jaareinde", "Verwachte datum plafond bereikt",
        "Signalering", "Gesignaleerd op", "Status",
    ];

    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The workbook of the warnings (one provider's when <paramref name="agb"/> is given; acknowledged ones too
    /// unless <paramref name="openOnly"/>).</summary>
    public async Task<byte[]> CreateAsync(string? agb, bool openOnly, CancellationToken ct) =>
        Write(await warnings.ListAsync(agb, !openOnly, ct));

    /// <summary>Adds the sheet of every warning, acknowledged ones too, to a workbook (the quarterly report).</summary>
    public async Task AddToAsync(XLWorkbook workbook, CancellationToken ct) => AddTo(workbook, await warnings.ListAsync(null, true, ct));

    public static byte[] Write(IReadOnlyList<ProviderWarningRow> rows)
    {
        using var workbook = new XLWorkbook();
        AddTo(workbook, rows);
        return Excel.ExcelCells.Save(workbook);
    }

    private static void AddTo(XLWorkbook workbook, IReadOnlyList<ProviderWarningRow> rows)
    {
        var sheet = workbook.Worksheets.Add(SheetName);
        var title = sheet.Cell(1, 1);
        title.Value = "Signaleringen budgetplafonds";
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        sheet.Cell(2, 1).Value = "Bedragen in euro's, zoals op het moment van signaleren: besteed = goedgekeurde declaraties van het jaar tot de peildatum; " +
            "prognose = besteed doorgetrokken naar het hele jaar in hetzelfde tempo.";
        Header(sheet, HeaderRow, Columns);
        var row = HeaderRow + 1;
        foreach (var w in rows)
        {
            Text(sheet.Cell(row, 1), w.ProviderName);
            Text(sheet.Cell(row, 2), w.ProviderAgb);
            sheet.Cell(row, 3).Value = w.Year;
            Text(sheet.Cell(row, 4), ProviderEditService.Scope(w.Law, w.ProductCode));
            Amount(sheet.Cell(row, 5), w.Ceiling, EuroFormat);
            Amount(sheet.Cell(row, 6), w.Spent, EuroFormat);
            Amount(sheet.Cell(row, 7), decimal.Round(w.Used, 4), PercentFormat);
            Amount(sheet.Cell(row, 8), w.Projection, EuroFormat);
            if (w.ProjectedDate is { } date)
            {
                sheet.Cell(row, 9).Value = date.ToDateTime(TimeOnly.MinValue);
                sheet.Cell(row, 9).Style.DateFormat.Format = DateFormat;
            }
            else
            {
                Text(sheet.Cell(row, 9), "niet dit jaar");
            }

            Text(sheet.Cell(row, 10), ProviderWarningService.LevelName(w.Level, w.ThresholdPercent));
            sheet.Cell(row, 11).Value = TimeZoneInfo.ConvertTime(w.RaisedAt, RecurringJobs.Amsterdam).DateTime;
            sheet.Cell(row, 11).Style.DateFormat.Format = "dd-mm-yyyy hh:mm";
            Text(sheet.Cell(row, 12), w.AcknowledgedAt is { } at
                ? $"afgehandeld op {TimeZoneInfo.ConvertTime(at, RecurringJobs.Amsterdam).ToString("dd-MM-yyyy", Nl)}: {w.AcknowledgementNote}"
                : "open");
            row++;
        }

        sheet.SheetView.FreezeRows(HeaderRow);
        // Fixed widths: measuring the text would need a font library the server may not have.
        double[] widths = [36, 11, 7, 28, 15, 15, 10, 18, 16, 24, 17, 40];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }
}
