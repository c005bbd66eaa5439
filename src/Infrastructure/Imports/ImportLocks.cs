using Npgsql;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// The advisory locks of the import pipeline. <see cref="Serial"/> serialises imports from their first read of the
/// stored identities to their commit (<see cref="AssignmentLoader"/>). A run lock says "this import is running": a
/// session-level lock on the run's id, taken by the import job's connection before it claims the run and held until it
/// is done. PostgreSQL releases it when that
/// connection ends, whether the job finished, the process was killed or its host vanished (then after the TCP
/// keepalive gives up). Any instance can therefore tell a running import from an orphaned one by trying the lock
/// (<see cref="ImportWatchdog"/>); the status column alone cannot, which is why a second instance starting used to fail
/// imports that were still running (ADR 11).
/// </summary>
public static class ImportLocks
{
    /// <summary>The transaction-level lock that serialises imports (an arbitrary constant: "SDmerge1").</summary>
    public const long Serial = 0x53_44_6D_65_72_67_65_31;

    /// <summary>The first key of the run locks (two-key form, so they never meet single-key ones: "SDrl").</summary>
    public const int RunSpace = 0x53_44_72_6C;

    /// <summary>Takes the lock for <paramref name="runId"/> on <paramref name="connection"/>. The connection also asks
    /// PostgreSQL to check every few seconds, even in the middle of a statement or a lock wait, whether its client is
    /// still there: otherwise a killed process's backend would hold the lock until its statement ends.</summary>
    internal static async Task AcquireRunAsync(NpgsqlConnection connection, long runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SET client_connection_check_interval = '5s'; SELECT pg_advisory_lock(@space, @run)", connection);
        command.Parameters.AddWithValue("space", RunSpace);
        command.Parameters.AddWithValue("run", checked((int)runId));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Releases the lock; a broken connection has lost it already, so failing here changes nothing.</summary>
    internal static async Task ReleaseRunAsync(NpgsqlConnection connection, long runId)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @run)", connection);
            command.Parameters.AddWithValue("space", RunSpace);
            command.Parameters.AddWithValue("run", checked((int)runId));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }
}
