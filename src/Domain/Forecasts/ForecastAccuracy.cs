namespace SociaalDomein.Domain.Forecasts;

/// <summary>How one method did over the compared points: <see cref="Points"/> the (year, month end) pairs compared,
/// <see cref="Computable"/> how many of them it had a forecast for; the mean and the typical
/// (<see cref="ForecastAccuracy.SpreadPercentile"/>) absolute error over those, null when it had none.</summary>
public sealed record MethodAccuracy(ForecastMethod Method, int Points, int Computable, decimal? MeanAbsoluteError, decimal? TypicalAbsoluteError)
{
    /// <summary>A method can be recommended only when it forecast at every compared point.</summary>
    public bool Complete => Points > 0 && Computable == Points;
}

/// <summary>The method to trust for a budget line, with the accuracy of every method over the compared <see cref="Years"/>;
/// <see cref="Method"/> null with a Dutch <see cref="Reason"/> when none can be recommended.</summary>
public sealed record ForecastRecommendation(ForecastMethod? Method, IReadOnlyList<int> Years, IReadOnlyList<MethodAccuracy> Methods, string? Reason)
{
    /// <summary>The recommended method's accuracy: its <see cref="MethodAccuracy.TypicalAbsoluteError"/> is the spread to
    /// state ("doorgaans binnen ± € 0,4 mln").</summary>
    public MethodAccuracy? Recommended => Method is { } method ? Methods.Single(m => m.Method == method) : null;
}

/// <summary>
/// Which method to recommend per budget line (docs/domain.md §7): the one with the smallest mean absolute error over the
/// recent backtest years, with the spread of its past errors.
/// </summary>
public static class ForecastAccuracy
{
    /// <summary>The number of most recent backtest years compared.</summary>
    public const int DefaultRecentYears = 3;

    /// <summary>The typical error is this percentile of the absolute errors: 4 out of 5 past forecasts were at least this
    /// close.</summary>
    public const decimal SpreadPercentile = 0.80m;

    /// <summary>
    /// The rule, on one line's backtest points: (1) take the <paramref name="recentYears"/> most recent years among the
    /// points; the compared points are every (year, month end) pair of those years that any method has a point for.
    /// (2) A method is a candidate only when it has a computable forecast at every compared point (a method that is
    /// sometimes silent is no default to trust). (3) Among the candidates the smallest mean absolute error wins, each point
    /// weighing the same; an exact tie goes to the method first in <see cref="ForecastMethod"/> order (linear,
    /// lag-adjusted, commitment: the simpler one). (4) Its typical error is the nearest-rank
    /// <see cref="SpreadPercentile"/> percentile of its absolute errors (<see cref="Percentile"/>).
    /// Every method's accuracy is reported, candidate or not (over its computable points).
    /// </summary>
    public static ForecastRecommendation Recommend(IEnumerable<BacktestPoint> points, int recentYears = DefaultRecentYears)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(recentYears, 1);
        var list = points.ToList();
        if (list.GroupBy(p => (p.Year, p.AsOfMonth, p.Method)).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("A method has at most one point per year and month end.", nameof(points));
        }

        var years = list.Select(p => p.Year).Distinct().OrderDescending().Take(recentYears).Order().ToList();
        var window = list.Where(p => years.Contains(p.Year)).ToList();
        var pairs = window.Select(p => (p.Year, p.AsOfMonth)).Distinct().Count();
        var methods = ForecastMethods.All.Select(method =>
        {
            var errors = window.Where(p => p.Method == method && p.AbsoluteError is not null).Select(p => p.AbsoluteError!.Value).ToList();
            return new MethodAccuracy(method, pairs, errors.Count,
                errors.Count == 0 ? null : errors.Sum() / errors.Count,
                errors.Count == 0 ? null : Percentile(errors, SpreadPercentile));
        }).ToList();

        if (pairs == 0)
        {
            return new ForecastRecommendation(null, years, methods, "Nog geen afgesloten jaar om de methoden aan te toetsen.");
        }

        var best = methods.Where(m => m.Complete).OrderBy(m => m.MeanAbsoluteError).ThenBy(m => m.Method).FirstOrDefault();
        return best is null
            ? new ForecastRecommendation(null, years, methods,
                $"Geen methode gaf in {string.Join(", ", years)} op elk maandeinde een prognose; er is geen aanbeveling.")
            : new ForecastRecommendation(best.Method, years, methods, null);
    }

    /// <summary>The nearest-rank percentile: the smallest value such that at least <paramref name="fraction"/> of the values
    /// are at most it, i.e. the ⌈fraction × n⌉-th smallest (at least the first). Of 1…10 the 80th percentile is 8.</summary>
    public static decimal Percentile(IReadOnlyCollection<decimal> values, decimal fraction)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A percentile needs at least one value.", nameof(values));
        }

        if (fraction is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A percentile is a fraction above 0, at most 1.");
        }

        var rank = (int)Math.Ceiling(fraction * values.Count);
        return values.Order().ElementAt(Math.Max(rank, 1) - 1);
    }
}
