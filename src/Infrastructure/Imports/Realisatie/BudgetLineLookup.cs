using System.Runtime.CompilerServices;
using Npgsql;

namespace SociaalDomein.Infrastructure.Imports.Realisatie;

/// <summary>
/// The budget lines a realisatie row can name, by code or by name, and the closed budget years, as the import's
/// transaction read them under the import lock (<see cref="ActualsLoader.BeginAsync"/>). Matching ignores case and
/// surrounding white space and treats every run of inner white space as one space (<c>" Huishoudelijke   hulp"</c> is
/// <c>"huishoudelijke hulp"</c>). A code wins over a name; a name that two domains share matches nothing (the row must
/// use the code).
/// </summary>
public sealed class BudgetLineLookup
{
    /// <summary>In <see cref="_byName"/>: the name belongs to more than one line.</summary>
    private const int Ambiguous = -1;

    private readonly Dictionary<string, int> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _codes;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly HashSet<int> _closedYears;

    public BudgetLineLookup(IEnumerable<(int Id, string Code, string Name)> lines, IEnumerable<int> closedYears)
    {
        foreach (var (id, code, name) in lines)
        {
            _byCode[Normalise(code)] = id;
            var key = Normalise(name);
            _byName[key] = _byName.TryGetValue(key, out var other) && other != id ? Ambiguous : id;
        }

        _codes = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _closedYears = [.. closedYears];
    }

    public enum Match
    {
        Found,
        Unknown,
        AmbiguousName,
    }

    public bool IsClosed(int year) => _closedYears.Contains(year);

    /// <summary>The line named by <paramref name="text"/> (a code or a name).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Match Find(ReadOnlySpan<char> text, out int budgetLineId)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var key = Normalise(text, buffer);
        if (_codes.TryGetValue(key, out budgetLineId))
        {
            return Match.Found;
        }

        if (_names.TryGetValue(key, out budgetLineId))
        {
            return budgetLineId == Ambiguous ? Match.AmbiguousName : Match.Found;
        }

        return Match.Unknown;
    }

    /// <summary>Reads the lines and the closed years on the import's connection (inside its transaction).</summary>
    internal static async Task<BudgetLineLookup> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var lines = new List<(int, string, string)>();
        await using (var command = new NpgsqlCommand("""SELECT "Id", "Code", "Name" FROM "BudgetLines" """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                lines.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var closed = new List<int>();
        await using (var command = new NpgsqlCommand("""SELECT "Year" FROM "BudgetYears" WHERE "ClosedAt" IS NOT NULL""", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                closed.Add(reader.GetInt32(0));
            }
        }

        return new BudgetLineLookup(lines, closed);
    }

    private static string Normalise(string text) => new(Normalise(text, new char[text.Length]));

    /// <summary>Lower case, trimmed, inner white space collapsed to one space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var length = 0;
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && length > 0)
            {
                buffer[length++] = ' ';
            }

            space = false;
            buffer[length++] = char.ToLowerInvariant(c);
        }

        return buffer[..length];
    }
}
