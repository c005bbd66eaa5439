using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Infrastructure.Jobs;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Jobs;

public class DatabaseMaintenanceJobTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    /// <summary>How often each table was analysed by hand (ANALYZE; autovacuum's analyses are counted elsewhere).</summary>
    private async Task<Dictionary<string, long>> AnalyzeCountsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT relname, analyze_count FROM pg_stat_user_tables WHERE schemaname = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    [Fact]
    public async Task Running_the_job_analyses_every_application_table()
    {
        await fixture.ResetAsync();
        var before = await AnalyzeCountsAsync();

        await new DatabaseMaintenanceJob(fixture.ContextFactory).RunAsync(CancellationToken.None);

        var after = await AnalyzeCountsAsync();
        Assert.True(after["BudgetLines"] > before.GetValueOrDefault("BudgetLines"), "BudgetLines is niet geanalyseerd.");
        var modelTables = await fixture.QueryAsync(db =>
            Task.FromResult(db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList()));
        Assert.Contains("BudgetLineYears", modelTables);
        Assert.All(modelTables, table => Assert.True(after[table] > before.GetValueOrDefault(table), $"{table} is niet geanalyseerd."));
    }

    [Fact]
    public async Task The_job_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DatabaseMaintenanceJob(fixture.ContextFactory).RunAsync(cancelled.Token));
    }
}
