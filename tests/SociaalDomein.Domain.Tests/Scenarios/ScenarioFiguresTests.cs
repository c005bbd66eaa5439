using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Scenarios;

namespace SociaalDomein.Domain.Tests.Scenarios;

public class ScenarioFiguresTests
{
    private static readonly (ScenarioInput, string)[] Plan =
    [
        (new ScenarioInput(1, 1, "Doorgaan", false), ""),
        (new ScenarioInput(2, 2, "Optimaliseren", false), ""),
        (new ScenarioInput(3, 3, "Hervormen", false), ""),
        (new ScenarioInput(4, 4, "Herstructureren", true), ""),
    ];

    private static readonly Dictionary<int, decimal> Baseline = new() { [2018] = -10_000m, [2019] = -9_000m, [2020] = -8_000m };

    internal static MeasureFigures Measure(string code, int firstRank, params (int Year, decimal? Yield, decimal Cost)[] years) =>
        new(code, "Maatregel " + code, BudgetDomain.Wmo, firstRank, firstRank == 2 ? "Optimaliseren" : "Hervormen", null, MeasureStatus.Adopted,
            null, null, false, 1, years.Select(y => new MeasureYearFigure(y.Year, y.Yield, y.Cost)).ToList(), []);

    private static ScenarioFigures Build(params MeasureFigures[] measures) =>
        ScenarioFigures.Build(Baseline, new Dictionary<int, decimal> { [2018] = 500m }, Plan, measures,
            new Dictionary<(int, int), decimal> { [(4, 2019)] = -2_000m });

    [Fact]
    public void The_lines_follow_the_calculator_and_list_their_measures()
    {
        var figures = Build(
            Measure("W1", 2, (2018, 100m, 10m), (2019, 200m, 0m)),
            Measure("W4", 3, (2020, 1_000m, 0m)));

        Assert.Equal([2018, 2019, 2020], figures.Years);
        Assert.Equal([-10_000m, -9_000m, -8_000m], figures.Baseline);
        Assert.Equal([500m, null, null], figures.PrudenceMargin);
        Assert.Equal([-10_000m, -9_000m, -8_000m], figures.Scenario("Doorgaan")!.Deficits);
        Assert.Equal([-9_910m, -8_800m, -8_000m], figures.Scenario("Optimaliseren")!.Deficits);
        Assert.Equal([-9_910m, -8_800m, -7_000m], figures.Scenario("Hervormen")!.Deficits);
        Assert.Equal(["W1"], figures.Scenario("Optimaliseren")!.Measures);
        Assert.Equal(["W1", "W4"], figures.Scenario("Hervormen")!.Measures);
        Assert.Empty(figures.Scenario("Doorgaan")!.Measures);
    }

    [Fact]
    public void An_indicative_scenario_follows_its_hand_entered_path_and_aims_at_zero_elsewhere()
    {
        var figures = Build(Measure("W1", 2, (2018, 100m, 0m)));

        var path = figures.Scenario("Herstructureren")!;
        Assert.True(path.Indicative);
        Assert.Equal([0m, -2_000m, 0m], path.Deficits);
        Assert.Empty(path.Measures);
    }

    [Fact]
    public void A_withdrawn_measure_counts_nowhere_but_stays_listed()
    {
        var withdrawn = Measure("W2", 2, (2018, 5_000m, 0m)) with { Retired = true };

        var figures = Build(Measure("W1", 2, (2018, 100m, 0m)), withdrawn);

        Assert.Equal(-9_900m, figures.Scenario("Optimaliseren")!.Deficits[0]);
        Assert.DoesNotContain("W2", figures.Scenario("Optimaliseren")!.Measures);
        Assert.NotNull(figures.Measure("W2"));
        Assert.Equal(figures.Baseline, figures.CustomDeficits([("W2", 0)]));
    }

    [Fact]
    public void A_custom_scenario_of_a_plan_scenarios_measures_equals_that_scenario()
    {
        var figures = Build(
            Measure("W1", 2, (2018, 100m, 10m), (2019, 200m, 0m)),
            Measure("J1", 2, (2019, null, 30m), (2020, 50m, 0m)),
            Measure("W4", 3, (2020, 1_000m, 0m)));

        foreach (var line in figures.Scenarios.Where(s => !s.Indicative))
        {
            Assert.Equal(line.Deficits, figures.CustomDeficits(line.Measures.Select(code => (code, 0))));
        }
    }

    [Fact]
    public void Switching_a_measure_off_differs_by_exactly_its_yield_minus_its_costs()
    {
        var figures = Build(Measure("W1", 2, (2018, 250m, 0m), (2019, 250m, 125m), (2020, 250m, 125m)), Measure("W2", 2, (2019, 100m, 0m)));

        var withoutW1 = figures.CustomDeficits([("W2", 0)]);

        var optimaliseren = figures.Scenario("Optimaliseren")!.Deficits;
        Assert.Equal([250m, 125m, 125m], optimaliseren.Select((d, i) => d - withoutW1[i]));
    }

    [Theory]
    [InlineData(0, new[] { -9_900, -8_800, -7_700 })]
    [InlineData(1, new[] { -10_000, -8_900, -7_800 })] // 2018's yield lands in 2019, 2019's in 2020, 2020's falls out
    [InlineData(2, new[] { -10_000, -9_000, -7_900 })]
    [InlineData(3, new[] { -10_000, -9_000, -8_000 })]
    public void A_measure_started_later_moves_its_yields_and_costs_by_whole_years(int shift, int[] expected)
    {
        var figures = Build(Measure("W1", 2, (2018, 100m, 0m), (2019, 200m, 0m), (2020, 400m, 100m)));

        Assert.Equal(expected.Select(e => (decimal)e), figures.CustomDeficits([("W1", shift)]));
    }

    [Fact]
    public void An_unknown_measure_in_a_custom_scenario_is_ignored()
    {
        var figures = Build(Measure("W1", 2, (2018, 100m, 0m)));

        Assert.Equal(figures.Baseline, figures.CustomDeficits([("X9", 0)]));
    }

    [Fact]
    public void Contributions_are_shares_of_the_gap_and_of_what_the_measures_close()
    {
        var figures = Build(
            Measure("W1", 2, (2018, 2_700m, 0m), (2019, 0m, 0m)), // net 2.700
            Measure("J1", 2, (2019, 400m, 100m)),                 // net 300
            Measure("W4", 3, (2020, 1_000m, 0m)));

        var contributions = figures.Contributions("Optimaliseren");

        Assert.Equal(["W1", "J1"], contributions.Select(c => c.Code));
        var w1 = contributions[0];
        Assert.Equal(2_700m, w1.Net);
        Assert.Equal(2_700m / 27_000m, w1.ShareOfGap);
        Assert.Equal(0.9m, w1.ShareOfClosed);
        Assert.Equal(0.1m, contributions[1].ShareOfClosed);
        Assert.Empty(figures.Contributions("Herstructureren"));
        Assert.Empty(figures.Contributions("Doorgaan"));
    }

    [Fact]
    public void Without_a_baseline_there_are_no_years()
    {
        var figures = ScenarioFigures.Build(new Dictionary<int, decimal>(), new Dictionary<int, decimal>(), Plan, [], new Dictionary<(int, int), decimal>());

        Assert.Empty(figures.Years);
        Assert.All(figures.Scenarios, s => Assert.Empty(s.Deficits));
    }
}
