using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Loads assignments set-based: binary COPY into a temporary staging table, then one statement that merges the
/// staging rows into "Assignments" by identity (insert new, update changed, leave equal ones alone). Runs inside the
/// caller's transaction, so a rejected or interrupted import leaves nothing behind (the staging table is dropped on
/// commit or rollback).
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

    private readonly NpgsqlBinaryImporter _copy;

    private AssignmentLoader(NpgsqlBinaryImporter copy) => _copy = copy;

    public int Staged { get; private set; }

    public static async Task<AssignmentLoader> BeginAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            """
            CREATE TEMP TABLE staging_assignments (LIKE "Assignments" INCLUDING DEFAULTS) ON COMMIT DROP;
            ALTER TABLE staging_assignments DROP COLUMN "Id", DROP COLUMN "ImportRunId", ADD COLUMN "RowNumber" integer NOT NULL;
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
        Staged++;
    }

    /// <summary>Ends the COPY and merges. Within the file a later row wins over an earlier one with the same identity
    /// (those are the duplicates); an assignment already stored is updated only when something changed.</summary>
    public async Task<MergeResult> MergeAsync(NpgsqlConnection connection, long importRunId, CancellationToken ct)
    {
        await _copy.CompleteAsync(ct);
        await _copy.CloseAsync(ct);

        var columns = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        var updates = string.Join(", ", Columns.Append("ImportRunId").Select(c => $"\"{c}\" = EXCLUDED.\"{c}\""));
        var changed = string.Join(" OR ", Columns.Select(c => $"a.\"{c}\" IS DISTINCT FROM EXCLUDED.\"{c}\""));
        await using var merge = new NpgsqlCommand(
            $"""
            WITH latest AS (
                SELECT DISTINCT ON ("IdentityKey") {columns}
                FROM staging_assignments
                ORDER BY "IdentityKey", "RowNumber" DESC
            ), merged AS (
                INSERT INTO "Assignments" AS a ({columns}, "ImportRunId")
                SELECT {columns}, @run FROM latest
                ON CONFLICT ("IdentityKey") DO UPDATE SET {updates}
                WHERE {changed}
                RETURNING (xmax = 0) AS inserted
            )
            SELECT (SELECT count(*) FROM staging_assignments)::int,
                   (SELECT count(*) FROM latest)::int,
                   (SELECT count(*) FROM merged WHERE inserted)::int,
                   (SELECT count(*) FROM merged WHERE NOT inserted)::int
            """, connection);
        merge.Parameters.AddWithValue("run", importRunId);
        merge.CommandTimeout = 0;
        await using var reader = await merge.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var staged = reader.GetInt32(0);
        var distinct = reader.GetInt32(1);
        return new MergeResult(Duplicates: staged - distinct, Inserted: reader.GetInt32(2), Updated: reader.GetInt32(3));
    }

    public async ValueTask DisposeAsync() => await _copy.DisposeAsync();

    private Task WriteTextAsync(string? value, CancellationToken ct) =>
        value is null ? _copy.WriteNullAsync(ct) : _copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    private Task WriteNullableAsync<T>(T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? _copy.WriteAsync(v, type, ct) : _copy.WriteNullAsync(ct);
}

internal sealed record MergeResult(int Duplicates, int Inserted, int Updated);
