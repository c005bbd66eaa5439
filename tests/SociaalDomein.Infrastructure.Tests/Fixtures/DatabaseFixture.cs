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

    public AppDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString).Options);

    public IDbContextFactory<AppDbContext> ContextFactory => new Factory(this);

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

    /// <summary>An empty database filled with the demonstration municipality, as a first start would.</summary>
    public async Task ResetAndSeedDemoDataAsync()
    {
        await ResetAsync();
        await using var db = CreateContext();
        await SociaalDomein.Infrastructure.DemoData.DemoDataSeeder.SeedAsync(db);
    }

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

    private sealed class Factory(DatabaseFixture fixture) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => fixture.CreateContext();
    }
}
