using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports;
using static SociaalDomein.Infrastructure.Tests.Imports.ToewijzingenTestFiles;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>Small WMO301/JW301 messages made for the tests (release 3.2 structure), never real personal data.</summary>
public class ToewijzingenReaderIwmo301Tests
{
    internal static string Message(string kind, string clients, string provider = "75750001")
    {
        var (ns, code) = kind == "wmo301"
            ? ("http://www.istandaarden.nl/iwmo/3_2", "414")
            : ("http://www.istandaarden.nl/ijw/3_2", "436");
        var prefix = kind == "wmo301" ? "iwmo" : "ijw";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <m:Bericht xmlns:m="{ns}/{kind}/schema" xmlns:{prefix}="{ns}/basisschema/schema">
              <m:Header>
                <m:BerichtCode>{code}</m:BerichtCode>
                <m:BerichtVersie>3</m:BerichtVersie>
                <m:BerichtSubversie>2</m:BerichtSubversie>
                <m:Afzender>0193</m:Afzender>
                <m:Ontvanger>{provider}</m:Ontvanger>
                <m:BerichtIdentificatie><{prefix}:Identificatie>T-1</{prefix}:Identificatie><{prefix}:Dagtekening>2018-02-20</{prefix}:Dagtekening></m:BerichtIdentificatie>
                <m:XsdVersie><{prefix}:BasisschemaXsdVersie>1.0.0</{prefix}:BasisschemaXsdVersie><{prefix}:BerichtXsdVersie>1.0.0</{prefix}:BerichtXsdVersie></m:XsdVersie>
              </m:Header>
            {clients.Replace("b:", prefix + ":")}
            </m:Bericht>
            """;
    }

    internal static string Client(string bsn, string contacts, string products) => $"""
          <m:Client>
            <m:Bsn>{bsn}</m:Bsn>
            <m:Geboortedatum><b:Datum>1967-08-13</b:Datum></m:Geboortedatum>
            <m:Geslacht>2</m:Geslacht>
            <m:Naam><b:Geslachtsnaam><b:Achternaam>Test</b:Achternaam></b:Geslachtsnaam><b:Voorletters>T</b:Voorletters></m:Naam>
            <m:Contactgegevens>{contacts}</m:Contactgegevens>
            <m:ToegewezenProducten>{products}</m:ToegewezenProducten>
          </m:Client>
        """;

    internal static string Contact(string soort, string postcode, string number, string letter = "", string addition = "") => $"""
        <m:Contact><m:Soort>{soort}</m:Soort><m:Adres><b:Huis><b:Huisnummer>{number}</b:Huisnummer>{(letter.Length > 0 ? $"<b:Huisletter>{letter}</b:Huisletter>" : "")}{(addition.Length > 0 ? $"<b:HuisnummerToevoeging>{addition}</b:HuisnummerToevoeging>" : "")}</b:Huis><b:Postcode>{postcode}</b:Postcode><b:Straatnaam>Teststraat</b:Straatnaam><b:Plaatsnaam>Zwolle</b:Plaatsnaam></m:Adres></m:Contact>
        """;

    internal static string Product(string number, string category, string code, string start, string? end, string amount) => $"""
        <m:ToegewezenProduct>
          <m:ToewijzingNummer>{number}</m:ToewijzingNummer>
          <m:Product><b:Categorie>{category}</b:Categorie>{(code.Length > 0 ? $"<b:Code>{code}</b:Code>" : "")}</m:Product>
          <m:Toewijzingsdatum>2018-02-20</m:Toewijzingsdatum>
          <m:Toewijzingstijd>10:00:00</m:Toewijzingstijd>
          <m:Ingangsdatum>{start}</m:Ingangsdatum>
          {(end is null ? "" : $"<m:Einddatum>{end}</m:Einddatum>")}
          {amount}
        </m:ToegewezenProduct>
        """;

    internal static string Omvang(string volume, string unit, string frequency) =>
        $"<m:Omvang><b:Volume>{volume}</b:Volume><b:Eenheid>{unit}</b:Eenheid><b:Frequentie>{frequency}</b:Frequentie></m:Omvang>";

    private static IImportFile<ParsedRow<AssignmentRecord>> OpenXml(string xml, string fileName = "bericht.xml") =>
        Open(Encoding.UTF8.GetBytes(xml), fileName);

    [Fact]
    public void A_wmo301_with_two_clients_gives_one_record_per_assigned_product()
    {
        string bsn1 = TestBsn.Number(7), bsn2 = TestBsn.Number(8);
        var xml = Message("wmo301",
            Client(bsn1,
                Contact("02", "1000AA", "1") + Contact("01", "8011 ab", "12", "A", "bis"),
                Product("1001", "02", "02A06", "2018-03-01", "2019-02-28", Omvang("4", "04", "2"))
                + Product("1002", "01", "01A01", "2018-01-15", "2018-12-31", "<m:Budget>312000</m:Budget>")) +
            Client(bsn2,
                Contact("03", "8012CD", "7"),
                Product("1003", "07", "", "2018-05-01", null, Omvang("250", "83", "4"))));

        using var file = OpenXml(xml);
        var rows = file.Rows.ToList();

        Assert.Equal(SourceFormat.IWmoIJw301, file.Format);
        Assert.Null(file.HeaderLine);
        Assert.Empty(file.UnknownColumns);
        Assert.Equal(3, file.TotalRows);
        Assert.All(rows, r => Assert.Empty(r.Errors));
        var records = rows.Select(r => r.Record!).ToList();

        var omvang = records[0];
        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn1), omvang.ClientKey);
        Assert.Equal(Pseudonymiser.AddressKey("8011AB", "12", "Abis"), omvang.AddressKey);
        Assert.Equal("8011", omvang.Postcode4);
        Assert.Equal(1967, omvang.BirthYear);
        Assert.Equal(Sex.Female, omvang.Sex);
        Assert.Equal(Law.Wmo, omvang.Law);
        Assert.Equal(DeliveryForm.InKind, omvang.DeliveryForm);
        Assert.Equal("75750001", omvang.ProviderAgb);
        Assert.Equal("nr:1001", omvang.IdentityKey);
        Assert.Equal("1001", omvang.AssignmentNumber);
        Assert.Equal("02", omvang.ProductCategory);
        Assert.Equal("02A06", omvang.ProductCode);
        Assert.Equal(new DateOnly(2018, 3, 1), omvang.StartDate);
        Assert.Equal(new DateOnly(2019, 2, 28), omvang.EndDate);
        Assert.Equal((4m, "uur", Frequency.PerWeek), (omvang.Volume!.Value, omvang.Unit!, omvang.Frequency!.Value));
        Assert.Null(omvang.Tariff);
        Assert.Null(omvang.Budget);
        Assert.StartsWith("301-", omvang.CaseNumber);
        Assert.DoesNotContain(bsn1, omvang.CaseNumber);

        var budget = records[1];
        Assert.Equal(3120.00m, budget.Budget);
        Assert.Equal(omvang.CaseNumber, budget.CaseNumber);
        Assert.Equal(omvang.AddressKey, budget.AddressKey);

        var euros = records[2];
        Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn2), euros.ClientKey);
        Assert.NotEqual(omvang.CaseNumber, euros.CaseNumber);
        Assert.Equal(Pseudonymiser.AddressKey("8012CD", "7", null), euros.AddressKey);
        Assert.Equal("07", euros.ProductCode);
        Assert.Null(euros.EndDate);
        Assert.Equal(("euro", 1m, Frequency.PerMonth), (euros.Unit!, euros.Tariff!.Value, euros.Frequency!.Value));
    }

    [Fact]
    public void A_jw301_is_an_assignment_under_the_Jeugdwet()
    {
        var xml = Message("jw301", Client(TestBsn.Number(9), Contact("01", "8011AB", "3"),
            Product("J-1", "45", "45A01", "2018-01-01", "2018-06-30", "<m:Budget>150050</m:Budget>")));

        using var file = OpenXml(xml);
        var record = Assert.Single(file.Rows).Record!;

        Assert.Equal(Law.Jeugdwet, record.Law);
        Assert.Equal(1500.50m, record.Budget);
    }

    [Fact]
    public void The_same_client_and_address_get_the_same_keys_from_a_301_and_from_a_CSV()
    {
        var bsn = TestBsn.Number(10);
        var xml = Message("wmo301", Client(bsn, Contact("01", "8011AB", "12"),
            Product("1", "02", "02A06", "2018-03-01", "2019-02-28", "<m:Budget>100</m:Budget>")));
        using var message = OpenXml(xml);
        var fromXml = Assert.Single(message.Rows).Record!;

        var fromCsv = Single(Row(("bsn", bsn), ("postcode", "8011 ab"))).Record!;

        Assert.Equal(fromCsv.ClientKey, fromXml.ClientKey);
        Assert.Equal(fromCsv.AddressKey, fromXml.AddressKey);
    }

    [Fact]
    public void Wrong_values_in_a_301_are_reported_per_product_with_the_element_name()
    {
        var xml = Message("wmo301", Client(TestBsn.Invalid(4), Contact("01", "8011AB", "12"),
            Product("1", "02", "02A06", "2018-03-01", "2018-02-01", Omvang("4", "99", "2"))));

        using var file = OpenXml(xml);
        var parsed = Assert.Single(file.Rows);

        Assert.Null(parsed.Record);
        Assert.Equal(["Bsn", "Einddatum", "Eenheid"], parsed.Errors.Select(e => e.Column));
        Assert.DoesNotContain(TestBsn.Invalid(4), string.Join(' ', parsed.Errors.Select(e => e.Message)));
        Assert.DoesNotContain(TestBsn.Invalid(4), parsed.MaskedRow);
        Assert.StartsWith("<", parsed.MaskedRow);
        Assert.True(parsed.Row > 1);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><html><body>geen bericht</body></html>""")]
    [InlineData("""<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"><Header><BerichtCode>447</BerichtCode></Header></Bericht>""")]
    [InlineData("<Bericht><niet-afgesloten>")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]><Bericht>&x;</Bericht>""")]
    public void Xml_that_is_not_a_301_message_is_refused(string xml)
    {
        Assert.StartsWith("Het bestand 'bericht.xml' is geen iWmo/iJw-toewijzingsbericht (301).",
            OpenFails(Encoding.UTF8.GetBytes(xml), "bericht.xml"));
    }

    [Fact]
    public void A_301_without_assigned_products_is_empty()
    {
        var xml = Message("wmo301", "");

        Assert.Equal("Het bestand 'bericht.xml' is leeg: er staan geen rijen in.", OpenFails(Encoding.UTF8.GetBytes(xml), "bericht.xml"));
    }

    [Fact]
    public void A_301_with_a_byte_order_mark_and_leading_blank_lines_is_recognised_as_XML()
    {
        var xml = "\r\n  " + Message("wmo301", Client(TestBsn.Number(11), Contact("01", "8011AB", "1"),
            Product("1", "02", "02A06", "2018-03-01", null, "<m:Budget>100</m:Budget>"))).TrimStart();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(xml)).ToArray();

        using var file = Open(bytes, "bericht.txt");

        Assert.Equal(SourceFormat.IWmoIJw301, file.Format);
    }
}
