using Hangfire;

namespace SociaalDomein.Infrastructure.Scenarios;

/// <summary>Recomputes the stored scenario figures (<see cref="ScenarioFigureStore.RefreshAsync"/>). Queued after every
/// change to a deficit component, prudence margin, target path, measure or realisation; not scheduled on its own.</summary>
public sealed class ScenarioRecomputeJob(ScenarioFigureStore store)
{
    public Task RunAsync(CancellationToken ct) => store.RefreshAsync(ct);

    /// <summary>Queues a recompute. Called after the change committed, so the job sees it.</summary>
    public static void Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<ScenarioRecomputeJob>(job => job.RunAsync(CancellationToken.None));
}
