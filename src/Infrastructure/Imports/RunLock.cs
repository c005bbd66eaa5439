using Npgsql;

namespace SociaalDomein.Infrastructure.Imports;

/// <summary>
/// The lock that says "this import is running": a PostgreSQL session-level advisory lock on the run's id, taken by the
/// import job's connection before it claims the run and held until it is done. PostgreSQL releases it when that
/// connection ends, whether the job finished, the process was killed or its host vanished (then after the TCP
/// keepalive gives up). Any instance can therefore tell a running import from an orphaned one by trying the lock
/// (<see cref="ImportWatchdog"/>); the status column alone cannot, which is why a second instance starting used to fail
/// imports that were still running (ADR 11).
/// </summary>
internal static class RunLock
{
    /// <summary>The first key of the two-key form, so these locks never meet single-key ones ("SDrl").</summary>
    public const int Space = 0x53_44_72_6C;

    public static async Task AcquireAsync(NpgsqlConnection connection, long runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@space, @run)", connection);
        command.Parameters.AddWithValue("space", Space);
        command.Parameters.AddWithValue("run", checked((int)runId));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Releases the lock; a broken connection has lost it already, so failing here changes nothing.</summary>
    public static async Task ReleaseAsync(NpgsqlConnection connection, long runId)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @run)", connection);
            command.Parameters.AddWithValue("space", Space);
            command.Parameters.AddWithValue("run", checked((int)runId));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
        }
    }
}
