using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Imports.Realisatie;
using SociaalDomein.Infrastructure.Imports.Tables;
using SociaalDomein.Infrastructure.Imports.Toewijzingen;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Imports one uploaded file in the background. All or nothing: the rows are loaded and the run is marked succeeded
/// in one transaction; a file with rejected rows loads nothing unless the user chose "alleen geldige rijen
/// importeren"; a crash rolls everything back. While it runs, the job's connection holds the run's lock
/// (<see cref="ImportLocks"/>): it dies with the process, and that is how <see cref="ImportWatchdog"/> on any instance tells
/// a running import from one whose process is gone (ADR 11).
/// </summary>
public sealed class ImportJob(NpgsqlDataSource database, ImportFiles files, Pseudonymiser pseudonymiser, IBackgroundJobClient jobs, ILogger<ImportJob> logger)
{
    /// <summary>How often the progress bar gets news: twice a second, whatever the file's size (every 10,000 rows
    /// left a small file at "0 van 47 rijen" until it was done).</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>From this size of file on (about a million rows) the import's large arrays — the loader's identity
    /// tables, the reader's buffers: hundreds of megabytes at ten million rows — are handed back to the system when the
    /// import ends, rather than kept by the GC for whatever comes next (docs/benchmarks.md, memory of a second 10 M
    /// import).</summary>
    private const long ReturnMemoryFromBytes = 100L << 20;

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long importRunId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await ImportLocks.AcquireRunAsync(connection, importRunId, ct);
        ClaimedRun? run = null;
        try
        {
            if ((run = await ClaimAsync(connection, importRunId, ct)) is null)
            {
                return; // already handled (a second delivery of the same job, or a run the watchdog marked failed)
            }

            try
            {
                var outcome = await ImportAsync(connection, importRunId, run, ct);
                logger.LogInformation("Import {Id}: {Status}", importRunId, outcome);
                if (outcome == ImportStatus.Succeeded)
                {
                    QueueRecomputes(run.Kind);
                }
            }
            catch (ImportFileException ex)
            {
                await FinishAsync(importRunId, ImportStatus.Rejected, ex.Message, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Type, SQLSTATE and stack trace, never the message: a parser's or PostgreSQL's message can quote a value
                // from the file (docs/domain.md §10).
                logger.LogError("Import {Id} mislukt: {Error} {SqlState}\n{StackTrace}", importRunId, ex.GetType().FullName,
                    (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState, ex.StackTrace);
                await FinishAsync(importRunId, ImportStatus.Failed,
                    $"De import is afgebroken door een fout ({ex.GetType().Name}); er is niets ingelezen. Start de import opnieuw; " +
                    "blijft het misgaan, geef dan het importnummer door aan de beheerder.", CancellationToken.None);
            }
        }
        finally
        {
            await ImportLocks.ReleaseRunAsync(connection, importRunId);
            if (run?.SizeBytes >= ReturnMemoryFromBytes)
            {
                // A large import is a long piece of work that has just ended: one blocking, compacting collection that
                // also decommits the freed memory costs a fraction of a second here, and spares the process the peak of
                // this import on top of the next one's.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }

    /// <summary>Picks the reader and the loader by the run's kind; the rest of an import is the same for every kind.</summary>
    private Task<ImportStatus> ImportAsync(NpgsqlConnection connection, long importRunId, ClaimedRun run, CancellationToken ct) => run.Kind switch
    {
        ImportKind.Toewijzingen => ImportAsync(connection, importRunId, run,
            (c, token) => AssignmentLoader.BeginAsync(c, importRunId, token),
            (stream, _) => ToewijzingenReader.Open(stream, run.FileName, pseudonymiser, run.Text), ct),
        ImportKind.Realisatie => ImportAsync(connection, importRunId, run,
            (c, token) => ActualsLoader.BeginAsync(c, importRunId, token),
            (stream, loader) => RealisatieReader.Open(stream, run.FileName, loader.Lookup, run.Text), ct),
        ImportKind.Declaraties => ImportAsync(connection, importRunId, run,
            (c, token) => Declaraties.ClaimsLoader.BeginAsync(c, importRunId, token),
            (stream, loader) => loader.Expect(Declaraties.DeclaratiesReader.Open(stream, run.FileName, pseudonymiser, run.Text)), ct),
        _ => throw new ImportFileException($"Imports van de soort {run.Kind} worden (nog) niet ondersteund."),
    };

    /// <summary>One import: the loader begins on the import's connection in one transaction (taking the lock that
    /// serialises imports, and reading what the reader needs to check rows against), the file is opened and streamed
    /// through the reader a thread ahead, valid rows go to the loader, rejected rows' errors by COPY on a second
    /// connection (kept even when the load is rolled back), and the run is marked done in the same transaction.</summary>
    private async Task<ImportStatus> ImportAsync<TRecord, TLoader>(NpgsqlConnection connection, long importRunId, ClaimedRun run,
        Func<NpgsqlConnection, CancellationToken, Task<TLoader>> begin, Func<Stream, TLoader, IImportFile<ParsedRow<TRecord>>> open,
        CancellationToken ct)
        where TRecord : class
        where TLoader : IRecordLoader<TRecord>
    {
        var begun = Stopwatch.GetTimestamp();
        await using var stream = files.Open(importRunId, run.SizeBytes);
        await using var errorsConnection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var loader = await begin(connection, ct);
        using var file = open(stream, loader);
        await UpdateAsync(importRunId, """ "RowsTotal" = @total, "UnknownColumns" = @unknown """, ct,
            ("total", (object?)file.TotalRows ?? DBNull.Value), ("unknown", file.UnknownColumns.ToArray()));

        await using var errors = await errorsConnection.BeginBinaryImportAsync(
            """COPY "ImportRowErrors" ("ImportRunId", "Row", "Column", "Message", "MaskedRow") FROM STDIN (FORMAT BINARY)""", ct);
        int read = 0, rejected = 0;
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        await foreach (var row in ReadAhead.EnumerateAsync(file.Rows, ct))
        {
            read++;
            if (row.Record is { } record)
            {
                loader.Write(record);
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
                    await errors.WriteAsync(row.MaskedRow, NpgsqlDbType.Text, ct);
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
            throw TabularFiles.Empty(run.FileName);
        }

        if (rejected > 0 && !run.OnlyValidRows)
        {
            await loader.DisposeAsync(); // cancels the COPY; the rollback then drops the staging table
            await transaction.RollbackAsync(ct);
            await FinishAsync(connection, importRunId, ImportStatus.Rejected,
                $"{rejected} van de {read} rijen zijn afgekeurd; er is niets ingelezen. Verbeter het bestand, " +
                "of kies 'alleen geldige rijen importeren' om de goede rijen toch in te lezen.", ct,
                read, 0, rejected, 0, loader.Revoked, 0, 0);
            return ImportStatus.Rejected;
        }

        var streamed = Stopwatch.GetElapsedTime(started);
        var loaded = await loader.CompleteAsync(connection, ct);
        logger.LogInformation(
            "Import {Id}: opened in {Opened:F2} s, {Rows} rows read, validated and staged in {Streamed:F2} s, merged in {Merged:F2} s",
            importRunId, Stopwatch.GetElapsedTime(begun, started).TotalSeconds, read, streamed.TotalSeconds,
            (Stopwatch.GetElapsedTime(started) - streamed).TotalSeconds);
        // Stored analyses are stale from the commit on.
        foreach (var affected in AffectedBy(run.Kind))
        {
            await Analysis.InputChanges.AddAsync(connection, $"import {importRunId}", ct, affected);
        }
        await FinishAsync(connection, importRunId, ImportStatus.Succeeded, loaded.Note, ct,
            read, read - rejected - loaded.Duplicates, rejected, loaded.Duplicates, loader.Revoked, loaded.Inserted, loaded.Updated);
        await transaction.CommitAsync(ct);
        return ImportStatus.Succeeded;
    }

    /// <summary>Queues the recompute of every stored analysis the import made stale (<see cref="AffectedBy"/>), after the
    /// commit so the jobs see it; claims also move the ceilings' use (the warning job).</summary>
    private void QueueRecomputes(ImportKind kind)
    {
        var affected = AffectedBy(kind);
        if (affected.Contains(Analysis.StoredAnalysis.Stacking))
        {
            jobs.Enqueue<Stacking.StackingRecomputeJob>(job => job.RunAsync(null, CancellationToken.None));
        }

        if (affected.Contains(Analysis.StoredAnalysis.Providers))
        {
            Providers.ProviderRecomputeJob.Enqueue(jobs);
        }

        if (affected.Contains(Analysis.StoredAnalysis.Forecasts))
        {
            Forecasts.ForecastRecomputeJob.Schedule(jobs);
        }

        if (kind == ImportKind.Declaraties)
        {
            Providers.ProviderWarningJob.Enqueue(jobs);
        }
    }

    private static Analysis.StoredAnalysis[] AffectedBy(ImportKind kind) => kind switch
    {
        ImportKind.Realisatie => [Analysis.StoredAnalysis.Budget, Analysis.StoredAnalysis.Forecasts],
        ImportKind.Toewijzingen => [Analysis.StoredAnalysis.Stacking, Analysis.StoredAnalysis.Providers, Analysis.StoredAnalysis.Forecasts],
        ImportKind.Declaraties => [Analysis.StoredAnalysis.Providers, Analysis.StoredAnalysis.Forecasts],
        _ => [Analysis.StoredAnalysis.Stacking],
    };

    /// <param name="Text">What the upload showed of its text as it was received; null for a run received before that was
    /// kept (the reader then scans the file).</param>
    private sealed record ClaimedRun(ImportKind Kind, string FileName, bool OnlyValidRows, long SizeBytes, TextFacts? Text);

    /// <summary>Queued → Running, atomically, on the connection that holds the run's lock: only one execution of a run
    /// ever proceeds, and no instance sees it Running without its lock held. Returns what the run needs, or null when
    /// another execution (or the watchdog) had it already.</summary>
    private static async Task<ClaimedRun?> ClaimAsync(NpgsqlConnection connection, long id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE "ImportRuns" SET "Status" = @running, "StartedAt" = now() WHERE "Id" = @id AND "Status" = @queued
            RETURNING "Kind", "FileName", "OnlyValidRows", "SizeBytes", "TextIsUtf8", "TextLines"
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("running", (int)ImportStatus.Running);
        command.Parameters.AddWithValue("queued", (int)ImportStatus.Queued);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        TextFacts? text = reader.IsDBNull(4) || reader.IsDBNull(5) ? null : new TextFacts(reader.GetBoolean(4), reader.GetInt64(5));
        return new ClaimedRun((ImportKind)reader.GetInt32(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt64(3), text);
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
