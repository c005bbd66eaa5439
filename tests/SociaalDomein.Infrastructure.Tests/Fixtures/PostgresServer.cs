using System.Net.Sockets;
using Npgsql;
using SociaalDomein.Infrastructure.Database;
using Testcontainers.PostgreSql;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>
/// The one PostgreSQL server of a test run: a Testcontainers container when a Docker engine answers, otherwise a
/// throwaway server from the machine's PostgreSQL binaries (about 1.5 s to start). Each test class gets a database
/// of its own on it (see <see cref="DatabaseFixture"/>), so classes can run in parallel.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;

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
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
