using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// Validates and pseudonymises the rows of a declaraties file (CSV, Excel and the mapped WMO323/JW323), so the rules of
/// docs/import-formats.md record kind 2 are written once. Every failing value is reported as a <see cref="RowError"/>
/// with the column as the source names it and a Dutch reason. The BSN and client id are never echoed; the BSN is only
/// hashed with the same <see cref="Pseudonymiser"/> as toewijzingen, so claims and assignments share the client key.
/// </summary>
internal sealed class DeclaratiesRowValidator(DeclaratieColumns columns, Pseudonymiser pseudonymiser, bool creditNeedsReference = false)
{
    private const int MaxEchoLength = 40;

    /// <summary>The largest amount a claim can hold: <c>numeric(14,2)</c>.</summary>
    private const decimal MaxAmount = 999_999_999_999.99m;

    /// <summary>Volume and tariff: <c>numeric(14,4)</c>.</summary>
    private const decimal MaxQuantity = 9_999_999_999.9999m;

    private readonly ClientKeys _clientKeys = new(pseudonymiser);
    private readonly StringPool _pool = new();

    public ParsedRow<ClaimRecord> Validate(int row, RowValues values)
    {
        List<RowError>? errors = null;
        void Add(ClaimColumn column, string message) => (errors ??= []).Add(new RowError(row, Name(column), message));

        if (values.FieldCount > columns.HeaderFieldCount)
        {
            (errors ??= []).Add(new RowError(row, "", $"rij heeft {values.FieldCount} velden, de kopregel {columns.HeaderFieldCount}"));
            return new ParsedRow<ClaimRecord>(row, null, errors, values.MaskedRow(columns));
        }

        var clientKey = ClientKey(values, Add);

        Span<char> padded = stackalloc char[8];
        scoped var agb = Text(values, ClaimColumn.ProviderAgb);
        string? agbText = null;
        if (agb.IsEmpty)
        {
            Add(ClaimColumn.ProviderAgb, $"{Name(ClaimColumn.ProviderAgb)} is niet ingevuld");
        }
        else
        {
            if (agb.Length is > 0 and < 8 && IsDigits(agb) && values.TryGetNumber(columns.IndexOf(ClaimColumn.ProviderAgb), out _))
            {
                // An Excel number cell loses the leading zeros of an AGB code.
                padded.Fill('0');
                agb.CopyTo(padded[(8 - agb.Length)..]);
                agb = padded;
            }

            if (agb.Length == 8 && IsDigits(agb))
            {
                agbText = _pool.Get(agb);
            }
            else
            {
                Add(ClaimColumn.ProviderAgb, $"{Name(ClaimColumn.ProviderAgb)} {Echo(agb)} is geen AGB-code (precies 8 cijfers)");
            }
        }

        var providerName = Text(values, ClaimColumn.ProviderName);
        CheckLength(providerName, ClaimColumn.ProviderName, 200, Add);

        var lawText = Text(values, ClaimColumn.Law);
        Law law = default;
        if (lawText.IsEmpty)
        {
            Add(ClaimColumn.Law, $"{Name(ClaimColumn.Law)} is niet ingevuld");
        }
        else if (!DutchValues.TryParseLaw(lawText, out law))
        {
            Add(ClaimColumn.Law, $"{Name(ClaimColumn.Law)} {Echo(lawText)} is onbekend (Wmo, Jeugdwet of Participatiewet)");
        }

        string? category = null;
        var categoryText = Text(values, ClaimColumn.ProductCategory);
        if (!categoryText.IsEmpty)
        {
            if (categoryText.Length is 1 or 2 && IsDigits(categoryText))
            {
                category = categoryText.Length == 1 ? _pool.Get("0" + categoryText[0]) : _pool.Get(categoryText);
            }
            else
            {
                Add(ClaimColumn.ProductCategory, $"{Name(ClaimColumn.ProductCategory)} {Echo(categoryText)} is geen productcategorie van twee cijfers");
            }
        }

        var productCode = Text(values, ClaimColumn.ProductCode);
        if (productCode.IsEmpty)
        {
            Add(ClaimColumn.ProductCode, $"{Name(ClaimColumn.ProductCode)} is niet ingevuld");
        }

        CheckLength(productCode, ClaimColumn.ProductCode, 10, Add);

        var assignmentNumber = Text(values, ClaimColumn.AssignmentNumber);
        CheckLength(assignmentNumber, ClaimColumn.AssignmentNumber, 50, Add);

        var start = RequiredDate(values, ClaimColumn.PeriodStart, Add);
        var end = RequiredDate(values, ClaimColumn.PeriodEnd, Add);
        if (start is { } s && end is { } e && e < s)
        {
            Add(ClaimColumn.PeriodEnd, $"{Name(ClaimColumn.PeriodEnd)} {e:dd-MM-yyyy} ligt vóór {Name(ClaimColumn.PeriodStart)} {s:dd-MM-yyyy}");
        }

        var amount = Number(values, ClaimColumn.Amount, 2, MaxAmount, allowNegative: true, required: true, Add);
        var submitted = RequiredDate(values, ClaimColumn.SubmittedOn, Add);

        var status = ClaimStatus.Approved;
        var statusText = Text(values, ClaimColumn.Status);
        if (!statusText.IsEmpty && !TryParseStatus(statusText, out status))
        {
            Add(ClaimColumn.Status, $"{Name(ClaimColumn.Status)} {Echo(statusText)} is onbekend (ingediend, goedgekeurd of afgekeurd)");
        }

        var claimNumber = Text(values, ClaimColumn.ClaimNumber);
        CheckLength(claimNumber, ClaimColumn.ClaimNumber, 50, Add);

        var creditOf = Text(values, ClaimColumn.CreditOf);
        CheckLength(creditOf, ClaimColumn.CreditOf, 50, Add);
        if (amount is { } a)
        {
            if (a >= 0 && !creditOf.IsEmpty)
            {
                Add(ClaimColumn.CreditOf, $"{Name(ClaimColumn.CreditOf)} is ingevuld, maar {Name(ClaimColumn.Amount)} is niet negatief: " +
                    "alleen een creditregel verwijst naar een eerdere declaratie");
            }
            else if (a < 0 && creditOf.IsEmpty && creditNeedsReference)
            {
                Add(ClaimColumn.CreditOf, $"een creditprestatie zonder {Name(ClaimColumn.CreditOf)}: " +
                    "een creditregel moet de prestatie noemen die hij crediteert");
            }
        }

        var volume = Number(values, ClaimColumn.Volume, 4, MaxQuantity, allowNegative: false, required: false, Add);
        var tariff = Number(values, ClaimColumn.Tariff, 4, MaxQuantity, allowNegative: false, required: false, Add);

        string? unit = null;
        var unitText = Text(values, ClaimColumn.Unit);
        if (!unitText.IsEmpty && (unit = DutchValues.NormaliseUnit(unitText)) is null)
        {
            Add(ClaimColumn.Unit, $"{Name(ClaimColumn.Unit)} {Echo(unitText)} is onbekend ({DutchValues.Units})");
        }

        if (errors is not null || clientKey is null || agbText is null || start is null || end is null || amount is null || submitted is null)
        {
            return new ParsedRow<ClaimRecord>(row, null, errors ?? [], values.MaskedRow(columns));
        }

        var productCodeText = _pool.Get(productCode);
        var assignmentNumberText = assignmentNumber.IsEmpty ? null : assignmentNumber.ToString();
        var claimNumberText = claimNumber.IsEmpty ? null : claimNumber.ToString();
        var creditOfKey = creditOf.IsEmpty ? null : ClaimRecord.NumberIdentity(agbText, creditOf.ToString());
        var identity = claimNumberText is not null
            ? ClaimRecord.NumberIdentity(agbText, claimNumberText)
            : HashIdentity(clientKey, agbText, law, category, productCodeText, assignmentNumberText, start.Value, end.Value, amount.Value,
                submitted.Value, creditOfKey, volume, unit, tariff);
        var record = new ClaimRecord(row, identity, clientKey, agbText, providerName.IsEmpty ? null : _pool.Get(providerName), law, category,
            productCodeText, assignmentNumberText, start.Value, end.Value, amount.Value, submitted.Value, status, claimNumberText, creditOfKey,
            volume, unit, tariff);
        return new ParsedRow<ClaimRecord>(row, record, [], "");
    }

    /// <summary><c>ingediend</c>, <c>goedgekeurd</c> (<c>toegekend</c>) or <c>afgekeurd</c> (<c>afgewezen</c>), any case.</summary>
    internal static bool TryParseStatus(ReadOnlySpan<char> text, out ClaimStatus status)
    {
        status = ClaimStatus.Approved;
        if (text.Equals("ingediend", StringComparison.OrdinalIgnoreCase))
        {
            status = ClaimStatus.Submitted;
        }
        else if (text.Equals("goedgekeurd", StringComparison.OrdinalIgnoreCase) || text.Equals("toegekend", StringComparison.OrdinalIgnoreCase))
        {
            status = ClaimStatus.Approved;
        }
        else if (text.Equals("afgekeurd", StringComparison.OrdinalIgnoreCase) || text.Equals("afgewezen", StringComparison.OrdinalIgnoreCase))
        {
            status = ClaimStatus.Rejected;
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// "key:" + SHA-256 (hex) of the claim's facts, for a claim without a number (docs/import-formats.md): the client key,
    /// provider, law, category, product, assignment number, period, amount, submission date, credit reference, volume,
    /// unit and tariff. Not the status, nor the provider's name: a claim whose status changed from ingediend to
    /// goedgekeurd is the same claim and is updated, not counted twice.
    /// </summary>
    private static string HashIdentity(byte[] clientKey, string agb, Law law, string? category, string productCode, string? assignmentNumber,
        DateOnly start, DateOnly end, decimal amount, DateOnly submitted, string? creditOf, decimal? volume, string? unit, decimal? tariff)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Convert.ToHexString(clientKey)}|{agb}|{(int)law}|{category}|{productCode}|{assignmentNumber}|{start:yyyy-MM-dd}|{end:yyyy-MM-dd}|" +
            $"{amount:0.00}|{submitted:yyyy-MM-dd}|{creditOf}|{volume:0.####}|{unit}|{tariff:0.####}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return "key:" + Convert.ToHexStringLower(hash);
    }

    private byte[]? ClientKey(RowValues values, Action<ClaimColumn, string> add)
    {
        scoped var bsn = Text(values, ClaimColumn.Bsn);
        if (!bsn.IsEmpty)
        {
            Span<char> padded = stackalloc char[9];
            if (bsn.Length == 8 && IsDigits(bsn))
            {
                // Excel drops the leading zero of a BSN stored as a number.
                padded[0] = '0';
                bsn.CopyTo(padded[1..]);
                bsn = padded;
            }

            if (Bsn.IsValid(bsn))
            {
                return _clientKeys.ForBsn(bsn);
            }

            add(ClaimColumn.Bsn, bsn.Length == 9 && IsDigits(bsn)
                ? $"{Name(ClaimColumn.Bsn)} is geen geldig BSN (11-proef)"
                : $"{Name(ClaimColumn.Bsn)} is geen geldig BSN (9 cijfers)");
            return null;
        }

        var clientId = Text(values, ClaimColumn.ClientId);
        if (!clientId.IsEmpty)
        {
            return _clientKeys.ForClientId(clientId);
        }

        var column = columns.Has(ClaimColumn.Bsn) ? ClaimColumn.Bsn : ClaimColumn.ClientId;
        add(column, columns.Has(ClaimColumn.Bsn) && columns.Has(ClaimColumn.ClientId)
            ? $"{Name(ClaimColumn.Bsn)} en {Name(ClaimColumn.ClientId)} zijn allebei leeg: vul er één in"
            : $"{Name(column)} is niet ingevuld");
        return null;
    }

    private DateOnly? RequiredDate(RowValues values, ClaimColumn column, Action<ClaimColumn, string> add)
    {
        var index = columns.IndexOf(column);
        var text = Text(values, column);
        if (text.IsEmpty)
        {
            add(column, $"{Name(column)} is niet ingevuld");
            return null;
        }

        if (values.TryGetDate(index, out var date) || DutchValues.TryParseDate(text, out date))
        {
            return date;
        }

        add(column, $"{Name(column)} {Echo(text)} is geen geldige datum");
        return null;
    }

    private decimal? Number(RowValues values, ClaimColumn column, int decimals, decimal max, bool allowNegative, bool required,
        Action<ClaimColumn, string> add)
    {
        var index = columns.IndexOf(column);
        var text = Text(values, column);
        if (text.IsEmpty)
        {
            if (required)
            {
                add(column, $"{Name(column)} is niet ingevuld");
            }

            return null;
        }

        if (!values.TryGetNumber(index, out var number) && !DutchValues.TryParseAmount(text, out number))
        {
            add(column, $"{Name(column)} {Echo(text)} is geen geldig bedrag of getal");
            return null;
        }

        if (number < 0 && !allowNegative)
        {
            add(column, $"{Name(column)} {Echo(text)} mag niet negatief zijn");
            return null;
        }

        if (decimal.Round(number, decimals) != number)
        {
            add(column, $"{Name(column)} {Echo(text)} heeft meer dan {decimals} decimalen");
            return null;
        }

        if (Math.Abs(number) > max)
        {
            add(column, $"{Name(column)} {Echo(text)} is te groot");
            return null;
        }

        return number;
    }

    private void CheckLength(ReadOnlySpan<char> text, ClaimColumn column, int max, Action<ClaimColumn, string> add)
    {
        if (text.Length > max)
        {
            add(column, $"{Name(column)} is langer dan {max} tekens");
        }
    }

    private ReadOnlySpan<char> Text(RowValues values, ClaimColumn column)
    {
        var index = columns.IndexOf(column);
        return index < 0 ? default : values.Text(index);
    }

    private string Name(ClaimColumn column) => columns.NameOf(column);

    private static string Echo(ReadOnlySpan<char> text) =>
        text.Length <= MaxEchoLength ? $"'{text}'" : $"'{text[..MaxEchoLength]}…'";

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
