using Hangfire;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>Recomputes the stored provider figures of every year and filter (<see cref="ProviderFigureStore.RefreshAllAsync"/>).
/// Queued after every succeeded import of assignments or claims, and scheduled nightly (<see cref="Jobs.RecurringJobs"/>) so a
/// change that lost its job (a process that died) is caught up.</summary>
public sealed class ProviderRecomputeJob(ProviderFigureStore store)
{
    public const string RecurringId = "aanbiedercijfers";

    [AutomaticRetry(Attempts = 1)]
    public Task RunAsync(CancellationToken ct) => store.RefreshAllAsync(ct);

    /// <summary>Queues a recompute. Called after the change committed, so the job sees it.</summary>
    public static void Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<ProviderRecomputeJob>(job => job.RunAsync(CancellationToken.None));
}
