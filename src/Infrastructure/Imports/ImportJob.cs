using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Imports one uploaded file in the background. All or nothing: the rows are loaded and the run is marked succeeded
/// in one transaction; a file with rejected rows loads nothing unless the user chose "alleen geldige rijen
/// importeren"; a crash rolls everything back (and <see cref="ImportRecovery"/> marks the run failed at the next start).
/// </summary>
public sealed class ImportJob(NpgsqlDataSource database, ImportStorage storage, Pseudonymiser pseudonymiser, IBackgroundJobClient jobs, ILogger<ImportJob> logger)
{
    /// <summary>How often the progress bar gets news: twice a second, whatever the file's size (every 10,000 rows
    /// left a small file at "0 van 47 rijen" until it was done).</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long importRunId, CancellationToken ct)
    {
        if (await ClaimAsync(importRunId, ct) is not { } run)
        {
            return; // already handled (a second delivery of the same job, or a run marked failed after a restart)
        }

        try
        {
            var outcome = await ImportAsync(importRunId, run.FileName, run.OnlyValidRows, ct);
            logger.LogInformation("Import {Id}: {Status}", importRunId, outcome);
            if (outcome == ImportStatus.Succeeded)
            {
                jobs.Enqueue<Stacking.StackingRecomputeJob>(job => job.RunAsync(null, CancellationToken.None));
            }
        }
        catch (ImportFileException ex)
        {
            await FinishAsync(importRunId, ImportStatus.Rejected, ex.Message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Import {Id} mislukt", importRunId);
            await FinishAsync(importRunId, ImportStatus.Failed,
                $"De import is afgebroken door een fout; er is niets ingelezen. ({ex.GetType().Name}: {ex.Message})", CancellationToken.None);
        }
    }

    private async Task<ImportStatus> ImportAsync(long importRunId, string fileName, bool onlyValidRows, CancellationToken ct)
    {
        await using var stream = storage.Open(importRunId);
        using var file = ToewijzingenReader.Open(stream, fileName, pseudonymiser);
        await UpdateAsync(importRunId, """ "RowsTotal" = @total, "UnknownColumns" = @unknown """, ct,
            ("total", (object?)file.TotalRows ?? DBNull.Value), ("unknown", file.UnknownColumns.ToArray()));

        await using var errorsConnection = await database.OpenConnectionAsync(ct);
        await using var errors = await errorsConnection.BeginBinaryImportAsync(
            """COPY "ImportRowErrors" ("ImportRunId", "Row", "Column", "Message", "RawRow") FROM STDIN (FORMAT BINARY)""", ct);

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var loader = await AssignmentLoader.BeginAsync(connection, importRunId, ct);
        int read = 0, rejected = 0, revoked = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        await foreach (var row in ReadAhead.EnumerateAsync(file.Rows, ct))
        {
            read++;
            if (row.Record is { } record)
            {
                loader.Write(record);
                revoked += record.IsRevoked ? 1 : 0;
            }
            else
            {
                rejected++;
                foreach (var error in row.Errors)
                {
                    await errors.StartRowAsync(ct);
                    await errors.WriteAsync(importRunId, NpgsqlDbType.Bigint, ct);
                    await errors.WriteAsync(error.Row, NpgsqlDbType.Integer, ct);
                    await errors.WriteAsync(error.Column, NpgsqlDbType.Text, ct);
                    await errors.WriteAsync(error.Message, NpgsqlDbType.Text, ct);
                    await errors.WriteAsync(row.RawRow, NpgsqlDbType.Text, ct);
                }
            }

            if (Stopwatch.GetElapsedTime(lastProgress) >= ProgressEvery)
            {
                await UpdateAsync(importRunId, """ "RowsDone" = @done """, ct, ("done", read));
                lastProgress = Stopwatch.GetTimestamp();
            }
        }

        await errors.CompleteAsync(ct);
        if (read == 0)
        {
            throw ToewijzingenReader.Empty(fileName);
        }

        if (rejected > 0 && !onlyValidRows)
        {
            await loader.DisposeAsync(); // cancels the COPY; the rollback then drops the staging table
            await transaction.RollbackAsync(ct);
            await FinishAsync(connection, importRunId, ImportStatus.Rejected,
                $"{rejected} van de {read} rijen zijn afgekeurd; er is niets ingelezen. Verbeter het bestand, " +
                "of kies 'alleen geldige rijen importeren' om de goede rijen toch in te lezen.", ct,
                read, 0, rejected, 0, revoked, 0, 0);
            return ImportStatus.Rejected;
        }

        var merged = await loader.MergeAsync(connection, ct);
        await FinishAsync(connection, importRunId, ImportStatus.Succeeded, null, ct,
            read, read - rejected - merged.Duplicates, rejected, merged.Duplicates, revoked, merged.Inserted, merged.Updated);
        await transaction.CommitAsync(ct);
        return ImportStatus.Succeeded;
    }

    /// <summary>Queued → Running, atomically: only one execution of a run ever proceeds. Returns what the run needs,
    /// or null when another execution (or the recovery after a restart) had it already.</summary>
    private async Task<(string FileName, bool OnlyValidRows)?> ClaimAsync(long id, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            """
            UPDATE "ImportRuns" SET "Status" = @running, "StartedAt" = now() WHERE "Id" = @id AND "Status" = @queued
            RETURNING "FileName", "OnlyValidRows"
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("running", (int)ImportStatus.Running);
        command.Parameters.AddWithValue("queued", (int)ImportStatus.Queued);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetBoolean(1)) : null;
    }

    private async Task UpdateAsync(long id, string set, CancellationToken ct, params (string Name, object Value)[] values)
    {
        await using var command = database.CreateCommand($"""UPDATE "ImportRuns" SET {set} WHERE "Id" = @id""");
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task FinishAsync(long id, ImportStatus status, string? message, CancellationToken ct,
        int read = 0, int imported = 0, int rejected = 0, int duplicates = 0, int revoked = 0, int inserted = 0, int updated = 0)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await FinishAsync(connection, id, status, message, ct, read, imported, rejected, duplicates, revoked, inserted, updated);
    }

    private static async Task FinishAsync(NpgsqlConnection connection, long id, ImportStatus status, string? message, CancellationToken ct,
        int read = 0, int imported = 0, int rejected = 0, int duplicates = 0, int revoked = 0, int inserted = 0, int updated = 0)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE "ImportRuns" SET "Status" = @status, "Message" = @message, "FinishedAt" = now(),
                "RowsDone" = greatest("RowsDone", @read), "RowsRead" = @read, "RowsImported" = @imported,
                "RowsRejected" = @rejected, "Duplicates" = @duplicates, "Revoked" = @revoked,
                "Inserted" = @inserted, "Updated" = @updated
            WHERE "Id" = @id
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", (int)status);
        command.Parameters.AddWithValue("message", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("read", read);
        command.Parameters.AddWithValue("imported", imported);
        command.Parameters.AddWithValue("rejected", rejected);
        command.Parameters.AddWithValue("duplicates", duplicates);
        command.Parameters.AddWithValue("revoked", revoked);
        command.Parameters.AddWithValue("inserted", inserted);
        command.Parameters.AddWithValue("updated", updated);
        await command.ExecuteNonQueryAsync(ct);
    }
}
