using SociaalDomein.Domain.Scenarios;

namespace SociaalDomein.Domain.Tests.Scenarios;

public class ScenarioCalculatorTests
{
    private static readonly ScenarioInput Doorgaan = new(11, 1, "Doorgaan", false);
    private static readonly ScenarioInput Optimaliseren = new(12, 2, "Optimaliseren", false);
    private static readonly ScenarioInput Hervormen = new(13, 3, "Hervormen", false);
    private static readonly ScenarioInput Herstructureren = new(14, 4, "Herstructureren", true);
    private static readonly ScenarioInput[] AllScenarios = [Doorgaan, Optimaliseren, Hervormen, Herstructureren];

    private static readonly Dictionary<int, decimal> Baseline2018 = new() { [2018] = -10_500_000m };

    /// <summary>In 2018: W1 (from Optimaliseren) yields 250k at 100k cost, J1 (Optimaliseren) 50k, W4 (from Hervormen)
    /// 500k at 20k cost, and a measure from rank 2 in another year that must not count.</summary>
    private static readonly MeasureInput[] Measures =
    [
        new("W1", 2, 2018, 250_000m, 100_000m),
        new("J1", 2, 2018, 50_000m, 0m),
        new("W4", 3, 2018, 500_000m, 20_000m),
        new("W2", 2, 2019, 9_999_999m, 0m),
    ];

    private static ScenarioDeficit For(IEnumerable<ScenarioDeficit> deficits, ScenarioInput scenario, int year) =>
        Assert.Single(deficits, d => d.ScenarioId == scenario.Id && d.Year == year);

    [Theory]
    [InlineData(1, -10_500_000)]                                  // Doorgaan: no measures
    [InlineData(2, -10_500_000 + 250_000 + 50_000 - 100_000)]     // + W1, J1 − W1's costs
    [InlineData(3, -10_500_000 + 250_000 + 50_000 + 500_000 - 100_000 - 20_000)] // + W4 and its costs
    public void A_scenario_adds_the_yields_and_subtracts_the_costs_of_the_measures_up_to_its_rank(int rank, decimal expected)
    {
        var scenario = AllScenarios.Single(s => s.Rank == rank);

        var deficits = ScenarioCalculator.Calculate(Baseline2018, [scenario], Measures);

        var deficit = Assert.Single(deficits);
        Assert.Equal(expected, deficit.Deficit);
        Assert.Equal(2018, deficit.Year);
        Assert.Equal(scenario.Id, deficit.ScenarioId);
        Assert.Equal(scenario.Name, deficit.Scenario);
        Assert.False(deficit.IsIndicative);
    }

    [Fact]
    public void The_first_scenario_without_measures_equals_the_baseline()
    {
        var baseline = new Dictionary<int, decimal> { [2018] = -10_500_000m, [2019] = -9_000_000m, [2020] = -9_300_000m };

        var deficits = ScenarioCalculator.Calculate(baseline, [Doorgaan], []);

        Assert.Equal(baseline.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)), deficits.Select(d => (d.Year, d.Deficit)));
        Assert.All(deficits, d => Assert.Equal(0, d.PmMeasures));
    }

    [Fact]
    public void Measures_of_later_scenarios_do_not_touch_the_first_one()
    {
        var deficits = ScenarioCalculator.Calculate(Baseline2018, AllScenarios, Measures);

        Assert.Equal(-10_500_000m, For(deficits, Doorgaan, 2018).Deficit);
    }

    [Theory]
    [InlineData(0, 0, -1_000_000)]
    [InlineData(300_000, 0, -700_000)]
    [InlineData(300_000, 125_000, -825_000)]
    [InlineData(0, 125_000, -1_125_000)]
    public void Implementation_costs_are_subtracted_from_the_yield(decimal yield, decimal cost, decimal expected)
    {
        var deficits = ScenarioCalculator.Calculate(
            new Dictionary<int, decimal> { [2019] = -1_000_000m }, [Optimaliseren], [new MeasureInput("W1", 2, 2019, yield, cost)]);

        Assert.Equal(expected, Assert.Single(deficits).Deficit);
    }

    [Fact]
    public void A_PM_yield_counts_as_zero_and_is_counted()
    {
        MeasureInput[] measures =
        [
            new("S1", 2, 2018, null, 0m),
            new("S2", 2, 2018, null, 0m),
            new("S3", 2, 2018, null, 0m),
            new("W1", 2, 2018, 250_000m, 0m),
            new("S4", 2, 2019, null, 0m), // another year
            new("X9", 3, 2018, null, 0m), // a later scenario
        ];

        var deficits = ScenarioCalculator.Calculate(Baseline2018, [Doorgaan, Optimaliseren, Hervormen], measures);

        var optimaliseren = For(deficits, Optimaliseren, 2018);
        Assert.Equal(-10_250_000m, optimaliseren.Deficit);
        Assert.Equal(3, optimaliseren.PmMeasures);
        Assert.Equal(4, For(deficits, Hervormen, 2018).PmMeasures);
        Assert.Equal(-10_250_000m, For(deficits, Hervormen, 2018).Deficit);
        Assert.Equal(0, For(deficits, Doorgaan, 2018).PmMeasures);
    }

    [Fact]
    public void A_PM_measure_still_has_its_implementation_costs_subtracted()
    {
        var deficits = ScenarioCalculator.Calculate(Baseline2018, [Optimaliseren], [new MeasureInput("S2", 2, 2018, null, 40_000m)]);

        var deficit = Assert.Single(deficits);
        Assert.Equal(-10_540_000m, deficit.Deficit);
        Assert.Equal(1, deficit.PmMeasures);
    }

    [Fact]
    public void An_indicative_scenario_shows_zero_whatever_its_measures()
    {
        var baseline = new Dictionary<int, decimal> { [2018] = -10_500_000m, [2019] = -9_000_000m };
        MeasureInput[] measures = [new("S1", 2, 2018, null, 0m), new("W1", 4, 2018, 250_000m, 10_000m), new("W2", 1, 2019, 1_000m, 0m)];

        var deficits = ScenarioCalculator.Calculate(baseline, AllScenarios, measures);

        var herstructureren = deficits.Where(d => d.ScenarioId == Herstructureren.Id).ToList();
        Assert.Equal([2018, 2019], herstructureren.Select(d => d.Year));
        Assert.All(herstructureren, d =>
        {
            Assert.Equal(0m, d.Deficit);
            Assert.True(d.IsIndicative);
            Assert.Equal(0, d.PmMeasures);
            Assert.Equal("Herstructureren", d.Scenario);
        });
        Assert.All(deficits.Where(d => d.ScenarioId != Herstructureren.Id), d => Assert.False(d.IsIndicative));
    }

    [Fact]
    public void The_years_are_those_of_the_baseline()
    {
        var baseline = new Dictionary<int, decimal> { [2020] = -3m, [2018] = -1m, [2019] = -2m };
        MeasureInput[] measures = [new("W1", 2, 2017, 100m, 0m), new("W1", 2, 2019, 5m, 0m), new("W1", 2, 2023, 100m, 0m)];

        var deficits = ScenarioCalculator.Calculate(baseline, [Optimaliseren], measures);

        Assert.Equal([(2018, -1m), (2019, 3m), (2020, -3m)], deficits.Select(d => (d.Year, d.Deficit)));
    }

    [Fact]
    public void An_empty_baseline_gives_no_deficits()
    {
        var deficits = ScenarioCalculator.Calculate(new Dictionary<int, decimal>(), AllScenarios, Measures);

        Assert.Empty(deficits);
    }

    [Fact]
    public void Results_are_ordered_by_scenario_rank_then_year()
    {
        var baseline = new Dictionary<int, decimal> { [2019] = -9m, [2018] = -10m };

        var deficits = ScenarioCalculator.Calculate(baseline, [Herstructureren, Doorgaan, Hervormen, Optimaliseren], []);

        Assert.Equal(
            [(1, 2018), (1, 2019), (2, 2018), (2, 2019), (3, 2018), (3, 2019), (4, 2018), (4, 2019)],
            deficits.Select(d => (AllScenarios.Single(s => s.Id == d.ScenarioId).Rank, d.Year)));
    }
}
