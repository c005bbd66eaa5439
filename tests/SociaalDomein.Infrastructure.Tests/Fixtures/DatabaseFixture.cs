using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>
/// A real, migrated PostgreSQL database for one test class (use as <c>IClassFixture&lt;DatabaseFixture&gt;</c>).
/// Call <see cref="ResetAsync"/> at the start of a test for an empty database; the hangfire schema and the
/// migrations history are kept. Small helpers in the style of ContosoUniversity's SliceFixture.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private Respawner? _respawner;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("test");
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public AppDbContext CreateContext() => ContextFactory.CreateDbContext();

    public IDbContextFactory<AppDbContext> ContextFactory => new Fixtures.ContextFactory(ConnectionString);

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToExclude = [DependencyInjection.HangfireSchema],
            TablesToIgnore = ["__EFMigrationsHistory"],
        });
        await _respawner.ResetAsync(connection);
    }

    /// <summary>The database as a first start leaves it: the demonstration municipality and nothing else. A fresh copy of
    /// the run's demo template (<see cref="PostgresServer.CreateDemoDatabaseAsync"/>) under this fixture's name.</summary>
    public Task ResetAndSeedDemoDataAsync() => PostgresServer.RecreateFromDemoTemplateAsync(ConnectionString);

    public async Task InsertAsync<T>(params T[] entities) where T : class
    {
        await using var db = CreateContext();
        db.Set<T>().AddRange(entities);
        await db.SaveChangesAsync();
    }

    public async Task<TResult> QueryAsync<TResult>(Func<AppDbContext, Task<TResult>> query)
    {
        await using var db = CreateContext();
        return await query(db);
    }
}
