namespace SociaalDomein.Domain.Scenarios;

public sealed record ScenarioInput(int Id, int Rank, string Name, bool IsIndicative);

/// <summary>A measure's contribution in one year; Yield null is PM (counts as 0).</summary>
public sealed record MeasureInput(string Code, int FirstScenarioRank, int Year, decimal? Yield, decimal ImplementationCost);

/// <summary>Deficit of a scenario in a year; negative is a deficit. For an indicative scenario the
/// figure is the target (0: budget leads), not a computation.</summary>
public sealed record ScenarioDeficit(int ScenarioId, string Scenario, int Year, decimal Deficit, bool IsIndicative, int PmMeasures);

/// <summary>Deficit(scenario, year) = baseline(year) + Σ yields(year) − Σ implementation costs(year) over the
/// measures whose first scenario ranks at or below the scenario (docs/domain.md §8).</summary>
public static class ScenarioCalculator
{
    public static IReadOnlyList<ScenarioDeficit> Calculate(
        IReadOnlyDictionary<int, decimal> baselineByYear,
        IEnumerable<ScenarioInput> scenarios,
        IReadOnlyCollection<MeasureInput> measures)
    {
        var result = new List<ScenarioDeficit>();
        foreach (var scenario in scenarios.OrderBy(s => s.Rank))
        {
            foreach (var (year, baseline) in baselineByYear.OrderBy(kv => kv.Key))
            {
                if (scenario.IsIndicative)
                {
                    result.Add(new ScenarioDeficit(scenario.Id, scenario.Name, year, 0m, true, 0));
                    continue;
                }

                var included = measures.Where(m => m.Year == year && m.FirstScenarioRank <= scenario.Rank).ToList();
                var deficit = baseline
                    + included.Sum(m => m.Yield ?? 0m)
                    - included.Sum(m => m.ImplementationCost);
                result.Add(new ScenarioDeficit(scenario.Id, scenario.Name, year, deficit, false, included.Count(m => m.Yield is null)));
            }
        }

        return result;
    }
}
