using Hangfire;

namespace SociaalDomein.Infrastructure.Scenarios;

/// <summary>Recomputes the stored scenario figures (<see cref="ScenarioFigureStore.RefreshAsync"/>). Queued after every
/// change to a deficit component, prudence margin, target path, measure or realisation; not scheduled on its own.</summary>
public sealed class ScenarioRecomputeJob(ScenarioFigureStore store)
{
    public Task RunAsync(CancellationToken ct) => store.RefreshAsync(ct);

    /// <summary>Queues a recompute. Called after the change committed, so the job sees it.</summary>
    public static void Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<ScenarioRecomputeJob>(job => job.RunAsync(CancellationToken.None));

    /// <summary>Saves an edit of the scenario input and queues the recompute after the commit; null when a concurrent
    /// change made the database refuse it (<see cref="Editing.Edits.TrySaveAsync"/>).</summary>
    internal static async Task<Editing.ChangeResult?> SaveAndQueueAsync(Microsoft.EntityFrameworkCore.DbContext db, IBackgroundJobClient jobs, CancellationToken ct)
    {
        if (!await Editing.Edits.TrySaveAsync(db, ct))
        {
            return null;
        }

        Enqueue(jobs);
        return Editing.ChangeResult.Done;
    }
}
