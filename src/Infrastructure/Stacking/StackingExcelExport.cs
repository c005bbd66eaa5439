using ClosedXML.Excel;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Municipalities;

namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>What to export: the filters the figures were computed with, whether they are for publication (CBS rule,
/// <see cref="PublicationRule"/>), and whether the reader may see the most expensive households (Controller and
/// Beheerder; never in publication mode).</summary>
public sealed record StackingExportRequest(DateOnly ReferenceDate, Law? Law, string? District, bool Publication, bool IncludeMostExpensive);

/// <summary>
/// The stacking tables (docs/domain.md §5) as an Excel workbook in Dutch: a sheet "Toelichting" (reference date, filters,
/// publication mode, cleaning counts, and a warning for demonstration data), one sheet per table, and the trend per
/// quarter ("Verloop"). Amounts are
/// numbers in euros ("€" #,##0.00), counts whole numbers, dates real dates (dd-mm-yyyy); in publication mode a hidden
/// cell holds the text "geheim".
/// </summary>
public sealed class StackingExcelExport(StackingService stacking, MunicipalityService municipalities)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string EuroFormat = "\"€\" #,##0.00";
    public const string CountFormat = "#,##0";
    public const string DateFormat = "dd-mm-yyyy";
    public const string Hidden = StackingLabels.Hidden;

    /// <summary>Computes (or reads the stored) figures for the request and writes the workbook.</summary>
    public async Task<byte[]> CreateAsync(StackingExportRequest request, CancellationToken ct = default)
    {
        var result = await stacking.GetAsync(request.ReferenceDate, request.Law, request.District, ct);
        var trend = await stacking.TrendAsync(request.Law, request.District, ct);
        var municipality = await municipalities.CurrentAsync(ct);
        return Write(result, trend, request, municipality?.Name, municipality?.IsDemo ?? false);
    }

    /// <summary>Adds the sheets of the request to a workbook (the quarterly report), its explanation under
    /// <paramref name="explanationSheet"/>.</summary>
    public async Task AddToAsync(XLWorkbook workbook, StackingExportRequest request, string explanationSheet, CancellationToken ct = default)
    {
        var result = await stacking.GetAsync(request.ReferenceDate, request.Law, request.District, ct);
        var trend = await stacking.TrendAsync(request.Law, request.District, ct);
        var municipality = await municipalities.CurrentAsync(ct);
        AddTo(workbook, result, trend, request, municipality?.Name, municipality?.IsDemo ?? false, explanationSheet);
    }

    public static string FileName(StackingExportRequest request) =>
        $"stapeling-{request.ReferenceDate:yyyy-MM-dd}{(request.Publication ? "-publicatie" : "")}.xlsx";

    public static byte[] Write(StackingResult result, IReadOnlyList<StackingResult> trend, StackingExportRequest request, string? municipality, bool isDemo)
    {
        using var workbook = new XLWorkbook();
        AddTo(workbook, result, trend, request, municipality, isDemo, "Toelichting");
        return Excel.ExcelCells.Save(workbook);
    }

    private static void AddTo(XLWorkbook workbook, StackingResult result, IReadOnlyList<StackingResult> trend, StackingExportRequest request,
        string? municipality, bool isDemo, string explanationSheet)
    {
        var figures = PublicationRule.Figures(result, request.Publication);
        WriteExplanation(workbook.Worksheets.Add(explanationSheet), figures, request, municipality, isDemo);
        WriteHouseholds(workbook.Worksheets.Add("Huishoudens"), figures);
        WriteProvisions(workbook.Worksheets.Add("Voorzieningen"), figures);
        WritePairs(workbook.Worksheets.Add("Combinaties"), figures);
        WriteCrossLaw(workbook.Worksheets.Add("Wmo en Jeugd"), figures);
        if (trend.Count > 0)
        {
            WriteTrend(workbook.Worksheets.Add("Verloop"), trend.Select(r => PublicationRule.Figures(r, request.Publication)).ToList());
        }
        if (request.IncludeMostExpensive && !request.Publication)
        {
            WriteMostExpensive(workbook.Worksheets.Add("Duurste huishoudens"), figures);
        }
    }

    private static void WriteExplanation(IXLWorksheet sheet, StackingFigures f, StackingExportRequest request, string? municipality, bool isDemo)
    {
        sheet.Cell(1, 1).Value = "Stapelingsanalyse sociaal domein";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        var row = 3;
        void Line(string label, Action<IXLCell> value)
        {
            sheet.Cell(row, 1).Value = label;
            value(sheet.Cell(row, 2));
            row++;
        }

        Line("Gemeente", c => Text(c, municipality ?? "onbekend"));
        Line("Peildatum", c =>
        {
            c.Value = request.ReferenceDate.ToDateTime(TimeOnly.MinValue);
            c.Style.DateFormat.Format = DateFormat;
            c.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        });
        Line("Wet", c => Text(c, request.Law?.ToString() ?? "Alle wetten"));
        Line("Wijk", c => Text(c, request.District ?? "Alle wijken"));
        Line("Publicatiemodus (CBS-regel)", c => Text(c, request.Publication ? "ja" : "nee"));
        row++;
        Line("Ingetrokken toewijzingen (niet meegeteld)", c => Count(c, f.Revoked));
        Line("Dubbele toewijzingen (niet meegeteld)", c => Count(c, f.Duplicates));
        Line("Actieve toewijzingen", c => Count(c, f.ActiveAssignments));
        Line("Cliënten", c => Count(c, f.Clients));
        Line("Totaalbedrag", c => Amount(c, f.TotalAmount));
        row++;
        var notes = new List<string>
        {
            "Bedragen zijn in euro's, over het hele kalenderjaar van de peildatum.",
            $"Een huishouden is een adres; een adres met meer dan {f.Households.Count} cliënten is een zorglocatie en telt niet mee in de tabel Huishoudens.",
        };
        if (request.Publication)
        {
            notes.Add("Publicatiemodus: aantallen 0 tot en met 7 zijn vervangen door 'geheim', andere aantallen zijn afgerond op een veelvoud van 5; bedragen van verborgen cellen zijn ook verborgen.");
        }

        if (isDemo)
        {
            notes.Add("Let op: dit zijn demonstratiegegevens, geen echte cijfers van een gemeente.");
        }

        foreach (var note in notes)
        {
            sheet.Cell(row++, 1).Value = note;
        }

        sheet.Column(1).Width = 42;
        sheet.Column(2).Width = 18;
    }

    private static void WriteHouseholds(IXLWorksheet sheet, StackingFigures f)
    {
        Header(sheet, 1, "Aantal cliënten", "Aantal adressen", "Bedrag", "Gemiddeld per inwoner");
        var row = 2;
        foreach (var h in f.Households)
        {
            sheet.Cell(row, 1).Value = h.Clients;
            Count(sheet.Cell(row, 2), h.Addresses);
            Amount(sheet.Cell(row, 3), h.Amount);
            Amount(sheet.Cell(row, 4), h.AveragePerInhabitant);
            row++;
        }

        row++;
        Header(sheet, row++, $"Zorglocaties (meer dan {f.Households.Count} cliënten)", "Aantal adressen", "Aantal cliënten", "Bedrag");
        sheet.Cell(row, 1).Value = "Zorglocaties";
        Count(sheet.Cell(row, 2), f.Institutions.Addresses);
        Count(sheet.Cell(row, 3), f.Institutions.Clients);
        Amount(sheet.Cell(row, 4), f.Institutions.Amount);
        Widths(sheet, 34, 18, 18, 22);
    }

    private static void WriteProvisions(IXLWorksheet sheet, StackingFigures f)
    {
        Header(sheet, 1, "Aantal unieke voorzieningen", "Aantal cliënten", "Bedrag", "Gemiddeld per cliënt");
        var row = 2;
        foreach (var p in f.Provisions)
        {
            if (p.Provisions >= StackingOptions.MaxProvisionsBucket)
            {
                Text(sheet.Cell(row, 1), StackingLabels.Provisions(p.Provisions));
            }
            else
            {
                sheet.Cell(row, 1).Value = p.Provisions;
            }

            Count(sheet.Cell(row, 2), p.Clients);
            Amount(sheet.Cell(row, 3), p.Amount);
            Amount(sheet.Cell(row, 4), p.AveragePerClient);
            row++;
        }

        Widths(sheet, 28, 18, 20, 22);
    }

    private static void WritePairs(IXLWorksheet sheet, StackingFigures f)
    {
        Header(sheet, 1, "Product A", "Product B", "Aantal cliënten", "Bedrag van beide");
        var row = 2;
        foreach (var p in f.ProductPairs)
        {
            Text(sheet.Cell(row, 1), p.ProductA);
            Text(sheet.Cell(row, 2), p.ProductB);
            Count(sheet.Cell(row, 3), p.Clients);
            Amount(sheet.Cell(row, 4), p.Amount);
            row++;
        }

        Widths(sheet, 14, 14, 18, 22);
    }

    private static void WriteCrossLaw(IXLWorksheet sheet, StackingFigures f)
    {
        Header(sheet, 1, "Huishoudens met Wmo en Jeugdwet", "Aantal huishoudens", "Bedrag");
        Text(sheet.Cell(2, 1), "Wmo en Jeugdwet op één adres");
        Count(sheet.Cell(2, 2), f.CrossLaw.Households);
        Amount(sheet.Cell(2, 3), f.CrossLaw.Amount);
        Widths(sheet, 34, 20, 22);
    }

    private static void WriteMostExpensive(IXLWorksheet sheet, StackingFigures f)
    {
        Header(sheet, 1, "Rang", "Huishouden (pseudoniem)", "Aantal cliënten", "Aantal producten", "Bedrag");
        var row = 2;
        foreach (var h in f.MostExpensiveHouseholds)
        {
            sheet.Cell(row, 1).Value = row - 1;
            Text(sheet.Cell(row, 2), h.Household);
            Count(sheet.Cell(row, 3), h.Clients);
            Count(sheet.Cell(row, 4), h.Products);
            Amount(sheet.Cell(row, 5), h.Amount);
            row++;
        }

        Widths(sheet, 8, 68, 16, 18, 20);
    }

    /// <summary>One row per quarter: addresses per household size, care locations, clients per number of provisions.</summary>
    private static void WriteTrend(IXLWorksheet sheet, IReadOnlyList<StackingFigures> points)
    {
        var first = points[0];
        Header(sheet, 1,
        [
            "Peildatum",
            .. first.Households.Select(h => $"Adressen, {StackingLabels.Clients(h.Clients)}"),
            "Zorglocaties",
            .. first.Provisions.Select(p => $"Cliënten, {StackingLabels.ProvisionsNoun(p.Provisions)}"),
        ]);
        var row = 2;
        foreach (var point in points)
        {
            var date = sheet.Cell(row, 1);
            date.Value = point.ReferenceDate.ToDateTime(TimeOnly.MinValue);
            date.Style.DateFormat.Format = DateFormat;
            var column = 2;
            foreach (var count in point.Households.Select(h => h.Addresses).Append(point.Institutions.Addresses).Concat(point.Provisions.Select(p => p.Clients)))
            {
                Count(sheet.Cell(row, column++), count);
            }

            row++;
        }

        sheet.Column(1).Width = 14;
        sheet.Columns(2, 1 + first.Households.Count + 1 + first.Provisions.Count).Width = 22;
    }

    private static void Header(IXLWorksheet sheet, int row, params string[] titles)
    {
        for (var i = 0; i < titles.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            cell.Value = titles[i];
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE3EA");
        }
    }

    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }

    /// <summary>Text that must stay text (product codes like "01A01", the pseudonymous key).</summary>
    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    private static void Count(IXLCell cell, int? n)
    {
        if (n is { } value)
        {
            cell.Value = value;
            cell.Style.NumberFormat.Format = CountFormat;
        }
        else
        {
            HiddenCell(cell);
        }
    }

    private static void Amount(IXLCell cell, decimal? amount)
    {
        if (amount is { } value)
        {
            cell.Value = Math.Round(value, 2, MidpointRounding.AwayFromZero);
            cell.Style.NumberFormat.Format = EuroFormat;
        }
        else
        {
            HiddenCell(cell);
        }
    }

    private static void HiddenCell(IXLCell cell)
    {
        Text(cell, Hidden);
        cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
    }
}
