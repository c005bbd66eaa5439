using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>An import as the Imports page and the API show it.</summary>
public sealed record ImportSummary(
    long Id, ImportKind Kind, string FileName, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt, bool OnlyValidRows,
    ImportStatus Status, DateTimeOffset? FinishedAt, int RowsDone, int? RowsTotal, int RowsRead, int RowsImported, int RowsRejected,
    int Duplicates, int Revoked, int Inserted, int Updated, IReadOnlyList<string> UnknownColumns, string? Message)
{
    public bool IsFinished => Status is ImportStatus.Succeeded or ImportStatus.Failed or ImportStatus.Rejected;
}

public sealed class ImportService(IDbContextFactory<AppDbContext> contexts, ImportStorage storage, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>The largest upload accepted, on the page and through the API: 1 GiB (a million assignment rows are
    /// about 150 MB).</summary>
    public const long MaxUploadBytes = 1L << 30;

    /// <summary>Keeps the file, records the run and queues the background job; returns the run's id.</summary>
    public async Task<long> StartAsync(Stream upload, string fileName, ImportKind kind, bool onlyValidRows, string user, CancellationToken ct = default)
    {
        var (temp, sha256, size) = await storage.ReceiveAsync(upload, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = new ImportRun
        {
            Kind = kind,
            FileName = Path.GetFileName(fileName),
            Sha256 = sha256,
            SizeBytes = size,
            UploadedBy = user,
            UploadedAt = clock.GetUtcNow(),
            OnlyValidRows = onlyValidRows,
        };
        db.ImportRuns.Add(run);
        Audit.AuditLog.Add(db, run.UploadedAt, user, Domain.Audit.AuditAction.ImportStarted, $"{kind} uit {run.FileName}", onlyValidRows ? "alleen geldige rijen" : null);
        await db.SaveChangesAsync(ct);
        storage.Keep(temp, run.Id);
        jobs.Enqueue<ImportJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return run.Id;
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

    /// <summary>The rejected rows as CSV (UTF-8 with BOM, ';'): row number, the reasons, and the row as the file had it,
    /// so the user can fix them and import them again.</summary>
    public async Task<byte[]> RejectedRowsCsvAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ImportRowErrors.Where(e => e.ImportRunId == id)
            .OrderBy(e => e.Row).ThenBy(e => e.Id)
            .Select(e => new { e.Row, e.Column, e.Message, e.RawRow })
            .ToListAsync(ct);
        var csv = new StringBuilder("rij;fouten;oorspronkelijke rij\r\n");
        foreach (var row in rows.GroupBy(r => r.Row))
        {
            var reasons = string.Join(" | ", row.Select(r => $"{r.Column}: {r.Message}"));
            csv.Append(row.Key).Append(';').Append(Quote(reasons)).Append(';').Append(Quote(row.First().RawRow ?? "")).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static IQueryable<ImportSummary> Summaries(IQueryable<ImportRun> runs) => runs.Select(r => new ImportSummary(
        r.Id, r.Kind, r.FileName, r.SizeBytes, r.UploadedBy, r.UploadedAt, r.OnlyValidRows, r.Status, r.FinishedAt, r.RowsDone,
        r.RowsTotal, r.RowsRead, r.RowsImported, r.RowsRejected, r.Duplicates, r.Revoked, r.Inserted, r.Updated, r.UnknownColumns, r.Message));
}
