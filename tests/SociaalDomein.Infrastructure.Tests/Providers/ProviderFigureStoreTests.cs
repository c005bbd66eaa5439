using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>The SQL of <see cref="ProviderFigureStore"/> against its oracle, <see cref="ProviderCalculator"/>, on generated
/// data; amounts compared to the cent (the SQL prorates with at least 16 significant digits, .NET decimal with 28),
/// fractions to six decimals, counts exactly.</summary>
public sealed class ProviderFigureStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly FixedClock _clock = new(DateTimeOffset.UtcNow);

    private ProviderFigureStore Store() => new(fixture.ContextFactory, _clock);

    public static TheoryData<string> Filters => ["", "wet:Wmo", "wet:Jeugdwet", "product:02A06", "product:45A48", "wet:Wmo;product:02A07"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_SQL_figures_equal_the_calculator_for_every_year_on_generated_data(string filterKey)
    {
        await fixture.ResetAsync();
        var data = ProviderTestData.Generate(seed: 10);
        await data.InsertAsync(fixture);
        Assert.True(ProviderFilter.TryParse(filterKey, out var filter));

        var (sets, _) = await Store().ComputeAsync(filter, 2015, 2020);

        var assignments = data.AssignmentInputs.ToList();
        var claims = data.ClaimInputs.ToList();
        var totals = 0;
        for (var year = 2015; year <= 2020; year++)
        {
            var expected = ProviderCalculator.Calculate(year, assignments, claims, filter, data.Register);
            Assert.Equal(ProviderTestData.Lines(expected), ProviderTestData.Lines(sets[year]));
            var (alone, _) = await Store().ComputeAsync(filter, year, year); // as on request: only the claims of the year and the one before read
            Assert.Equal(ProviderTestData.Lines(expected), ProviderTestData.Lines(alone[year]));
            totals += expected.Providers.Sum(p => p.Reentries) > 0 ? 1 : 0;
        }

        Assert.True(totals > 0, "the generated data has no re-entries at all");
    }

    [Fact]
    public async Task The_generated_data_exercises_every_rule()
    {
        await fixture.ResetAsync();
        var data = ProviderTestData.Generate(seed: 10);
        await data.InsertAsync(fixture);

        var (sets, _) = await Store().ComputeAsync(ProviderFilter.All, 2015, 2020);

        var providers = sets.Values.SelectMany(s => s.Providers).ToList();
        Assert.True(sets[2018].Total.Clients > 100);
        Assert.Contains(providers, p => p.Reentries > 0);
        Assert.Contains(providers, p => p.Outflow > 0 && p.MedianTrajectoryDays is not null);
        Assert.Contains(providers, p => p.Type is null && p.Expenditure > 0);                  // the provider not in the register
        Assert.Contains(providers, p => p.Name == ProviderCalculator.DefaultName("78008008"));
        var approved = data.Claims.Where(c => c.Status == ClaimStatus.Approved).ToList();
        Assert.Contains(approved, c => c.PeriodStart.Year < c.PeriodEnd.Year);                  // prorated over two years
        Assert.Contains(approved, c => c.PeriodStart.Month != c.PeriodEnd.Month && c.PeriodStart.Year == c.PeriodEnd.Year);
        Assert.Contains(sets.Values, s => s.Top5.Agbs.Count == 5 && s.Top5.ShareOfGrowth is > 0);
        Assert.All(sets.Values, s => Assert.Equal(6, s.Types.Count));
        var trajectories = ProviderCalculator.Trajectories(data.AssignmentInputs.Where(a => ProviderCalculator.IsCare(a.Start, a.End)));
        Assert.True(trajectories.Count < data.Assignments.Count(a => ProviderCalculator.IsCare(a.StartDate, a.EndDate)), "no assignments merged");
    }

    [Fact]
    public async Task Refreshing_stores_every_year_and_filter_with_the_input_version_and_reading_serves_the_stored_set()
    {
        await fixture.ResetAsync();
        var data = ProviderTestData.Generate(seed: 3, clients: 60);
        await data.InsertAsync(fixture);
        await AddInputChangeAsync();

        await Store().RefreshAllAsync();

        var rows = await fixture.QueryAsync(db => db.ProviderFigureSets.Select(s => new { s.Year, s.Filter, s.InputVersion }).ToListAsync());
        var first = Math.Min(data.Assignments.Min(a => a.StartDate.Year), data.Claims.Min(c => c.PeriodStart.Year));
        var last = Math.Max(data.Assignments.Max(a => a.StartDate.Year), data.Claims.Max(c => c.PeriodEnd.Year));
        Assert.Equal(Enumerable.Range(first, last - first + 1), rows.Where(r => r.Filter == "").Select(r => r.Year).Order());
        Assert.Equal(["", "product:02A06", "product:02A07", "product:02A09", "product:45A48", "wet:Jeugdwet", "wet:Participatiewet", "wet:Wmo"],
            rows.Select(r => r.Filter).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(1, r.InputVersion));

        var read = await Store().ReadAsync(2018, new ProviderFilter(Law.Wmo));
        Assert.False(read.RecomputePending);
        Assert.NotNull(read.ComputedAt);
        Assert.Equal(ProviderTestData.Lines(ProviderCalculator.Calculate(2018, data.AssignmentInputs, data.ClaimInputs, new ProviderFilter(Law.Wmo), data.Register)),
            ProviderTestData.Lines(read.Set));
        Assert.Equal(["02A06", "02A07", "02A09", "45A48"], await Store().ProductCodesAsync());
    }

    [Fact]
    public async Task After_a_change_the_stored_set_is_served_as_pending_and_recomputed_when_its_job_is_more_than_a_minute_late()
    {
        await fixture.ResetAsync();
        var data = ProviderTestData.Generate(seed: 4, clients: 40);
        await data.InsertAsync(fixture);
        await Store().RefreshAllAsync();
        var before = await Store().ReadAsync(2018, ProviderFilter.All);

        var extra = ProviderTestData.NewAssignment(ProviderTestData.Key("nieuw"), "71001001", Law.Wmo, "02A06", new DateOnly(2018, 2, 1), null);
        await fixture.InsertAsync(extra);
        await AddInputChangeAsync();

        _clock.Now = DateTimeOffset.UtcNow;
        var pending = await Store().ReadAsync(2018, ProviderFilter.All);
        Assert.True(pending.RecomputePending);
        Assert.Equal(before.Set.Total.Clients, pending.Set.Total.Clients);

        _clock.Now = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        var fresh = await Store().ReadAsync(2018, ProviderFilter.All);
        Assert.False(fresh.RecomputePending);
        Assert.Equal(before.Set.Total.Clients + 1, fresh.Set.Total.Clients);
    }

    [Fact]
    public async Task A_set_from_older_input_never_replaces_one_from_newer_input()
    {
        await fixture.ResetAsync();
        var newer = new ProviderYearSet(2018, [], [], Empty, new TopGrowers([], 0, 0, null));
        var older = newer with { Total = Empty with { Clients = 99 } };

        await Store().StoreAsync(ProviderFilter.All, [newer], 5, DateTimeOffset.UtcNow, default);
        await Store().StoreAsync(ProviderFilter.All, [older], 4, DateTimeOffset.UtcNow, default);

        var stored = await fixture.QueryAsync(db => db.ProviderFigureSets.SingleAsync());
        Assert.Equal(5, stored.InputVersion);
        Assert.DoesNotContain("99", stored.FiguresJson);
    }

    [Fact]
    public async Task A_year_outside_the_data_is_computed_for_the_request_but_not_stored()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(ProviderTestData.NewAssignment(ProviderTestData.Key("k"), "71001001", Law.Wmo, "02A06", new DateOnly(2017, 2, 1), null));

        var later = await Store().ReadAsync(2021, ProviderFilter.All);

        Assert.Equal(1, later.Set.Total.Clients); // the open assignment still runs
        Assert.Null(later.ComputedAt);
        Assert.Equal([2017], later.Years);
        Assert.DoesNotContain(2021, await fixture.QueryAsync(db => db.ProviderFigureSets.Select(s => s.Year).ToListAsync()));
    }

    [Fact]
    public async Task A_recompute_removes_the_years_no_longer_in_the_data_and_reading_offers_the_stored_years()
    {
        await fixture.ResetAsync();
        var early = ProviderTestData.NewAssignment(ProviderTestData.Key("a"), "71001001", Law.Wmo, "02A06", new DateOnly(2016, 3, 1), new DateOnly(2016, 6, 30));
        var later = ProviderTestData.NewAssignment(ProviderTestData.Key("b"), "71001001", Law.Wmo, "02A06", new DateOnly(2018, 2, 1), null);
        await fixture.InsertAsync(early);
        await fixture.InsertAsync(later);
        await Store().RefreshAllAsync();
        Assert.Equal([2016, 2017, 2018], (await Store().ReadAsync(2018, ProviderFilter.All)).Years);

        await fixture.QueryAsync(db => db.Assignments.Where(a => a.Id == early.Id).ExecuteDeleteAsync());
        await AddInputChangeAsync();
        await Store().RefreshAllAsync();

        Assert.Equal([2018], (await Store().ReadAsync(2018, ProviderFilter.All)).Years);
        Assert.Equal([2018], (await Store().ReadAllYearsAsync(new ProviderFilter(Law.Wmo))).Sets.Select(s => s.Year));
        Assert.Equal([2018], await fixture.QueryAsync(db => db.ProviderFigureSets.Select(s => s.Year).Distinct().ToListAsync()));

        await fixture.QueryAsync(db => db.Assignments.ExecuteDeleteAsync());
        await AddInputChangeAsync();
        await Store().RefreshAllAsync();
        Assert.Empty(await fixture.QueryAsync(db => db.ProviderFigureSets.ToListAsync()));
        Assert.Empty((await Store().ReadAllYearsAsync(ProviderFilter.All)).Sets);
    }

    [Fact]
    public async Task Without_assignments_or_claims_there_are_no_years_and_an_empty_set()
    {
        await fixture.ResetAsync();

        var read = await Store().ReadAsync(2019, ProviderFilter.All);

        Assert.Empty(read.Years);
        Assert.Empty(read.Set.Providers);
        Assert.Equal(0, read.Set.Total.Clients);
        Assert.Empty((await Store().ReadAllYearsAsync(ProviderFilter.All)).Sets);
    }

    private static readonly ProviderGroupFigures Empty = new(null, 0, 0, null, 0m, null, null, 0, 0, null);

    private Task AddInputChangeAsync() => fixture.QueryAsync(async db =>
    {
        InputChanges.Add(db, DateTimeOffset.UtcNow, "import test", StoredAnalysis.Providers);
        return await db.SaveChangesAsync();
    });
}
