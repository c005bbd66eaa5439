using System.Text;
using ClosedXML.Excel;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Realisatie;

namespace SociaalDomein.Infrastructure.Tests.Imports;

public class RealisatieReaderTests
{
    private static readonly BudgetLineLookup Lines = new(
        [(1, "WMO-HH", "Huishoudelijke hulp"), (2, "WMO-BG", "Begeleiding"), (3, "JW-BG", "Begeleiding"), (4, "JW-PGB", "Persoonsgebonden budget Jeugd")],
        closedYears: [2016]);

    private static List<ParsedRow<ActualRecord>> Read(byte[] content, string fileName = "realisatie.csv")
    {
        using var file = RealisatieReader.Open(new MemoryStream(content), fileName, Lines);
        return file.Rows.ToList();
    }

    private static List<ParsedRow<ActualRecord>> Read(string csv, Encoding? encoding = null) =>
        Read((encoding ?? new UTF8Encoding(false)).GetBytes(csv));

    private static ActualRecord Valid(ParsedRow<ActualRecord> row) =>
        row.Record ?? throw new Xunit.Sdk.XunitException($"row {row.Row} rejected: {string.Join(" | ", row.Errors.Select(e => $"{e.Column}: {e.Message}"))}");

    private static RowError Rejected(string dataRow) =>
        Assert.Single(Assert.Single(Read($"jaar;maand;budgetpost;bedrag\n{dataRow}\n")).Errors);

    [Fact]
    public void A_semicolon_file_with_Dutch_amounts_is_read_by_code_and_by_name()
    {
        var rows = Read("jaar;maand;budgetpost;bedrag\r\n2018;3;WMO-HH;1.234,56\r\n2018;03;  huishoudelijke   HULP ;-250,00\r\n2018;12;wmo-bg;€ 17\r\n");

        Assert.Equal(
            [new ActualRecord(1, 2018, 3, 1234.56m), new ActualRecord(1, 2018, 3, -250m), new ActualRecord(2, 2018, 12, 17m)],
            rows.Select(Valid));
        Assert.Equal([2, 3, 4], rows.Select(r => r.Row));
    }

    [Fact]
    public void A_comma_file_in_Windows_1252_with_plain_amounts_and_synonyms_is_read()
    {
        var rows = Read("Boekjaar,Periode,Budgetpost code,Saldo,Omschrijving\n2019,1,JW-PGB,1234.5,\"Factuur één, deel 2\"\n2019,2,JW-PGB,\"1,234.50\",café\n",
            Encoding.GetEncoding(1252));

        Assert.Equal([new ActualRecord(4, 2019, 1, 1234.5m), new ActualRecord(4, 2019, 2, 1234.5m)], rows.Select(Valid));
        using var file = RealisatieReader.Open(new MemoryStream(Encoding.GetEncoding(1252).GetBytes("boekjaar,periode,post,saldo,Omschrijving\n2019,1,JW-PGB,1\n")), "r.csv", Lines);
        Assert.Equal(["Omschrijving"], file.UnknownColumns);
    }

    [Theory]
    [InlineData("jaar;maand;post;bedrag")]
    [InlineData("Jaar;Maand;Budgetpost_code;Bedrag")]
    [InlineData("boekjaar;boekperiode;budgetpost naam;realisatie")]
    [InlineData("JAAR;MAANDNUMMER;Begrotingspost;Werkelijk")]
    public void Column_synonyms_are_recognised(string header)
    {
        var row = Assert.Single(Read($"{header}\n2018;4;Begeleiding;10\n".Replace("Begeleiding", "WMO-BG")));

        Assert.Equal(new ActualRecord(2, 2018, 4, 10m), Valid(row));
    }

    [Fact]
    public void A_missing_column_makes_the_file_unreadable_and_names_it()
    {
        var message = Assert.Throws<ImportFileException>(() => Read("jaar;maand;bedrag\n2018;1;5\n")).Message;

        Assert.Equal("Kolom 'budgetpost' ontbreekt in 'realisatie.csv'.", message);
    }

    [Fact]
    public void An_xml_file_is_refused_for_realisatie()
    {
        var message = Assert.Throws<ImportFileException>(() => Read("<?xml version=\"1.0\"?><a/>")).Message;

        Assert.Contains("Lever de realisatie aan als CSV of als Excel-werkmap", message);
    }

    [Fact]
    public void An_unknown_budget_line_is_rejected_with_its_row_column_and_name()
    {
        var rows = Read("jaar;maand;budgetpost;bedrag\n2018;1;WMO-HH;5\n2018;1;Leerlingenvervoer;5\n");

        var error = Assert.Single(rows[1].Errors);
        Assert.Equal(new RowError(3, "budgetpost", "budgetpost 'Leerlingenvervoer' is onbekend: geen code of naam van een budgetpost"), error);
        Assert.Equal("2018;1;Leerlingenvervoer;5", rows[1].MaskedRow);
    }

    [Fact]
    public void A_name_two_domains_share_needs_the_code() =>
        Assert.Equal("budgetpost 'begeleiding' is de naam van meer dan één budgetpost; gebruik de code", Rejected("2018;1;begeleiding;5").Message);

    [Fact]
    public void A_closed_year_is_rejected() =>
        Assert.Equal(new RowError(2, "jaar", "het jaar 2016 is afgesloten; er kan geen realisatie meer in worden ingelezen"), Rejected("2016;5;WMO-HH;5"));

    [Theory]
    [InlineData("2018;13;WMO-HH;5", "maand", "maand '13' is geen maand (1 tot en met 12)")]
    [InlineData("2018;0;WMO-HH;5", "maand", "maand '0' is geen maand (1 tot en met 12)")]
    [InlineData("2018;maart;WMO-HH;5", "maand", "maand 'maart' is geen maand (1 tot en met 12)")]
    [InlineData("twintig;1;WMO-HH;5", "jaar", "jaar 'twintig' is geen jaartal")]
    [InlineData("1850;1;WMO-HH;5", "jaar", "jaar '1850' ligt niet tussen 1900 en 2200")]
    [InlineData("2018;1;WMO-HH;12,345", "bedrag", "bedrag '12,345' heeft meer dan twee decimalen")]
    [InlineData("2018;1;WMO-HH;veel", "bedrag", "bedrag 'veel' is geen bedrag")]
    [InlineData("2018;1;WMO-HH;", "bedrag", "bedrag is niet ingevuld")]
    [InlineData("2018;1;;5", "budgetpost", "budgetpost is niet ingevuld")]
    public void A_bad_value_is_rejected_with_a_Dutch_reason(string row, string column, string message)
    {
        var error = Rejected(row);

        Assert.Equal((2, column, message), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public void Every_failing_value_of_a_row_is_reported()
    {
        var row = Assert.Single(Read("jaar;maand;budgetpost;bedrag\n2016;14;Onbekend;1,234\n"));

        Assert.Equal(["jaar", "maand", "budgetpost", "bedrag"], row.Errors.Select(e => e.Column));
    }

    [Fact]
    public void An_unknown_column_is_masked_in_a_rejected_row()
    {
        var row = Assert.Single(Read("jaar;maand;budgetpost;bedrag;crediteur\n2018;13;WMO-HH;5;J. Jansen\n"));

        Assert.Equal("2018;13;WMO-HH;5;***", row.MaskedRow);
    }

    [Fact]
    public void An_Excel_file_is_read_with_number_cells_and_text_cells()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Grootboek");
        string[] header = ["Boekjaar", "Periode", "Budgetpost", "Bedrag"];
        for (var i = 0; i < header.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = header[i];
        }

        sheet.Cell(2, 1).Value = 2018;
        sheet.Cell(2, 2).Value = 7;
        sheet.Cell(2, 3).Value = "Huishoudelijke hulp";
        sheet.Cell(2, 4).Value = -1234.56;
        sheet.Cell(4, 1).Value = 2018;
        sheet.Cell(4, 2).Value = "8";
        sheet.Cell(4, 3).Value = "WMO-BG";
        sheet.Cell(4, 4).Value = "1.000,10";
        sheet.Cell(5, 1).Value = 2018;
        sheet.Cell(5, 2).Value = 9;
        sheet.Cell(5, 3).Value = "WMO-BG";
        sheet.Cell(5, 4).Value = 0.125;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var rows = Read(stream.ToArray(), "realisatie.xlsx");

        Assert.Equal([2, 4, 5], rows.Select(r => r.Row));
        Assert.Equal([new ActualRecord(1, 2018, 7, -1234.56m), new ActualRecord(2, 2018, 8, 1000.10m)], rows.Take(2).Select(Valid));
        Assert.Equal("bedrag heeft meer dan twee decimalen", rows[2].Errors.Single().Message.Replace(" '0,125'", "").Replace("Bedrag", "bedrag"));
    }
}
