using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Infrastructure.Database;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Providers;
using Testcontainers.PostgreSql;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>
/// The one PostgreSQL server of a test run: a Testcontainers container when a Docker engine answers, otherwise a
/// throwaway server from the machine's PostgreSQL binaries (about 1.5 s to start). Each test class gets a database
/// of its own on it (see <see cref="DatabaseFixture"/>), so classes can run in parallel. A database with the demonstration
/// data is a copy of a template seeded once per run: seeding takes seconds (some 424,000 claims), a copy a fraction.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _adminConnectionString;
    private static string? _demoTemplate;

    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _adminConnectionString ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> StartAsync()
    {
        if (DockerEngineAnswers())
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").WithCommand("-c", "max_connections=400").Build(); // many test apps at once
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return container.GetConnectionString();
        }

        var server = await LocalPostgresServer.StartThrowawayAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        return server.ConnectionStringFor("postgres");
    }

    /// <summary>A cheap look for a Docker engine: DOCKER_HOST, or the usual socket accepting a connection.</summary>
    private static bool DockerEngineAnswers()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix) => await CreateAsync(prefix, template: null);

    /// <summary>Creates a migrated database holding the demonstration municipality (as a first start of the app would
    /// leave it) with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDemoDatabaseAsync(string prefix) => await CreateAsync(prefix, await DemoTemplateAsync());

    /// <summary>Replaces the database of <paramref name="connectionString"/> by a fresh copy of the demonstration
    /// template, under the same name. Idle pooled connections to it are closed first; any still open are ended.</summary>
    public static async Task RecreateFromDemoTemplateAsync(string connectionString)
    {
        var template = await DemoTemplateAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        await ExecuteAsync($"""CREATE DATABASE "{name}" TEMPLATE "{template}" """);
    }

    private static async Task<string> CreateAsync(string prefix, string? template)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await ExecuteAsync(template is null ? $"""CREATE DATABASE "{name}" """ : $"""CREATE DATABASE "{name}" TEMPLATE "{template}" """);
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The name of the template: migrated, seeded by <see cref="DemoDataSeeder"/> and with the provider figures
    /// the app's first job stores, made at its first use in this process, then left without connections (PostgreSQL copies a template only while nobody is connected to it).</summary>
    private static async Task<string> DemoTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_demoTemplate is null)
            {
                var connectionString = await CreateAsync("demo_template", template: null);
                var contexts = new ContextFactory(connectionString);
                await using (var db = contexts.CreateDbContext())
                {
                    await db.Database.MigrateAsync();
                    await DemoDataSeeder.SeedAsync(db);
                }

                // What the recompute the app queues after seeding stores: the provider figures without a filter.
                var store = new ProviderFigureStore(contexts, TimeProvider.System);
                var years = (await store.YearRangeAsync())!.Value;
                await store.RefreshAsync(ProviderFilter.All, years.First, years.Last);

                await using (var pooled = new NpgsqlConnection(connectionString))
                {
                    NpgsqlConnection.ClearPool(pooled);
                }

                _demoTemplate = new NpgsqlConnectionStringBuilder(connectionString).Database;
            }

            return _demoTemplate!;
        }
        finally
        {
            TemplateGate.Release();
        }
    }
}

/// <summary>Contexts on one test database.</summary>
public sealed class ContextFactory(string connectionString) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);
}
