using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;

using static SociaalDomein.Infrastructure.Imports.IwmoMessage;

namespace SociaalDomein.Infrastructure.Imports.Toewijzingen;

/// <summary>
/// An iWmo/iJw toewijzingbericht (WMO301 / JW301, release 3.2): one row per <c>ToegewezenProduct</c>, mapped onto the
/// canonical columns and checked by the same validator as CSV and Excel. Mapping (docs/import-formats.md):
/// <list type="bullet">
/// <item>wet from the message: WMO301 → Wmo, JW301 → Jeugdwet; leveringsvorm always ZIN (a PGB does not travel as an
/// iWmo/iJw message); aanbieder_agb is the header's <c>Ontvanger</c>.</item>
/// <item>address: the client's <c>Contact</c> of <c>Soort</c> 01 (BRP address), else the first; huisnummertoevoeging is
/// Huisletter followed by HuisnummerToevoeging, so "12 A" matches a CSV row "12;A".</item>
/// <item><c>Budget</c> is in whole eurocents (divided by 100). Eenheid 01 minuut, 04 uur, 14 etmaal, 16 dagdeel,
/// 82/84 stuk, 83 euro; Frequentie 1 per dag, 2 per week, 3 per 4 weken, 4 per maand, 5 per jaar, 6 totaal.</item>
/// <item>A 301 carries no tariff: an <c>Omvang</c> in Eenheid euro gets tarief 1 (the volume is the amount); any other
/// omvang is accepted without a tarief, its amount comes from the contract tariffs, not from the message.</item>
/// <item>dossiernummer: a 301 has none; the municipality's case is the client, so it is "301-" plus the first 16 hex
/// digits of the client key (the keyed hash of the BSN, never the BSN itself). The assignment's identity is its
/// ToewijzingNummer, as for any source that has one.</item>
/// <item>An aspecifieke toewijzing (a category without a product code) takes the category as its product code.</item>
/// <item>The row number is the line of the <c>ToegewezenProduct</c> element in the message; the raw row is that
/// element, which holds no BSN.</item>
/// </list>
/// Release 3.2 has one client per message; older messages with several <c>Client</c> elements are read all the same.
/// DTDs are refused (<see cref="DtdProcessing.Prohibit"/>) and nothing external is resolved.
/// </summary>
internal sealed class Iwmo301File : IImportFile<ParsedRow<AssignmentRecord>>
{
    private static readonly ColumnMap Columns = ColumnMap.Canonical(column => column switch
    {
        Column.Bsn or Column.ClientId => "Bsn",
        Column.CaseNumber => "dossiernummer",
        Column.Postcode => "Postcode",
        Column.HouseNumber => "Huisnummer",
        Column.HouseNumberAddition => "HuisnummerToevoeging",
        Column.BirthDate => "Geboortedatum",
        Column.Sex => "Geslacht",
        Column.Law => "BerichtCode",
        Column.ProductCategory => "Categorie",
        Column.ProductCode => "Code",
        Column.ProviderAgb => "Ontvanger",
        Column.StartDate => "Ingangsdatum",
        Column.EndDate => "Einddatum",
        Column.AssignmentNumber => "ToewijzingNummer",
        Column.Volume => "Volume",
        Column.Unit => "Eenheid",
        Column.Frequency => "Frequentie",
        Column.Budget => "Budget",
        _ => ColumnNames.CanonicalName(column),
    });

    private readonly IDisposable? _owned;
    private readonly List<Product> _products;
    private readonly ToewijzingenRowValidator _validator;

    private Iwmo301File(List<Product> products, Pseudonymiser pseudonymiser, IDisposable? owned)
    {
        _products = products;
        _owned = owned;
        _validator = new ToewijzingenRowValidator(Columns, pseudonymiser, tariffRequiredWithVolume: false);
    }

    public SourceFormat Format => SourceFormat.IWmoIJw301;

    public IReadOnlyList<string> UnknownColumns => [];

    public string? HeaderLine => null;

    public int? TotalRows => _products.Count;

    public IEnumerable<ParsedRow<AssignmentRecord>> Rows
    {
        get
        {
            var values = new XmlRow();
            foreach (var product in _products)
            {
                values.Load(product);
                yield return _validator.Validate(product.Line, values);
            }
        }
    }

    public void Dispose() => _owned?.Dispose();

    public static Iwmo301File Open(Stream stream, string fileName, Pseudonymiser pseudonymiser, IDisposable? owned)
    {
        var root = IwmoMessage.Load(stream) ?? throw NotA301(fileName);
        var law = IwmoMessage.LawOf(root, "301", "414", "436") ?? throw NotA301(fileName);
        var ns = root.Name.Namespace;
        var header = root.Element(ns + "Header");
        var provider = Value(header, "Ontvanger");

        var products = new List<Product>();
        foreach (var client in root.Descendants(ns + "Client"))
        {
            var bsn = Value(client, "Bsn");
            var birthDate = Value(client.Element(ns + "Geboortedatum"), "Datum");
            var sex = Value(client, "Geslacht") switch
            {
                "1" => "M",
                "2" => "V",
                _ => "", // 0 onbekend
            };
            var contacts = client.Element(ns + "Contactgegevens")?.Elements(ns + "Contact").ToList() ?? [];
            var contact = contacts.FirstOrDefault(c => Value(c, "Soort") == "01") ?? contacts.FirstOrDefault();
            var address = contact?.Element(ns + "Adres");
            var house = address is null ? null : Find(address, "Huis") ?? address;
            var addition = $"{Value(house, "Huisletter")}{Value(house, "HuisnummerToevoeging")}";
            var caseNumber = Bsn.IsValid(bsn)
                ? "301-" + Convert.ToHexString(pseudonymiser.ClientKeyForBsn(bsn), 0, 8)
                : "301-onbekend";

            foreach (var product in client.Descendants(ns + "ToegewezenProduct"))
            {
                var productElement = product.Element(ns + "Product");
                var category = Value(productElement, "Categorie");
                var code = Value(productElement, "Code");
                var omvang = product.Element(ns + "Omvang");
                var unitCode = Value(omvang, "Eenheid");
                var fields = new string[ColumnNames.Count];
                Array.Fill(fields, "");
                fields[(int)Column.Bsn] = bsn;
                fields[(int)Column.CaseNumber] = caseNumber;
                fields[(int)Column.Postcode] = address is null ? "" : Value(address, "Postcode");
                fields[(int)Column.HouseNumber] = Value(house, "Huisnummer");
                fields[(int)Column.HouseNumberAddition] = addition;
                fields[(int)Column.BirthDate] = birthDate;
                fields[(int)Column.Sex] = sex;
                fields[(int)Column.Law] = law == Law.Wmo ? "Wmo" : "Jeugdwet";
                fields[(int)Column.ProductCategory] = category;
                fields[(int)Column.ProductCode] = code.Length > 0 ? code : category;
                fields[(int)Column.ProviderAgb] = provider;
                fields[(int)Column.DeliveryForm] = "ZIN";
                fields[(int)Column.StartDate] = Value(product, "Ingangsdatum");
                fields[(int)Column.EndDate] = Value(product, "Einddatum");
                fields[(int)Column.AssignmentNumber] = Value(product, "ToewijzingNummer");
                fields[(int)Column.Volume] = Value(omvang, "Volume");
                fields[(int)Column.Unit] = UnitName(unitCode);
                fields[(int)Column.Frequency] = FrequencyName(Value(omvang, "Frequentie"));
                fields[(int)Column.Tariff] = unitCode == "83" ? "1" : "";

                decimal? budget = null;
                var budgetText = Value(product, "Budget");
                if (long.TryParse(budgetText, NumberStyles.None, CultureInfo.InvariantCulture, out var cents))
                {
                    budget = cents / 100m;
                }
                else if (budgetText.Length > 0)
                {
                    budgetText += " cent"; // not whole eurocents: let the validator reject it
                }

                fields[(int)Column.Budget] = budgetText;
                var line = ((IXmlLineInfo)product).HasLineInfo() ? ((IXmlLineInfo)product).LineNumber : products.Count + 1;
                products.Add(new Product(line, fields, budget, product.ToString(SaveOptions.DisableFormatting)));
            }
        }

        if (products.Count == 0)
        {
            throw TabularFiles.Empty(fileName);
        }

        return new Iwmo301File(products, pseudonymiser, owned);
    }

    private static ImportFileException NotA301(string fileName) =>
        new($"Het bestand '{fileName}' is geen iWmo/iJw-toewijzingsbericht (301). Alleen WMO301- en JW301-berichten " +
            "(release 3.2) kunnen als toewijzingen worden ingelezen.");

    private static string FrequencyName(string code) => code switch
    {
        "1" => "per dag",
        "2" => "per week",
        "3" => "per 4 weken",
        "4" => "per maand",
        "5" => "per jaar",
        "6" => "totaal binnen geldigheidsduur",
        _ => code,
    };


    private sealed record Product(int Line, string[] Fields, decimal? Budget, string Raw);

    private sealed class XmlRow : RowValues
    {
        private Product? _product;

        public override int FieldCount => ColumnNames.Count;

        /// <summary>The product element as the message had it: it holds no client data (BSN, address and birth date
        /// sit in the client element around it), so there is nothing to mask.</summary>
        public override string MaskedRow(IFieldMask columns) => _product!.Raw;

        public override ReadOnlySpan<char> Text(int index) =>
            (uint)index < (uint)ColumnNames.Count ? _product!.Fields[index].AsSpan() : default;

        public override bool TryGetNumber(int index, out decimal number)
        {
            number = _product!.Budget ?? 0;
            return index == (int)Column.Budget && _product.Budget is not null;
        }

        public void Load(Product product) => _product = product;
    }
}
