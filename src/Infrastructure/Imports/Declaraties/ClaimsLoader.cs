using Npgsql;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// Loads claims set-based (docs/import-formats.md, record kind 2): every valid line goes by COPY into a temporary
/// staging table while the file streams past, and <see cref="CompleteAsync"/> merges it into "Claims" on the identity:
/// <list type="number">
/// <item>the same identity more than once in the file: the later row wins, the earlier ones are duplicates (only looked
/// for when a 64-bit hash of the identity repeated while writing, so a file without repeats costs nothing here);</item>
/// <item>a stored identity with the same content is a duplicate (skipped); with other content it is updated;</item>
/// <item>new identities are inserted, linked to their assignment by toewijzingsnummer (the assignment's identity
/// "nr:" + number); an unknown number is loaded unlinked and counted in the note;</item>
/// <item>credits are linked to their original: by the reference the source gives (a 323's VorigReferentieNummer, a
/// CSV's vorig_declaratienummer), otherwise by content (same client, provider, product and period, amount the
/// opposite), the original in the database or in the same file. A credit whose original is found nowhere fails the
/// whole import with an <see cref="ImportFileException"/> that names the first rows and their declaratienummer: this
/// is only known after the merge, when the import's all-or-nothing decision on row errors has been taken, so it
/// cannot become a rejected row of its own; the transaction is rolled back.</item>
/// <item>providers met for the first time are created (<see cref="ProviderInserts"/>).</item>
/// </list>
/// COPY in text format, each row one line built here, as in <see cref="AssignmentLoader"/>: cheaper than letting Npgsql
/// resolve the type of each binary value. Runs inside the import's transaction after the lock that serialises imports.
/// </summary>
internal sealed class ClaimsLoader : IRecordLoader<ClaimRecord>
{
    /// <summary>The staged columns, in COPY order; all but the first two and the last are columns of "Claims".</summary>
    private static readonly string[] ClaimColumns =
    [
        "IdentityKey", "ClientKey", "ProviderAgb", "Law", "ProductCategory", "ProductCode", "AssignmentNumber", "PeriodStart",
        "PeriodEnd", "Amount", "SubmittedOn", "Status", "ClaimNumber", "Volume", "Unit", "Tariff",
    ];

    private const int MaxRowsNamed = 5;


    private readonly long _importRunId;
    private readonly NpgsqlCopyTextWriter _copy;
    private readonly CopyLine _line = new();
    private readonly HashSet<ulong> _identityHashes = [];
    private readonly List<int> _maybeRepeated = [];
    private readonly ProviderInserts _providers = new();
    private int _multiMonth;
    private int _credits;
    private int _creditsByContent;
    private bool _completed;
    private bool _disposed;

    private ClaimsLoader(long importRunId, NpgsqlCopyTextWriter copy)
    {
        _importRunId = importRunId;
        _copy = copy;
    }

    public int Revoked => 0;

    public static async Task<ClaimsLoader> BeginAsync(NpgsqlConnection connection, long importRunId, CancellationToken ct)
    {
        await using (var prepare = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({ImportLocks.Serial});
            CREATE TEMP TABLE staging_claims (
                "RowNumber" integer NOT NULL, "IdentityKey" text COLLATE "C" NOT NULL, "ClientKey" bytea NOT NULL,
                "ProviderAgb" character(8) NOT NULL, "Law" integer NOT NULL, "ProductCategory" character varying(2),
                "ProductCode" character varying(10) NOT NULL, "AssignmentNumber" character varying(50), "PeriodStart" date NOT NULL,
                "PeriodEnd" date NOT NULL, "Amount" numeric(14,2) NOT NULL, "SubmittedOn" date NOT NULL, "Status" integer NOT NULL,
                "ClaimNumber" character varying(50), "Volume" numeric(14,4), "Unit" character varying(20), "Tariff" numeric(14,4),
                "CreditOfKey" text COLLATE "C"
            ) ON COMMIT DROP;
            """, connection) { CommandTimeout = 0 })
        {
            await prepare.ExecuteNonQueryAsync(ct);
        }

        var columns = string.Join(", ", ClaimColumns.Prepend("RowNumber").Append("CreditOfKey").Select(c => $"\"{c}\""));
        var copy = (NpgsqlCopyTextWriter)await connection.BeginTextImportAsync($"COPY staging_claims ({columns}) FROM STDIN", ct);
        return new ClaimsLoader(importRunId, copy);
    }

    /// <summary>Stages one line (one line of COPY text). Synchronous: it goes to a buffer that blocks only when flushed.</summary>
    public void Write(ClaimRecord r)
    {
        if (!_identityHashes.Add(Fnv1a(r.IdentityKey)))
        {
            _maybeRepeated.Add(r.Row);
        }

        _multiMonth += r.SpansMonths ? 1 : 0;
        if (r.IsCredit || r.CreditOfKey is not null)
        {
            _credits++;
            _creditsByContent += r.CreditOfKey is null ? 1 : 0;
        }

        _providers.Add(r.ProviderAgb, r.ProviderName);

        _line.Clear();
        _line.Number(r.Row);
        _line.Text(r.IdentityKey);
        _line.Bytes(r.ClientKey);
        _line.Text(r.ProviderAgb);
        _line.Number((int)r.Law);
        _line.Text(r.ProductCategory);
        _line.Text(r.ProductCode);
        _line.Text(r.AssignmentNumber);
        _line.Date(r.PeriodStart);
        _line.Date(r.PeriodEnd);
        _line.Number(r.Amount);
        _line.Date(r.SubmittedOn);
        _line.Number((int)r.Status);
        _line.Text(r.ClaimNumber);
        _line.Number(r.Volume);
        _line.Text(r.Unit);
        _line.Number(r.Tariff);
        _line.Text(r.CreditOfKey);
        _line.EndRow();
        _copy.Write(_line.Row);
    }

    /// <summary>Ends the COPY and merges the staged lines (see the class summary).</summary>
    public async Task<LoadResult> CompleteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        _completed = true;
        await _copy.DisposeAsync(); // completes the COPY

        var inFileDuplicates = 0L;
        if (_maybeRepeated.Count > 0)
        {
            await using var dedupe = new NpgsqlCommand(
                """
                WITH repeated AS (
                    SELECT "IdentityKey", max("RowNumber") AS keep FROM staging_claims
                    WHERE "IdentityKey" IN (SELECT "IdentityKey" FROM staging_claims WHERE "RowNumber" = ANY(@rows))
                    GROUP BY "IdentityKey" HAVING count(*) > 1
                ), deleted AS (
                    DELETE FROM staging_claims s USING repeated r
                    WHERE s."IdentityKey" = r."IdentityKey" AND s."RowNumber" < r.keep
                    RETURNING 1
                )
                SELECT count(*) FROM deleted
                """, connection) { CommandTimeout = 0 };
            dedupe.Parameters.AddWithValue("rows", _maybeRepeated.ToArray());
            inFileDuplicates = (long)(await dedupe.ExecuteScalarAsync(ct))!;
        }

        var set = string.Join(", ", ClaimColumns.Select(c => $"\"{c}\" = s.\"{c}\""));
        var changed = string.Join(" OR ", ClaimColumns.Skip(1).Select(c => $"c.\"{c}\" IS DISTINCT FROM s.\"{c}\""));
        var columns = string.Join(", ", ClaimColumns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", ClaimColumns.Select(c => $"s.\"{c}\""));
        const string assignment = """LEFT JOIN "Assignments" a ON a."IdentityKey" = ('nr:' || s."AssignmentNumber") COLLATE "C" """;
        await using var merge = new NpgsqlCommand(
            $"""
            ANALYZE staging_claims;
            SELECT count(*) FROM staging_claims s JOIN "Claims" c ON c."IdentityKey" = s."IdentityKey";
            WITH updated AS (
                UPDATE "Claims" c SET {set}, "AssignmentId" = a."Id", "CreditOfId" = NULL, "ImportRunId" = @run
                FROM staging_claims s {assignment}
                WHERE c."IdentityKey" = s."IdentityKey" AND ({changed})
                RETURNING c."AssignmentNumber" IS NOT NULL AND c."AssignmentId" IS NULL AS unknown
            )
            SELECT count(*), count(*) FILTER (WHERE unknown) FROM updated;
            WITH inserted AS (
                INSERT INTO "Claims" ({columns}, "AssignmentId", "ImportRunId")
                SELECT {values}, a."Id", @run
                FROM staging_claims s {assignment}
                WHERE NOT EXISTS (SELECT 1 FROM "Claims" c WHERE c."IdentityKey" = s."IdentityKey")
                RETURNING "AssignmentNumber" IS NOT NULL AND "AssignmentId" IS NULL AS unknown
            )
            SELECT count(*), count(*) FILTER (WHERE unknown) FROM inserted;
            """, connection) { CommandTimeout = 0 };
        merge.Parameters.AddWithValue("run", _importRunId);
        long matched, updated, inserted, unknown;
        await using (var reader = await merge.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct); // ANALYZE and statements without rows yield no result
            matched = reader.GetInt64(0);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            updated = reader.GetInt64(0);
            unknown = reader.GetInt64(1);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            inserted = reader.GetInt64(0);
            unknown += reader.GetInt64(1);
        }

        if (_credits > 0)
        {
            await LinkCreditsAsync(connection, ct);
        }

        var newProviders = await _providers.InsertAsync(connection, ct);
        var duplicates = inFileDuplicates + matched - updated;
        return new LoadResult((int)duplicates, (int)inserted, (int)updated, Note(_multiMonth, unknown, newProviders));
    }

    /// <summary>Links this file's credits (new or changed: their CreditOfId is null) to their originals, and fails the
    /// import when one has none.</summary>
    private async Task LinkCreditsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        const string matchKey = """ "ClientKey", "ProviderAgb", "ProductCode", "PeriodStart", "PeriodEnd" """;
        var byContent = _creditsByContent == 0 ? "" :
            $"""
            WITH credits AS (
                SELECT c."Id", {Prefixed("c", matchKey)}, -c."Amount" AS "Amount",
                    row_number() OVER (PARTITION BY {Prefixed("c", matchKey)}, c."Amount" ORDER BY c."Id") AS rank
                FROM staging_claims s JOIN "Claims" c ON c."IdentityKey" = s."IdentityKey"
                WHERE s."CreditOfKey" IS NULL AND s."Amount" < 0 AND c."CreditOfId" IS NULL
            ), originals AS (
                SELECT o."Id", {Prefixed("o", matchKey)}, o."Amount",
                    row_number() OVER (PARTITION BY {Prefixed("o", matchKey)}, o."Amount" ORDER BY o."Id") AS rank
                FROM "Claims" o
                WHERE o."Amount" > 0
                    AND EXISTS (SELECT 1 FROM credits k WHERE k."ClientKey" = o."ClientKey" AND k."ProviderAgb" = o."ProviderAgb"
                        AND k."ProductCode" = o."ProductCode" AND k."PeriodStart" = o."PeriodStart" AND k."PeriodEnd" = o."PeriodEnd"
                        AND k."Amount" = o."Amount")
                    AND NOT EXISTS (SELECT 1 FROM "Claims" x WHERE x."CreditOfId" = o."Id")
            )
            UPDATE "Claims" c SET "CreditOfId" = o."Id"
            FROM credits k JOIN originals o ON k."ClientKey" = o."ClientKey" AND k."ProviderAgb" = o."ProviderAgb"
                AND k."ProductCode" = o."ProductCode" AND k."PeriodStart" = o."PeriodStart" AND k."PeriodEnd" = o."PeriodEnd"
                AND k."Amount" = o."Amount" AND k.rank = o.rank
            WHERE c."Id" = k."Id";
            """;
        await using var link = new NpgsqlCommand(
            $"""
            UPDATE "Claims" c SET "CreditOfId" = o."Id"
            FROM staging_claims s JOIN "Claims" o ON o."IdentityKey" = s."CreditOfKey"
            WHERE s."CreditOfKey" IS NOT NULL AND c."IdentityKey" = s."IdentityKey" AND c."CreditOfId" IS NULL AND o."Id" <> c."Id";
            {byContent}
            SELECT s."RowNumber", s."ClaimNumber", count(*) OVER ()
            FROM staging_claims s JOIN "Claims" c ON c."IdentityKey" = s."IdentityKey"
            WHERE (s."Amount" < 0 OR s."CreditOfKey" IS NOT NULL) AND c."CreditOfId" IS NULL
            ORDER BY s."RowNumber" LIMIT {MaxRowsNamed};
            """, connection) { CommandTimeout = 0 };
        var rows = new List<string>();
        long orphans = 0;
        await using (var reader = await link.ExecuteReaderAsync(ct))
        {
            do
            {
                while (await reader.ReadAsync(ct))
                {
                    var row = reader.GetInt32(0);
                    rows.Add(reader.IsDBNull(1) ? $"rij {row} (zonder declaratienummer)" : $"rij {row} (declaratienummer '{reader.GetString(1)}')");
                    orphans = reader.GetInt64(2);
                }
            }
            while (await reader.NextResultAsync(ct));
        }

        if (orphans > 0)
        {
            var named = string.Join(", ", rows) + (orphans > rows.Count ? $" en nog {orphans - rows.Count}" : "");
            throw new ImportFileException(
                $"{(orphans == 1 ? "Eén creditregel verwijst" : $"{orphans} creditregels verwijzen")} naar een declaratie die niet in de " +
                $"database en niet in het bestand staat: {named}. Er is niets ingelezen. Lees eerst de oorspronkelijke declaratie in, " +
                "of neem haar op in hetzelfde bestand.");
        }
    }

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries).Select(c => $"{alias}.{c}"));

    private static string? Note(int multiMonth, long unknownAssignments, int newProviders)
    {
        var parts = new List<string>();
        if (multiMonth > 0)
        {
            parts.Add(multiMonth == 1
                ? "1 declaratie beslaat meer dan één kalendermaand; zij is ingelezen en telt naar rato van de dagen per maand mee."
                : $"{multiMonth} declaraties beslaan meer dan één kalendermaand; zij zijn ingelezen en tellen naar rato van de dagen per maand mee.");
        }

        if (unknownAssignments > 0)
        {
            parts.Add(unknownAssignments == 1
                ? "1 declaratie noemt een toewijzingsnummer dat niet bestaat; zij is ingelezen zonder koppeling aan een toewijzing."
                : $"{unknownAssignments} declaraties noemen een toewijzingsnummer dat niet bestaat; zij zijn ingelezen zonder koppeling aan een toewijzing.");
        }

        if (newProviders > 0)
        {
            parts.Add(newProviders == 1
                ? "1 nieuwe aanbieder is aangemaakt; vul soort, bekostiging en contractperiode aan."
                : $"{newProviders} nieuwe aanbieders zijn aangemaakt; vul soort, bekostiging en contractperiode aan.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    /// <summary>Cancels the COPY when <see cref="CompleteAsync"/> did not complete it (the caller rolls back, which drops
    /// the staging table).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_completed)
        {
            // Ends the COPY and discards what was sent; no dispose after it (that would flush into the cancelled COPY).
            await _copy.CancelAsync();
        }
    }

    /// <summary>FNV-1a over the identity's characters: a repeat of the 64-bit hash marks a possible repeated identity.</summary>
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
