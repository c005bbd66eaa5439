using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>
/// Raises the ceiling warnings (docs/domain.md §9): for every ceiling, <see cref="WarningLevel.ThresholdReached"/> when its
/// use is at or above <see cref="ProviderSettings.WarningThresholdPercent"/> (70 % by default) and
/// <see cref="WarningLevel.ProjectedOverrun"/> when the year-end projection at the current pace exceeds it. A warning is
/// inserted with ON CONFLICT (BudgetCeilingId, Level) DO NOTHING: raised once per ceiling and level, also when two
/// instances run the job at once, and an acknowledged warning is never raised again. Runs daily
/// (<see cref="Jobs.RecurringJobs"/>), after every succeeded claims import and after every ceiling change.
/// </summary>
public sealed class ProviderWarningJob(CeilingService ceilings, ProviderSettings settings, IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Queues a run; called after the change it must see has committed.</summary>
    public static void Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<ProviderWarningJob>(job => job.RunAsync(CancellationToken.None));

    /// <summary>The levels a ceiling's status reaches at <paramref name="thresholdPercent"/>.</summary>
    public static IEnumerable<WarningLevel> Levels(CeilingStatus status, int thresholdPercent)
    {
        if (status.Spent * 100 >= status.Ceiling * thresholdPercent)
        {
            yield return WarningLevel.ThresholdReached;
        }

        if (status.Projection > status.Ceiling)
        {
            yield return WarningLevel.ProjectedOverrun;
        }
    }

    /// <summary>Evaluates every ceiling; returns how many warnings were newly raised.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var statuses = await ceilings.AllAsync(ct);
        var now = clock.GetUtcNow();
        var raised = 0;
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var status in statuses)
        {
            foreach (var level in Levels(status, settings.WarningThresholdPercent))
            {
                // A ceiling removed meanwhile has no row to refer to: the SELECT finds none and nothing is inserted.
                raised += await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "ProviderWarnings" ("BudgetCeilingId", "Level", "ThresholdPercent", "RaisedAt", "Spent", "Projection", "ProjectedDate", "Version")
                    SELECT b."Id", {(int)level}, {settings.WarningThresholdPercent}, {now}, {status.Spent}, {status.Projection}, {status.ProjectedDate}::date, 1
                    FROM "BudgetCeilings" b WHERE b."Id" = {status.CeilingId}
                    ON CONFLICT ("BudgetCeilingId", "Level") DO NOTHING
                    """, ct);
            }
        }

        return raised;
    }
}
