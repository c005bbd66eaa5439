using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Providers;

public sealed class ProviderServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Ggz = "71001001";
    private const string Ouderen = "72002002";
    private const string Autisme = "73003003";

    private List<CeilingStatus> _ceilings = [];

    private ProviderService Service() =>
        new(fixture.ContextFactory, new ProviderFigureStore(fixture.ContextFactory, TimeProvider.System),
            (year, _) => Task.FromResult<IReadOnlyList<CeilingStatus>>(_ceilings.Where(c => c.Year == year).ToList()));

    private static byte[] Client(int n) => ProviderTestData.Key("cliënt " + n);

    /// <summary>Three providers in 2018: GGZ with 3 clients (2 in 2017), elderly care with 1 (3 in 2017), autism with 2 (0).</summary>
    private async Task SeedAsync()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(
            new Provider { Agb = Ggz, Name = "De Kern GGZ", Type = ProviderType.MentalHealthCare },
            new Provider { Agb = Ouderen, Name = "Rosa Thuiszorg", Type = ProviderType.ElderlyCare },
            new Provider { Agb = Autisme, Name = "Autisme Centrum", Type = ProviderType.Autism });
        DateOnly D(int y, int m, int d) => new(y, m, d);
        await fixture.InsertAsync(
            ProviderTestData.NewAssignment(Client(1), Ggz, Law.Wmo, "02A06", D(2017, 1, 1), null, 1950, Sex.Female),
            ProviderTestData.NewAssignment(Client(2), Ggz, Law.Wmo, "02A07", D(2017, 1, 1), null, 2005, Sex.Male),
            ProviderTestData.NewAssignment(Client(3), Ggz, Law.Jeugdwet, "45A48", D(2018, 3, 1), D(2018, 9, 30), 2010, Sex.Male),
            ProviderTestData.NewAssignment(Client(4), Ouderen, Law.Wmo, "02A06", D(2017, 1, 1), null, null, null),
            ProviderTestData.NewAssignment(Client(5), Ouderen, Law.Wmo, "02A06", D(2017, 1, 1), D(2017, 12, 31)),
            ProviderTestData.NewAssignment(Client(6), Ouderen, Law.Wmo, "02A06", D(2017, 1, 1), D(2017, 12, 31)),
            ProviderTestData.NewAssignment(Client(7), Autisme, Law.Jeugdwet, "45A48", D(2018, 1, 1), null),
            ProviderTestData.NewAssignment(Client(8), Autisme, Law.Jeugdwet, "45A48", D(2018, 1, 1), null),
            ProviderTestData.NewAssignment(Client(9), Autisme, Law.Jeugdwet, "45A48", D(2018, 5, 1), D(2018, 5, 1))); // revoked
        var original = ProviderTestData.NewClaim(Client(1), Ggz, Law.Wmo, "02A06", D(2018, 1, 1), D(2018, 1, 31), 600m);
        await fixture.InsertAsync(original,
            ProviderTestData.NewClaim(Client(2), Ggz, Law.Wmo, "02A07", D(2018, 1, 1), D(2018, 1, 31), 400m),
            ProviderTestData.NewClaim(Client(4), Ouderen, Law.Wmo, "02A06", D(2018, 1, 1), D(2018, 1, 31), 250m));
        await fixture.InsertAsync(ProviderTestData.NewClaim(Client(1), Ggz, Law.Wmo, "02A06", D(2018, 1, 1), D(2018, 1, 31), -600m, creditOf: original.Id));
    }

    [Fact]
    public async Task The_overview_pages_sorts_and_counts_on_the_server()
    {
        await SeedAsync();

        var first = await Service().OverviewAsync(new ProviderQuery(2018, SortBy: "clients", Descending: true, PageSize: 2), default);
        var second = await Service().OverviewAsync(new ProviderQuery(2018, SortBy: "clients", Descending: true, Page: 1, PageSize: 2), default);

        Assert.Equal(3, first.TotalRows);
        Assert.Equal([Ggz, Autisme], first.Rows.Select(r => r.Figures.Agb));
        Assert.Equal([Ouderen], second.Rows.Select(r => r.Figures.Agb));
        Assert.Equal([2017, 2018], first.Years);
        Assert.Equal(6, first.Total!.Clients);
        Assert.Equal([Autisme, Ggz], first.Top5!.Agbs);
        Assert.Equal(["Autisme Centrum", "De Kern GGZ"], first.Top5Figures.Select(f => f.Name));
        Assert.Equal(["02A06", "02A07", "45A48"], first.ProductCodes);
        Assert.False(first.RecomputePending);
    }

    [Theory]
    [InlineData("clientsGrowth", true, new[] { Ggz, Ouderen, Autisme })]   // 0.5, −2/3, then no growth (null) last
    [InlineData("clientsGrowth", false, new[] { Ouderen, Ggz, Autisme })]  // null last either way
    [InlineData("name", false, new[] { Autisme, Ggz, Ouderen })]
    [InlineData("expenditure", true, new[] { Ggz, Ouderen, Autisme })]      // 400 (600 credited), 250, 0
    [InlineData("geen-kolom", true, new[] { Ggz, Ouderen, Autisme })]       // unknown: client growth
    public async Task The_overview_sorts_by_any_column_with_empty_values_last(string column, bool descending, string[] expected)
    {
        await SeedAsync();

        var overview = await Service().OverviewAsync(new ProviderQuery(2018, SortBy: column, Descending: descending), default);

        Assert.Equal(expected, overview.Rows.Select(r => r.Figures.Agb));
    }

    [Fact]
    public async Task The_overview_filters_by_type_searches_name_and_agb_and_keeps_the_type_table_whole()
    {
        await SeedAsync();

        var ggz = await Service().OverviewAsync(new ProviderQuery(2018, Type: ProviderType.MentalHealthCare), default);
        var byName = await Service().OverviewAsync(new ProviderQuery(2018, Search: "thuiszorg"), default);
        var byAgb = await Service().OverviewAsync(new ProviderQuery(2018, Search: "7300"), default);

        Assert.Equal([Ggz], ggz.Rows.Select(r => r.Figures.Agb));
        Assert.Equal(3, ggz.Types.Single(t => t.Type == ProviderType.MentalHealthCare).Clients);
        Assert.Equal(2, ggz.Types.Single(t => t.Type == ProviderType.Autism).Clients);
        Assert.Equal([Ouderen], byName.Rows.Select(r => r.Figures.Agb));
        Assert.Equal([Autisme], byAgb.Rows.Select(r => r.Figures.Agb));
    }

    [Fact]
    public async Task The_law_and_product_filters_read_the_figures_of_that_filter()
    {
        await SeedAsync();

        var jeugd = await Service().OverviewAsync(new ProviderQuery(2018, Law: Law.Jeugdwet), default);
        var product = await Service().OverviewAsync(new ProviderQuery(2018, ProductCode: "02A07"), default);

        Assert.Equal([(Ggz, 1), (Autisme, 2)], jeugd.Rows.Select(r => (r.Figures.Agb, r.Figures.Clients)).OrderBy(r => r.Agb));
        Assert.Equal((Ggz, 1, 400m), product.Rows.Select(r => (r.Figures.Agb, r.Figures.Clients, r.Figures.Expenditure)).Single());
    }

    [Fact]
    public async Task Ceilings_are_summed_per_provider_with_their_use_and_an_open_warning_shows()
    {
        await SeedAsync();
        var ceiling = new BudgetCeiling { ProviderAgb = Ggz, Year = 2018, Amount = 1_000m };
        await fixture.InsertAsync(ceiling, new BudgetCeiling { ProviderAgb = Ggz, Year = 2018, Law = Law.Jeugdwet, Amount = 500m });
        await fixture.InsertAsync(new ProviderWarning { BudgetCeilingId = ceiling.Id, Level = WarningLevel.ThresholdReached, ThresholdPercent = 70 });
        _ceilings =
        [
            new CeilingStatus(ceiling.Id, Ggz, 2018, null, null, 1_000m, 800m, new DateOnly(2018, 6, 30), 1_600m, new DateOnly(2018, 8, 1)),
            new CeilingStatus(ceiling.Id + 1, Ggz, 2018, Law.Jeugdwet, null, 500m, 100m, new DateOnly(2018, 6, 30), 200m, null),
        ];

        var overview = await Service().OverviewAsync(new ProviderQuery(2018, SortBy: "ceilingUsed"), default);

        var ggz = overview.Rows[0];
        Assert.Equal((Ggz, 1_500m, 0.6m, true), (ggz.Figures.Agb, ggz.Ceiling, ggz.CeilingUsed, ggz.HasOpenWarning));
        Assert.All(overview.Rows.Skip(1), r => Assert.Equal((null, null, false), (r.Ceiling, r.CeilingUsed, r.HasOpenWarning)));
    }

    [Fact]
    public async Task The_detail_has_the_years_the_product_mix_and_the_client_profile()
    {
        await SeedAsync();

        var detail = await Service().DetailAsync(Ggz, default);

        Assert.NotNull(detail);
        Assert.Equal("De Kern GGZ", detail.Provider.Name);
        Assert.Equal([2017, 2018], detail.FigureYears);
        Assert.Equal([2, 3], detail.Years.Select(y => y.Clients));
        Assert.Contains(new ProductMixEntry(2018, "02A06", "Product 02A06", 1, 0m), detail.ProductMix);
        Assert.Contains(new ProductMixEntry(2018, "02A07", "Product 02A07", 1, 400m), detail.ProductMix);
        Assert.Contains(new ProductMixEntry(2018, "45A48", "Product 45A48", 1, 0m), detail.ProductMix);
        Assert.Equal(
            [new ClientProfileEntry(2018, "0-17", "M", 2), new ClientProfileEntry(2018, "66-80", "V", 1)],
            detail.ClientProfile.Where(p => p.Year == 2018));
        Assert.Equal([new ClientProfileEntry(2018, "onbekend", "onbekend", 1)],
            (await Service().DetailAsync(Ouderen, default))!.ClientProfile.Where(p => p.Year == 2018));
        Assert.Null(await Service().DetailAsync("99999999", default));
    }

    [Fact]
    public async Task Assignments_and_claims_are_paged_and_show_only_a_short_pseudonymous_client_reference()
    {
        await SeedAsync();

        var assignments = await Service().AssignmentsAsync(Ggz, 0, 2, default);
        var claims = await Service().ClaimsAsync(Ggz, 0, 10, default);

        Assert.Equal(3, assignments.TotalCount);
        Assert.Equal(2, assignments.Items.Count);
        Assert.Equal(new DateOnly(2018, 3, 1), assignments.Items[0].Start);
        Assert.Equal(Convert.ToHexString(Client(3))[..8].ToLowerInvariant(), assignments.Items[0].ClientRef);
        Assert.Equal(3, claims.TotalCount);
        Assert.Single(claims.Items, c => c.IsCredit && c.Amount == -600m);
        Assert.All(claims.Items, c => Assert.Equal(8, c.ClientRef.Length));
        Assert.Single((await Service().AssignmentsAsync(Ggz, 1, 2, default)).Items);
    }
}
