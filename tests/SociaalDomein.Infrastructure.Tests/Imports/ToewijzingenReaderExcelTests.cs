using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports;
using static SociaalDomein.Infrastructure.Tests.Imports.ToewijzingenTestFiles;

namespace SociaalDomein.Infrastructure.Tests.Imports;

public class ToewijzingenReaderExcelTests
{
    private static byte[] Workbook(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Toewijzingen");
        fill(sheet);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Header(IXLWorksheet sheet, params string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = names[i];
        }
    }

    private static readonly string[] Names =
    [
        "BSN", "Dossiernummer", "Postcode", "Huisnummer", "Wet", "Productcategorie", "Productcode", "AGB", "Leveringsvorm",
        "Ingangsdatum", "Einddatum", "Volume", "Eenheid", "Frequentie", "Tarief", "Budget",
    ];

    [Fact]
    public void Real_date_and_number_cells_are_read_as_typed_values()
    {
        var bsn = TestBsn.Number(5);
        var bytes = Workbook(sheet =>
        {
            Header(sheet, Names);
            sheet.Cell(2, 1).Value = long.Parse(bsn);
            sheet.Cell(2, 2).Value = "D-9";
            sheet.Cell(2, 3).Value = "8011 ab";
            sheet.Cell(2, 4).Value = 12;
            sheet.Cell(2, 5).Value = "Jeugdwet";
            sheet.Cell(2, 6).Value = 2;
            sheet.Cell(2, 7).Value = "02A06";
            sheet.Cell(2, 8).Value = 75750001;
            sheet.Cell(2, 9).Value = "ZIN";
            sheet.Cell(2, 10).Value = new DateTime(2018, 3, 1);
            sheet.Cell(2, 11).Value = new DateTime(2019, 2, 28);
            sheet.Cell(2, 12).Value = 1.5;
            sheet.Cell(2, 13).Value = "uren";
            sheet.Cell(2, 14).Value = "Per Week";
            sheet.Cell(2, 15).Value = 1.234; // a number cell is never read as thousands
            sheet.Cell(2, 15).Style.NumberFormat.Format = "#,##0.000";
            sheet.Cell(3, 1).Value = bsn;
            sheet.Cell(3, 2).Value = "D-9";
            sheet.Cell(3, 3).Value = "8011AB";
            sheet.Cell(3, 4).Value = "12";
            sheet.Cell(3, 5).Value = "Wmo";
            sheet.Cell(3, 7).Value = "01A01";
            sheet.Cell(3, 8).Value = "75750002";
            sheet.Cell(3, 9).Value = "PGB";
            sheet.Cell(3, 10).Value = "15-01-2018";
            sheet.Cell(3, 16).Value = "€ 3.120,00";
        });

        using var file = Open(bytes, "toewijzingen.xlsx");
        var rows = file.Rows.ToList();

        Assert.Equal(SourceFormat.Excel, file.Format);
        Assert.Equal(2, file.TotalRows);
        Assert.Equal([2, 3], rows.Select(r => r.Row));
        Assert.All(rows, r => Assert.Empty(r.Errors));
        var first = rows[0].Record!;
        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), first.ClientKey);
        Assert.Equal(Pseudonymiser.AddressKey("8011AB", "12", null), first.AddressKey);
        Assert.Equal(new DateOnly(2018, 3, 1), first.StartDate);
        Assert.Equal(new DateOnly(2019, 2, 28), first.EndDate);
        Assert.Equal("02", first.ProductCategory);
        Assert.Equal(1.5m, first.Volume);
        Assert.Equal("uur", first.Unit);
        Assert.Equal(1.234m, first.Tariff);
        Assert.Equal(Law.Jeugdwet, first.Law);

        var second = rows[1].Record!;
        Assert.Equal(first.ClientKey, second.ClientKey);
        Assert.Equal(first.AddressKey, second.AddressKey);
        Assert.Equal(new DateOnly(2018, 1, 15), second.StartDate);
        Assert.Equal(3120m, second.Budget);
        Assert.Equal(DeliveryForm.PersonalBudget, second.DeliveryForm);
    }

    [Fact]
    public void Excel_rows_go_through_the_same_validation_and_keep_their_cells_as_raw_row()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, Names);
            sheet.Cell(2, 1).Value = TestBsn.Invalid(2);
            sheet.Cell(2, 2).Value = "D;1";
            sheet.Cell(2, 3).Value = "8011AB";
            sheet.Cell(2, 4).Value = 12;
            sheet.Cell(2, 5).Value = "Wlz";
            sheet.Cell(2, 7).Value = "02A06";
            sheet.Cell(2, 8).Value = "75750001";
            sheet.Cell(2, 9).Value = "ZIN";
            sheet.Cell(2, 10).Value = "31-02-2018";
            sheet.Cell(2, 16).Value = 100;
        });

        using var file = Open(bytes, "toewijzingen.xlsx");
        var parsed = Assert.Single(file.Rows);

        Assert.Equal(["BSN", "Wet", "Ingangsdatum"], parsed.Errors.Select(e => e.Column));
        Assert.Equal("Ingangsdatum '31-02-2018' is geen geldige datum", parsed.Errors[2].Message);
        Assert.Equal(string.Join(';', Names), file.HeaderLine);
        Assert.StartsWith("***;\"D;1\";8011**;***;Wlz;;02A06;", parsed.MaskedRow);
    }

    [Fact]
    public void A_missing_required_column_in_Excel_is_named()
    {
        var bytes = Workbook(sheet =>
        {
            Header(sheet, Names.Where(n => n != "Postcode").ToArray());
            sheet.Cell(2, 1).Value = "x";
        });

        Assert.Equal("Kolom 'postcode' ontbreekt in 'lijst.xlsx'.", OpenFails(bytes, "lijst.xlsx"));
    }

    [Fact]
    public void An_Excel_file_with_only_a_header_is_empty()
    {
        var bytes = Workbook(sheet => Header(sheet, Names));

        Assert.Equal("Het bestand 'lijst.xlsx' is leeg: er staan geen rijen in.", OpenFails(bytes, "lijst.xlsx"));
    }

    [Fact]
    public void An_Excel_file_without_a_worksheet_is_refused_clearly()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            workbookPart.Workbook.Save();
        }

        Assert.Equal(
            "Het Excel-bestand 'leeg.xlsx' bevat geen werkblad. Zet de toewijzingen op het eerste werkblad, met de kolomnamen in de eerste rij.",
            OpenFails(stream.ToArray(), "leeg.xlsx"));
    }

    [Fact]
    public void A_zip_that_is_no_workbook_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("leesmij.txt").Open());
            writer.Write("geen werkmap");
        }

        Assert.Contains("geen leesbaar Excel-bestand (.xlsx)", OpenFails(stream.ToArray(), "archief.xlsx"));
    }
}
