using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.DemoData;

/// <summary>The demonstration data reproduces Bijlage 1 of Zwolle's Interventieplan sociaal domein
/// (docs/sources.md: Interventieplan 2018), which prints every figure rounded to € 1.000.</summary>
public class DemoDataSeederTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static long Thousands(decimal euros) => (long)Math.Round(euros / 1000m, MidpointRounding.AwayFromZero);

    private static (long Budget, long Actual, long Balance) Printed(BudgetFigures figures) =>
        (Thousands(figures.Budget), Thousands(figures.Actual), Thousands(figures.Balance));

    private async Task<BudgetTable> SeededTableAsync(int year)
    {
        await fixture.ResetAsync();
        await using (var db = fixture.CreateContext())
        {
            Assert.True(await DemoDataSeeder.SeedAsync(db));
        }

        var table = await new BudgetService(fixture.ContextFactory).TableAsync(year);
        Assert.NotNull(table);
        return table;
    }

    [Theory]
    [InlineData(2015, BudgetDomain.BeschermdWonen, 58637, 58637, 0)]
    [InlineData(2016, BudgetDomain.BeschermdWonen, 57861, 57861, 0)]
    [InlineData(2017, BudgetDomain.BeschermdWonen, 63034, 63033, 0)]
    [InlineData(2015, BudgetDomain.Wmo, 50289, 46711, 3578)]
    [InlineData(2016, BudgetDomain.Wmo, 43615, 43787, -172)]
    [InlineData(2017, BudgetDomain.Wmo, 45318, 48538, -3220)]
    [InlineData(2015, BudgetDomain.Jeugd, 36099, 35735, 364)]
    [InlineData(2016, BudgetDomain.Jeugd, 34803, 34678, 125)]
    [InlineData(2017, BudgetDomain.Jeugd, 36102, 38548, -2446)]
    [InlineData(2015, BudgetDomain.Participatie, 24012, 23265, 748)]
    [InlineData(2016, BudgetDomain.Participatie, 21315, 20828, 487)]
    [InlineData(2017, BudgetDomain.Participatie, 23177, 23229, -52)]
    [InlineData(2015, BudgetDomain.Bijstand, 9016, 9190, -173)]
    [InlineData(2016, BudgetDomain.Bijstand, 6877, 6242, 635)]
    [InlineData(2017, BudgetDomain.Bijstand, 7377, 7123, 254)]
    [InlineData(2015, BudgetDomain.Armoede, 8492, 8578, -86)]
    [InlineData(2016, BudgetDomain.Armoede, 7693, 7538, 155)]
    [InlineData(2017, BudgetDomain.Armoede, 7969, 7702, 267)]
    public async Task Every_domain_subtotal_rounds_to_the_printed_figure(int year, BudgetDomain domain, long budget, long actual, long balance)
    {
        var table = await SeededTableAsync(year);

        var subtotal = table[domain];
        Assert.NotNull(subtotal);
        Assert.Equal((budget, actual, balance), Printed(subtotal.Subtotal));
    }

    [Theory]
    [InlineData(2015, 186546, 182115, 4430)]
    [InlineData(2016, 172164, 170935, 1230)]
    [InlineData(2017, 182977, 188173, -5196)]
    public async Task The_grand_total_rounds_to_the_printed_figure(int year, long budget, long actual, long balance)
    {
        var table = await SeededTableAsync(year);

        Assert.Equal((budget, actual, balance), Printed(table.Total));
        Assert.Equal(
            [BudgetDomain.BeschermdWonen, BudgetDomain.Wmo, BudgetDomain.Jeugd, BudgetDomain.Participatie, BudgetDomain.Bijstand, BudgetDomain.Armoede],
            table.Domains.Select(d => d.Domain));
    }

    [Theory]
    [InlineData(2017, BudgetDomain.Wmo, "Individuele begeleiding (IB)", 9985, 13439, -3454)]
    [InlineData(2015, BudgetDomain.BeschermdWonen, "Reservemutaties", 0, 49, -49)]
    [InlineData(2017, BudgetDomain.BeschermdWonen, "Reservemutaties", 0, 5513, -5513)]
    [InlineData(2016, BudgetDomain.Wmo, "Reservemutaties", 0, 38, -38)]
    [InlineData(2017, BudgetDomain.Wmo, "Eigen bijdrage", -2688, -1823, -865)]
    [InlineData(2017, BudgetDomain.Jeugd, "Licht verstandelijke beperking (LVB)", 9509, 11727, -2218)]
    [InlineData(2015, BudgetDomain.Jeugd, "Jeugd en opvoeding (J&O)", 15233, 11031, 4201)]
    [InlineData(2016, BudgetDomain.Wmo, "Individuele begeleiding (IB)", 10393, 11479, -1087)]
    [InlineData(2017, BudgetDomain.Participatie, "Participatie", 6444, 6594, -149)]
    [InlineData(2015, BudgetDomain.Wmo, "Individuele voorzieningen", 8044, 6884, 1161)]
    public async Task Lines_round_to_the_printed_figures(int year, BudgetDomain domain, string line, long budget, long actual, long balance)
    {
        var table = await SeededTableAsync(year);

        var found = Assert.Single(table[domain]!.Lines, l => l.Line == line);
        Assert.Equal((budget, actual, balance), Printed(found.Figures));
    }

    /// <summary>Every line of Bijlage 1 as printed (× € 1.000): per year 2015, 2016, 2017 (budget, actual, balance);
    /// the same table as LINES in tools/reconstruct_bijlage1.py.</summary>
    private static readonly (BudgetDomain Domain, string Line, (long Budget, long Actual, long Balance)[] Years)[] PrintedLines =
    [
        (BudgetDomain.BeschermdWonen, "Beschermd wonen (BW)", [(61920, 61770, 150), (59723, 59810, -87), (66317, 60539, 5777)]),
        (BudgetDomain.BeschermdWonen, "Eigen bijdrage", [(-3283, -3182, -101), (-2883, -2925, 42), (-3283, -3019, -264)]),
        (BudgetDomain.BeschermdWonen, "Reservemutaties", [(0, 49, -49), (1021, 976, 45), (0, 5513, -5513)]),
        (BudgetDomain.Wmo, "Dagbesteding", [(4649, 3934, 715), (3574, 3243, 332), (4119, 3778, 341)]),
        (BudgetDomain.Wmo, "Eigen bijdrage", [(-2928, -2057, -871), (-3016, -2928, -88), (-2688, -1823, -865)]),
        (BudgetDomain.Wmo, "Huishoudelijke hulp (HH)", [(11886, 9782, 2104), (7720, 7392, 328), (8084, 7354, 730)]),
        (BudgetDomain.Wmo, "Individuele begeleiding (IB)", [(9263, 8791, 472), (10393, 11479, -1087), (9985, 13439, -3454)]),
        (BudgetDomain.Wmo, "Individuele voorzieningen", [(8044, 6884, 1161), (7404, 7328, 76), (7189, 7191, -2)]),
        (BudgetDomain.Wmo, "Opvang", [(15063, 14917, 147), (13816, 13597, 219), (13669, 13321, 347)]),
        (BudgetDomain.Wmo, "Reservemutaties", [(290, 1018, -728), (0, 38, -38), (-137, 313, -450)]),
        (BudgetDomain.Wmo, "Overig Wmo", [(4020, 3442, 579), (3725, 3639, 86), (5097, 4965, 132)]),
        (BudgetDomain.Jeugd, "Jeugd-GGZ", [(6066, 8328, -2262), (8022, 7936, 86), (6430, 7802, -1372)]),
        (BudgetDomain.Jeugd, "Jeugd en opvoeding (J&O)", [(15233, 11031, 4201), (10615, 10615, 0), (12275, 11481, 794)]),
        (BudgetDomain.Jeugd, "Licht verstandelijke beperking (LVB)", [(2903, 7237, -4334), (8785, 8785, 0), (9509, 11727, -2218)]),
        (BudgetDomain.Jeugd, "PGB Jeugd", [(5080, 4288, 792), (2512, 2487, 25), (2750, 2268, 482)]),
        (BudgetDomain.Jeugd, "AMHK (Veilig Thuis)", [(1521, 1491, 30), (1541, 1541, 0), (1572, 1620, -48)]),
        (BudgetDomain.Jeugd, "Jeugd lokaal", [(5296, 3359, 1937), (3328, 3314, 14), (3565, 3650, -84)]),
        (BudgetDomain.Participatie, "Participatie", [(5855, 5201, 654), (4923, 4803, 120), (6444, 6594, -149)]),
        (BudgetDomain.Participatie, "Sociale werkvoorziening (SW)", [(18157, 18063, 94), (16392, 16025, 367), (16733, 16635, 98)]),
        (BudgetDomain.Bijstand, "Bijstand", [(9016, 9190, -173), (6877, 6242, 635), (7377, 7123, 254)]),
        (BudgetDomain.Armoede, "Armoede", [(8492, 8578, -86), (7693, 7538, 155), (7969, 7702, 267)]),
    ];

    [Fact]
    public async Task Every_line_of_every_year_rounds_to_its_printed_figure()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var budgets = new BudgetService(fixture.ContextFactory);
        var mismatches = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var year = 2015 + i;
            var table = await budgets.TableAsync(year);
            Assert.NotNull(table);
            Assert.Equal(PrintedLines.Length, table.Domains.Sum(d => d.Lines.Count));
            foreach (var (domain, line, years) in PrintedLines)
            {
                var found = table[domain]?.Lines.SingleOrDefault(l => l.Line == line);
                var actual = found is null ? default((long, long, long)?) : Printed(found.Figures);
                if (actual != years[i])
                {
                    mismatches.Add($"{year} {domain.DutchName()} / {line}: afgedrukt {years[i]}, berekend {actual?.ToString() ?? "ontbreekt"}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Every_year_has_the_21_lines_of_Bijlage_1_in_their_printed_order()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var budgets = new BudgetService(fixture.ContextFactory);
        Assert.Equal(Enumerable.Range(2015, 8), await budgets.YearsAsync()); // Bijlage 1, then the multi-year estimate
        foreach (var year in Enumerable.Range(2015, 8))
        {
            var table = await budgets.TableAsync(year);
            Assert.NotNull(table);
            Assert.Equal(21, table.Domains.Sum(d => d.Lines.Count));
            Assert.Equal(
                ["Dagbesteding", "Eigen bijdrage", "Huishoudelijke hulp (HH)", "Individuele begeleiding (IB)",
                 "Individuele voorzieningen", "Opvang", "Reservemutaties", "Overig Wmo"],
                table[BudgetDomain.Wmo]!.Lines.Select(l => l.Line));
        }
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        await fixture.ResetAsync();
        await using (var db = fixture.CreateContext())
        {
            Assert.True(await DemoDataSeeder.SeedAsync(db));
        }

        var before = await CountsAsync();
        await using (var db = fixture.CreateContext())
        {
            Assert.False(await DemoDataSeeder.SeedAsync(db));
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal((1, 21, 8 * 21, 4, 17), (before.Municipalities, before.Lines, before.LineYears, before.Scenarios, before.Measures));
    }

    private Task<(int Municipalities, int Lines, int LineYears, int Scenarios, int Measures, int MeasureYears, int Components, int Margins)> CountsAsync() =>
        fixture.QueryAsync(async db => (
            await db.Municipalities.CountAsync(),
            await db.BudgetLines.CountAsync(),
            await db.BudgetLineYears.CountAsync(),
            await db.Scenarios.CountAsync(),
            await db.Measures.CountAsync(),
            await db.MeasureYears.CountAsync(),
            await db.DeficitComponents.CountAsync(),
            await db.PrudenceMargins.CountAsync()));

    [Fact]
    public async Task The_demonstration_municipality_is_based_on_Zwolle()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var municipality = await fixture.QueryAsync(db => db.Municipalities.Include(m => m.Populations).SingleAsync());
        Assert.Equal("Demogemeente (gebaseerd op Zwolle)", municipality.Name);
        Assert.True(municipality.IsDemo);
        var population = Assert.Single(municipality.Populations);
        Assert.Equal(126_138, population.Inhabitants);
    }

    [Fact]
    public async Task The_plan_has_17_measures()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var codes = await fixture.QueryAsync(db => db.Measures.Select(m => m.Code).ToListAsync());
        Assert.Equal(
            ["J1", "J2", "J3", "P1", "P2", "P3", "P4", "P5", "P6", "S1", "S2", "S3", "S4", "W1", "W2", "W3", "W4"],
            codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PM_yields_are_those_the_plan_leaves_unquantified()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var pm = await fixture.QueryAsync(db => db.MeasureYears
            .Where(y => y.Yield == null)
            .Join(db.Measures, y => y.MeasureId, m => m.Id, (y, m) => new { m.Code, y.Year })
            .ToListAsync());
        var byMeasure = pm.GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.Select(x => x.Year).Order().ToList());

        Assert.Equal(["P6", "S1", "S2", "S3", "S4"], byMeasure.Keys.Order(StringComparer.Ordinal));
        int[] planYears = [2018, 2019, 2020, 2021, 2022];
        Assert.All(new[] { "S1", "S2", "S4", "P6" }, code => Assert.Equal(planYears, byMeasure[code]));
        Assert.Equal([2018], byMeasure["S3"]);
    }

    [Fact]
    public async Task P2_to_P5_have_their_yield_included_in_P1()
    {
        await fixture.ResetAndSeedDemoDataAsync();

        var measures = await fixture.QueryAsync(db => db.Measures.Include(m => m.Years).ToListAsync());
        var included = measures.Where(m => m.YieldIncludedIn is not null).ToList();
        Assert.Equal(["P2", "P3", "P4", "P5"], included.Select(m => m.Code).Order(StringComparer.Ordinal));
        Assert.All(included, m =>
        {
            Assert.Equal("P1", m.YieldIncludedIn);
            Assert.Empty(m.Years);
        });
        Assert.Equal(718_000m, measures.Single(m => m.Code == "P1").Years.Single(y => y.Year == 2019).Yield);
    }

    [Fact]
    public async Task The_monthly_actuals_add_up_to_Bijlage_1_and_come_late_in_the_year()
    {
        await SeededTableAsync(2017);

        var rows = await fixture.QueryAsync(db => db.BudgetLineYears.Where(y => y.Actual != null)
            .Select(y => new { y.BudgetLineId, y.Year, Actual = y.Actual!.Value, Months = db.ActualMonths.Where(a => a.BudgetLineId == y.BudgetLineId && a.Year == y.Year).Select(a => a.Amount).ToList() })
            .ToListAsync());

        Assert.Equal(3 * 21, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(12, r.Months.Count);
            Assert.Equal(r.Actual, r.Months.Sum());
        });
        var ib2017 = await fixture.QueryAsync(db => db.ActualMonths.Where(a => a.Year == 2017 && db.BudgetLines.Any(l => l.Id == a.BudgetLineId && l.Code == "WMO-04"))
            .OrderBy(a => a.Month).Select(a => a.Amount).ToListAsync());
        Assert.True(ib2017[11] > ib2017[0] * 1.2m, "December carries the late claims");
    }

    [Fact]
    public async Task The_years_2018_to_2022_are_an_estimate_carrying_2017_forward()
    {
        var table2017 = await SeededTableAsync(2017);

        var table2020 = await new BudgetService(fixture.ContextFactory).TableAsync(2020);

        Assert.NotNull(table2020);
        Assert.True(table2020.IsEstimate);
        Assert.False(table2017.IsEstimate);
        Assert.Equal(table2017.Total.Original, table2020.Total.Original);
        Assert.Equal(0m, table2020.Total.Actual);
        Assert.Equal(
            Enumerable.Range(2015, 8),
            (await new BudgetService(fixture.ContextFactory).YearSummariesAsync()).Select(y => y.Year));
    }
}
