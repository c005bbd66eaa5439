using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>The warning job: threshold and projected overrun per ceiling, raised once per ceiling and level (also by two
/// runs at once), never again once acknowledged.</summary>
public class ProviderWarningJobTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly FixedClock _clock = On("2019-12-01");

    private ProviderWarningJob Job(int threshold = 70) =>
        new(new CeilingService(fixture.ContextFactory, _clock), new ProviderSettings(threshold), fixture.ContextFactory, _clock);

    private Task<List<(int CeilingId, WarningLevel Level)>> RaisedAsync() =>
        fixture.QueryAsync(async db => (await db.ProviderWarnings.OrderBy(w => w.BudgetCeilingId).ThenBy(w => w.Level).ToListAsync())
            .Select(w => (w.BudgetCeilingId, w.Level)).ToList());

    /// <summary>Claims over the first half of 2019 (181 days): A spends € 75.000 (Wmo) and € 10.000 (Jeugdwet), B € 40.000.</summary>
    private async Task SeedAsync()
    {
        await ProvidersAsync(fixture);
        await fixture.InsertAsync(
            Claim(A, "2019-01-01", "2019-06-30", 75_000m),
            Claim(A, "2019-01-01", "2019-06-30", 10_000m, Domain.Assignments.Law.Jeugdwet, "45A48"),
            Claim(B, "2019-01-01", "2019-06-30", 40_000m));
    }

    [Fact]
    public async Task A_ceiling_used_at_the_threshold_or_projected_to_overrun_raises_each_level_with_its_figures()
    {
        await SeedAsync();
        var justBelow = Ceiling(A, 2019, 107_142.86m, Domain.Assignments.Law.Wmo);            // 75.000 / 107.142,86 < 70 %, but projected 151.243
        var atThreshold = Ceiling(A, 2019, 107_142.85m, Domain.Assignments.Law.Wmo, "02A06"); // 75.000 / 107.142,85 ≥ 70 %
        var overrunOnly = Ceiling(B, 2019, 60_000m);   // 66,7 % used, projected 80.662
        var quiet = Ceiling(A, 2019, 200_000m, Domain.Assignments.Law.Jeugdwet); // 5 %
        await fixture.InsertAsync(justBelow, atThreshold, overrunOnly, quiet);

        var raised = await Job().RunAsync(CancellationToken.None);

        Assert.Equal(4, raised);
        Assert.Equal(
            [(justBelow.Id, WarningLevel.ProjectedOverrun), (atThreshold.Id, WarningLevel.ThresholdReached), (atThreshold.Id, WarningLevel.ProjectedOverrun),
                (overrunOnly.Id, WarningLevel.ProjectedOverrun)],
            await RaisedAsync());
        var status = (await new CeilingService(fixture.ContextFactory, _clock).StatusesAsync(2019, CancellationToken.None)).Single(s => s.CeilingId == overrunOnly.Id);
        var warning = await fixture.QueryAsync(db => db.ProviderWarnings.SingleAsync(w => w.BudgetCeilingId == overrunOnly.Id));
        Assert.Equal((70, _clock.Now, status.Spent, status.Projection, status.ProjectedDate, 1),
            (warning.ThresholdPercent, warning.RaisedAt, warning.Spent, warning.Projection, warning.ProjectedDate, warning.Version));
        Assert.Null(warning.AcknowledgedAt);
    }

    [Fact]
    public async Task The_threshold_comes_from_the_settings()
    {
        await SeedAsync();
        var ceiling = Ceiling(A, 2019, 100_000m, Domain.Assignments.Law.Wmo); // 75 % used, projection 151.243 → overrun as well
        await fixture.InsertAsync(ceiling);

        await Job(threshold: 80).RunAsync(CancellationToken.None);
        Assert.Equal([(ceiling.Id, WarningLevel.ProjectedOverrun)], await RaisedAsync());

        await Job(threshold: 75).RunAsync(CancellationToken.None);
        Assert.Equal([(ceiling.Id, WarningLevel.ThresholdReached), (ceiling.Id, WarningLevel.ProjectedOverrun)], await RaisedAsync());
    }

    [Fact]
    public async Task Runs_again_and_at_once_raise_nothing_twice_and_an_acknowledged_warning_is_not_raised_again()
    {
        await SeedAsync();
        var ceiling = Ceiling(B, 2019, 50_000m); // 80 % and overrun
        await fixture.InsertAsync(ceiling);

        var together = await Task.WhenAll(Job().RunAsync(CancellationToken.None), Job().RunAsync(CancellationToken.None), Job().RunAsync(CancellationToken.None));
        Assert.Equal(2, together.Sum());
        var threshold = await fixture.QueryAsync(db => db.ProviderWarnings.SingleAsync(w => w.Level == WarningLevel.ThresholdReached));
        Assert.True((await new ProviderWarningService(fixture.ContextFactory, _clock).AcknowledgeAsync(threshold.Id, "Brief verstuurd", 1, "anna@demo")).Succeeded);

        Assert.Equal(0, await Job().RunAsync(CancellationToken.None));
        Assert.Equal([(ceiling.Id, WarningLevel.ThresholdReached), (ceiling.Id, WarningLevel.ProjectedOverrun)], await RaisedAsync());
        Assert.NotNull((await fixture.QueryAsync(db => db.ProviderWarnings.SingleAsync(w => w.Id == threshold.Id))).AcknowledgedAt);
    }
}
