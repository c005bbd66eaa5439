using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Health;

/// <summary>The application database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy("Database bereikbaar.")
                : HealthCheckResult.Unhealthy("Database niet bereikbaar.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Database niet bereikbaar.", ex);
        }
    }
}

/// <summary>The Hangfire job storage answers (its tables live in the same PostgreSQL, schema hangfire).</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"Taakopslag bereikbaar; {servers} taakserver(s) actief."));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Taakopslag niet bereikbaar.", ex));
        }
    }
}
