using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>One valid row of a price-list file.</summary>
public sealed record TariffRecord(int Row, string ProductCode, string? ProviderAgb, DateOnly ValidFrom, DateOnly? ValidTo, decimal Amount, string? Unit);

/// <summary>
/// Reads a price list (prijslijst, docs/import-formats.md): CSV or Excel through the shared <see cref="TabularFiles"/>,
/// columns <c>productcode</c>, <c>aanbieder_agb</c> (optional), <c>ingangsdatum</c>, <c>einddatum</c> (optional),
/// <c>tarief</c>, <c>eenheid</c> (optional); header names compared as for toewijzingen. Every failing value is a
/// <see cref="RowError"/> with row, column and a Dutch reason. A price list holds no personal data, so values are quoted.
/// </summary>
internal sealed class TariffFile : IFieldMask
{
    private const int MaxEcho = 40;

    /// <summary>The largest price: <c>numeric(14,4)</c>.</summary>
    public const decimal MaxAmount = 9_999_999_999.9999m;

    private enum Column { ProductCode, Agb, From, To, Amount, Unit }

    private static readonly string[] Canonical = ["productcode", "aanbieder_agb", "ingangsdatum", "einddatum", "tarief", "eenheid"];
    private static readonly bool[] Required = [true, false, true, false, true, false];

    private static readonly Dictionary<string, Column> Synonyms = new Dictionary<string, Column>
    {
        ["productcode"] = Column.ProductCode, ["product"] = Column.ProductCode, ["code"] = Column.ProductCode,
        ["aanbiederagb"] = Column.Agb, ["agb"] = Column.Agb, ["agbcode"] = Column.Agb, ["aanbieder"] = Column.Agb,
        ["ingangsdatum"] = Column.From, ["vanaf"] = Column.From, ["begindatum"] = Column.From, ["geldigvanaf"] = Column.From,
        ["einddatum"] = Column.To, ["tot en met"] = Column.To, ["geldigtot"] = Column.To,
        ["tarief"] = Column.Amount, ["prijs"] = Column.Amount, ["bedrag"] = Column.Amount,
        ["eenheid"] = Column.Unit,
    }.GroupBy(p => ColumnNames.Normalise(p.Key)).ToDictionary(g => g.Key, g => g.First().Value);

    private static readonly FileTexts Texts = new(
        "Het bestand '{0}' is geen tekstbestand of Excel-bestand en kan niet worden ingelezen. Lever de prijslijst aan als CSV of " +
        "als Excel-werkmap (.xlsx), met de kolommen productcode, aanbieder_agb, ingangsdatum, einddatum, tarief en eenheid.",
        "Het Excel-bestand '{0}' bevat geen werkblad. Zet de prijslijst op het eerste werkblad, met de kolomnamen in de eerste rij.");

    private readonly int[] _index = [-1, -1, -1, -1, -1, -1];
    private readonly string[] _names = [.. Canonical];

    private TariffFile(int headerFieldCount) => HeaderFieldCount = headerFieldCount;

    public int HeaderFieldCount { get; }

    public bool Shows(int fieldIndex) => true;

    public string Masked(int fieldIndex, ReadOnlySpan<char> value) => value.ToString();

    /// <summary>Reads every row: the valid records, or the errors. Throws <see cref="ImportFileException"/> when the file
    /// cannot be read at all (not a table, a required column missing).</summary>
    public static (List<TariffRecord> Records, List<RowError> Errors) Read(Stream stream, string fileName)
    {
        var records = new List<TariffRecord>();
        var errors = new List<RowError>();
        using var file = TabularFiles.Open(stream, fileName, header =>
        {
            var columns = FromHeader(header, fileName);
            return new TableLayout<ParsedRow<TariffRecord>>(columns.HeaderFieldCount, [], columns.Validate);
        }, Texts);
        foreach (var row in file.Rows)
        {
            if (row.Record is { } record)
            {
                records.Add(record);
            }

            errors.AddRange(row.Errors);
        }

        return (records, errors);
    }

    private static TariffFile FromHeader(IReadOnlyList<string> header, string fileName)
    {
        var map = new TariffFile(header.Count);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (name.Length == 0 || !Synonyms.TryGetValue(ColumnNames.Normalise(name), out var column))
            {
                continue;
            }

            if (map._index[(int)column] >= 0)
            {
                throw new ImportFileException($"De kolommen '{map._names[(int)column]}' en '{name}' in '{fileName}' betekenen allebei " +
                    $"'{Canonical[(int)column]}'; laat er één over.");
            }

            map._index[(int)column] = i;
            map._names[(int)column] = name;
        }

        var missing = Enumerable.Range(0, Canonical.Length).Where(c => Required[c] && map._index[c] < 0).Select(c => $"'{Canonical[c]}'").ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException(missing.Count == 1
                ? $"Kolom {missing[0]} ontbreekt in '{fileName}'."
                : $"Kolommen {string.Join(", ", missing.Take(missing.Count - 1))} en {missing[^1]} ontbreken in '{fileName}'.");
        }

        return map;
    }

    private ParsedRow<TariffRecord> Validate(int row, RowValues values)
    {
        var errors = new List<RowError>();
        void Add(Column column, string message) => errors.Add(new RowError(row, _names[(int)column], message));
        ReadOnlySpan<char> Text(Column column) => _index[(int)column] < 0 ? [] : values.Text(_index[(int)column]);

        var product = Text(Column.ProductCode).ToString();
        var productError = TariffService.CheckProductCode(product);
        if (productError is not null)
        {
            Add(Column.ProductCode, productError);
        }

        var agb = Text(Column.Agb).ToString();
        if (agb.Length > 0 && TariffService.CheckAgb(agb) is { } agbError)
        {
            Add(Column.Agb, agbError);
        }

        var from = Date(Column.From, true);
        var to = Date(Column.To, false);
        if (from is { } f && to is { } t && t < f)
        {
            Add(Column.To, $"{_names[(int)Column.To]} {t:dd-MM-yyyy} ligt vóór {_names[(int)Column.From]} {f:dd-MM-yyyy}");
        }

        decimal amount = 0;
        var amountText = Text(Column.Amount);
        var amountIndex = _index[(int)Column.Amount];
        if (amountText.IsEmpty)
        {
            Add(Column.Amount, $"{_names[(int)Column.Amount]} is niet ingevuld");
        }
        else if (!values.TryGetNumber(amountIndex, out amount) && !DutchValues.TryParseAmount(amountText, out amount))
        {
            Add(Column.Amount, $"{_names[(int)Column.Amount]} {Echo(amountText)} is geen bedrag");
        }
        else if (TariffService.CheckAmount(amount) is { } amountError)
        {
            Add(Column.Amount, $"{_names[(int)Column.Amount]} {Echo(amountText)}: {amountError}");
        }

        var unit = Text(Column.Unit).ToString();
        if (unit.Length > 20)
        {
            Add(Column.Unit, $"{_names[(int)Column.Unit]} {Echo(unit)} is langer dan 20 tekens");
        }

        return errors.Count == 0
            ? new ParsedRow<TariffRecord>(row, new TariffRecord(row, product, agb.Length == 0 ? null : agb, from!.Value, to, amount, unit.Length == 0 ? null : unit), [], "")
            : new ParsedRow<TariffRecord>(row, null, errors, values.MaskedRow(this));

        DateOnly? Date(Column column, bool required)
        {
            var text = Text(column);
            var name = _names[(int)column];
            if (text.IsEmpty)
            {
                if (required)
                {
                    Add(column, $"{name} is niet ingevuld");
                }

                return null;
            }

            if (values.TryGetDate(_index[(int)column], out var date) || DutchValues.TryParseDate(text, out date))
            {
                return date;
            }

            Add(column, $"{name} {Echo(text)} is geen geldige datum");
            return null;
        }
    }

    private static string Echo(ReadOnlySpan<char> text) => text.Length <= MaxEcho ? $"'{text}'" : $"'{text[..MaxEcho]}…'";
}
