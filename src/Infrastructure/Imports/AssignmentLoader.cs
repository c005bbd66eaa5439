using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Loads assignments set-based: binary COPY into a temporary staging table, then a merge of the staging rows into
/// "Assignments" by identity (insert new, update changed, leave equal ones alone; see <see cref="MergeAsync"/>). Runs inside the
/// caller's transaction, so a rejected or interrupted import leaves nothing behind (the staging table is dropped on
/// commit or rollback). Duplicates within the file (the same identity twice; the later row wins) are found here, while
/// the rows stream past, so the database never has to sort the staged rows to find them.
/// </summary>
internal sealed class AssignmentLoader : IAsyncDisposable
{
    /// <summary>The columns of "Assignments" that an import writes, in COPY order (ImportRunId is set at merge).</summary>
    private static readonly string[] Columns =
    [
        "IdentityKey", "ClientKey", "CaseNumber", "AddressKey", "Postcode4", "BirthYear", "Sex", "Law", "ProductCategory",
        "ProductCode", "ProductDescription", "ProviderAgb", "ProviderName", "DeliveryForm", "StartDate", "EndDate",
        "AssignmentNumber", "Volume", "Unit", "Frequency", "Tariff", "Budget",
    ];

    /// <summary>The advisory lock that serialises merges into "Assignments" (an arbitrary constant: "SDmerge1").</summary>
    private const long MergeLock = 0x53_44_6D_65_72_67_65_31;

    private readonly NpgsqlBinaryImporter _copy;

    /// <summary>The row number that currently holds each identity of the file, and the rows a later one replaced.
    /// Holds references to the identity strings the reader made anyway: ~130 MB for a million rows.</summary>
    private readonly Dictionary<string, int> _rowOfIdentity = new(StringComparer.Ordinal);
    private readonly List<int> _superseded = [];

    private AssignmentLoader(NpgsqlBinaryImporter copy) => _copy = copy;

    public static async Task<AssignmentLoader> BeginAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            """
            CREATE TEMP TABLE staging_assignments (LIKE "Assignments" INCLUDING DEFAULTS) ON COMMIT DROP;
            ALTER TABLE staging_assignments DROP COLUMN "Id", DROP COLUMN "ImportRunId", DROP COLUMN "CopyKey",
                ADD COLUMN "RowNumber" integer NOT NULL;
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var columns = string.Join(", ", Columns.Append("RowNumber").Select(c => $"\"{c}\""));
        var copy = await connection.BeginBinaryImportAsync($"COPY staging_assignments ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        return new AssignmentLoader(copy);
    }

    public async Task WriteAsync(AssignmentRecord r, CancellationToken ct)
    {
        ref var holder = ref CollectionsMarshal.GetValueRefOrAddDefault(_rowOfIdentity, r.IdentityKey, out var seen);
        if (seen)
        {
            _superseded.Add(holder);
        }

        holder = r.Row;
        await _copy.StartRowAsync(ct);
        await _copy.WriteAsync(r.IdentityKey, NpgsqlDbType.Text, ct);
        await _copy.WriteAsync(r.ClientKey, NpgsqlDbType.Bytea, ct);
        await _copy.WriteAsync(r.CaseNumber, NpgsqlDbType.Text, ct);
        await _copy.WriteAsync(r.AddressKey, NpgsqlDbType.Bytea, ct);
        await _copy.WriteAsync(r.Postcode4, NpgsqlDbType.Char, ct);
        await WriteNullableAsync(r.BirthYear, NpgsqlDbType.Integer, ct);
        await WriteNullableAsync((int?)r.Sex, NpgsqlDbType.Integer, ct);
        await _copy.WriteAsync((int)r.Law, NpgsqlDbType.Integer, ct);
        await WriteTextAsync(r.ProductCategory, ct);
        await _copy.WriteAsync(r.ProductCode, NpgsqlDbType.Text, ct);
        await WriteTextAsync(r.ProductDescription, ct);
        await _copy.WriteAsync(r.ProviderAgb, NpgsqlDbType.Char, ct);
        await WriteTextAsync(r.ProviderName, ct);
        await _copy.WriteAsync((int)r.DeliveryForm, NpgsqlDbType.Integer, ct);
        await _copy.WriteAsync(r.StartDate, NpgsqlDbType.Date, ct);
        await WriteNullableAsync(r.EndDate, NpgsqlDbType.Date, ct);
        await WriteTextAsync(r.AssignmentNumber, ct);
        await WriteNullableAsync(r.Volume, NpgsqlDbType.Numeric, ct);
        await WriteTextAsync(r.Unit, ct);
        await WriteNullableAsync((int?)r.Frequency, NpgsqlDbType.Integer, ct);
        await WriteNullableAsync(r.Tariff, NpgsqlDbType.Numeric, ct);
        await WriteNullableAsync(r.Budget, NpgsqlDbType.Numeric, ct);
        await _copy.WriteAsync(r.Row, NpgsqlDbType.Integer, ct);
    }

    /// <summary>Ends the COPY and merges. Within the file a later row wins over an earlier one with the same identity
    /// (those are the duplicates; their earlier rows are deleted from the staging table); an assignment already stored
    /// is updated only when something changed, a new one inserted.
    /// Two plain statements rather than one INSERT … ON CONFLICT DO UPDATE: the speculative insertion of ON CONFLICT
    /// costs about 45 % more per row on a million rows (docs/benchmarks.md). Without ON CONFLICT two imports running
    /// at once (Hangfire has several workers) could both insert the same new identity, so merges take a
    /// transaction-level advisory lock: they run one after the other, and each sees what the previous one committed.</summary>
    public async Task<MergeResult> MergeAsync(NpgsqlConnection connection, long importRunId, CancellationToken ct)
    {
        await _copy.CompleteAsync(ct);
        await _copy.CloseAsync(ct);

        var columns = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        var updates = string.Join(", ", Columns.Select(c => $"\"{c}\" = l.\"{c}\"").Append("\"ImportRunId\" = @run"));
        var changed = string.Join(" OR ", Columns.Select(c => $"a.\"{c}\" IS DISTINCT FROM l.\"{c}\""));

        await using (var prepare = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({MergeLock});
            DELETE FROM staging_assignments WHERE "RowNumber" = ANY(@superseded);
            """, connection) { CommandTimeout = 0 })
        {
            prepare.Parameters.AddWithValue("superseded", _superseded.ToArray());
            await prepare.ExecuteNonQueryAsync(ct);
        }

        var updated = await CountAsync(connection,
            $"""
            WITH updated AS (
                UPDATE "Assignments" AS a SET {updates}
                FROM staging_assignments l
                WHERE a."IdentityKey" = l."IdentityKey" AND ({changed})
                RETURNING 1
            )
            SELECT count(*) FROM updated
            """, importRunId, ct);
        var inserted = await CountAsync(connection,
            $"""
            WITH inserted AS (
                INSERT INTO "Assignments" ({columns}, "ImportRunId")
                SELECT {columns}, @run
                FROM staging_assignments l
                WHERE NOT EXISTS (SELECT 1 FROM "Assignments" a WHERE a."IdentityKey" = l."IdentityKey")
                RETURNING 1
            )
            SELECT count(*) FROM inserted
            """, importRunId, ct);
        return new MergeResult(Duplicates: _superseded.Count, Inserted: inserted, Updated: updated);
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string sql, long? importRunId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        if (importRunId is { } run)
        {
            command.Parameters.AddWithValue("run", run);
        }

        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync() => await _copy.DisposeAsync();

    private Task WriteTextAsync(string? value, CancellationToken ct) =>
        value is null ? _copy.WriteNullAsync(ct) : _copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    private Task WriteNullableAsync<T>(T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? _copy.WriteAsync(v, type, ct) : _copy.WriteNullAsync(ct);
}

internal sealed record MergeResult(int Duplicates, int Inserted, int Updated);
