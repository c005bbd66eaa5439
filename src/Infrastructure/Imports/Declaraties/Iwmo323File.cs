using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;

using static SociaalDomein.Infrastructure.Imports.IwmoMessage;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// An iWmo/iJw declaratiebericht (WMO323 / JW323, release 3.2): one row per <c>Prestatie</c>, mapped onto the canonical
/// declaraties columns and checked by the same validator as CSV and Excel. Mapping (docs/import-formats.md):
/// <list type="bullet">
/// <item>wet from the message: WMO323 → Wmo, JW323 → Jeugdwet (namespace, else BerichtCode 484 / 490); aanbieder_agb
/// is the header's <c>Afzender</c> (the provider sends a 323).</item>
/// <item>ingediend_op is the <c>DeclaratieDagtekening</c>; periode_start / periode_eind the <c>ProductPeriode</c>.</item>
/// <item>bedrag is <c>IngediendBedrag/Bedrag</c> in whole eurocents, negative when its <c>DebetCredit</c> is C;
/// tarief is <c>ProductTarief</c> in eurocents; volume and eenheid are <c>GeleverdVolume</c> and <c>Eenheid</c>.</item>
/// <item>declaratienummer is the line's <c>ProductReferentie/ReferentieNummer</c> (the message's DeclaratieNummer
/// groups the lines of one submission and is not unique per line); a credit names the line it reverses by
/// <c>VorigReferentieNummer</c> (required for a credit).</item>
/// <item>status: a 323 carries none. The municipality answers with a 325 that this product does not import, and a
/// provider may only credit a line the municipality granted; so a 323 line counts as goedgekeurd (approved) — what the
/// municipality pays unless it rejects it. A rejection is recorded by importing the municipality's own claims export
/// with status afgekeurd for that declaratienummer (it replaces the line), or follows as the provider's credit.</item>
/// <item>The row number is the line of the <c>Prestatie</c> element; the raw row kept for a rejected line is that
/// element, which holds no BSN (the BSN sits in the surrounding <c>Client</c>).</item>
/// </list>
/// DTDs are refused and nothing external is resolved. Element names are matched without namespace.
/// </summary>
internal sealed class Iwmo323File : IImportFile<ParsedRow<ClaimRecord>>
{
    private static readonly DeclaratieColumns Columns = DeclaratieColumns.Fixed(column => column switch
    {
        ClaimColumn.Bsn or ClaimColumn.ClientId => "Bsn",
        ClaimColumn.ProviderAgb => "Afzender",
        ClaimColumn.Law => "BerichtCode",
        ClaimColumn.ProductCategory => "ProductCategorie",
        ClaimColumn.ProductCode => "ProductCode",
        ClaimColumn.AssignmentNumber => "ToewijzingNummer",
        ClaimColumn.PeriodStart => "ProductPeriode/Begindatum",
        ClaimColumn.PeriodEnd => "ProductPeriode/Einddatum",
        ClaimColumn.Amount => "IngediendBedrag",
        ClaimColumn.SubmittedOn => "DeclaratieDagtekening",
        ClaimColumn.ClaimNumber => "ReferentieNummer",
        ClaimColumn.CreditOf => "VorigReferentieNummer",
        ClaimColumn.Volume => "GeleverdVolume",
        ClaimColumn.Unit => "Eenheid",
        ClaimColumn.Tariff => "ProductTarief",
        _ => DeclaratieColumns.CanonicalName(column),
    });

    private readonly IDisposable? _owned;
    private readonly List<Line> _lines;
    private readonly DeclaratiesRowValidator _validator;

    private Iwmo323File(List<Line> lines, Pseudonymiser pseudonymiser, IDisposable? owned)
    {
        _lines = lines;
        _owned = owned;
        _validator = new DeclaratiesRowValidator(Columns, pseudonymiser, creditNeedsReference: true);
    }

    public SourceFormat Format => SourceFormat.IWmoIJw323;

    public IReadOnlyList<string> UnknownColumns => [];

    public string? HeaderLine => null;

    public int? TotalRows => _lines.Count;

    public IEnumerable<ParsedRow<ClaimRecord>> Rows
    {
        get
        {
            var values = new XmlRow();
            foreach (var line in _lines)
            {
                values.Load(line);
                yield return _validator.Validate(line.Number, values);
            }
        }
    }

    public void Dispose() => _owned?.Dispose();

    public static Iwmo323File Open(Stream stream, string fileName, Pseudonymiser pseudonymiser, IDisposable? owned)
    {
        var root = IwmoMessage.Load(stream) ?? throw NotA323(fileName);
        var law = IwmoMessage.LawOf(root, "323", "484", "490") ?? throw NotA323(fileName);
        var header = Find(root, "Header");
        var provider = Value(header, "Afzender");
        var declaration = Find(root, "Declaratie");
        var submitted = Value(declaration, "DeclaratieDagtekening");

        var lines = new List<Line>();
        foreach (var client in root.Descendants().Where(e => e.Name.LocalName == "Client"))
        {
            var bsn = Value(client, "Bsn");
            foreach (var prestatie in client.Descendants().Where(e => e.Name.LocalName == "Prestatie"))
            {
                var reference = Find(prestatie, "ProductReferentie");
                var period = Find(prestatie, "ProductPeriode");
                var claimed = Find(prestatie, "IngediendBedrag");
                var fields = new string[DeclaratieColumns.Count];
                Array.Fill(fields, "");
                fields[(int)ClaimColumn.Bsn] = bsn;
                fields[(int)ClaimColumn.ProviderAgb] = provider;
                fields[(int)ClaimColumn.Law] = law == Law.Wmo ? "Wmo" : "Jeugdwet";
                fields[(int)ClaimColumn.ProductCategory] = Value(prestatie, "ProductCategorie");
                fields[(int)ClaimColumn.ProductCode] = Value(prestatie, "ProductCode") is { Length: > 0 } code ? code : Value(prestatie, "ProductCategorie");
                fields[(int)ClaimColumn.AssignmentNumber] = Value(prestatie, "ToewijzingNummer");
                fields[(int)ClaimColumn.PeriodStart] = Value(period, "Begindatum");
                fields[(int)ClaimColumn.PeriodEnd] = Value(period, "Einddatum");
                fields[(int)ClaimColumn.SubmittedOn] = submitted;
                fields[(int)ClaimColumn.Status] = "goedgekeurd";
                fields[(int)ClaimColumn.ClaimNumber] = Value(reference, "ReferentieNummer");
                fields[(int)ClaimColumn.CreditOf] = Value(reference, "VorigReferentieNummer");
                fields[(int)ClaimColumn.Volume] = Value(prestatie, "GeleverdVolume");
                fields[(int)ClaimColumn.Unit] = UnitName(Value(prestatie, "Eenheid"));

                var (amountText, amount) = Cents(Value(claimed, "Bedrag"));
                var debitCredit = Value(claimed, "DebetCredit");
                if (amount is { } a && debitCredit == "C")
                {
                    amount = -a;
                    amountText = "-" + amountText;
                }
                else if (amount is not null && debitCredit != "D")
                {
                    amount = null;
                    amountText += $" (DebetCredit '{debitCredit}' is geen D of C)";
                }

                fields[(int)ClaimColumn.Amount] = amountText;
                var (tariffText, tariff) = Cents(Value(prestatie, "ProductTarief"));
                fields[(int)ClaimColumn.Tariff] = tariffText;

                var number = ((IXmlLineInfo)prestatie).HasLineInfo() ? ((IXmlLineInfo)prestatie).LineNumber : lines.Count + 1;
                lines.Add(new Line(number, fields, amount, tariff, prestatie.ToString(SaveOptions.DisableFormatting)));
            }
        }

        if (lines.Count == 0)
        {
            throw TabularFiles.Empty(fileName);
        }

        return new Iwmo323File(lines, pseudonymiser, owned);
    }

    private static ImportFileException NotA323(string fileName) =>
        new($"Het bestand '{fileName}' is geen iWmo/iJw-declaratiebericht (323). Alleen WMO323- en JW323-berichten " +
            "(release 3.2) kunnen als declaraties worden ingelezen.");

    /// <summary>Whole eurocents → euros. Anything else keeps its text with " cent" added, which the validator rejects as
    /// not an amount.</summary>
    private static (string Text, decimal? Euros) Cents(string text)
    {
        if (text.Length == 0)
        {
            return ("", null);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cents)
            ? ((cents / 100m).ToString("0.00", CultureInfo.InvariantCulture), cents / 100m)
            : (text + " cent", null);
    }


    private sealed record Line(int Number, string[] Fields, decimal? Amount, decimal? Tariff, string Raw);

    private sealed class XmlRow : RowValues
    {
        private Line? _line;

        public override int FieldCount => DeclaratieColumns.Count;

        /// <summary>The Prestatie element as the message had it: it holds no BSN, so there is nothing to mask.</summary>
        public override string MaskedRow(IFieldMask columns) => _line!.Raw;

        public override ReadOnlySpan<char> Text(int index) =>
            (uint)index < (uint)DeclaratieColumns.Count ? _line!.Fields[index].AsSpan() : default;

        public override bool TryGetNumber(int index, out decimal number)
        {
            decimal? value = index switch
            {
                (int)ClaimColumn.Amount => _line!.Amount,
                (int)ClaimColumn.Tariff => _line!.Tariff,
                _ => null,
            };
            number = value ?? 0;
            return value is not null;
        }

        public void Load(Line line) => _line = line;
    }
}
