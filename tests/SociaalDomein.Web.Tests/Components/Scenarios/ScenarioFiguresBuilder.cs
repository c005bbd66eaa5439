using SociaalDomein.Domain.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>Scenario figures for a component test, built by <see cref="ScenarioFigures.Build"/> from a few years,
/// scenarios and measures, as the recompute job builds them from the database.</summary>
public sealed class ScenarioFiguresBuilder
{
    private readonly Dictionary<int, decimal> _baseline = [];
    private readonly Dictionary<int, decimal> _margin = [];
    private readonly List<(ScenarioInput, string)> _scenarios = [];
    private readonly List<MeasureFigures> _measures = [];

    public ScenarioFiguresBuilder Year(int year, decimal baseline, decimal? margin = null)
    {
        _baseline[year] = baseline;
        if (margin is { } m)
        {
            _margin[year] = m;
        }

        return this;
    }

    public ScenarioFiguresBuilder Scenario(string name, bool indicative = false)
    {
        var rank = _scenarios.Count + 1;
        _scenarios.Add((new ScenarioInput(rank, rank, name, indicative), $"Beschrijving van {name}"));
        return this;
    }

    /// <summary>A measure whose yields (null = PM) and costs start in the first year.</summary>
    public ScenarioFiguresBuilder Measure(string code, string firstScenario, decimal?[] yields, decimal[]? costs = null)
    {
        var first = _scenarios.Single(s => s.Item1.Name == firstScenario).Item1;
        var years = _baseline.Keys.Order().ToList();
        _measures.Add(new MeasureFigures(
            code, $"Maatregel {code}", null, first.Rank, first.Name, "Eigenaar", MeasureStatus.Adopted, null, null, false, 1,
            yields.Select((y, i) => new MeasureYearFigure(years[i], y, costs?[i] ?? 0m)).ToList(),
            []));
        return this;
    }

    /// <summary>A realised yield of a measure added before, in one quarter.</summary>
    public ScenarioFiguresBuilder Realised(string code, int year, int quarter, decimal amount)
    {
        var i = _measures.FindIndex(m => m.Code == code);
        _measures[i] = _measures[i] with
        {
            Realisations = [.. _measures[i].Realisations, new RealisationFigure(year, quarter, amount, "Toelichting", DateTimeOffset.UnixEpoch, "controller")],
        };
        return this;
    }

    public ScenarioFigures Build() =>
        ScenarioFigures.Build(_baseline, _margin, _scenarios, _measures, new Dictionary<(int, int), decimal>());

    /// <summary>Three years, the four scenarios of the plan and four measures: W1 with implementation costs, W3, W4
    /// (first in Hervormen) and S1 (PM).</summary>
    public static ScenarioFiguresBuilder Plan() => new ScenarioFiguresBuilder()
        .Year(2018, -10_482_000m, 1_000_000m)
        .Year(2019, -9_000_000m, 2_000_000m)
        .Year(2020, -9_300_000m, 2_500_000m)
        .Scenario("Doorgaan")
        .Scenario("Optimaliseren")
        .Scenario("Hervormen")
        .Scenario("Herstructureren", indicative: true)
        .Measure("W1", "Optimaliseren", [250_000m, 250_000m, 250_000m], [0m, 125_000m, 125_000m])
        .Measure("W3", "Optimaliseren", [2_700_000m, 1_400_000m, 1_400_000m])
        .Measure("W4", "Hervormen", [0m, 0m, 600_000m])
        .Measure("S1", "Optimaliseren", [null, null, null]);
}
