using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;

namespace SociaalDomein.Infrastructure.Imports.Realisatie;

/// <summary>The columns of a realisatie file (docs/import-formats.md, record kind 3).</summary>
internal enum ActualColumn
{
    Year,
    Month,
    BudgetLine,
    Amount,
}

/// <summary>
/// Where each column of a realisatie file sits, how the file spells it, and which values a rejected row keeps. Header
/// names are compared as for toewijzingen (<see cref="ColumnNames.Normalise"/>: case, spaces, <c>_</c>, <c>-</c> and
/// quotes ignored). All four columns are required; unknown columns are ignored, listed in the report and masked in a
/// rejected row (they may hold anything, a name too).
/// </summary>
internal sealed class RealisatieColumns : IFieldMask
{
    private const int Count = (int)ActualColumn.Amount + 1;

    private static readonly string[] Canonical = ["jaar", "maand", "budgetpost", "bedrag"];

    /// <summary>Normalised header name → column: the canonical names and the synonyms ledger exports use.</summary>
    private static readonly Dictionary<string, ActualColumn> Synonyms = BuildSynonyms();

    private readonly int[] _index = [-1, -1, -1, -1];
    private readonly string[] _names = [.. Canonical];
    private readonly bool[] _shown;

    private RealisatieColumns(int headerFieldCount)
    {
        HeaderFieldCount = headerFieldCount;
        _shown = new bool[headerFieldCount];
    }

    public int HeaderFieldCount { get; }

    public IReadOnlyList<string> UnknownColumns { get; private set; } = [];

    public int IndexOf(ActualColumn column) => _index[(int)column];

    /// <summary>The column's name as the file spells it.</summary>
    public string NameOf(ActualColumn column) => _names[(int)column];

    public bool Shows(int fieldIndex) => (uint)fieldIndex < (uint)_shown.Length && _shown[fieldIndex];

    public string Masked(int fieldIndex, ReadOnlySpan<char> value) => value.Trim().IsEmpty ? "" : ColumnMap.Mask;

    /// <summary>Maps a header row. Throws <see cref="ImportFileException"/> when a column is missing or two columns mean
    /// the same thing.</summary>
    public static RealisatieColumns FromHeader(IReadOnlyList<string> header, string fileName)
    {
        var map = new RealisatieColumns(header.Count);
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (name.Length == 0)
            {
                continue;
            }

            var key = ColumnNames.Normalise(name);
            if (!Synonyms.TryGetValue(key, out var column))
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
            map._shown[i] = true; // a realisatie file holds no personal data in its known columns
        }

        var missing = Enumerable.Range(0, Count).Where(c => map._index[c] < 0).Select(c => $"'{Canonical[c]}'").ToList();
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

    private static Dictionary<string, ActualColumn> BuildSynonyms()
    {
        var map = new Dictionary<string, ActualColumn>(StringComparer.Ordinal);
        void Add(ActualColumn column, params string[] names)
        {
            foreach (var name in names)
            {
                map[ColumnNames.Normalise(name)] = column;
            }
        }

        Add(ActualColumn.Year, "jaar", "boekjaar", "jaartal", "year");
        Add(ActualColumn.Month, "maand", "periode", "boekperiode", "maandnummer", "maandnr", "month", "period");
        Add(ActualColumn.BudgetLine, "budgetpost", "post", "budgetpost code", "budgetpostcode", "budgetpost naam", "budgetpostnaam",
            "begrotingspost", "budgetregel");
        Add(ActualColumn.Amount, "bedrag", "saldo", "realisatie", "werkelijk", "amount");
        return map;
    }
}
