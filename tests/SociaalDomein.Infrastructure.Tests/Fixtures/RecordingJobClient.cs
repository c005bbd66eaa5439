using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>Records what would go to Hangfire; the tests run jobs themselves.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Enqueued { get; } = [];

    public string Create(Job job, IState state)
    {
        lock (Enqueued)
        {
            Enqueued.Add(job);
            return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
