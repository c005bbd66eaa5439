using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>Computes and stores the forecasts and accuracy a user most likely opens (<see cref="ForecastFigureStore.RefreshAllAsync"/>).
/// Scheduled <see cref="Delay"/> after every succeeded import of actuals, claims or assignments (the stacking and provider
/// recomputes, which pages need at once, go first; until it has run a reader computes on request), and nightly (<see cref="Jobs.RecurringJobs"/>): the accuracy uses everything known "today", and a change that lost its job (a
/// process that died) is caught up. A change by a person (budget, claim group, method) makes the stored figures stale; the
/// next reader computes them (docs/domain.md §7).</summary>
public sealed class ForecastRecomputeJob(ForecastFigureStore store, ILogger<ForecastRecomputeJob> logger)
{
    public const string RecurringId = "prognoses";

    [AutomaticRetry(Attempts = 1)]
    public async Task RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var refresh = await store.RefreshAllAsync(ct);
        logger.LogInformation("Prognoses berekend: {Forecasts} maandeinden van {Year} en de nauwkeurigheid van {Lines} posten in {Seconds:F1} s",
            refresh.AsOf.Count, refresh.Year, refresh.AccuracyLines, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>How long after an import the recompute starts. On two cores the job's ~35 s of CPU would otherwise compete with
    /// the recomputes the pages read at once (stacking, providers); seeding the demo schedules none (the nightly run and the
    /// first reader fill the store).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(2);

    /// <summary>Schedules a recompute after <see cref="Delay"/>. Called after the change committed, so the job sees it.</summary>
    public static void Schedule(IBackgroundJobClient jobs) => jobs.Schedule<ForecastRecomputeJob>(job => job.RunAsync(CancellationToken.None), Delay);
}
