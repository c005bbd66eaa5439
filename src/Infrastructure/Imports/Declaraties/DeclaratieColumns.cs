using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>The canonical columns of a declaraties file (docs/import-formats.md, record kind 2).</summary>
internal enum ClaimColumn
{
    Bsn,
    ClientId,
    ProviderAgb,
    ProviderName,
    Law,
    ProductCategory,
    ProductCode,
    AssignmentNumber,
    PeriodStart,
    PeriodEnd,
    Amount,
    SubmittedOn,
    Status,
    ClaimNumber,
    CreditOf,
    Volume,
    Unit,
    Tariff,
}

/// <summary>
/// Where each column of a declaraties file sits, how the file spells it, and which values a rejected row keeps. Header
/// names are compared as for toewijzingen (<see cref="ColumnNames.Normalise"/>). Required: <c>bsn</c> or
/// <c>client_id</c>, <c>aanbieder_agb</c>, <c>wet</c>, <c>productcode</c>, <c>periode_start</c>, <c>periode_eind</c>,
/// <c>bedrag</c>, <c>ingediend_op</c>. BSN, client id and unknown columns are masked in a kept rejected row.
/// </summary>
internal sealed class DeclaratieColumns : IFieldMask
{
    public const int Count = (int)ClaimColumn.Tariff + 1;

    private static readonly string[] Canonical =
    [
        "bsn", "client_id", "aanbieder_agb", "aanbieder_naam", "wet", "productcategorie", "productcode", "toewijzingsnummer",
        "periode_start", "periode_eind", "bedrag", "ingediend_op", "status", "declaratienummer", "vorig_declaratienummer",
        "volume", "eenheid", "tarief",
    ];

    private static readonly ClaimColumn[] Required =
    [
        ClaimColumn.ProviderAgb, ClaimColumn.Law, ClaimColumn.ProductCode, ClaimColumn.PeriodStart, ClaimColumn.PeriodEnd,
        ClaimColumn.Amount, ClaimColumn.SubmittedOn,
    ];

    private static readonly ClaimColumn[] Personal = [ClaimColumn.Bsn, ClaimColumn.ClientId];

    /// <summary>Normalised header name → column: the canonical names and the synonyms exports use.</summary>
    private static readonly Dictionary<string, ClaimColumn> Synonyms = BuildSynonyms();

    private readonly int[] _index = new int[Count];
    private readonly string[] _names = [.. Canonical];
    private readonly bool[] _shown;

    private DeclaratieColumns(int headerFieldCount)
    {
        Array.Fill(_index, -1);
        HeaderFieldCount = headerFieldCount;
        _shown = new bool[headerFieldCount];
    }

    public int HeaderFieldCount { get; }

    public IReadOnlyList<string> UnknownColumns { get; private set; } = [];

    public int IndexOf(ClaimColumn column) => _index[(int)column];

    public bool Has(ClaimColumn column) => _index[(int)column] >= 0;

    /// <summary>The column's name as the file spells it, or its canonical name.</summary>
    public string NameOf(ClaimColumn column) => _names[(int)column];

    public static string CanonicalName(ClaimColumn column) => Canonical[(int)column];

    public bool Shows(int fieldIndex) => (uint)fieldIndex < (uint)_shown.Length && _shown[fieldIndex];

    public string Masked(int fieldIndex, ReadOnlySpan<char> value) => value.Trim().IsEmpty ? "" : ColumnMap.Mask;

    /// <summary>Maps a header row. Throws <see cref="ImportFileException"/> when a required column is missing or two
    /// columns mean the same thing.</summary>
    public static DeclaratieColumns FromHeader(IReadOnlyList<string> header, string fileName)
    {
        var map = new DeclaratieColumns(header.Count);
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (name.Length == 0)
            {
                continue;
            }

            if (!Synonyms.TryGetValue(ColumnNames.Normalise(name), out var column))
            {
                unknown.Add(name);
                continue;
            }

            if (map._index[(int)column] >= 0)
            {
                throw new ImportFileException(
                    $"De kolommen '{map._names[(int)column]}' en '{name}' in '{fileName}' betekenen allebei " +
                    $"'{Canonical[(int)column]}'; laat er één over of geef de andere een eigen naam.");
            }

            map._index[(int)column] = i;
            map._names[(int)column] = name;
            map._shown[i] = !Personal.Contains(column);
        }

        var missing = Required.Where(c => !map.Has(c)).Select(c => $"'{Canonical[(int)c]}'").ToList();
        if (!map.Has(ClaimColumn.Bsn) && !map.Has(ClaimColumn.ClientId))
        {
            missing.Insert(0, "'bsn' of 'client_id'");
        }

        if (missing.Count == 1)
        {
            throw new ImportFileException($"Kolom {missing[0]} ontbreekt in '{fileName}'.");
        }

        if (missing.Count > 1)
        {
            throw new ImportFileException(
                $"Kolommen {string.Join(", ", missing.Take(missing.Count - 1))} en {missing[^1]} ontbreken in '{fileName}'.");
        }

        map.UnknownColumns = unknown;
        return map;
    }

    /// <summary>A map for a source whose fields are the canonical columns in canonical order (the 323 reader), with
    /// the given names for messages.</summary>
    public static DeclaratieColumns Fixed(Func<ClaimColumn, string> nameOf)
    {
        var map = new DeclaratieColumns(Count);
        for (var i = 0; i < Count; i++)
        {
            map._index[i] = i;
            map._names[i] = nameOf((ClaimColumn)i);
            map._shown[i] = !Personal.Contains((ClaimColumn)i);
        }

        return map;
    }

    private static Dictionary<string, ClaimColumn> BuildSynonyms()
    {
        var map = new Dictionary<string, ClaimColumn>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            map[ColumnNames.Normalise(Canonical[i])] = (ClaimColumn)i;
        }

        void Add(ClaimColumn column, params string[] names)
        {
            foreach (var name in names)
            {
                map[ColumnNames.Normalise(name)] = column;
            }
        }

        Add(ClaimColumn.Bsn, "burgerservicenummer");
        Add(ClaimColumn.ClientId, "clientid", "cliëntid", "clientnummer", "cliëntnummer");
        Add(ClaimColumn.ProviderAgb, "agb", "agbcode", "agb_code", "aanbieder", "aanbiedercode", "aanbieder_agb_code");
        Add(ClaimColumn.ProviderName, "naam_aanbieder", "aanbiedernaam");
        Add(ClaimColumn.Law, "wetgeving");
        Add(ClaimColumn.ProductCode, "product");
        Add(ClaimColumn.AssignmentNumber, "toewijzingnummer", "toewijzingsnr");
        Add(ClaimColumn.PeriodStart, "periode_begin", "periode_van", "begindatum", "startdatum", "ingangsdatum", "van");
        Add(ClaimColumn.PeriodEnd, "periode_einde", "periode_tot", "einddatum", "eind_datum", "tot");
        Add(ClaimColumn.Amount, "ingediend_bedrag", "declaratiebedrag", "gedeclareerd", "amount");
        Add(ClaimColumn.SubmittedOn, "ingediend", "indieningsdatum", "declaratiedatum", "dagtekening", "declaratie_dagtekening");
        Add(ClaimColumn.Status, "declaratiestatus");
        Add(ClaimColumn.ClaimNumber, "declaratienr", "declaratie_nummer", "referentienummer");
        Add(ClaimColumn.CreditOf, "vorig_referentienummer", "origineel_declaratienummer", "credit_van");
        Add(ClaimColumn.Volume, "geleverd_volume", "omvang");
        Add(ClaimColumn.Tariff, "producttarief");
        return map;
    }
}
