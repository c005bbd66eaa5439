using System.Text;
using ClosedXML.Excel;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Imports;
using static SociaalDomein.Infrastructure.Tests.Imports.DeclaratiesTestFiles;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The declaraties readers (CSV, Excel, WMO323, JW323) and their one validator (docs/import-formats.md, record
/// kind 2): values, identities, pseudonymisation, and a Dutch reason with row and column for each bad value.</summary>
public class DeclaratiesReaderTests
{
    [Fact]
    public void A_csv_row_is_read_pseudonymised_with_the_provider_scoped_claim_number_as_identity()
    {
        var bsn = TestBsn.Number(3);
        var row = Assert.Single(ReadAll(Csv(Row(bsn: bsn, assignment: "T-9", amount: "1.234,56", status: "Ingediend", number: "D-1"))));

        var claim = row.Record!;
        Assert.Equal(2, row.Row);
        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), claim.ClientKey);
        Assert.Equal(("nr:75750001/D-1", "D-1", "T-9"), (claim.IdentityKey, claim.ClaimNumber, claim.AssignmentNumber));
        Assert.Equal((Law.Wmo, "02A06", 1234.56m, ClaimStatus.Submitted), (claim.Law, claim.ProductCode, claim.Amount, claim.Status));
        Assert.Equal((new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 31), new DateOnly(2019, 4, 10)), (claim.PeriodStart, claim.PeriodEnd, claim.SubmittedOn));
        Assert.Equal("Zorg Zwolle BV", claim.ProviderName);
    }

    [Fact]
    public void Synonyms_are_recognised_status_defaults_to_approved_and_a_claim_without_number_is_identified_by_its_content()
    {
        var csv = "Burgerservicenummer;AGB;Wetgeving;Product;Begindatum;Einddatum;Declaratiebedrag;Indieningsdatum;Omschrijving\n" +
                  $"{TestBsn.Number(4)};75750002;Jeugd;45A12;2019-01-01;2019-01-31;100;2019-02-05;iets\n" +
                  $"{TestBsn.Number(4)};75750002;Jeugd;45A12;2019-01-01;2019-01-31;100,00;2019-02-05;iets anders";

        var rows = ReadAll(csv);

        Assert.All(rows, r => Assert.Empty(r.Errors));
        Assert.Equal((ClaimStatus.Approved, Law.Jeugdwet), (rows[0].Record!.Status, rows[0].Record!.Law));
        Assert.StartsWith("key:", rows[0].Record!.IdentityKey);
        Assert.Equal(68, rows[0].Record!.IdentityKey.Length);
        Assert.Equal(rows[0].Record!.IdentityKey, rows[1].Record!.IdentityKey); // 100 and 100,00 are the same amount
        Assert.NotEqual(rows[0].Record!.IdentityKey, Assert.Single(ReadAll(csv.Replace(";100;", ";101;"))[..1]).Record!.IdentityKey);
    }

    [Theory]
    [InlineData("7575000", "aanbieder_agb", "aanbieder_agb '7575000' is geen AGB-code (precies 8 cijfers)")]
    [InlineData("757500011", "aanbieder_agb", "aanbieder_agb '757500011' is geen AGB-code (precies 8 cijfers)")]
    [InlineData("7575000A", "aanbieder_agb", "aanbieder_agb '7575000A' is geen AGB-code (precies 8 cijfers)")]
    public void An_agb_code_that_is_not_eight_digits_is_rejected_with_row_and_column(string agb, string column, string message)
    {
        var row = Assert.Single(ReadAll(Csv(Row(agb: agb))));

        Assert.Null(row.Record);
        Assert.Equal(new RowError(2, column, message), Assert.Single(row.Errors));
    }

    [Fact]
    public void Each_bad_value_of_a_row_is_reported_with_row_column_and_a_dutch_reason()
    {
        var rows = ReadAll(Csv(
            Row(),
            Row(start: "31-02-2019", amount: "12,345", status: "betaald", submitted: "gisteren"),
            Row(start: "01-04-2019", end: "31-03-2019", amount: "veel", law: "AWBZ")));

        Assert.Empty(rows[0].Errors);
        Assert.Equal(
            [
                new RowError(3, "periode_start", "periode_start '31-02-2019' is geen geldige datum"),
                new RowError(3, "bedrag", "bedrag '12,345' heeft meer dan 2 decimalen"),
                new RowError(3, "ingediend_op", "ingediend_op 'gisteren' is geen geldige datum"),
                new RowError(3, "status", "status 'betaald' is onbekend (ingediend, goedgekeurd of afgekeurd)"),
            ],
            rows[1].Errors);
        Assert.Equal(
            [
                new RowError(4, "wet", "wet 'AWBZ' is onbekend (Wmo, Jeugdwet of Participatiewet)"),
                new RowError(4, "periode_eind", "periode_eind 31-03-2019 ligt vóór periode_start 01-04-2019"),
                new RowError(4, "bedrag", "bedrag 'veel' is geen geldig bedrag of getal"),
            ],
            rows[2].Errors);
    }

    [Fact]
    public void A_bsn_failing_the_eleven_test_is_never_echoed_and_is_masked_in_the_kept_row()
    {
        var bad = TestBsn.Invalid(5);

        var row = Assert.Single(ReadAll(Csv(Row(bsn: bad))));

        Assert.Equal(new RowError(2, "bsn", "bsn is geen geldig BSN (11-proef)"), Assert.Single(row.Errors));
        Assert.DoesNotContain(bad, row.MaskedRow);
        Assert.StartsWith("***;75750001;", row.MaskedRow);
    }

    [Fact]
    public void A_negative_amount_is_a_credit_and_a_period_over_two_months_is_accepted()
    {
        var rows = ReadAll(Csv(Row(amount: "-500,00"), Row(start: "15-03-2019", end: "14-04-2019")));

        Assert.True(rows[0].Record!.IsCredit);
        Assert.Null(rows[0].Record!.CreditOfKey);
        Assert.True(rows[1].Record!.SpansMonths);
        Assert.False(rows[0].Record!.SpansMonths);
    }

    [Fact]
    public void Excel_date_and_number_cells_are_read_and_an_agb_number_gets_its_leading_zero_back()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Declaraties");
        string[] names = ["BSN", "AGB", "Wet", "Productcode", "Periode_start", "Periode_eind", "Bedrag", "Ingediend_op", "Declaratienummer"];
        for (var i = 0; i < names.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = names[i];
        }

        sheet.Cell(2, 1).Value = long.Parse(TestBsn.Number(6));
        sheet.Cell(2, 2).Value = 5750001; // 05750001 typed as a number
        sheet.Cell(2, 3).Value = "Wmo";
        sheet.Cell(2, 4).Value = "01A01";
        sheet.Cell(2, 5).Value = new DateTime(2019, 5, 1);
        sheet.Cell(2, 6).Value = new DateTime(2019, 5, 31);
        sheet.Cell(2, 7).Value = -123.45;
        sheet.Cell(2, 8).Value = new DateTime(2019, 6, 3);
        sheet.Cell(2, 9).Value = "X-7";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var claim = Assert.Single(ReadAll(stream.ToArray(), "declaraties.xlsx")).Record!;

        Assert.Equal(("05750001", -123.45m, "nr:05750001/X-7"), (claim.ProviderAgb, claim.Amount, claim.IdentityKey));
        Assert.Equal((new DateOnly(2019, 5, 1), new DateOnly(2019, 6, 3)), (claim.PeriodStart, claim.SubmittedOn));
    }

    [Fact]
    public void A_wmo323_line_maps_to_an_approved_wmo_claim_in_euros_and_a_credit_names_its_original()
    {
        var bsn = TestBsn.Number(7);
        var xml = Message("wmo323", Client(bsn, Prestatie("RN1", "5000"), Prestatie("RN2", "5000", "C", previous: "RN1")), submitted: "2019-04-12");

        var rows = ReadAll(xml, "declaratie.xml");

        Assert.All(rows, r => Assert.Empty(r.Errors));
        var (debit, credit) = (rows[0].Record!, rows[1].Record!);
        Assert.Equal((Law.Wmo, "75750001", ClaimStatus.Approved), (debit.Law, debit.ProviderAgb, debit.Status));
        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), debit.ClientKey);
        Assert.Equal(("nr:75750001/RN1", "RN1", "T-1", "02"), (debit.IdentityKey, debit.ClaimNumber, debit.AssignmentNumber, debit.ProductCategory));
        Assert.Equal((50.00m, 4m, "uur", 12.50m), (debit.Amount, debit.Volume, debit.Unit, debit.Tariff));
        Assert.Equal(new DateOnly(2019, 4, 12), debit.SubmittedOn);
        Assert.Equal((-50.00m, "nr:75750001/RN1"), (credit.Amount, credit.CreditOfKey));
        Assert.Equal(0m, debit.Amount + credit.Amount);
        Assert.DoesNotContain(bsn, rows[0].MaskedRow + rows[1].MaskedRow);
    }

    [Fact]
    public void A_jw323_is_read_as_jeugdwet_and_a_credit_without_previous_reference_is_rejected()
    {
        var xml = Message("jw323", Client(TestBsn.Number(8), Prestatie("J1", "12000", code: "45A12", category: "45"),
            Prestatie("J2", "12000", "C"), Prestatie("J3", "12,5")), provider: "75750003");

        var rows = ReadAll(xml, "jw323.xml");

        Assert.Equal((Law.Jeugdwet, "75750003", 120m), (rows[0].Record!.Law, rows[0].Record!.ProviderAgb, rows[0].Record!.Amount));
        var credit = Assert.Single(rows[1].Errors);
        Assert.Equal("VorigReferentieNummer", credit.Column);
        Assert.Contains("creditprestatie zonder VorigReferentieNummer", credit.Message);
        Assert.Equal(("IngediendBedrag", "IngediendBedrag '12,5 cent' is geen geldig bedrag of getal"),
            (rows[2].Errors[0].Column, rows[2].Errors[0].Message));
        Assert.True(rows[1].Row > rows[0].Row); // the line of the Prestatie element
    }

    [Fact]
    public void An_xml_message_that_is_not_a_323_is_refused_as_a_whole()
    {
        var xml = Message("wmo323", Client(TestBsn.Number(9), Prestatie("R", "100"))).Replace("/wmo323/", "/wmo301/").Replace(">484<", ">414<");

        var error = Assert.Throws<ImportFileException>(() => ReadAll(xml, "bericht.xml"));

        Assert.Contains("'bericht.xml' is geen iWmo/iJw-declaratiebericht (323)", error.Message);
    }

    [Fact]
    public void A_missing_required_column_refuses_the_file()
    {
        var error = Assert.Throws<ImportFileException>(() => ReadAll("bsn;aanbieder_agb;wet;productcode;periode_start;bedrag\n1;2;3;4;5;6"));

        Assert.Equal("Kolommen 'periode_eind' en 'ingediend_op' ontbreken in 'declaraties.csv'.", error.Message);
    }

    [Fact]
    public void A_reference_to_an_original_on_a_positive_amount_is_rejected()
    {
        var csv = "bsn;aanbieder_agb;wet;productcode;periode_start;periode_eind;bedrag;ingediend_op;vorig_declaratienummer\n" +
                  $"{TestBsn.Number(10)};75750001;Wmo;02A06;01-03-2019;31-03-2019;10;01-04-2019;D-1";

        var error = Assert.Single(Assert.Single(ReadAll(Encoding.UTF8.GetBytes(csv))).Errors);

        Assert.Equal("vorig_declaratienummer", error.Column);
        Assert.Contains("alleen een creditregel verwijst naar een eerdere declaratie", error.Message);
    }
}
