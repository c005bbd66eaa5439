using Npgsql;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Loads assignments set-based, by identity (docs/import-formats.md): a row with an identity that is neither stored nor
/// earlier in the file goes straight into "Assignments" by COPY; the others (a newer export of a stored assignment, or
/// the same identity again later in the file: the later row wins) go through a temporary staging table and one
/// UPDATE of what changed (<see cref="CompleteAsync"/>). Runs inside the caller's transaction, so a rejected or
/// interrupted import leaves nothing behind. Imports take a transaction-level advisory lock first, so the stored
/// identities read at the start stay exact until the commit: imports run one after the other.
/// </summary>
internal sealed class AssignmentLoader : IRecordLoader<AssignmentRecord>
{
    /// <summary>The columns of "Assignments" that an import writes, in COPY order.</summary>
    private static readonly string[] Columns =
    [
        "IdentityKey", "ClientKey", "CaseNumber", "AddressKey", "Postcode4", "BirthYear", "Sex", "Law", "ProductCategory",
        "ProductCode", "ProductDescription", "ProviderAgb", "ProviderName", "DeliveryForm", "StartDate", "EndDate",
        "AssignmentNumber", "Volume", "Unit", "Frequency", "Tariff", "Budget",
    ];


    private readonly long _importRunId;
    private readonly IdentityTable _stored;
    private readonly NpgsqlRawCopyStream _direct;

    /// <summary>Rows for the staging table, in binary COPY form, kept in a temporary file until the direct COPY is done
    /// (one connection runs one COPY at a time). Pseudonymised already; deleted when closed.</summary>
    private readonly FileStream _staged;

    private readonly CopyRow _row = new();

    /// <summary>Where each identity of the file went last: its row number, negative when it went straight in.</summary>
    private readonly IdentityTable _rowOfIdentity = new();

    private readonly List<int> _superseded = [];
    private readonly Declaraties.ProviderInserts _providers = new();
    private int _inserted;
    private int _revoked;
    private int _stagedRows;
    private int _duplicates;
    private bool _completed;
    private bool _disposed;

    private AssignmentLoader(long importRunId, IdentityTable stored, NpgsqlRawCopyStream direct, FileStream staged)
    {
        _importRunId = importRunId;
        _stored = stored;
        _direct = direct;
        _staged = staged;
    }

    public static async Task<AssignmentLoader> BeginAsync(NpgsqlConnection connection, long importRunId, CancellationToken ct)
    {
        await using (var prepare = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({ImportLocks.Serial});
            CREATE TEMP TABLE staging_assignments (LIKE "Assignments" INCLUDING DEFAULTS) ON COMMIT DROP;
            ALTER TABLE staging_assignments DROP COLUMN "Id", DROP COLUMN "ImportRunId",
                ADD COLUMN "RowNumber" integer NOT NULL, ADD COLUMN "WasStored" boolean NOT NULL;
            """, connection) { CommandTimeout = 0 })
        {
            await prepare.ExecuteNonQueryAsync(ct);
        }

        var stored = new IdentityTable();
        await using (var keys = new NpgsqlCommand("""SELECT "IdentityKey" FROM "Assignments" """, connection) { CommandTimeout = 0 })
        await using (var reader = await keys.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                stored.GetValueRefOrAddDefault(reader.GetString(0), out _);
            }
        }

        var staged = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            1 << 16, FileOptions.DeleteOnClose);
        // Binary COPY, each row built here (CopyRow, ADR 18): neither side formats or parses text.
        var direct = await CopyRow.BeginCopyAsync(connection, "\"Assignments\"", Columns.Append("ImportRunId"), ct);
        return new AssignmentLoader(importRunId, stored, direct, staged);
    }

    /// <summary>Loads one row: one row of binary COPY. Synchronous on purpose: the row goes to a buffer and only blocks
    /// when that is flushed.</summary>
    public void Write(AssignmentRecord r)
    {
        _revoked += r.IsRevoked ? 1 : 0;
        _providers.Add(r.ProviderAgb, r.ProviderName);
        ref var last = ref _rowOfIdentity.GetValueRefOrAddDefault(r.IdentityKey, out var earlierInFile);
        if (earlierInFile)
        {
            _duplicates++;
            if (last > 0)
            {
                _superseded.Add(last); // a staged row that this one replaces
            }
        }

        _row.Begin();
        AppendValues(_row, r);
        var wasStored = _stored.Contains(r.IdentityKey);
        if (!earlierInFile && !wasStored)
        {
            _row.Int64(_importRunId);
            _direct.Write(_row.Row);
            _inserted++;
            last = -r.Row;
        }
        else
        {
            _row.Int32(r.Row);
            _row.Boolean(wasStored);
            _staged.Write(_row.Row);
            _stagedRows++;
            last = r.Row;
        }
    }

    public int Revoked => _revoked;

    /// <summary>Ends the direct COPY, stages the other rows and applies them: an assignment is updated only when
    /// something changed, and counts as updated only when it was stored before this import.</summary>
    public async Task<LoadResult> CompleteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        _completed = true;
        await CopyRow.EndCopyAsync(_direct);
        await _providers.InsertAsync(connection, ct); // providers met for the first time (docs/domain.md §9)
        if (_stagedRows == 0)
        {
            return new LoadResult(_duplicates, _inserted, Updated: 0, await UnpricedNoteAsync(connection, ct));
        }

        await CopyRow.CopyRowsAsync(connection, "staging_assignments", Columns.Append("RowNumber").Append("WasStored"), _staged, ct);

        var updates = string.Join(", ", Columns.Select(c => $"\"{c}\" = l.\"{c}\"").Append("\"ImportRunId\" = @run"));
        var changed = string.Join(" OR ", Columns.Select(c => $"a.\"{c}\" IS DISTINCT FROM l.\"{c}\""));
        await using var update = new NpgsqlCommand(
            $"""
            DELETE FROM staging_assignments WHERE "RowNumber" = ANY(@superseded);
            WITH updated AS (
                UPDATE "Assignments" AS a SET {updates}
                FROM staging_assignments l
                WHERE a."IdentityKey" = l."IdentityKey" AND ({changed})
                RETURNING l."WasStored"
            )
            SELECT count(*) FROM updated WHERE "WasStored";
            """, connection) { CommandTimeout = 0 };
        update.Parameters.AddWithValue("superseded", _superseded.ToArray());
        update.Parameters.AddWithValue("run", _importRunId);
        var updated = (int)(long)(await update.ExecuteScalarAsync(ct))!;
        return new LoadResult(_duplicates, _inserted, updated, await UnpricedNoteAsync(connection, ct));
    }

    /// <summary>The report note on the assignments this import wrote that have no price at all (docs/domain.md §4): no
    /// budget, no tariff of their own and no price-list entry for their product code (their provider's or for all
    /// providers) on any day of their period; revoked ones left out. Null when there are none.</summary>
    private async Task<string?> UnpricedNoteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var count = new NpgsqlCommand(
            """
            SELECT count(*) FROM "Assignments" a
            WHERE a."ImportRunId" = @run AND a."Budget" IS NULL AND a."Tariff" IS NULL
              AND a."EndDate" IS DISTINCT FROM a."StartDate"
              AND NOT EXISTS (SELECT 1 FROM "Tariffs" t
                              WHERE t."ProductCode" = a."ProductCode" AND (t."ProviderAgb" = a."ProviderAgb" OR t."ProviderAgb" IS NULL)
                                AND t."ValidFrom" <= coalesce(a."EndDate", 'infinity'::date)
                                AND (t."ValidTo" IS NULL OR t."ValidTo" >= a."StartDate"))
            """, connection);
        count.Parameters.AddWithValue("run", _importRunId);
        var unpriced = (long)(await count.ExecuteScalarAsync(ct))!;
        return unpriced == 0 ? null
            : unpriced == 1 ? "1 toewijzing heeft geen tarief (geen eigen tarief en niet in de prijslijst); zij telt in de stapeling niet mee als bedrag."
            : $"{unpriced} toewijzingen hebben geen tarief (geen eigen tarief en niet in de prijslijst); zij tellen in de stapeling niet mee als bedrag.";
    }

    /// <summary>Cancels the COPY when <see cref="CompleteAsync"/> did not complete it (a rejected or failed import: the
    /// caller rolls back) and deletes the staged rows' file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _staged.DisposeAsync();
        if (_completed)
        {
            await _direct.DisposeAsync(); // ended already; a second dispose does nothing
        }
        else
        {
            // Ends the COPY on the connection and discards what was sent.
            await _direct.CancelAsync();
        }
    }

    /// <summary>The row's values in the order of <see cref="Columns"/> (the bench's "pipeline" writes the same).</summary>
    internal static void AppendValues(CopyRow row, AssignmentRecord r)
    {
        row.Text(r.IdentityKey);
        row.Bytes(r.ClientKey);
        row.Text(r.CaseNumber);
        row.Bytes(r.AddressKey);
        row.Text(r.Postcode4);
        row.Int32(r.BirthYear);
        row.Int32((int?)r.Sex);
        row.Int32((int)r.Law);
        row.Text(r.ProductCategory);
        row.Text(r.ProductCode);
        row.Text(r.ProductDescription);
        row.Text(r.ProviderAgb);
        row.Text(r.ProviderName);
        row.Int32((int)r.DeliveryForm);
        row.Date(r.StartDate);
        row.Date(r.EndDate);
        row.Text(r.AssignmentNumber);
        row.Numeric(r.Volume);
        row.Text(r.Unit);
        row.Int32((int?)r.Frequency);
        row.Numeric(r.Tariff);
        row.Numeric(r.Budget);
    }
}
