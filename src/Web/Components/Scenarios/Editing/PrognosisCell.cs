using SociaalDomein.Infrastructure.Forecasts;

namespace SociaalDomein.Web.Components.Scenarios.Editing;

public enum PrognosisCellKind
{
    /// <summary>A deficit component's amount in a year (with its note).</summary>
    Component = 1,

    /// <summary>The prudence margin of a year.</summary>
    Margin = 2,

    /// <summary>A year of an indicative scenario's target path.</summary>
    Path = 3,
}

/// <summary>One amount of the prognosis table as the user saw it: what the edit names to detect someone else's change
/// (a component's version, a margin's or path's amount).</summary>
public sealed record PrognosisCell(PrognosisCellKind Kind, string Label, int Year, decimal? Amount, DeficitComponentRow? Component = null, string? Scenario = null)
{
    public static PrognosisCell Of(DeficitComponentRow row) => new(PrognosisCellKind.Component, row.Name, row.Year, row.Amount, row);

    public static PrognosisCell Margin(int year, decimal? amount) => new(PrognosisCellKind.Margin, MarginLabel, year, amount);

    public static PrognosisCell Path(string scenario, int year, decimal amount) => new(PrognosisCellKind.Path, PathLabel(scenario), year, amount, Scenario: scenario);

    public const string MarginLabel = "Behoedzaamheidsmarge";

    public static string PathLabel(string scenario) => $"Indicatief pad {scenario}";

    /// <summary>"Wmo 2019 wijzigen": the edit button's name and the dialog's title.</summary>
    public string Action => $"{Label} {Year} wijzigen";

    /// <summary>This cell as it is stored now in <paramref name="inputs"/>; null when it is gone.</summary>
    public PrognosisCell? Current(PrognosisInputs inputs) => Kind switch
    {
        PrognosisCellKind.Component => inputs.Components.FirstOrDefault(c => c.Id == Component!.Id) is { } row ? Of(row) : null,
        PrognosisCellKind.Margin => Margin(Year, inputs.PrudenceMargins.FirstOrDefault(m => m.Year == Year)?.Amount),
        _ => Path(Scenario!, Year, inputs.IndicativePaths.GetValueOrDefault(Scenario!)?.FirstOrDefault(p => p.Year == Year)?.Amount ?? 0m),
    };
}
