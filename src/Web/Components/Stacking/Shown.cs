using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Stacking;

/// <summary>How the stacking components show a figure that may be hidden in publication mode (null: "geheim").</summary>
public static class Shown
{
    public const string Hidden = "geheim";

    public static string Count(int? n) => n is { } value ? Dutch.Number(value) : Hidden;

    public static string Amount(decimal? amount) => amount is { } value ? Dutch.WholeEuro(value) : Hidden;

    /// <summary>The cell class: right-aligned numbers; hidden cells also carry "geheim".</summary>
    public static string Cell(object? value) => value is null ? "bedrag geheim" : "bedrag";
}
