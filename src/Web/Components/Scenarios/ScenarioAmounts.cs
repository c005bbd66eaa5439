using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Scenarios;

/// <summary>How the scenario page writes amounts: millions with one decimal and a real minus sign, as the plan's tables
/// do (−10,5), the exact amount for the hover text and the "Exacte bedragen" toggle, and shares as percentages.</summary>
public static class ScenarioAmounts
{
    private const char Minus = '\u2212';

    /// <summary>Millions of euros with one decimal, without the euro sign: −10,5; 2,5; 0,0.</summary>
    public static string Millions(decimal amount)
    {
        var rounded = Math.Round(amount / 1_000_000m, 1, MidpointRounding.AwayFromZero);
        return rounded == 0m ? 0m.ToString("N1", Dutch.Culture) : WithMinus(rounded.ToString("N1", Dutch.Culture));
    }

    /// <summary>Millions with a sign also when positive, for an effect on the deficit: +1,0; −0,3.</summary>
    public static string SignedMillions(decimal amount)
    {
        var text = Millions(amount);
        return text[0] == Minus || text == Millions(0m) ? text : "+" + text;
    }

    /// <summary>The exact amount in euros (cents only when there are any): € -10.482.000.</summary>
    public static string Exact(decimal amount) =>
        amount == decimal.Truncate(amount) ? Dutch.WholeEuro(amount) : Dutch.Euro(amount);

    /// <summary>A share as a percentage with one decimal (12,5 %); a share that cannot be computed is a dash.</summary>
    public static string Share(decimal? share) =>
        share is { } s ? WithMinus(Math.Round(s * 100m, 1, MidpointRounding.AwayFromZero).ToString("N1", Dutch.Culture)) + " %" : "—";

    private static string WithMinus(string text) => text.Replace('-', Minus);
}
