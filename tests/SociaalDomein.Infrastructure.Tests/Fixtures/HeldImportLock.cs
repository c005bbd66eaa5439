using Npgsql;
using SociaalDomein.Infrastructure.Imports;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>The lock that serialises imports (<see cref="ImportLocks.Serial"/>), held by a test in a transaction of its
/// own: an import started meanwhile claims its run and then waits, alive and Running, until <see cref="ReleaseAsync"/>.</summary>
public sealed class HeldImportLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldImportLock(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (_connection, _transaction) = (connection, transaction);

    public static async Task<HeldImportLock> TakeAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ImportLocks.Serial})", connection, transaction);
        await take.ExecuteNonQueryAsync();
        return new HeldImportLock(connection, transaction);
    }

    public Task ReleaseAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
