using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;
using static SociaalDomein.Infrastructure.Tests.Imports.ToewijzingenTestFiles;

namespace SociaalDomein.Infrastructure.Tests.Imports;

public class ToewijzingenReaderCsvTests
{
    static ToewijzingenReaderCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void The_example_of_the_import_formats_reads_as_two_pseudonymised_records()
    {
        var bsn = TestBsn.Number(1);
        var content = Csv(
            Row(),
            Row(("productcode", "01A01"), ("productomschrijving", "Huishoudelijke hulp"), ("aanbieder_agb", "75750002"),
                ("aanbieder_naam", "Thuis Hulp"), ("ingangsdatum", "15-01-2018"), ("einddatum", ""), ("volume", ""),
                ("eenheid", ""), ("frequentie", ""), ("tarief", ""), ("budget", "3.120,00")));

        using var file = Open(content);
        var rows = file.Rows.ToList();

        Assert.Equal(SourceFormat.Csv, file.Format);
        Assert.Equal(Header, file.HeaderLine);
        Assert.Equal(2, file.TotalRows);
        Assert.Empty(file.UnknownColumns);
        Assert.Equal([2, 3], rows.Select(r => r.Row));
        Assert.All(rows, r => Assert.Empty(r.Errors));
        Assert.All(rows, r => Assert.Equal("", r.MaskedRow)); // nothing of a valid row is kept apart from its record

        var first = rows[0].Record!;
        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), first.ClientKey);
        Assert.Equal(Pseudonymiser.AddressKey("8011AB", "12", null), first.AddressKey);
        Assert.Equal("8011", first.Postcode4);
        Assert.Equal("D-000101", first.CaseNumber);
        Assert.Equal("key:D-000101|02A06|75750001|2018-03-01", first.IdentityKey);
        Assert.Equal(Law.Wmo, first.Law);
        Assert.Equal(DeliveryForm.InKind, first.DeliveryForm);
        Assert.Equal(new DateOnly(2018, 3, 1), first.StartDate);
        Assert.Equal(new DateOnly(2019, 2, 28), first.EndDate);
        Assert.Equal(4m, first.Volume);
        Assert.Equal("uur", first.Unit);
        Assert.Equal(Frequency.PerWeek, first.Frequency);
        Assert.Equal(58.40m, first.Tariff);
        Assert.Null(first.Budget);
        Assert.Equal("Zorg Zwolle BV", first.ProviderName);

        var second = rows[1].Record!;
        Assert.Equal(first.ClientKey, second.ClientKey);
        Assert.Equal(3120.00m, second.Budget);
        Assert.Null(second.EndDate);
        Assert.Null(second.Volume);
    }

    [Fact]
    public void A_comma_delimited_file_with_quoted_fields_reads_the_same()
    {
        var header = Header.Replace(';', ',');
        var row = Row(("aanbieder_naam", "X"), ("tarief", ""), ("volume", ""), ("frequentie", ""), ("eenheid", ""))
            .Replace(';', ',').Replace(",X,", ",\"Zorg, Welzijn \"\"De Brug\"\"\",") + "\"1.234,56\"";

        var parsed = Assert.Single(ReadAll(header + "\n" + row + "\n"));

        Assert.Empty(parsed.Errors);
        Assert.Equal("Zorg, Welzijn \"De Brug\"", parsed.Record!.ProviderName);
        Assert.Equal(1234.56m, parsed.Record.Budget);
    }

    [Fact]
    public void A_quoted_field_may_hold_a_line_break()
    {
        var row = Row(("productomschrijving", "\"Begeleiding\nlicht\""));

        var rows = ReadAll(Csv(row, Row()));

        Assert.Equal("Begeleiding\nlicht", rows[0].Record!.ProductDescription);
        Assert.Equal([2, 3], rows.Select(r => r.Row));
    }

    [Fact]
    public void Utf8_with_a_byte_order_mark_keeps_the_first_column_and_the_accents()
    {
        var content = Csv(Row(("aanbieder_naam", "Zorggroep Ééndracht")));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(content)).ToArray();

        using var file = Open(bytes);
        var parsed = Assert.Single(file.Rows);

        Assert.Empty(file.UnknownColumns);
        Assert.Empty(parsed.Errors);
        Assert.Equal("Zorggroep Ééndracht", parsed.Record!.ProviderName);
    }

    [Fact]
    public void Windows_1252_as_Dutch_Excel_writes_it_is_detected()
    {
        var content = Csv(Row(("aanbieder_naam", "Zorggroep Ééndracht"), ("productomschrijving", "Cliënt € begeleiding")));

        var parsed = Assert.Single(ReadAll(content, Encoding.GetEncoding(1252)));

        Assert.Empty(parsed.Errors);
        Assert.Equal("Zorggroep Ééndracht", parsed.Record!.ProviderName);
        Assert.Equal("Cliënt € begeleiding", parsed.Record.ProductDescription);
    }

    [Fact]
    public void Synonyms_are_recognised_and_unknown_columns_are_listed_as_the_file_spells_them()
    {
        var content =
            "BSN;Dossier;Post code;Huisnr;Toevoeging;Wet;Product;AGB-code;Leveringsvorm;Begindatum;Eind_datum;Totaalbudget;Opmerking;Wijk\n" +
            $"{TestBsn.Number(2)};D-7;8011 ab;12;a;Jeugd;45A01;75750001;PGB;2018-01-01;2018-12-31;€ 12.000,00;bellen;Centrum\n";

        using var file = Open(content);
        var parsed = Assert.Single(file.Rows);

        Assert.Equal(["Opmerking", "Wijk"], file.UnknownColumns);
        Assert.Empty(parsed.Errors);
        var record = parsed.Record!;
        Assert.Equal(Law.Jeugdwet, record.Law);
        Assert.Equal(DeliveryForm.PersonalBudget, record.DeliveryForm);
        Assert.Equal(12000m, record.Budget);
        Assert.Equal(Pseudonymiser.AddressKey("8011AB", "12", "A"), record.AddressKey);
    }

    [Theory]
    [InlineData("agb")]
    [InlineData("agbcode")]
    [InlineData("agb_code")]
    [InlineData("aanbieder")]
    [InlineData("Aanbieder Code")]
    public void Every_synonym_of_aanbieder_agb_is_accepted(string name)
    {
        using var file = Open(Csv(Row()).Replace("aanbieder_agb", name));

        Assert.Equal("75750001", Assert.Single(file.Rows).Record!.ProviderAgb);
    }

    [Fact]
    public void A_client_id_is_used_when_there_is_no_bsn()
    {
        var content = Csv(Row()).Replace("bsn;", "Cliëntnummer;").Replace(TestBsn.Number(1) + ";", "C-42;");

        var parsed = Assert.Single(ReadAll(content));

        Assert.Equal(Pseudonymiser.ClientKeyForClientId("C-42"), parsed.Record!.ClientKey);
    }

    [Fact]
    public void The_toewijzingsnummer_is_the_identity_when_the_file_has_one()
    {
        var content = Header + ";toewijzingsnummer\r\n" + Row() + ";T-123\r\n";

        var parsed = Assert.Single(ReadAll(content));

        Assert.Equal("nr:T-123", parsed.Record!.IdentityKey);
        Assert.Equal("T-123", parsed.Record.AssignmentNumber);
    }

    [Fact]
    public void The_birth_date_keeps_only_its_year_and_the_sex_is_read()
    {
        var content = Header + ";geboortedatum;geslacht\r\n" + Row() + ";13-08-1967;v\r\n";

        var record = Assert.Single(ReadAll(content)).Record!;

        Assert.Equal(1967, record.BirthYear);
        Assert.Equal(Sex.Female, record.Sex);
    }

    [Theory]
    [InlineData("ingangsdatum", "31-02-2018", "ingangsdatum '31-02-2018' is geen geldige datum")]
    [InlineData("einddatum", "2019-13-01", "einddatum '2019-13-01' is geen geldige datum")]
    [InlineData("tarief", "58,4,0", "tarief '58,4,0' is geen geldig bedrag of getal")]
    [InlineData("tarief", "-5", "tarief '-5' mag niet negatief zijn")]
    [InlineData("postcode", "0123AB", "postcode is geen geldige postcode (vier cijfers en twee letters, zoals 1234AB)")]
    [InlineData("postcode", "8011A", "postcode is geen geldige postcode (vier cijfers en twee letters, zoals 1234AB)")]
    [InlineData("huisnummer", "12A", "huisnummer is geen geldig huisnummer (1 tot 5 cijfers)")]
    [InlineData("wet", "Wlz", "wet 'Wlz' is onbekend (Wmo, Jeugdwet of Participatiewet)")]
    [InlineData("leveringsvorm", "Mantelzorg", "leveringsvorm 'Mantelzorg' is onbekend (ZIN of PGB)")]
    [InlineData("einddatum", "28-02-2018", "einddatum 28-02-2018 ligt vóór ingangsdatum 01-03-2018")]
    [InlineData("dossiernummer", "", "dossiernummer is niet ingevuld")]
    [InlineData("productcode", "", "productcode is niet ingevuld")]
    [InlineData("aanbieder_agb", "7575", "aanbieder_agb '7575' is geen AGB-code (8 cijfers)")]
    [InlineData("eenheid", "kilo", "eenheid 'kilo' is onbekend (minuut, uur, dagdeel, dag, etmaal, week, stuk of euro)")]
    [InlineData("frequentie", "per eeuw", "frequentie 'per eeuw' is onbekend (per dag, per week, per 4 weken, per maand, per jaar of totaal)")]
    [InlineData("tarief", "", "budget ontbreekt, en volume, frequentie en tarief zijn niet alle drie ingevuld")]
    public void A_wrong_value_rejects_the_row_with_its_column_and_a_Dutch_reason(string column, string value, string message)
    {
        var parsed = Single(Row((column, value)));

        Assert.Null(parsed.Record);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(2, error.Row);
        Assert.Equal(message, error.Message);
        Assert.Equal(message.StartsWith("budget", StringComparison.Ordinal) ? "budget" : column, error.Column);
    }

    [Fact]
    public void A_bsn_that_fails_the_11_test_is_rejected_without_showing_the_number()
    {
        var bsn = TestBsn.Invalid(3);

        var parsed = Single(Row(("bsn", bsn)));

        var error = Assert.Single(parsed.Errors);
        Assert.Equal("bsn", error.Column);
        Assert.Equal("bsn is geen geldig BSN (11-proef)", error.Message);
        Assert.DoesNotContain(bsn, error.Message);
    }

    [Fact]
    public void A_row_with_neither_bsn_nor_client_id_is_rejected()
    {
        var error = Assert.Single(Single(Row(("bsn", ""))).Errors);

        Assert.Equal(("bsn", "bsn is niet ingevuld"), (error.Column, error.Message));
    }

    [Fact]
    public void Frequency_totaal_needs_an_end_date()
    {
        var error = Assert.Single(Single(Row(("frequentie", "totaal"), ("einddatum", ""))).Errors);

        Assert.Equal("frequentie", error.Column);
        Assert.StartsWith("frequentie 'totaal' vraagt om een einddatum", error.Message);
    }

    [Fact]
    public void All_errors_of_a_row_are_reported_not_only_the_first()
    {
        var parsed = Single(Row(("ingangsdatum", "31-02-2018"), ("postcode", "12"), ("wet", "AWBZ"), ("bsn", TestBsn.Invalid(1))));

        Assert.Equal(["bsn", "postcode", "wet", "ingangsdatum"], parsed.Errors.Select(e => e.Column));
    }

    [Fact]
    public void A_row_with_more_fields_than_the_header_is_rejected()
    {
        var parsed = Single(Row() + ";extra");

        var error = Assert.Single(parsed.Errors);
        Assert.Equal("rij heeft 19 velden, de kopregel 18", error.Message);
        Assert.Equal(Row(("bsn", "***"), ("postcode", "8011**"), ("huisnummer", "***")) + ";***", parsed.MaskedRow);
    }

    [Fact]
    public void A_rejected_row_keeps_its_other_fields_as_the_file_had_them_and_masks_every_personal_value()
    {
        var bsn = TestBsn.Number(7);
        const string header = "Burgerservicenummer;client_id;dossiernummer;postcode;huisnr;toevoeging;geboortedatum;naam;wet;productcode;aanbieder_agb;leveringsvorm;ingangsdatum";
        var row = $"{bsn};C-99;D-7; 8011 ab ;12;\"b;2\";14-02-1956;Jansen;Wmo;02A06;75750001;ZIN;31-02-2018";

        using var file = Open(header + "\r\n" + row + "\r\n");
        var parsed = Assert.Single(file.Rows);

        Assert.Null(parsed.Record);
        Assert.Equal("***;***;D-7;8011**;***;\"***\";***;***;Wmo;02A06;75750001;ZIN;31-02-2018", parsed.MaskedRow);
        Assert.DoesNotContain(bsn, parsed.MaskedRow);
    }

    [Fact]
    public void An_empty_personal_field_stays_empty_in_a_rejected_row_so_the_user_sees_what_was_missing()
    {
        var parsed = Single(Row(("postcode", ""), ("huisnummer", "")));

        Assert.Equal(["postcode", "huisnummer"], parsed.Errors.Select(e => e.Column));
        Assert.Equal(Row(("bsn", "***"), ("postcode", ""), ("huisnummer", "")), parsed.MaskedRow);
    }

    [Fact]
    public void Valid_and_rejected_rows_come_in_file_order_and_blank_lines_keep_their_row_number()
    {
        var rows = ReadAll(Csv(Row(), "", ";;;", Row(("wet", "x")), Row()));

        Assert.Equal([2, 5, 6], rows.Select(r => r.Row));
        Assert.Equal([true, false, true], rows.Select(r => r.Record is not null));
    }

    [Fact]
    public void A_missing_required_column_is_named_in_Dutch()
    {
        var content = Csv(Row()).Replace("productcode", "code");

        Assert.Equal("Kolom 'productcode' ontbreekt in 'toewijzingen.csv'.", OpenFails(content));
    }

    [Fact]
    public void Bsn_and_client_id_count_as_one_required_column()
    {
        var content = Csv(Row()).Replace("bsn;", "naam;");

        Assert.Equal("Kolom 'bsn' of 'client_id' ontbreekt in 'toewijzingen.csv'.", OpenFails(content));
    }

    [Fact]
    public void Several_missing_columns_are_named_together()
    {
        var content = "bsn;dossiernummer;postcode;huisnummer;wet;productcode;aanbieder_agb\n1;2;3;4;5;6;7\n";

        Assert.Equal("Kolommen 'leveringsvorm' en 'ingangsdatum' ontbreken in 'toewijzingen.csv'.", OpenFails(content));
    }

    [Fact]
    public void Two_columns_that_mean_the_same_are_refused()
    {
        var content = Csv(Row()).Replace("bsn;", "agb;").Replace(TestBsn.Number(1) + ";", "75750001;");

        Assert.Contains("betekenen allebei 'aanbieder_agb'", OpenFails(content));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\r\n  ")]
    [InlineData("bsn;dossiernummer;postcode;huisnummer;wet;productcode;aanbieder_agb;leveringsvorm;ingangsdatum;budget\r\n")]
    [InlineData("bsn;dossiernummer;postcode;huisnummer;wet;productcode;aanbieder_agb;leveringsvorm;ingangsdatum;budget\r\n;;;;;;;;;\r\n\r\n")]
    public void An_empty_file_or_only_a_header_is_refused(string content)
    {
        Assert.Equal("Het bestand 'toewijzingen.csv' is leeg: er staan geen rijen in.", OpenFails(content));
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        var bytes = new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3E, 0x00 };

        Assert.StartsWith("Het bestand 'toewijzingen.csv' is geen tekstbestand, Excel-bestand of XML-bericht", OpenFails(bytes));
    }

    [Fact]
    public void An_old_xls_file_is_refused_with_advice()
    {
        var bytes = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };

        Assert.Contains("oud Excel-bestand (.xls)", OpenFails(bytes, "oud.xls"));
    }

    [Fact]
    public void The_format_is_taken_from_the_content_not_the_extension()
    {
        using var file = Open(Csv(Row()), "toewijzingen.xlsx");

        Assert.Equal(SourceFormat.Csv, file.Format);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_as_well()
    {
        var bytes = Encoding.UTF8.GetBytes(Csv(Row(), Row(("dossiernummer", "D-2"))));

        using var file = ToewijzingenReader.Open(new ForwardOnlyStream(bytes), "upload.csv", Pseudonymiser);

        Assert.Equal(2, file.TotalRows);
        Assert.Equal(2, file.Rows.Count(r => r.Record is not null));
    }

    [Fact]
    public void Many_rows_are_streamed_with_shared_strings_for_repeated_values()
    {
        var builder = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 20_000; i++)
        {
            builder.Append(Row(("dossiernummer", $"D-{i}"))).Append('\n');
        }

        using var file = Open(builder.ToString());
        var records = file.Rows.Select(r => r.Record!).ToList();

        Assert.Equal(20_000, file.TotalRows);
        Assert.Equal(20_000, records.Count);
        Assert.Same(records[0].ProductCode, records[^1].ProductCode);
        Assert.Same(records[0].ProviderName, records[^1].ProviderName);
    }
}
