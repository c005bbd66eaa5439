using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Budget;

/// <summary>How the Begroting page writes amounts: thousands of euros as the council papers print Bijlage 1 (45.318;
/// -3.220), or whole euros with the switch "Bedragen in hele euro's"; the share spent as a percentage.</summary>
public static class BudgetAmounts
{
    public static string Format(decimal amount, bool inThousands) => inThousands ? Dutch.Thousands(amount) : Dutch.WholeEuro(amount);

    /// <summary>The unit under a table: "bedragen × € 1.000" or "bedragen in euro's".</summary>
    public static string Unit(bool inThousands) => inThousands ? "bedragen × € 1.000" : "bedragen in euro's";

    /// <summary>A share as a percentage with one decimal (107,1 %); a share that cannot be computed is a dash, and one
    /// beyond ten times the budget (a line budgeted at a few euros) reads "> 1.000 %" rather than a nine-digit figure.</summary>
    public static string Share(decimal? share) => share switch
    {
        null => "—",
        > 10m => "> 1.000 %",
        { } s => Math.Round(s * 100m, 1, MidpointRounding.AwayFromZero).ToString("N1", Dutch.Culture) + " %",
    };

    /// <summary>Millions with one decimal, for the charts' labels: 45,3.</summary>
    public static string Millions(decimal amount) =>
        Math.Round(amount / 1_000_000m, 1, MidpointRounding.AwayFromZero).ToString("N1", Dutch.Culture);

    /// <summary>An exact amount in euros, cents only when there are any.</summary>
    public static string Exact(decimal amount) => amount == decimal.Truncate(amount) ? Dutch.WholeEuro(amount) : Dutch.Euro(amount);

    public static readonly IReadOnlyList<string> MonthNames = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    public static readonly IReadOnlyList<string> FullMonthNames =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
}
