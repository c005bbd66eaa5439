using System.Text;
using Npgsql;

namespace SociaalDomein.Infrastructure.Imports.Declaraties;

/// <summary>
/// Loads claims set-based (docs/import-formats.md, record kind 2; ADR 16), as <see cref="AssignmentLoader"/> loads
/// assignments: a claim whose identity is neither stored nor met earlier in the file, and is no credit, goes straight into
/// "Claims" by COPY; the others go through a temporary staging table that <see cref="CompleteAsync"/> merges on the identity:
/// <list type="number">
/// <item>the same identity more than once in the file: the later row wins, the earlier ones are duplicates;</item>
/// <item>a stored identity with the same content is a duplicate (skipped); with other content it is updated;</item>
/// <item>new identities are inserted, linked to their assignment by toewijzingsnummer (the assignment's identity
/// "nr:" + number, looked up in a dictionary read at the start); an unknown number is loaded unlinked and counted in the
/// note;</item>
/// <item>credits are linked to their original: by the reference the source gives (a 323's VorigReferentieNummer, a
/// CSV's vorig_declaratienummer), otherwise by content (same client, provider, product and period, amount the opposite),
/// the original in the database or in the same file. A new credit with a reference goes straight in with its original's
/// Id when the loader knows it (ADR 19): the loader gives the rows it sends straight in their Ids itself, from the
/// table's identity sequence, and keeps the Id of every stored and met hash; each such link is checked against the
/// identity in the database at the end, and corrected where a hash misled. The other credits are staged and linked in
/// SQL. A credit whose original is found nowhere fails the whole import with an <see cref="ImportFileException"/> that
/// names the first rows and their declaratienummer: this is only known after the merge, when the import's
/// all-or-nothing decision on row errors has been taken, so it cannot become a rejected row of its own; the transaction
/// is rolled back.</item>
/// <item>providers met for the first time are created (<see cref="ProviderInserts"/>).</item>
/// </list>
/// Which identities are stored is known from their 64-bit hashes (<see cref="ClaimIdentityHash"/>), read at the start
/// into <see cref="IdentityHashes"/>: a hash met again only sends the row through staging, where the identity itself is
/// compared, so two identities with the same hash are both kept. When the rows going straight in will outnumber what
/// is stored (a first load, a large back-fill), the secondary indexes of "Claims" are dropped mid-COPY and built again
/// at the end, which is several times cheaper than maintaining them row by row (docs/benchmarks.md); that holds an
/// exclusive lock on "Claims" until the import commits. Otherwise the import holds a lock that keeps other writers of
/// "Claims" (not its readers) waiting until it commits, so the Ids it hands out are its own.
/// Rows go in PostgreSQL's binary COPY format, built here (<see cref="CopyRow"/>, ADR 18). Runs inside the import's transaction after the lock that
/// serialises imports, so what is read at the start stays exact until the commit.
/// </summary>
internal sealed class ClaimsLoader : IRecordLoader<ClaimRecord>
{
    /// <summary>The columns of "Claims" an import writes from the file, in COPY order; both COPYs continue with the
    /// assignment's Id, the direct one then with the import run, the claim's Id and the Id of the claim a credit
    /// reverses, the staged one with the row number and the key of the claim a credit reverses.</summary>
    private static readonly string[] ClaimColumns =
    [
        "IdentityKey", "ClientKey", "ProviderAgb", "Law", "ProductCategory", "ProductCode", "AssignmentNumber", "PeriodStart",
        "PeriodEnd", "Amount", "SubmittedOn", "Status", "ClaimNumber", "Volume", "Unit", "Tariff",
    ];

    private const int MaxRowsNamed = 5;

    /// <summary>Rows gone straight in before the loader weighs dropping the indexes (and between two weighings).</summary>
    private const int BulkCheckEvery = 1 << 16;

    /// <summary>Maintaining the indexes row by row costs about four times what building them anew costs per row
    /// (docs/benchmarks.md): drop them when the rows still to come straight in, times this, exceed the rows the
    /// indexes would then have to be built over. Conservative: the measured factor was 4–5.</summary>
    private const int BulkAdvantage = 3;

    private readonly NpgsqlConnection _connection;
    private readonly long _importRunId;
    private readonly IdentityHashing _hashing;
    private readonly IdentityHashes _hashes;
    private readonly long _storedRows;
    private readonly Dictionary<string, long> _assignments;
    private readonly long _firstId;
    private NpgsqlRawCopyStream _direct;

    /// <summary>Rows for the staging table, in binary COPY form, kept in a temporary file until the direct COPY is done
    /// (one connection runs one COPY at a time). Pseudonymised already; deleted when closed.</summary>
    private readonly FileStream _staged;

    /// <summary>For every credit sent straight in with a reference: its Id, the Id of the original the loader took
    /// from the hashes (null when it had none), the reference, row and number; checked in <see cref="CheckDirectCreditsAsync"/>.
    /// Binary COPY rows in a temporary file, as <see cref="_staged"/>.</summary>
    private readonly FileStream _directCreditRows;

    private readonly CopyRow _row = new();
    private readonly CopyRow _creditRow = new();
    private readonly ProviderInserts _providers = new();
    private int? _expectedRows;
    private List<string>? _rebuilds;
    private int _rows;
    private int _directRows;
    private int _directUnknown;
    private int _stagedRows;
    private long _nextId;
    private int _directCredits;
    private int _stagedCredits;
    private bool _maybeRepeated;
    private int _multiMonth;
    private int _creditsByContent;
    private bool _directOpen = true;
    private bool _disposed;

    private ClaimsLoader(NpgsqlConnection connection, long importRunId, IdentityHashing hashing, IdentityHashes hashes, long storedRows,
        Dictionary<string, long> assignments, long firstId, NpgsqlRawCopyStream direct)
    {
        _connection = connection;
        _importRunId = importRunId;
        _hashing = hashing;
        _hashes = hashes;
        _storedRows = storedRows;
        _assignments = assignments;
        _firstId = _nextId = firstId;
        _direct = direct;
        _staged = TemporaryRows();
        _directCreditRows = TemporaryRows();
    }

    public int Revoked => 0;

    public static Task<ClaimsLoader> BeginAsync(NpgsqlConnection connection, long importRunId, CancellationToken ct) =>
        BeginAsync(connection, importRunId, ClaimIdentityHash.Hashing, ct);

    /// <summary>Begins with <paramref name="hashing"/>, which must be the one "Claims"."IdentityHash" is computed with
    /// (a test forces collisions with it).</summary>
    internal static async Task<ClaimsLoader> BeginAsync(NpgsqlConnection connection, long importRunId, IdentityHashing hashing,
        CancellationToken ct)
    {
        long firstId;
        await using (var prepare = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({ImportLocks.Serial});
            LOCK TABLE "Claims" IN SHARE ROW EXCLUSIVE MODE;
            CREATE TEMP TABLE staging_claims (
                "IdentityKey" text COLLATE "C" NOT NULL, "ClientKey" bytea NOT NULL,
                "ProviderAgb" character(8) NOT NULL, "Law" integer NOT NULL, "ProductCategory" character varying(2),
                "ProductCode" character varying(10) NOT NULL, "AssignmentNumber" character varying(50), "PeriodStart" date NOT NULL,
                "PeriodEnd" date NOT NULL, "Amount" numeric(14,2) NOT NULL, "SubmittedOn" date NOT NULL, "Status" integer NOT NULL,
                "ClaimNumber" character varying(50), "Volume" numeric(14,4), "Unit" character varying(20), "Tariff" numeric(14,4),
                "AssignmentId" bigint, "RowNumber" integer NOT NULL, "CreditOfKey" text COLLATE "C",
                "{ClaimIdentityHash.Column}" bigint GENERATED ALWAYS AS ({hashing.Sql("\"IdentityKey\"")}) STORED
            ) ON COMMIT DROP;
            CREATE TEMP TABLE direct_credits (
                "CreditId" bigint NOT NULL, "OriginalId" bigint, "CreditOfKey" text COLLATE "C" NOT NULL, "RowNumber" integer NOT NULL,
                "ClaimNumber" character varying(50)
            ) ON COMMIT DROP;
            """, connection) { CommandTimeout = 0 })
        {
            await prepare.ExecuteNonQueryAsync(ct);
        }

        await using (var next = new NpgsqlCommand($"SELECT nextval({IdSequence})", connection))
        {
            firstId = (long)(await next.ExecuteScalarAsync(ct))!;
        }

        // The stored identities' hashes with their Ids (16 bytes each, not the identities: ten million of those would not
        // fit in the memory an import may use) and the assignments by toewijzingsnummer.
        long estimated;
        await using (var estimate = new NpgsqlCommand("""SELECT reltuples::bigint FROM pg_class WHERE oid = '"Claims"'::regclass""", connection))
        {
            estimated = Math.Max(0, (long)(await estimate.ExecuteScalarAsync(ct))!); // the planner's estimate: -1 when never counted
        }

        var hashes = new IdentityHashes(estimated);
        long storedRows = 0;
        await using (var read = new NpgsqlCommand($"""SELECT "{ClaimIdentityHash.Column}", "Id" FROM "Claims" """, connection) { CommandTimeout = 0 })
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                hashes.Mark(reader.GetInt64(0), IdentityHashes.Stored, reader.GetInt64(1));
                storedRows++;
            }
        }

        var assignments = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand(
            """SELECT substr("IdentityKey", 4), "Id" FROM "Assignments" WHERE starts_with("IdentityKey", 'nr:')""", connection) { CommandTimeout = 0 })
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                assignments[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new ClaimsLoader(connection, importRunId, hashing, hashes, storedRows, assignments, firstId, BeginDirect(connection));
    }

    /// <summary>The identity sequence of "Claims"."Id".</summary>
    private const string IdSequence = """pg_get_serial_sequence('"Claims"', 'Id')""";

    /// <summary>A temporary file for binary COPY rows (pseudonymised already), deleted when closed.</summary>
    private static FileStream TemporaryRows() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    /// <summary>Notes the file's row count (when it is known before reading: CSV and Excel), by which the loader weighs
    /// rebuilding the indexes; returns the file.</summary>
    public IImportFile<ParsedRow<ClaimRecord>> Expect(IImportFile<ParsedRow<ClaimRecord>> file)
    {
        _expectedRows = file.TotalRows;
        // Room for the larger of the two: a file sent again adds nothing, a first load everything; a back-fill of new
        // claims into a large table grows the table once.
        _hashes.EnsureCapacity(Math.Max(_storedRows, file.TotalRows ?? 0));
        return file;
    }

    private static NpgsqlRawCopyStream BeginDirect(NpgsqlConnection connection) =>
        CopyRow.BeginCopy(connection, "\"Claims\"", ClaimColumns.Append("AssignmentId").Append("ImportRunId").Append("Id").Append("CreditOfId"));

    /// <summary>Loads one row: one row of binary COPY (<see cref="CopyRow"/>), straight into "Claims" or to the staged
    /// rows. Synchronous: it goes to a buffer that blocks only when flushed.</summary>
    public void Write(ClaimRecord r)
    {
        _rows++;
        var credit = r.IsCredit || r.CreditOfKey is not null;
        var byContent = credit && r.CreditOfKey is null; // matched in SQL, so staged
        var known = _hashes.Mark(_hashing.Of(r.IdentityKey), IdentityHashes.InFile, byContent ? 0 : _nextId);
        _maybeRepeated |= (known & IdentityHashes.InFile) != 0;
        _multiMonth += r.SpansMonths ? 1 : 0;
        _creditsByContent += byContent ? 1 : 0;

        _providers.Add(r.ProviderAgb, r.ProviderName);
        long? assignmentId = r.AssignmentNumber is { } number && _assignments.TryGetValue(number, out var assignment) ? assignment : null;

        _row.Begin();
        _row.Text(r.IdentityKey);
        _row.Bytes(r.ClientKey);
        _row.Text(r.ProviderAgb);
        _row.Int32((int)r.Law);
        _row.Text(r.ProductCategory);
        _row.Text(r.ProductCode);
        _row.Text(r.AssignmentNumber);
        _row.Date(r.PeriodStart);
        _row.Date(r.PeriodEnd);
        _row.Numeric(r.Amount);
        _row.Date(r.SubmittedOn);
        _row.Int32((int)r.Status);
        _row.Text(r.ClaimNumber);
        _row.Numeric(r.Volume);
        _row.Text(r.Unit);
        _row.Numeric(r.Tariff);
        _row.Int64(assignmentId);
        if (known == 0 && !byContent)
        {
            var id = _nextId++;
            _row.Int64(_importRunId);
            _row.Int64(id);
            long? originalId = null;
            if (r.CreditOfKey is { } reference)
            {
                // The original's Id as far as the hashes know it; checked against the identity at the end.
                originalId = _hashes.SingleId(_hashing.Of(reference)) is var found && found != 0 && found != id ? found : null;
                _directCredits++;
                _creditRow.Begin();
                _creditRow.Int64(id);
                _creditRow.Int64(originalId);
                _creditRow.Text(reference);
                _creditRow.Int32(r.Row);
                _creditRow.Text(r.ClaimNumber);
                _directCreditRows.Write(_creditRow.Row);
            }

            _row.Int64(originalId);
            _direct.Write(_row.Row);
            _directRows++;
            _directUnknown += r.AssignmentNumber is not null && assignmentId is null ? 1 : 0;
            if (_directRows % BulkCheckEvery == 0 && _rebuilds is null)
            {
                WeighBulk();
            }
        }
        else
        {
            _row.Int32(r.Row);
            _row.Text(r.CreditOfKey);
            _staged.Write(_row.Row);
            _stagedRows++;
            _stagedCredits += credit ? 1 : 0;
        }
    }

    /// <summary>Drops the secondary indexes of "Claims" (to be built again in <see cref="CompleteAsync"/>) when the rows
    /// still to come straight in, estimated from the share so far, make that cheaper. Ends the direct COPY for it and
    /// begins a new one; synchronous, as <see cref="Write"/> is.</summary>
    private void WeighBulk()
    {
        if (_expectedRows is not { } expected || expected <= _rows)
        {
            return;
        }

        var stillToCome = (long)(expected - _rows) * _directRows / _rows;
        if (stillToCome * BulkAdvantage <= _storedRows + _directRows)
        {
            return;
        }

        _directOpen = false;
        CopyRow.EndCopy(_direct); // completes the COPY so far
        // The secondary indexes. Not the primary key: the rows' Ids ascend, so keeping it up costs little, and building
        // it again cost more than that at ten million rows (docs/benchmarks.md, "ADR 19 and the CSV record buffer").
        var drops = new List<string>();
        var rebuilds = new List<string>();
        using (var read = new NpgsqlCommand(
            """
            SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = '"Claims"'::regclass AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """, _connection))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                drops.Add(reader.GetString(0));
                rebuilds.Add(reader.GetString(1));
            }
        }

        if (drops.Count > 0)
        {
            using var drop = new NpgsqlCommand(string.Join(";\n", drops), _connection) { CommandTimeout = 0 };
            drop.ExecuteNonQuery();
        }

        _rebuilds = rebuilds;
        _direct = BeginDirect(_connection);
        _directOpen = true;
    }

    /// <summary>Ends the direct COPY, builds the dropped indexes again, stages the other rows and merges them (see the
    /// class summary).</summary>
    public async Task<LoadResult> CompleteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        _directOpen = false;
        await CopyRow.EndCopyAsync(_direct);
        if (_nextId - 1 > _firstId)
        {
            // Past the Ids handed out, before any row takes one from the sequence.
            await using var sequence = new NpgsqlCommand($"SELECT setval({IdSequence}, @last)", connection);
            sequence.Parameters.AddWithValue("last", _nextId - 1);
            await sequence.ExecuteScalarAsync(ct);
        }

        if (_rebuilds is not null)
        {
            // Built before the merge: the staged rows are then matched through the unique index, and the build leaves
            // the table's size in the catalogue for the planner; ANALYZE gives it the rest.
            await using var build = new NpgsqlCommand(
                "SET LOCAL maintenance_work_mem = '256MB';\n" + string.Join(";\n", _rebuilds) + ";\nANALYZE \"Claims\";",
                connection) { CommandTimeout = 0 };
            await build.ExecuteNonQueryAsync(ct);
        }

        long inFileDuplicates = 0, inserted = 0, updated = 0, duplicates = 0, unknown = _directUnknown;
        if (_stagedRows > 0)
        {
            await CopyRow.CopyRowsAsync(connection, "staging_claims",
                ClaimColumns.Append("AssignmentId").Append("RowNumber").Append("CreditOfKey"), _staged, ct);

            if (_maybeRepeated)
            {
                await using var dedupe = new NpgsqlCommand(
                    $"""
                    WITH repeated AS (
                        SELECT "{ClaimIdentityHash.Column}" AS hash, "IdentityKey" AS identity, max("RowNumber") AS keep
                        FROM staging_claims GROUP BY 1, 2 HAVING count(*) > 1
                    ), deleted AS (
                        DELETE FROM staging_claims s USING repeated r
                        WHERE s."{ClaimIdentityHash.Column}" = r.hash AND s."IdentityKey" = r.identity AND s."RowNumber" < r.keep
                        RETURNING 1
                    )
                    SELECT count(*) FROM deleted
                    """, connection) { CommandTimeout = 0 };
                inFileDuplicates = (long)(await dedupe.ExecuteScalarAsync(ct))!;
            }

            (inserted, updated, duplicates, var unknownStaged) = await MergeAsync(connection, ct);
            unknown += unknownStaged;
        }

        // The direct credits' links first: matching by content leaves out originals already credited.
        var orphans = new Orphans();
        if (_directCredits > 0)
        {
            await CheckDirectCreditsAsync(connection, orphans, ct);
        }

        if (_stagedCredits > 0)
        {
            await LinkStagedCreditsAsync(connection, orphans, ct);
        }

        orphans.ThrowIfAny();
        var newProviders = await _providers.InsertAsync(connection, ct);
        return new LoadResult((int)(inFileDuplicates + duplicates), (int)(_directRows + inserted), (int)updated,
            Note(_multiMonth, unknown, newProviders));
    }

    /// <summary>Merges the staged rows (one per identity by now): one join of staged against stored counts what each
    /// row is; unmatched ones are inserted; matched ones are updated when their content differs and count as updated only
    /// when the stored claim is older than this import (a row this import put in straight away and met again later in
    /// the file is an in-file duplicate that the later row replaces). The update and the insert run only when the
    /// count says there is something to do, so a file sent again costs one join. Returns the counts and the change in
    /// the number of claims with an unknown toewijzingsnummer.</summary>
    private async Task<(long Inserted, long Updated, long Duplicates, long Unknown)> MergeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var changed = "(" + string.Join(" OR ", ClaimColumns.Skip(1).Select(c => $"c.\"{c}\" IS DISTINCT FROM s.\"{c}\"")) + ")";
        await using var count = new NpgsqlCommand(
            $"""
            ANALYZE staging_claims;
            SELECT count(*) FILTER (WHERE c."Id" IS NULL),
                   count(*) FILTER (WHERE c."Id" IS NOT NULL AND c."ImportRunId" <> @run AND {changed}),
                   count(*) FILTER (WHERE c."Id" IS NOT NULL AND (c."ImportRunId" = @run OR NOT {changed})),
                   count(*) FILTER (WHERE c."Id" IS NOT NULL AND c."ImportRunId" = @run AND {changed}),
                   count(*) FILTER (WHERE s."AssignmentNumber" IS NOT NULL AND s."AssignmentId" IS NULL
                                      AND (c."Id" IS NULL OR c."ImportRunId" = @run OR {changed}))
                     - count(*) FILTER (WHERE c."ImportRunId" = @run AND c."AssignmentNumber" IS NOT NULL AND c."AssignmentId" IS NULL)
            FROM staging_claims s LEFT JOIN "Claims" c ON {SameIdentity}
            """, connection) { CommandTimeout = 0 };
        count.Parameters.AddWithValue("run", _importRunId);
        long inserted, updated, duplicates, rewritten, unknown;
        await using (var reader = await count.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct); // ANALYZE yields no result
            (inserted, updated, duplicates, rewritten, unknown) =
                (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        var sql = new StringBuilder();
        if (updated + rewritten > 0)
        {
            var set = string.Join(", ", ClaimColumns.Select(c => $"\"{c}\" = s.\"{c}\""));
            sql.AppendLine(
                $"""
                UPDATE "Claims" c SET {set}, "AssignmentId" = s."AssignmentId", "CreditOfId" = NULL, "ImportRunId" = @run
                FROM staging_claims s WHERE {SameIdentity} AND {changed};
                """);
        }

        if (inserted > 0)
        {
            var columns = string.Join(", ", ClaimColumns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", ClaimColumns.Select(c => $"s.\"{c}\""));
            sql.AppendLine(
                $"""
                INSERT INTO "Claims" ({columns}, "AssignmentId", "ImportRunId")
                SELECT {values}, s."AssignmentId", @run FROM staging_claims s
                WHERE NOT EXISTS (SELECT 1 FROM "Claims" c WHERE {SameIdentity});
                """);
        }

        if (sql.Length > 0)
        {
            await using var write = new NpgsqlCommand(sql.ToString(), connection) { CommandTimeout = 0 };
            write.Parameters.AddWithValue("run", _importRunId);
            await write.ExecuteNonQueryAsync(ct);
        }

        return (inserted, updated, duplicates, unknown);
    }

    /// <summary>A staged row <c>s</c> and the claim <c>c</c> with its identity (through the unique index).</summary>
    private const string SameIdentity = $"""c."{ClaimIdentityHash.Column}" = s."{ClaimIdentityHash.Column}" AND c."IdentityKey" = s."IdentityKey" """;

    /// <summary>Checks the credits that went straight in with a reference: a link the loader made from the hashes
    /// stands when the original's identity is the reference; the others (no Id known, or a hash that misled) are linked
    /// here through the unique index, or are orphans. A direct row that a later row of the file replaced (staged, so
    /// its link is made by <see cref="LinkStagedCreditsAsync"/>) is left alone.</summary>
    private async Task CheckDirectCreditsAsync(NpgsqlConnection connection, Orphans orphans, CancellationToken ct)
    {
        await CopyRow.CopyRowsAsync(connection, "direct_credits", ["CreditId", "OriginalId", "CreditOfKey", "RowNumber", "ClaimNumber"],
            _directCreditRows, ct);
        var replaced = !_maybeRepeated ? "" :
            $"""AND NOT EXISTS (SELECT 1 FROM staging_claims s WHERE {SameIdentity})""";
        await using var check = new NpgsqlCommand(
            $"""
            WITH unsure AS (
                SELECT r.* FROM direct_credits r LEFT JOIN "Claims" o ON o."Id" = r."OriginalId"
                WHERE o."IdentityKey" IS DISTINCT FROM r."CreditOfKey"
            ), linked AS (
                UPDATE "Claims" c SET "CreditOfId" = (
                    SELECT o."Id" FROM "Claims" o
                    WHERE o."{ClaimIdentityHash.Column}" = {_hashing.Sql("u.\"CreditOfKey\"")} AND o."IdentityKey" = u."CreditOfKey" AND o."Id" <> c."Id")
                FROM unsure u
                WHERE c."Id" = u."CreditId" {replaced}
                RETURNING u."RowNumber", u."ClaimNumber", c."CreditOfId"
            )
            SELECT "RowNumber", "ClaimNumber", count(*) OVER () FROM linked WHERE "CreditOfId" IS NULL
            ORDER BY "RowNumber" LIMIT {MaxRowsNamed}
            """, connection) { CommandTimeout = 0 };
        await orphans.ReadAsync(check, ct);
    }

    /// <summary>Links this file's staged credits (new or changed ones have no CreditOfId) to their originals, and notes
    /// those that have none.</summary>
    private async Task LinkStagedCreditsAsync(NpgsqlConnection connection, Orphans orphans, CancellationToken ct)
    {
        const string matchKey = """ "ClientKey", "ProviderAgb", "ProductCode", "PeriodStart", "PeriodEnd" """;
        var byContent = _creditsByContent == 0 ? "" :
            $"""
            WITH credits AS (
                SELECT c."Id", {Prefixed("c", matchKey)}, -c."Amount" AS "Amount",
                    row_number() OVER (PARTITION BY {Prefixed("c", matchKey)}, c."Amount" ORDER BY c."Id") AS rank
                FROM staging_claims s JOIN "Claims" c ON {SameIdentity}
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
            FROM staging_claims s
            JOIN "Claims" o ON o."{ClaimIdentityHash.Column}" = {_hashing.Sql("s.\"CreditOfKey\"")} AND o."IdentityKey" = s."CreditOfKey"
            WHERE s."CreditOfKey" IS NOT NULL AND {SameIdentity} AND c."CreditOfId" IS NULL AND o."Id" <> c."Id";
            {byContent}
            SELECT s."RowNumber", s."ClaimNumber", count(*) OVER ()
            FROM staging_claims s JOIN "Claims" c ON {SameIdentity}
            WHERE (s."Amount" < 0 OR s."CreditOfKey" IS NOT NULL) AND c."CreditOfId" IS NULL
            ORDER BY s."RowNumber" LIMIT {MaxRowsNamed};
            """, connection) { CommandTimeout = 0 };
        await orphans.ReadAsync(link, ct);
    }

    /// <summary>Credits without an original, gathered from both ways of linking: the first rows (by row number) and how
    /// many in all.</summary>
    private sealed class Orphans
    {
        private readonly List<(int Row, string? Number)> _first = [];
        private long _count;

        /// <summary>Reads every result of <paramref name="command"/> that has rows of (row number, declaratienummer, count
        /// of all orphans of that result).</summary>
        public async Task ReadAsync(NpgsqlCommand command, CancellationToken ct)
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            do
            {
                long count = 0;
                while (await reader.ReadAsync(ct))
                {
                    _first.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
                    count = reader.GetInt64(2);
                }

                _count += count;
            }
            while (await reader.NextResultAsync(ct));
        }

        public void ThrowIfAny()
        {
            if (_count == 0)
            {
                return;
            }

            var first = _first.OrderBy(o => o.Row).Take(MaxRowsNamed).ToList();
            var named = string.Join(", ", first.Select(o =>
                o.Number is null ? $"rij {o.Row} (zonder declaratienummer)" : $"rij {o.Row} (declaratienummer '{o.Number}')")) +
                (_count > first.Count ? $" en nog {_count - first.Count}" : "");
            throw new ImportFileException(
                $"{(_count == 1 ? "Eén creditregel verwijst" : $"{_count} creditregels verwijzen")} naar een declaratie die niet in de " +
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

    /// <summary>Cancels the direct COPY when <see cref="CompleteAsync"/> did not complete it (the caller rolls back, which
    /// drops the staging table and restores dropped indexes) and deletes the staged rows' file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _staged.DisposeAsync();
        await _directCreditRows.DisposeAsync();
        if (_directOpen)
        {
            await _direct.CancelAsync(); // ends the COPY and discards what was sent
        }
    }
}
