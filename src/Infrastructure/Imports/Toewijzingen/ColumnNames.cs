using SociaalDomein.Infrastructure.Imports.Tables;

namespace SociaalDomein.Infrastructure.Imports.Toewijzingen;

/// <summary>The canonical columns of a toewijzingen file (docs/import-formats.md, record kind 1).</summary>
internal enum Column
{
    Bsn,
    ClientId,
    CaseNumber,
    Postcode,
    HouseNumber,
    HouseNumberAddition,
    BirthDate,
    Sex,
    Law,
    ProductCategory,
    ProductCode,
    ProductDescription,
    ProviderAgb,
    ProviderName,
    DeliveryForm,
    StartDate,
    EndDate,
    AssignmentNumber,
    Volume,
    Unit,
    Frequency,
    Tariff,
    Budget,
}

/// <summary>Header names: the canonical Dutch name of each column and the synonyms municipal exports use. Names are
/// compared case-insensitively, ignoring spaces, <c>_</c> and <c>-</c>.</summary>
internal static class ColumnNames
{
    public const int Count = (int)Column.Budget + 1;

    private static readonly string[] Canonical =
    [
        "bsn", "client_id", "dossiernummer", "postcode", "huisnummer", "huisnummertoevoeging", "geboortedatum",
        "geslacht", "wet", "productcategorie", "productcode", "productomschrijving", "aanbieder_agb", "aanbieder_naam",
        "leveringsvorm", "ingangsdatum", "einddatum", "toewijzingsnummer", "volume", "eenheid", "frequentie", "tarief",
        "budget",
    ];

    /// <summary>Normalised header name → column: the canonical names and their synonyms.</summary>
    private static readonly Dictionary<string, Column> Synonyms = BuildSynonyms();

    /// <summary>Columns a file must have; <c>bsn</c> / <c>client_id</c> is one more requirement, checked apart.</summary>
    public static readonly Column[] Required =
    [
        Column.CaseNumber, Column.Postcode, Column.HouseNumber, Column.Law, Column.ProductCode, Column.ProviderAgb,
        Column.DeliveryForm, Column.StartDate,
    ];

    public static string CanonicalName(Column column) => Canonical[(int)column];

    public static Column? Match(string header)
    {
        var key = Normalise(header);
        return key.Length > 0 && Synonyms.TryGetValue(key, out var column) ? column : null;
    }

    /// <summary>Lower case, without spaces, <c>_</c>, <c>-</c>, quotes and a stray byte order mark.</summary>
    public static string Normalise(string header)
    {
        Span<char> buffer = header.Length <= 256 ? stackalloc char[header.Length] : new char[header.Length];
        var length = 0;
        foreach (var c in header)
        {
            if (c is ' ' or '_' or '-' or '"' or '\uFEFF' or '\u00A0' or '\t')
            {
                continue;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }

    private static Dictionary<string, Column> BuildSynonyms()
    {
        var map = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            map[Normalise(Canonical[i])] = (Column)i;
        }

        void Add(Column column, params string[] names)
        {
            foreach (var name in names)
            {
                map[Normalise(name)] = column;
            }
        }

        Add(Column.Bsn, "burgerservicenummer");
        Add(Column.ClientId, "clientid", "cliëntid", "clientnummer", "cliëntnummer", "cliënt_id");
        Add(Column.CaseNumber, "dossier", "dossiernr", "dossier_nummer");
        Add(Column.HouseNumber, "huisnr");
        Add(Column.HouseNumberAddition, "toevoeging", "huisnr_toevoeging");
        Add(Column.Law, "wetgeving");
        Add(Column.ProductCode, "product");
        Add(Column.ProviderAgb, "agb", "agbcode", "agb_code", "aanbieder", "aanbiedercode", "aanbieder_agb_code");
        Add(Column.ProviderName, "naam_aanbieder");
        Add(Column.StartDate, "begindatum", "startdatum", "van", "begin_datum", "start_datum");
        Add(Column.EndDate, "eind_datum", "einde", "tot");
        Add(Column.AssignmentNumber, "toewijzingnummer", "toewijzingsnr");
        Add(Column.Volume, "omvang");
        Add(Column.Budget, "bedrag", "totaalbudget");
        return map;
    }
}

/// <summary>Where each canonical column sits in a file's rows, and how the file spells it (for error messages).</summary>
internal sealed class ColumnMap : IFieldMask
{
    private readonly int[] _index = new int[ColumnNames.Count];
    private readonly string[] _names = new string[ColumnNames.Count];

    /// <summary>Per field position of the file: may its value be kept in a rejected row? Only known columns that hold no
    /// personal data; every other position (BSN, client id, address, birth date, and unknown columns, which may hold a
    /// name or a street) is masked.</summary>
    private readonly bool[] _shown;

    private ColumnMap(int headerFieldCount)
    {
        Array.Fill(_index, -1);
        HeaderFieldCount = headerFieldCount;
        _shown = new bool[headerFieldCount];
        for (var i = 0; i < ColumnNames.Count; i++)
        {
            _names[i] = ColumnNames.CanonicalName((Column)i);
        }
    }

    public int HeaderFieldCount { get; }

    /// <summary>May a rejected row keep the value at <paramref name="fieldIndex"/> as it is? Only for a known column that
    /// holds no personal data (docs/domain.md §10).</summary>
    public bool Shows(int fieldIndex) => (uint)fieldIndex < (uint)_shown.Length && _shown[fieldIndex];

    /// <summary>What a rejected row keeps of a value it may not show: an empty value stays empty (it may be why the row
    /// was rejected); a postcode keeps its four digits, as the assignments do; anything else becomes
    /// <see cref="Mask"/>.</summary>
    public string Masked(int fieldIndex, ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.IsEmpty)
        {
            return "";
        }

        return fieldIndex == _index[(int)Column.Postcode] && trimmed.Length >= 4 && !trimmed[..4].ContainsAnyExceptInRange('0', '9')
            ? string.Concat(trimmed[..4], "**")
            : Mask;
    }

    /// <summary>What replaces a personal value in a rejected row.</summary>
    public const string Mask = "***";

    private static readonly Column[] Personal =
        [Column.Bsn, Column.ClientId, Column.Postcode, Column.HouseNumber, Column.HouseNumberAddition, Column.BirthDate];

    public IReadOnlyList<string> UnknownColumns { get; private set; } = [];

    public int IndexOf(Column column) => _index[(int)column];

    public bool Has(Column column) => _index[(int)column] >= 0;

    /// <summary>The column's name as the file spells it, or its canonical name when the file does not have it.</summary>
    public string NameOf(Column column) => _names[(int)column];

    /// <summary>Maps a header row. Throws <see cref="ImportFileException"/> when a required column is missing or two
    /// columns mean the same thing.</summary>
    public static ColumnMap FromHeader(IReadOnlyList<string> header, string fileName)
    {
        var map = new ColumnMap(header.Count);
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (name.Length == 0)
            {
                continue;
            }

            if (ColumnNames.Match(name) is not { } column)
            {
                unknown.Add(name);
                continue;
            }

            if (map._index[(int)column] >= 0)
            {
                throw new ImportFileException(
                    $"De kolommen '{map._names[(int)column]}' en '{name}' in '{fileName}' betekenen allebei " +
                    $"'{ColumnNames.CanonicalName(column)}'; laat er één over of geef de andere een eigen naam.");
            }

            map._index[(int)column] = i;
            map._names[(int)column] = name;
            map._shown[i] = !Personal.Contains(column);
        }

        var missing = ColumnNames.Required.Where(c => !map.Has(c)).Select(c => $"'{ColumnNames.CanonicalName(c)}'").ToList();
        if (!map.Has(Column.Bsn) && !map.Has(Column.ClientId))
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

    /// <summary>A map for sources whose fields are the canonical columns in canonical order (the 301 reader), with
    /// the given names for messages.</summary>
    public static ColumnMap Canonical(Func<Column, string> nameOf)
    {
        var map = new ColumnMap(ColumnNames.Count);
        for (var i = 0; i < ColumnNames.Count; i++)
        {
            map._index[i] = i;
            map._names[i] = nameOf((Column)i);
            map._shown[i] = !Personal.Contains((Column)i);
        }

        return map;
    }
}
