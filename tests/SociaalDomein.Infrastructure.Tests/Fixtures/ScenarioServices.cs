using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Infrastructure.Tests.Fixtures;

/// <summary>A clock standing still at a chosen moment.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The scenario services on one test database, sharing a clock and a job client that records what was queued.</summary>
public sealed class ScenarioServices
{
    public ScenarioServices(DatabaseFixture fixture, DateTimeOffset? now = null)
    {
        Clock = new FixedClock(now ?? new DateTimeOffset(2019, 8, 15, 10, 0, 0, TimeSpan.Zero));
        Store = new ScenarioFigureStore(fixture.ContextFactory, Clock);
        Scenarios = new ScenarioService(fixture.ContextFactory, Store, Clock);
        Measures = new MeasureService(fixture.ContextFactory, Clock, Jobs);
        Components = new DeficitComponentService(fixture.ContextFactory, Clock, Jobs);
    }

    public FixedClock Clock { get; }
    public RecordingJobClient Jobs { get; } = new();
    public ScenarioFigureStore Store { get; }
    public ScenarioService Scenarios { get; }
    public MeasureService Measures { get; }
    public DeficitComponentService Components { get; }

    /// <summary>How many scenario recomputes were queued.</summary>
    public int RecomputesQueued => Jobs.Enqueued.Count(j => j.Type == typeof(ScenarioRecomputeJob));
}
