using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// Daily (<see cref="Jobs.RecurringJobs"/>): deletes the kept files of imports uploaded more than
/// <see cref="ImportSettings.RetentionDays"/> days ago; the runs keep their SHA-256, counts and report, and say from
/// when the file is gone. Also removes what versions before ADR 11 kept on disk in clear (the folder
/// <c>Imports:StorageDirectory</c>, by default beside the local database): those originals held every BSN and address.
/// </summary>
public sealed class ImportFileRetentionJob(
    IDbContextFactory<AppDbContext> contexts, IOptions<ImportSettings> settings, IConfiguration configuration, TimeProvider clock,
    ILogger<ImportFileRetentionJob> logger)
{
    public const string LegacyDirectoryKey = "Imports:StorageDirectory";

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now.AddDays(-settings.Value.RetentionDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var expired = await db.ImportRuns
            .Where(r => r.FileDeletedAt == null && r.UploadedAt < before && r.Status != ImportStatus.Queued && r.Status != ImportStatus.Running)
            .Select(r => r.Id).ToListAsync(ct);
        if (expired.Count > 0)
        {
            await db.ImportFileChunks.Where(c => expired.Contains(c.ImportRunId)).ExecuteDeleteAsync(ct);
            await db.ImportRuns.Where(r => expired.Contains(r.Id)).ExecuteUpdateAsync(r => r.SetProperty(x => x.FileDeletedAt, now), ct);
            Audit.AuditLog.Add(db, now, "systeem", AuditAction.ImportFilesDeleted,
                $"Bewaartermijn van {settings.Value.RetentionDays} dagen verstreken",
                $"{(expired.Count == 1 ? "1 bestand" : $"{expired.Count} bestanden")} (import {string.Join(", ", expired)})");
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        if (expired.Count > 0)
        {
            logger.LogInformation("Bewaartermijn: {Count} importbestand(en) verwijderd", expired.Count);
        }

        DeleteLegacyFiles();
    }

    private void DeleteLegacyFiles()
    {
        var folder = configuration[LegacyDirectoryKey] is { Length: > 0 } configured ? configured
            : Path.Combine(LocalPostgresServer.AppDataDirectory(), "imports");
        if (!Directory.Exists(folder))
        {
            return;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.upload").Concat(Directory.EnumerateFiles(folder, "ontvangst-*.tmp")))
        {
            File.Delete(file);
            deleted++;
        }

        if (deleted > 0)
        {
            logger.LogWarning("{Count} onversleuteld bewaard(e) importbestand(en) van een eerdere versie verwijderd uit {Folder}", deleted, folder);
        }
    }
}
