namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// How the demo spreads a year's actual over its months: a little less in the summer holidays, and more in the last
/// months of the year, when providers claim what they delivered earlier (the late claims that surprised Zwolle in 2017,
/// docs/domain.md §7). The months add up exactly to the year; the last month takes the rounding.
/// </summary>
public static class MonthlyPattern
{
    /// <summary>Relative weights, January to December.</summary>
    public static readonly IReadOnlyList<decimal> Weights = [0.95m, 0.95m, 1.00m, 1.00m, 1.00m, 0.97m, 0.85m, 0.85m, 1.00m, 1.05m, 1.13m, 1.25m];

    public static IReadOnlyList<decimal> Spread(decimal year)
    {
        var total = Weights.Sum();
        var months = Weights.Take(11).Select(w => Math.Round(year * w / total, 2, MidpointRounding.AwayFromZero)).ToList();
        months.Add(year - months.Sum());
        return months;
    }
}
