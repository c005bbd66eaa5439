using SociaalDomein.Domain.Assignments;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports.Toewijzingen;

/// <summary>
/// Validates and pseudonymises the rows of a toewijzingen file (CSV, Excel and the mapped iWmo/iJw 301), so the
/// rules of docs/import-formats.md are written once. Every failing value of a row is reported, each as a
/// <see cref="RowError"/> with the column as the file names it and a Dutch reason. Personal values (BSN, client id,
/// address, birth date) are never echoed in a message; the BSN is used only to compute the client key.
/// </summary>
internal sealed class ToewijzingenRowValidator(ColumnMap columns, Pseudonymiser pseudonymiser, bool tariffRequiredWithVolume = true)
{
    private const int MaxEchoLength = 40;

    private readonly StringPool _pool = new();
    private readonly ClientKeys _clientKeys = new(pseudonymiser);
    private readonly KeyCache _addressKeys = new();

    public ParsedRow<AssignmentRecord> Validate(int row, RowValues values)
    {
        var errors = new Errors(row, columns);
        if (values.FieldCount > columns.HeaderFieldCount)
        {
            // The fields no longer line up with the header: every other message would be a consequence of this one.
            errors.Add("", $"rij heeft {values.FieldCount} velden, de kopregel {columns.HeaderFieldCount}");
            return new ParsedRow<AssignmentRecord>(row, null, errors.List!, values.MaskedRow(columns));
        }

        var clientKey = ClientKey(values, ref errors);

        var caseNumber = Required(values, Column.CaseNumber, ref errors);
        CheckLength(caseNumber, Column.CaseNumber, 50, ref errors);

        string? postcode = null;
        var postcodeText = Required(values, Column.Postcode, ref errors);
        if (!postcodeText.IsEmpty && !DutchValues.TryNormalisePostcode(postcodeText, out postcode))
        {
            errors.Add(Column.Postcode, $"{Name(Column.Postcode)} is geen geldige postcode (vier cijfers en twee letters, zoals 1234AB)");
        }

        var houseNumber = Required(values, Column.HouseNumber, ref errors);
        if (!houseNumber.IsEmpty && !IsHouseNumber(houseNumber))
        {
            errors.Add(Column.HouseNumber, $"{Name(Column.HouseNumber)} is geen geldig huisnummer (1 tot 5 cijfers)");
        }

        var addition = Text(values, Column.HouseNumberAddition);

        int? birthYear = null;
        if (!Text(values, Column.BirthDate).IsEmpty)
        {
            if (TryDate(values, Column.BirthDate, out var birthDate))
            {
                birthYear = birthDate.Year;
            }
            else
            {
                errors.Add(Column.BirthDate, $"{Name(Column.BirthDate)} is geen geldige datum");
            }
        }

        Sex? sex = null;
        var sexText = Text(values, Column.Sex);
        if (!sexText.IsEmpty)
        {
            if (DutchValues.TryParseSex(sexText, out var parsedSex))
            {
                sex = parsedSex;
            }
            else
            {
                errors.Add(Column.Sex, $"{Name(Column.Sex)} {Echo(sexText)} is onbekend (M, V, X of O)");
            }
        }

        var lawText = Required(values, Column.Law, ref errors);
        Law law = default;
        if (!lawText.IsEmpty && !DutchValues.TryParseLaw(lawText, out law))
        {
            errors.Add(Column.Law, $"{Name(Column.Law)} {Echo(lawText)} is onbekend (Wmo, Jeugdwet of Participatiewet)");
        }

        string? category = null;
        var categoryText = Text(values, Column.ProductCategory);
        if (!categoryText.IsEmpty)
        {
            if (categoryText.Length is 1 or 2 && char.IsAsciiDigit(categoryText[0]) && char.IsAsciiDigit(categoryText[^1]))
            {
                category = categoryText.Length == 1 ? _pool.Get("0" + categoryText[0]) : _pool.Get(categoryText);
            }
            else
            {
                errors.Add(Column.ProductCategory, $"{Name(Column.ProductCategory)} {Echo(categoryText)} is geen productcategorie van twee cijfers");
            }
        }

        var productCode = Required(values, Column.ProductCode, ref errors);
        CheckLength(productCode, Column.ProductCode, 10, ref errors);
        var description = Text(values, Column.ProductDescription);
        CheckLength(description, Column.ProductDescription, 200, ref errors);

        var agb = Required(values, Column.ProviderAgb, ref errors);
        Span<char> paddedAgb = stackalloc char[8];
        if (agb.Length is > 0 and < 8 && IsDigits(agb) && values.TryGetNumber(columns.IndexOf(Column.ProviderAgb), out _))
        {
            // An Excel number cell loses the leading zeros of an AGB code.
            paddedAgb.Fill('0');
            agb.CopyTo(paddedAgb[(8 - agb.Length)..]);
            agb = paddedAgb;
        }

        if (!agb.IsEmpty && (agb.Length != 8 || !IsDigits(agb)))
        {
            errors.Add(Column.ProviderAgb, $"{Name(Column.ProviderAgb)} {Echo(agb)} is geen AGB-code (8 cijfers)");
        }

        var providerName = Text(values, Column.ProviderName);
        CheckLength(providerName, Column.ProviderName, 200, ref errors);

        var formText = Required(values, Column.DeliveryForm, ref errors);
        DeliveryForm form = default;
        if (!formText.IsEmpty && !DutchValues.TryParseDeliveryForm(formText, out form))
        {
            errors.Add(Column.DeliveryForm, $"{Name(Column.DeliveryForm)} {Echo(formText)} is onbekend (ZIN of PGB)");
        }

        var startText = Required(values, Column.StartDate, ref errors);
        DateOnly start = default;
        var startValid = !startText.IsEmpty && TryDate(values, Column.StartDate, out start);
        if (!startText.IsEmpty && !startValid)
        {
            errors.Add(Column.StartDate, $"{Name(Column.StartDate)} {Echo(startText)} is geen geldige datum");
        }

        DateOnly? end = null;
        var endText = Text(values, Column.EndDate);
        if (!endText.IsEmpty)
        {
            if (TryDate(values, Column.EndDate, out var parsedEnd))
            {
                end = parsedEnd;
                if (startValid && parsedEnd < start)
                {
                    errors.Add(Column.EndDate,
                        $"{Name(Column.EndDate)} {parsedEnd:dd-MM-yyyy} ligt vóór {Name(Column.StartDate)} {start:dd-MM-yyyy}");
                }
            }
            else
            {
                errors.Add(Column.EndDate, $"{Name(Column.EndDate)} {Echo(endText)} is geen geldige datum");
            }
        }

        var assignmentNumber = Text(values, Column.AssignmentNumber);
        CheckLength(assignmentNumber, Column.AssignmentNumber, 50, ref errors);

        var volume = Amount(values, Column.Volume, ref errors);
        var tariff = Amount(values, Column.Tariff, ref errors);
        var budget = Amount(values, Column.Budget, ref errors);

        string? unit = null;
        var unitText = Text(values, Column.Unit);
        if (!unitText.IsEmpty && (unit = DutchValues.NormaliseUnit(unitText)) is null)
        {
            errors.Add(Column.Unit, $"{Name(Column.Unit)} {Echo(unitText)} is onbekend ({DutchValues.Units})");
        }

        Frequency? frequency = null;
        var frequencyText = Text(values, Column.Frequency);
        if (!frequencyText.IsEmpty)
        {
            if (DutchValues.TryParseFrequency(frequencyText, out var parsedFrequency))
            {
                frequency = parsedFrequency;
                if (parsedFrequency == Frequency.Total && endText.IsEmpty)
                {
                    errors.Add(Column.Frequency,
                        $"{Name(Column.Frequency)} 'totaal' vraagt om een {Name(Column.EndDate)}: volume × tarief is het budget van de hele periode");
                }
            }
            else
            {
                errors.Add(Column.Frequency,
                    $"{Name(Column.Frequency)} {Echo(frequencyText)} is onbekend (per dag, per week, per 4 weken, per maand, per jaar of totaal)");
            }
        }

        var hasVolume = !Text(values, Column.Volume).IsEmpty && !frequencyText.IsEmpty
            && (!tariffRequiredWithVolume || !Text(values, Column.Tariff).IsEmpty);
        if (Text(values, Column.Budget).IsEmpty && !hasVolume)
        {
            errors.Add(Column.Budget, tariffRequiredWithVolume
                ? $"{Name(Column.Budget)} ontbreekt, en {Name(Column.Volume)}, {Name(Column.Frequency)} en {Name(Column.Tariff)} zijn niet alle drie ingevuld"
                : $"{Name(Column.Budget)} ontbreekt, en {Name(Column.Volume)} en {Name(Column.Frequency)} zijn niet allebei ingevuld");
        }

        if (errors.List is not null || clientKey is null || postcode is null)
        {
            return new ParsedRow<AssignmentRecord>(row, null, errors.List ?? [], values.MaskedRow(columns));
        }

        var caseNumberText = caseNumber.ToString();
        var productCodeText = _pool.Get(productCode);
        var agbText = _pool.Get(agb);
        var assignmentNumberText = assignmentNumber.IsEmpty ? null : assignmentNumber.ToString();
        var record = new AssignmentRecord(
            row,
            AssignmentRecord.IdentityFor(assignmentNumberText, caseNumberText, productCodeText, agbText, start),
            clientKey,
            caseNumberText,
            AddressKey(postcode, houseNumber, addition),
            _pool.Get(postcode.AsSpan(0, 4)),
            birthYear,
            sex,
            law,
            category,
            productCodeText,
            description.IsEmpty ? null : _pool.Get(description),
            agbText,
            providerName.IsEmpty ? null : _pool.Get(providerName),
            form,
            start,
            end,
            assignmentNumberText,
            volume,
            unit,
            frequency,
            tariff,
            budget);
        return new ParsedRow<AssignmentRecord>(row, record, [], "");
    }

    private byte[]? ClientKey(RowValues values, ref Errors errors)
    {
        scoped var bsn = Text(values, Column.Bsn);
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

            errors.Add(Column.Bsn, bsn.Length == 9 && IsDigits(bsn)
                ? $"{Name(Column.Bsn)} is geen geldig BSN (11-proef)"
                : $"{Name(Column.Bsn)} is geen geldig BSN (9 cijfers)");
            return null;
        }

        var clientId = Text(values, Column.ClientId);
        if (!clientId.IsEmpty)
        {
            return _clientKeys.ForClientId(clientId);
        }

        var column = columns.Has(Column.Bsn) ? Column.Bsn : Column.ClientId;
        errors.Add(column, columns.Has(Column.Bsn) && columns.Has(Column.ClientId)
            ? $"{Name(Column.Bsn)} en {Name(Column.ClientId)} zijn allebei leeg: vul er één in"
            : $"{Name(column)} is niet ingevuld");
        return null;
    }

    private byte[] AddressKey(string postcode, ReadOnlySpan<char> houseNumber, ReadOnlySpan<char> addition)
    {
        Span<char> buffer = stackalloc char[256];
        var length = postcode.Length + houseNumber.Length + addition.Length + 2;
        if (length > buffer.Length)
        {
            return pseudonymiser.AddressKey(postcode, houseNumber.ToString(), addition.ToString());
        }

        var composed = buffer[..length];
        postcode.CopyTo(composed);
        composed[postcode.Length] = '|';
        houseNumber.CopyTo(composed[(postcode.Length + 1)..]);
        composed[postcode.Length + 1 + houseNumber.Length] = '|';
        addition.CopyTo(composed[(postcode.Length + 2 + houseNumber.Length)..]);
        if (!_addressKeys.TryGet(composed, out var key))
        {
            key = pseudonymiser.AddressKey(postcode, houseNumber.ToString(), addition.IsEmpty ? null : addition.ToString());
            _addressKeys.Add(composed, key);
        }

        return key;
    }

    private decimal? Amount(RowValues values, Column column, ref Errors errors)
    {
        var index = columns.IndexOf(column);
        if (index < 0)
        {
            return null;
        }

        var text = values.Text(index);
        if (text.IsEmpty)
        {
            return null;
        }

        if (!values.TryGetNumber(index, out var amount) && !DutchValues.TryParseAmount(text, out amount))
        {
            errors.Add(column, $"{Name(column)} {Echo(text)} is geen geldig bedrag of getal");
            return null;
        }

        if (amount < 0)
        {
            errors.Add(column, $"{Name(column)} {Echo(text)} mag niet negatief zijn");
            return null;
        }

        return amount;
    }

    private bool TryDate(RowValues values, Column column, out DateOnly date)
    {
        var index = columns.IndexOf(column);
        return values.TryGetDate(index, out date) || DutchValues.TryParseDate(values.Text(index), out date);
    }

    private ReadOnlySpan<char> Required(RowValues values, Column column, ref Errors errors)
    {
        var text = Text(values, column);
        if (text.IsEmpty)
        {
            errors.Add(column, $"{Name(column)} is niet ingevuld");
        }

        return text;
    }

    private void CheckLength(ReadOnlySpan<char> text, Column column, int max, ref Errors errors)
    {
        if (text.Length > max)
        {
            errors.Add(column, $"{Name(column)} is langer dan {max} tekens");
        }
    }

    private ReadOnlySpan<char> Text(RowValues values, Column column)
    {
        var index = columns.IndexOf(column);
        return index < 0 ? default : values.Text(index);
    }

    private string Name(Column column) => columns.NameOf(column);

    private static string Echo(ReadOnlySpan<char> text) =>
        text.Length <= MaxEchoLength ? $"'{text}'" : $"'{text[..MaxEchoLength]}…'";

    private static bool IsHouseNumber(ReadOnlySpan<char> text) =>
        text.Length is >= 1 and <= 5 && IsDigits(text) && text.ContainsAnyExcept('0');

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

    /// <summary>The errors of one row; the list is only allocated when there is one.</summary>
    private struct Errors(int row, ColumnMap columns)
    {
        public List<RowError>? List { get; private set; }

        public void Add(Column column, string message) => Add(columns.NameOf(column), message);

        public void Add(string column, string message) => (List ??= []).Add(new RowError(row, column, message));
    }
}
