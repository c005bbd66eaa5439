using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>Computes and stores the forecasts and accuracy a user most likely opens (<see cref="ForecastFigureStore.RefreshAllAsync"/>).
/// Queued after every succeeded import of actuals, claims or assignments and after the demo data is seeded, and scheduled
/// nightly (<see cref="Jobs.RecurringJobs"/>): the accuracy uses everything known "today", and a change that lost its job (a
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

    /// <summary>Queues a recompute. Called after the change committed, so the job sees it.</summary>
    public static void Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<ForecastRecomputeJob>(job => job.RunAsync(CancellationToken.None));
}
