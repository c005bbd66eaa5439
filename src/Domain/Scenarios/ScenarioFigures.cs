using SociaalDomein.Domain.Budgets;

namespace SociaalDomein.Domain.Scenarios;

/// <summary>A measure's projected yield (null = PM) and one-off implementation cost in one year.</summary>
public sealed record MeasureYearFigure(int Year, decimal? Yield, decimal ImplementationCost);

/// <summary>A realised yield of one quarter, as a controller recorded it.</summary>
public sealed record RealisationFigure(int Year, int Quarter, decimal Amount, string Explanation, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A measure as the scenario figures were computed from it.</summary>
public sealed record MeasureFigures(
    string Code,
    string Title,
    BudgetDomain? Domain,
    int FirstScenarioRank,
    string FirstScenario,
    string? Owner,
    MeasureStatus Status,
    string? Note,
    string? YieldIncludedIn,
    bool Retired,
    int Version,
    IReadOnlyList<MeasureYearFigure> Years,
    IReadOnlyList<RealisationFigure> Realisations)
{
    /// <summary>The projected yield in a year: null when PM, 0 when the measure has nothing in that year.</summary>
    public decimal? YieldIn(int year) => Years.FirstOrDefault(y => y.Year == year) is { } y ? y.Yield : 0m;

    public decimal CostIn(int year) => Years.FirstOrDefault(y => y.Year == year)?.ImplementationCost ?? 0m;

    /// <summary>What the measure does to the deficit in a year: yield (PM counts as 0) minus implementation cost.</summary>
    public decimal NetIn(int year) => (YieldIn(year) ?? 0m) - CostIn(year);

    public bool IsPmIn(int year) => Years.Any(y => y.Year == year && y.Yield is null);
}

/// <summary>One scenario's line: the deficit per year (aligned with <see cref="ScenarioFigures.Years"/>), the number of
/// PM measures per year and the codes of its measures. An indicative scenario's deficits are its target path.</summary>
public sealed record ScenarioLine(
    int Rank, string Name, string Description, bool Indicative, IReadOnlyList<decimal> Deficits, IReadOnlyList<int> PmMeasures, IReadOnlyList<string> Measures);

/// <summary>One measure's share in closing the gap over the whole prognosis period (docs/domain.md §8).</summary>
public sealed record MeasureContribution(string Code, string Title, decimal Net, decimal? ShareOfGap, decimal? ShareOfClosed);

/// <summary>
/// Everything the scenario page and <c>GET /api/scenarios</c> show, computed in one go from the components, the
/// measures and the realisations, and stored as one set by the recompute job (docs/domain.md §8). Per-year lists are
/// aligned with <see cref="Years"/>. A custom scenario and the "what does it yield" table are pure functions of this set,
/// so they always agree with the figures on screen.
/// </summary>
public sealed record ScenarioFigures(
    IReadOnlyList<int> Years,
    IReadOnlyList<decimal> Baseline,
    IReadOnlyList<decimal?> PrudenceMargin,
    IReadOnlyList<ScenarioLine> Scenarios,
    IReadOnlyList<MeasureFigures> Measures)
{
    public static readonly ScenarioFigures Empty = new([], [], [], [], []);

    /// <summary>Computes the set. <paramref name="indicativePath"/> holds the hand-entered target of an indicative
    /// scenario per (scenario id, year); a year without one aims at 0 (balance).</summary>
    public static ScenarioFigures Build(
        IReadOnlyDictionary<int, decimal> baselineByYear,
        IReadOnlyDictionary<int, decimal> marginByYear,
        IReadOnlyList<(ScenarioInput Scenario, string Description)> scenarios,
        IReadOnlyList<MeasureFigures> measures,
        IReadOnlyDictionary<(int ScenarioId, int Year), decimal> indicativePath)
    {
        var years = baselineByYear.Keys.Order().ToList();
        var active = measures.Where(m => !m.Retired).ToList();
        var inputs = active.SelectMany(m => m.Years.Select(y => new MeasureInput(m.Code, m.FirstScenarioRank, y.Year, y.Yield, y.ImplementationCost))).ToList();
        var deficits = ScenarioCalculator.Calculate(baselineByYear, scenarios.Select(s => s.Scenario), inputs);
        var lines = scenarios.OrderBy(s => s.Scenario.Rank).Select(s =>
        {
            var ofScenario = deficits.Where(d => d.ScenarioId == s.Scenario.Id).ToDictionary(d => d.Year);
            return new ScenarioLine(
                s.Scenario.Rank,
                s.Scenario.Name,
                s.Description,
                s.Scenario.IsIndicative,
                years.Select(y => s.Scenario.IsIndicative ? indicativePath.GetValueOrDefault((s.Scenario.Id, y)) : ofScenario[y].Deficit).ToList(),
                years.Select(y => ofScenario[y].PmMeasures).ToList(),
                s.Scenario.IsIndicative ? [] : active.Where(m => m.FirstScenarioRank <= s.Scenario.Rank).Select(m => m.Code).ToList());
        }).ToList();
        return new ScenarioFigures(
            years,
            years.Select(y => baselineByYear[y]).ToList(),
            years.Select(y => marginByYear.TryGetValue(y, out var margin) ? margin : (decimal?)null).ToList(),
            lines,
            measures);
    }

    /// <summary>The position of a year in the per-year lists; -1 when the prognosis does not cover it.</summary>
    public int YearIndex(int year)
    {
        for (var i = 0; i < Years.Count; i++)
        {
            if (Years[i] == year)
            {
                return i;
            }
        }

        return -1;
    }

    public ScenarioLine? Scenario(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public MeasureFigures? Measure(string code) => Measures.FirstOrDefault(m => string.Equals(m.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The deficit per year of a custom scenario (eigen scenario): the baseline plus, for every chosen measure that is
    /// not withdrawn, its net effect (yield − implementation cost) moved <c>ShiftYears</c> later. A yield moved past the
    /// last year falls out of the period; years before the measure's first year get nothing.
    /// </summary>
    public IReadOnlyList<decimal> CustomDeficits(IEnumerable<(string Code, int ShiftYears)> chosen)
    {
        var deficits = Baseline.ToArray();
        foreach (var (code, shift) in chosen)
        {
            if (Measure(code) is not { Retired: false } measure)
            {
                continue;
            }

            for (var i = 0; i < Years.Count; i++)
            {
                deficits[i] += measure.NetIn(Years[i] - shift);
            }
        }

        return deficits;
    }

    /// <summary>Per measure of a (non-indicative) scenario: its net effect over all years, as a share of the gap
    /// (the baseline deficits summed, as a positive number) and of what all the scenario's measures close together.
    /// A share is null when what it divides by is not positive.</summary>
    public IReadOnlyList<MeasureContribution> Contributions(string scenario)
    {
        if (Scenario(scenario) is not { Indicative: false } line)
        {
            return [];
        }

        var gap = -Baseline.Sum();
        var nets = line.Measures.Select(code => Measure(code)!).Select(m => (m, Net: Years.Sum(m.NetIn))).ToList();
        var closed = nets.Sum(n => n.Net);
        return nets.Select(n => new MeasureContribution(
                n.m.Code, n.m.Title, n.Net, gap > 0 ? n.Net / gap : null, closed > 0 ? n.Net / closed : null))
            .ToList();
    }
}
