using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SociaalDomein.Infrastructure.Database;

/// <summary>Decides which PostgreSQL the app uses, before anything else needs it.</summary>
public static class DatabaseStartup
{
    public const string ConnectionStringName = "SociaalDomein";
    public const string DataDirectoryKey = "Database:DataDirectory";

    /// <summary>
    /// With ConnectionStrings:SociaalDomein configured: checks that it answers (retrying briefly, for a database that
    /// is still starting) and returns no local server. Without: starts the embedded local server and writes its
    /// connection string into the configuration. Failures throw <see cref="StartupException"/>.
    /// </summary>
    public static async Task<LocalPostgresServer?> PrepareAsync(IConfigurationManager configuration, ILogger logger, CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await WaitUntilAnswersAsync(configured, logger, ct);
            return null;
        }

        var dataDirectory = configuration[DataDirectoryKey];
        var server = await LocalPostgresServer.StartAsync(
            string.IsNullOrWhiteSpace(dataDirectory) ? LocalPostgresServer.DefaultDataDirectory() : dataDirectory, logger, ct: ct);
        configuration[$"ConnectionStrings:{ConnectionStringName}"] = server.ConnectionString;
        return server;
    }

    private static async Task WaitUntilAnswersAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 };
        }
        catch (ArgumentException ex)
        {
            throw new StartupException(
                $"ConnectionStrings:{ConnectionStringName} is geen geldige PostgreSQL-verbindingsreeks: {ex.Message}", ex);
        }

        var where = $"{builder.Host}:{builder.Port}, database '{builder.Database}', gebruiker '{builder.Username}'";
        Exception? last = null;
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or ArgumentException)
            {
                last = ex;
                if (ex is PostgresException { SqlState: "28P01" or "28000" or "3D000" })
                {
                    break; // wrong password, no access, no such database: waiting will not help
                }

                logger.LogWarning("Database {Where} antwoordt nog niet (poging {Attempt}): {Reason}", where, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }

        throw new StartupException(
            $"De database uit ConnectionStrings:{ConnectionStringName} ({where}) antwoordt niet: {last?.Message} " +
            "Controleer of die PostgreSQL-server draait en bereikbaar is en of gebruiker, wachtwoord en databasenaam kloppen, " +
            $"of laat ConnectionStrings:{ConnectionStringName} weg om de ingebouwde lokale database te gebruiken.", last);
    }
}
