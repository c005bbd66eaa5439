using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Jobs;

/// <summary>Refreshes PostgreSQL's planner statistics of the application tables, so queries stay fast after large
/// imports. Runs nightly (RecurringJobs) and can be started from the Hangfire dashboard.</summary>
public sealed class DatabaseMaintenanceJob(IDbContextFactory<AppDbContext> contexts)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tables = db.Model.GetEntityTypes()
            .Select(t => (Schema: t.GetSchema() ?? "public", Table: t.GetTableName()))
            .Where(t => t.Table is not null)
            .Distinct();
        foreach (var (schema, table) in tables)
        {
            // Names come from the EF model, never from users.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"ANALYZE \"{schema}\".\"{table}\"", ct);
#pragma warning restore EF1002
        }
    }
}
