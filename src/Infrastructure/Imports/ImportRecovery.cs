using Microsoft.Extensions.Hosting;
using Npgsql;
using SociaalDomein.Domain.Imports;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>At start-up, before the job server runs: an import still marked Running was cut off by a crash or restart.
/// Its load transaction was rolled back by PostgreSQL, so nothing of it is in the database; say so.</summary>
public sealed class ImportRecovery(NpgsqlDataSource database) : IHostedService
{
    public const string InterruptedMessage =
        "De import is onderbroken doordat de server stopte of herstartte; er is niets ingelezen. Start de import opnieuw.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """UPDATE "ImportRuns" SET "Status" = @failed, "Message" = @message, "FinishedAt" = now() WHERE "Status" = @running""");
        command.Parameters.AddWithValue("failed", (int)ImportStatus.Failed);
        command.Parameters.AddWithValue("running", (int)ImportStatus.Running);
        command.Parameters.AddWithValue("message", InterruptedMessage);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
