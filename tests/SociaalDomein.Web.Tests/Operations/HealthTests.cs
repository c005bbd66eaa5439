using System.Net;
using System.Text.Json;
using Npgsql;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_200_when_database_and_job_storage_answer_and_503_when_the_database_is_gone()
    {
        await using var app = new AppFactory();
        await ((IAsyncLifetime)app).InitializeAsync();
        var client = app.Client();

        var healthy = await client.GetAsync("/health");
        var body = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["database", "taken"], body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());

        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var unhealthy = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
    }
}
