using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Infrastructure.Database;

namespace SociaalDomein.Infrastructure.Tests.Database;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task A_configured_database_that_does_not_answer_is_reported_naming_the_setting()
    {
        var configuration = new ConfigurationManager();
        configuration["ConnectionStrings:SociaalDomein"] = "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x";

        var error = await Assert.ThrowsAsync<StartupException>(() => DatabaseStartup.PrepareAsync(configuration, NullLogger.Instance));

        Assert.Contains("ConnectionStrings:SociaalDomein", error.Message);
        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
    }

    [Fact]
    public async Task A_configured_connection_string_that_cannot_be_read_is_reported_naming_the_setting()
    {
        var configuration = new ConfigurationManager();
        configuration["ConnectionStrings:SociaalDomein"] = "Host=127.0.0.1;Geen=sleutel";

        var error = await Assert.ThrowsAsync<StartupException>(() => DatabaseStartup.PrepareAsync(configuration, NullLogger.Instance));

        Assert.Contains("ConnectionStrings:SociaalDomein", error.Message);
        Assert.Contains("geen geldige", error.Message);
    }

    [Fact]
    public async Task Without_a_connection_string_the_local_server_starts_in_the_configured_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "sociaaldomein-dbst-" + Guid.NewGuid().ToString("N")[..12]);
        var configuration = new ConfigurationManager();
        configuration["Database:DataDirectory"] = root;
        LocalPostgresServer? server = null;
        try
        {
            server = await DatabaseStartup.PrepareAsync(configuration, NullLogger.Instance);

            Assert.NotNull(server);
            Assert.Equal(root, server.DataDirectory);
            Assert.Equal(server.ConnectionString, configuration.GetConnectionString("SociaalDomein"));
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString("SociaalDomein"));
            await connection.OpenAsync();
            Assert.Equal(LocalPostgresServer.DatabaseName, connection.Database);
        }
        finally
        {
            if (server is not null)
            {
                await server.StopAsync();
            }

            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
