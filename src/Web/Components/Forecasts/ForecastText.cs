using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Web.Components.Scenarios;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Forecasts;

/// <summary>How the tab "Per begrotingspost" writes forecasts (docs/domain.md §7): amounts as the scenario tables write
/// them (€ mln with one decimal, exact euros on hover or with the toggle), the recommendation as a sentence, and the
/// texts about who may choose a line's method.</summary>
public static class ForecastText
{
    public const string NotAllowed = "Alleen een controller of beheerder mag de prognosemethode van een post kiezen.";

    public static readonly IReadOnlyList<string> MonthNames = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    /// <summary>An amount in € mln (−10,5) or, with <paramref name="exact"/>, in euros.</summary>
    public static string Amount(decimal amount, bool exact) => exact ? ScenarioAmounts.Exact(amount) : ScenarioAmounts.Millions(amount);

    /// <summary>A typical error rounded UP to a tenth of a million, so "doorgaans binnen" stays true: 412.000 → "€ 0,5 mln".</summary>
    public static string WithinMillions(decimal error)
    {
        var tenths = Math.Ceiling(Math.Abs(error) / 100_000m) / 10m;
        return $"€ {tenths.ToString("N1", Dutch.Culture)} mln";
    }

    /// <summary>"Aanbevolen: Gecorrigeerd voor late declaraties — doorgaans binnen ± € 0,5 mln", or why there is none.</summary>
    public static string Recommendation(ForecastRecommendation recommendation) =>
        recommendation.Recommended is { } best
            ? best.TypicalAbsoluteError is { } typical
                ? $"Aanbevolen: {best.Method.DutchName()} — doorgaans binnen ± {WithinMillions(typical)}"
                : $"Aanbevolen: {best.Method.DutchName()}"
            : $"Geen aanbeveling: {recommendation.Reason}";

    /// <summary>"2015–2017", "2016", or "" for none.</summary>
    public static string Years(IReadOnlyList<int> years) => years.Count switch
    {
        0 => "",
        1 => years[0].ToString(Dutch.Culture),
        _ => $"{years[0]}–{years[^1]}",
    };

    /// <summary>The accessible name of a line's edit button: "Methode wijzigen voor JGD-03".</summary>
    public static string EditLabel(string code) => $"Methode wijzigen voor {code}";

    /// <summary>Whether a line uses the method a controller chose (and not the recommendation).</summary>
    public static bool UsesChoice(LineForecast line) => line.Choice?.Method is { } chosen && line.Figures.Method == chosen;
}
