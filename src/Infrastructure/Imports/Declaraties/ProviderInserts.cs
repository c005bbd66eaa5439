using Npgsql;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// The providers an import met, by AGB code, with the first name the file gave (docs/domain.md §9: providers are
/// created by imports the first time their AGB code appears, with the name from the file, else "Aanbieder &lt;agb&gt;").
/// Collected in memory while the rows stream past (a municipality's file names a few thousand providers at most; codes
/// past <see cref="MaxProviders"/> are not collected, so memory stays bounded) and inserted once, in the import's
/// transaction: <c>ON CONFLICT DO NOTHING</c>, so a provider completed by hand keeps its name.
/// </summary>
internal sealed class ProviderInserts
{
    private const int MaxProviders = 100_000;

    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);

    public void Add(string agb, string? name)
    {
        if (_names.TryGetValue(agb, out var known))
        {
            if (known is null && name is not null)
            {
                _names[agb] = name;
            }

            return;
        }

        if (_names.Count < MaxProviders)
        {
            _names[agb] = name;
        }
    }

    /// <summary>Inserts the providers not known yet; returns how many.</summary>
    public async Task<int> InsertAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_names.Count == 0)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO "Providers" ("Agb", "Name", "CreatedAt", "Version")
            SELECT p.agb, coalesce(nullif(btrim(p.name), ''), 'Aanbieder ' || p.agb), now(), 0
            FROM unnest(@agbs, @names) AS p(agb, name)
            ON CONFLICT DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("agbs", _names.Keys.ToArray());
        command.Parameters.AddWithValue("names", _names.Values.ToArray());
        return await command.ExecuteNonQueryAsync(ct);
    }
}
