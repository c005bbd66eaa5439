using SociaalDomein.Domain.Stacking;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Components.Stacking;

/// <summary>How the stacking components show a figure that may be hidden in publication mode (null: "geheim").</summary>
public static class Shown
{
    public const string Hidden = StackingLabels.Hidden;

    public static string Count(int? n) => n is { } value ? Dutch.Number(value) : Hidden;

    public static string Amount(decimal? amount) => amount is { } value ? Dutch.WholeEuro(value) : Hidden;

    /// <summary>The cell class: right-aligned numbers; hidden cells also carry "geheim".</summary>
    public static string Cell(object? value) => value is null ? "bedrag geheim" : "bedrag";
}

/// <summary>Chart axes with about five round steps: 1, 2 or 5 × a power of ten, up to the largest value.</summary>
public static class ChartAxis
{
    public static int Step(double max)
    {
        var raw = Math.Max(max / 5, 1);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return (int)new[] { 1, 2, 5, 10 }.Select(f => f * power).First(s => s >= raw);
    }
}
