using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>An import as the Imports page and the API show it. <paramref name="FileKept"/>: the uploaded file is still
/// kept (encrypted), until its retention period ends.</summary>
public sealed record ImportSummary(
    long Id, ImportKind Kind, string FileName, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt, bool OnlyValidRows,
    ImportStatus Status, DateTimeOffset? FinishedAt, int RowsDone, int? RowsTotal, int RowsRead, int RowsImported, int RowsRejected,
    int Duplicates, int Revoked, int Inserted, int Updated, IReadOnlyList<string> UnknownColumns, string? Message, bool FileKept)
{
    public bool IsFinished => Status is ImportStatus.Succeeded or ImportStatus.Failed or ImportStatus.Rejected;
}

/// <summary>A kept original, decrypted while it is read (<see cref="ImportService.OriginalAsync"/>).</summary>
public sealed record ImportOriginal(string FileName, Stream Content);

public sealed class ImportService(IDbContextFactory<AppDbContext> contexts, ImportFiles files, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>The largest upload accepted, on the page and through the API: 1 GiB (a million assignment rows are
    /// about 150 MB).</summary>
    public const long MaxUploadBytes = 1L << 30;

    /// <summary>Records the run, keeps the file encrypted (<see cref="ImportFiles"/>) and the audit entry, all in one
    /// transaction, then queues the background job; returns the run's id.</summary>
    public async Task<long> StartAsync(Stream upload, string fileName, ImportKind kind, bool onlyValidRows, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var run = new ImportRun
        {
            Kind = kind,
            // A file can be named after the person it is about ("toewijzing-123456782.xml"): the name is kept without it.
            FileName = Domain.Audit.AuditText.WithoutPersonalData(Path.GetFileName(fileName)),
            Sha256 = "",
            UploadedBy = user,
            UploadedAt = clock.GetUtcNow(),
            OnlyValidRows = onlyValidRows,
        };
        db.ImportRuns.Add(run);
        Audit.AuditLog.Add(db, run.UploadedAt, user, Domain.Audit.AuditAction.ImportStarted, $"{kind} uit {run.FileName}", onlyValidRows ? "alleen geldige rijen" : null);
        await db.SaveChangesAsync(ct);

        var stored = await files.StoreAsync((NpgsqlConnection)db.Database.GetDbConnection(), run.Id, upload, ct);
        (run.Sha256, run.SizeBytes, run.TextIsUtf8, run.TextLines) = (stored.Sha256, stored.Size, stored.Text.IsUtf8, stored.Text.Lines);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        jobs.Enqueue<ImportJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return run.Id;
    }

    /// <summary>The kept original of a run for the Beheerder, recorded in the audit log; null when the run does not exist
    /// or its file is no longer kept. The caller disposes the stream.</summary>
    public async Task<ImportOriginal?> OriginalAsync(long id, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.Where(r => r.Id == id && r.FileDeletedAt == null)
            .Select(r => new { r.FileName, r.SizeBytes }).FirstOrDefaultAsync(ct);
        if (run is null || !await db.ImportFileChunks.AnyAsync(c => c.ImportRunId == id, ct))
        {
            return null;
        }

        Audit.AuditLog.Add(db, clock.GetUtcNow(), user, Domain.Audit.AuditAction.Export,
            $"Oorspronkelijk bestand van import {id} ({run.FileName})", $"{run.SizeBytes} bytes");
        await db.SaveChangesAsync(ct);
        return new ImportOriginal(run.FileName, files.Open(id, run.SizeBytes));
    }

    public async Task<ImportSummary?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.ImportRuns.Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ImportSummary>> HistoryAsync(int take = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.ImportRuns.OrderByDescending(r => r.Id).Take(take)).ToListAsync(ct);
    }

    /// <summary>The first <paramref name="take"/> row errors, in file order.</summary>
    public async Task<IReadOnlyList<RowError>> ErrorsAsync(long id, int take = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportRowErrors.Where(e => e.ImportRunId == id)
            .OrderBy(e => e.Row).ThenBy(e => e.Id).Take(take)
            .Select(e => new RowError(e.Row, e.Column, e.Message))
            .ToListAsync(ct);
    }

    /// <summary>The rejected rows as CSV (UTF-8 with BOM, ';'): row number, the reasons, and the row as the file had it
    /// with its personal values masked (docs/domain.md §10): the row number and the other fields let the user find the
    /// row in their own file, fix it and import again.</summary>
    public async Task<byte[]> RejectedRowsCsvAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ImportRowErrors.Where(e => e.ImportRunId == id)
            .OrderBy(e => e.Row).ThenBy(e => e.Id)
            .Select(e => new { e.Row, e.Column, e.Message, e.MaskedRow })
            .ToListAsync(ct);
        var csv = new StringBuilder("rij;fouten;oorspronkelijke rij\r\n");
        foreach (var row in rows.GroupBy(r => r.Row))
        {
            var reasons = string.Join(" | ", row.Select(r => $"{r.Column}: {r.Message}"));
            csv.Append(row.Key).Append(';').Append(Quote(reasons)).Append(';').Append(Quote(row.First().MaskedRow ?? NotKept)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Shown for rows rejected before masking existed: the migration removed their unmasked copies.</summary>
    public const string NotKept = "(niet bewaard)";

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static IQueryable<ImportSummary> Summaries(IQueryable<ImportRun> runs) => runs.Select(r => new ImportSummary(
        r.Id, r.Kind, r.FileName, r.SizeBytes, r.UploadedBy, r.UploadedAt, r.OnlyValidRows, r.Status, r.FinishedAt, r.RowsDone,
        r.RowsTotal, r.RowsRead, r.RowsImported, r.RowsRejected, r.Duplicates, r.Revoked, r.Inserted, r.Updated, r.UnknownColumns, r.Message,
        r.FileDeletedAt == null));
}
