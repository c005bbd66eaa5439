using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using SociaalDomein.Domain.Imports;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// On every instance, at start-up and then every <see cref="ImportSettings.WatchdogSeconds"/>: an import marked Running
/// whose run lock (<see cref="ImportLocks"/>) nobody holds lost its process (a crash, a kill, a restart). PostgreSQL rolled
/// its load back, so nothing of it is in the database; the run is marked Failed with a Dutch reason. An import that is
/// really running, on this instance or another, holds its lock and is left alone. Safe on several instances at once:
/// the status is changed under the lock, and only from Running.
/// </summary>
public sealed class ImportWatchdog(NpgsqlDataSource database, IOptions<ImportSettings> settings, ILogger<ImportWatchdog> logger) : BackgroundService
{
    public const string InterruptedMessage =
        "De import is onderbroken doordat de server stopte of herstartte; er is niets ingelezen. Start de import opnieuw.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.Value.WatchdogSeconds));
        do
        {
            try
            {
                var failed = await CheckAsync(stoppingToken);
                if (failed > 0)
                {
                    logger.LogWarning("{Count} import(s) zonder lopend proces gemarkeerd als mislukt", failed);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Controle op onderbroken imports mislukt: {Error}", ex.Message); // the database is down: next round
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Marks every Running import whose lock is free as Failed; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The transaction-level try-lock is released at the commit; a running import's job holds its lock, so the
        // try fails and its row is not touched. The status is tested again under the lock: a job that finished in
        // between is no longer Running.
        await using var command = new NpgsqlCommand(
            """
            WITH running AS MATERIALIZED (SELECT "Id" FROM "ImportRuns" WHERE "Status" = @running)
            UPDATE "ImportRuns" r SET "Status" = @failed, "Message" = @message, "FinishedAt" = now()
            FROM running
            WHERE r."Id" = running."Id" AND pg_try_advisory_xact_lock(@space, running."Id"::integer) AND r."Status" = @running
            """, connection, transaction);
        command.Parameters.AddWithValue("failed", (int)ImportStatus.Failed);
        command.Parameters.AddWithValue("running", (int)ImportStatus.Running);
        command.Parameters.AddWithValue("message", InterruptedMessage);
        command.Parameters.AddWithValue("space", ImportLocks.RunSpace);
        var failed = await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return failed;
    }
}
