using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Scenarios;

/// <summary>The stored figures: computed once when missing, stale after a change until the job ran, never replaced by a
/// set computed from older input.</summary>
public class ScenarioFigureStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static MeasureDraft Yield(decimal amount) => new("W9", "Proef", "Wmo", "Optimaliseren", null, null, null,
        [new MeasureYearDraft(2019, amount, 0m)]);

    [Fact]
    public async Task The_first_read_computes_and_stores_the_figures()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);

        var read = await services.Store.ReadAsync();

        Assert.False(read.RecomputePending);
        Assert.Equal(services.Clock.Now, read.ComputedAt);
        Assert.Equal([2017, 2018, 2019, 2020, 2021, 2022], read.Figures.Years);
        Assert.Equal(1, await fixture.QueryAsync(db => db.ScenarioFigureSets.CountAsync()));
    }

    [Fact]
    public async Task After_a_change_the_page_keeps_the_old_figures_marked_pending_until_the_job_ran()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        var before = await services.Store.ReadAsync();

        await services.Measures.AddAsync(Yield(1_000_000m), "controller");
        var pending = await services.Store.ReadAsync();
        services.Clock.Now = services.Clock.Now.AddMinutes(1);
        await new ScenarioRecomputeJob(services.Store).RunAsync(CancellationToken.None);
        var fresh = await services.Store.ReadAsync();

        Assert.True(pending.RecomputePending);
        Assert.Equal(before.Figures.Scenario("Optimaliseren")!.Deficits, pending.Figures.Scenario("Optimaliseren")!.Deficits);
        Assert.False(fresh.RecomputePending);
        Assert.Equal(services.Clock.Now, fresh.ComputedAt);
        Assert.Equal(before.Figures.Scenario("Optimaliseren")!.Deficits[2] + 1_000_000m, fresh.Figures.Scenario("Optimaliseren")!.Deficits[2]);
    }

    [Fact]
    public async Task A_set_computed_from_older_input_never_replaces_a_newer_one()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        var (old, oldVersion) = await services.Store.ComputeAsync(); // a slow job that read before the change…
        await services.Measures.AddAsync(Yield(1_000_000m), "controller");
        await services.Store.RefreshAsync(); // …finishes after the job that saw the change

        await services.Store.StoreAsync(old, oldVersion, CancellationToken.None);

        var read = await services.Store.ReadAsync();
        Assert.False(read.RecomputePending);
        Assert.Equal(old.Scenario("Optimaliseren")!.Deficits[2] + 1_000_000m, read.Figures.Scenario("Optimaliseren")!.Deficits[2]);
    }

    [Fact]
    public async Task Recomputes_racing_after_quick_changes_end_with_the_figures_of_the_latest()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        await services.Store.ReadAsync();
        var baseline = (await services.Store.ComputeAsync()).Figures.Scenario("Optimaliseren")!.Deficits[2];

        var version = 1;
        var racing = new List<Task>();
        foreach (var amount in new[] { 100_000m, 200_000m, 300_000m })
        {
            var change = amount == 100_000m
                ? await services.Measures.AddAsync(Yield(amount), "controller")
                : await services.Measures.UpdateAsync("W9", Yield(amount), version++, "controller");
            Assert.True(change.Succeeded, change.Message);
            racing.Add(Task.Run(() => services.Store.RefreshAsync())); // a recompute per change, racing each other
        }

        racing.AddRange(Enumerable.Range(0, 4).Select(_ => services.Store.RefreshAsync()));
        await Task.WhenAll(racing); // none may outlive the test and write into the next one's database
        var read = await services.Store.ReadAsync();
        Assert.False(read.RecomputePending);
        Assert.Equal(baseline + 300_000m, read.Figures.Scenario("Optimaliseren")!.Deficits[2]);
    }

    [Fact]
    public async Task A_change_whose_recompute_never_came_is_computed_by_the_reader_after_a_minute()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        var before = await services.Store.ReadAsync();
        await services.Measures.AddAsync(Yield(1_000_000m), "controller"); // its queued job is lost

        services.Clock.Now += ScenarioFigureStore.RecomputeGrace - TimeSpan.FromSeconds(1);
        var stillWaiting = await services.Store.ReadAsync();
        services.Clock.Now += TimeSpan.FromSeconds(2);
        var recovered = await services.Store.ReadAsync();

        Assert.True(stillWaiting.RecomputePending);
        Assert.False(recovered.RecomputePending);
        Assert.Equal(before.Figures.Scenario("Optimaliseren")!.Deficits[2] + 1_000_000m, recovered.Figures.Scenario("Optimaliseren")!.Deficits[2]);
    }

    [Fact]
    public async Task An_empty_database_has_empty_figures()
    {
        await fixture.ResetAsync();

        var read = await new ScenarioServices(fixture).Store.ReadAsync();

        Assert.Empty(read.Figures.Years);
        Assert.Empty(read.Figures.Measures);
    }
}
