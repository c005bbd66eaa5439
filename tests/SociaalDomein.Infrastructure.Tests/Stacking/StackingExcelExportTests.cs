using ClosedXML.Excel;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Stacking;

namespace SociaalDomein.Infrastructure.Tests.Stacking;

public class StackingExcelExportTests
{
    private static readonly DateOnly Date = new(2018, 11, 1);

    private static StackingResult Result() => new(
        Date, 3, 12, 7_400, 7_295, 44_000_000.456m,
        [new HouseholdLine(1, 5_712, 30_000_000m), new HouseholdLine(2, 7, 140_000m), new HouseholdLine(3, 86, 3_000_000m), new HouseholdLine(4, 33, 1_980_000m)],
        new InstitutionLine(12, 80, 900_000m),
        [new ProvisionLine(1, 5_201, 26_000_000m), new ProvisionLine(2, 1_717, 9_000_000m), new ProvisionLine(3, 270, 3_000_000m),
            new ProvisionLine(4, 5, 100_000m), new ProvisionLine(5, 20, 400_000m)],
        [new ProductPairLine("01A01", "02A06", 123, 456_789.12m)],
        new CrossLawLine(40, 400_000m),
        [new ExpensiveHousehold("00ff", 3, 5, 123_456.78m)]);

    /// <summary>Two quarters of trend: the result itself on 1 July and 1 October 2018.</summary>
    private static StackingResult[] Trend() => [Result() with { ReferenceDate = new(2018, 7, 1) }, Result() with { ReferenceDate = new(2018, 10, 1) }];

    private static XLWorkbook Open(StackingExportRequest request, bool isDemo = true) =>
        new(new MemoryStream(StackingExcelExport.Write(Result(), Trend(), request, "Demogemeente", isDemo)));

    [Fact]
    public void The_workbook_has_an_explanation_and_one_sheet_per_table_with_euros_counts_and_dates()
    {
        using var book = Open(new StackingExportRequest(Date, Law.Wmo, "Noord", Publication: false, IncludeMostExpensive: true));

        Assert.Equal(["Toelichting", "Huishoudens", "Voorzieningen", "Combinaties", "Wmo en Jeugd", "Verloop", "Duurste huishoudens"],
            book.Worksheets.Select(s => s.Name));

        var trend = book.Worksheet("Verloop");
        Assert.Equal(["Peildatum", "Adressen, 1 cliënt", "Adressen, 2 cliënten", "Adressen, 3 cliënten", "Adressen, 4 cliënten", "Zorglocaties",
                "Cliënten, 1 voorziening", "Cliënten, 2 voorzieningen", "Cliënten, 3 voorzieningen", "Cliënten, 4 voorzieningen", "Cliënten, 5 of meer voorzieningen"],
            trend.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(new DateTime(2018, 10, 1), trend.Cell(3, 1).GetDateTime());
        Assert.Equal([5_712, 7, 86, 33, 12, 5_201, 1_717, 270, 5, 20], trend.Row(3).Cells(2, 11).Select(c => c.GetValue<int>()));

        var households = book.Worksheet("Huishoudens");
        Assert.Equal("Aantal adressen", households.Cell(1, 2).GetString());
        Assert.Equal(5_712, households.Cell(2, 2).GetValue<int>());
        Assert.Equal(30_000_000m, Math.Round(households.Cell(2, 3).GetValue<decimal>(), 2));
        Assert.Equal(StackingExcelExport.EuroFormat, households.Cell(2, 3).Style.NumberFormat.Format);
        Assert.Equal("\"€\" #,##0.00", households.Cell(2, 4).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, households.Cell(2, 2).DataType);

        var pairs = book.Worksheet("Combinaties");
        Assert.Equal("01A01", pairs.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Text, pairs.Cell(2, 1).DataType);
        Assert.Equal(456_789.12m, Math.Round(pairs.Cell(2, 4).GetValue<decimal>(), 2));
        Assert.Equal("5 of meer", book.Worksheet("Voorzieningen").Cell(6, 1).GetString());

        var explanation = book.Worksheet("Toelichting");
        var values = Rows(explanation);
        var date = ValueOf(explanation, "Peildatum");
        Assert.Equal(XLDataType.DateTime, date.DataType);
        Assert.Equal(new DateTime(2018, 11, 1), date.GetDateTime());
        Assert.Equal("dd-mm-yyyy", date.Style.DateFormat.Format);
        Assert.Equal(XLDataType.Number, ValueOf(explanation, "Actieve toewijzingen").DataType);
        Assert.Equal(StackingExcelExport.EuroFormat, ValueOf(explanation, "Totaalbedrag").Style.NumberFormat.Format);
        Assert.Equal("Wmo", values["Wet"]);
        Assert.Equal("Noord", values["Wijk"]);
        Assert.Equal("nee", values["Publicatiemodus (CBS-regel)"]);
        Assert.Equal("3", values["Ingetrokken toewijzingen (niet meegeteld)"]);
        Assert.Equal("12", values["Dubbele toewijzingen (niet meegeteld)"]);
        Assert.Contains(explanation.CellsUsed(), c => c.GetString().Contains("demonstratiegegevens", StringComparison.Ordinal));
        Assert.Equal("123456.78", book.Worksheet("Duurste huishoudens").Cell(2, 5).GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Label (column A) → value as text, of the rows that have both.</summary>
    private static Dictionary<string, string> Rows(IXLWorksheet sheet) =>
        sheet.RowsUsed()
            .Where(r => !r.Cell(1).IsEmpty() && !r.Cell(2).IsEmpty())
            .ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());

    private static IXLCell ValueOf(IXLWorksheet sheet, string label) =>
        sheet.RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2);

    [Fact]
    public void In_publication_mode_hidden_cells_read_geheim_counts_are_rounded_and_there_are_no_households_to_review()
    {
        using var book = Open(new StackingExportRequest(Date, null, null, Publication: true, IncludeMostExpensive: true));

        Assert.DoesNotContain("Duurste huishoudens", book.Worksheets.Select(s => s.Name));
        var households = book.Worksheet("Huishoudens");
        Assert.Equal(5_710, households.Cell(2, 2).GetValue<int>());
        Assert.Equal(["geheim", "geheim", "geheim"], [households.Cell(3, 2).GetString(), households.Cell(3, 3).GetString(), households.Cell(3, 4).GetString()]);
        Assert.Equal(XLDataType.Text, households.Cell(3, 3).DataType);
        Assert.Equal(85, households.Cell(4, 2).GetValue<int>());
        Assert.Equal("geheim", book.Worksheet("Voorzieningen").Cell(5, 2).GetString());
        Assert.Equal(125, book.Worksheet("Combinaties").Cell(2, 3).GetValue<int>());
        var trend = book.Worksheet("Verloop");
        Assert.Equal([5_710, 85], [trend.Cell(2, 2).GetValue<int>(), trend.Cell(2, 4).GetValue<int>()]);
        Assert.Equal("geheim", trend.Cell(2, 3).GetString()); // 7 addresses with 2 clients

        var explanation = Rows(book.Worksheet("Toelichting"));
        Assert.Equal("ja", explanation["Publicatiemodus (CBS-regel)"]);
        Assert.Equal("Alle wetten", explanation["Wet"]);
        Assert.Equal("Alle wijken", explanation["Wijk"]);
        Assert.Equal("geheim", explanation["Ingetrokken toewijzingen (niet meegeteld)"]);
        Assert.Equal("10", explanation["Dubbele toewijzingen (niet meegeteld)"]);
    }

    [Fact]
    public void Without_permission_there_is_no_sheet_of_most_expensive_households_and_real_data_carry_no_demo_warning()
    {
        using var book = Open(new StackingExportRequest(Date, null, null, Publication: false, IncludeMostExpensive: false), isDemo: false);

        Assert.Equal(["Toelichting", "Huishoudens", "Voorzieningen", "Combinaties", "Wmo en Jeugd", "Verloop"], book.Worksheets.Select(s => s.Name));
        Assert.DoesNotContain(book.Worksheet("Toelichting").CellsUsed(), c => c.GetString().Contains("demonstratiegegevens", StringComparison.Ordinal));
    }
}
