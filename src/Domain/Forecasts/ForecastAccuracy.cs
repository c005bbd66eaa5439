namespace SociaalDomein.Domain.Forecasts;

/// <summary>How one method did in the compared years: <see cref="Points"/> the (year, month end) pairs of those years,
/// <see cref="Computable"/> how many of them it had a forecast for, <see cref="Compared"/> whether it took part in the
/// comparison. The mean and typical (<see cref="ForecastAccuracy.SpreadPercentile"/>) absolute error are over the compared
/// points when it took part, otherwise over its own computable points; null when it has none.</summary>
public sealed record MethodAccuracy(
    ForecastMethod Method, int Points, int Computable, bool Compared, decimal? MeanAbsoluteError, decimal? TypicalAbsoluteError);

/// <summary>The method to trust for a budget line, with the accuracy of every method over the compared <see cref="Years"/>
/// and the number of month ends they were compared on; <see cref="Method"/> null with a Dutch <see cref="Reason"/> when
/// none can be recommended.</summary>
public sealed record ForecastRecommendation(
    ForecastMethod? Method, IReadOnlyList<int> Years, int ComparedPoints, IReadOnlyList<MethodAccuracy> Methods, string? Reason)
{
    /// <summary>The recommended method's accuracy: its <see cref="MethodAccuracy.TypicalAbsoluteError"/> is the spread to
    /// state ("doorgaans binnen ± € 0,4 mln").</summary>
    public MethodAccuracy? Recommended => Method is { } method ? Methods.Single(m => m.Method == method) : null;
}

/// <summary>
/// Which method to recommend per budget line (docs/domain.md §7): the one with the smallest mean absolute error over the
/// recent backtest years, compared on the same month ends, with the spread of its past errors.
/// </summary>
public static class ForecastAccuracy
{
    /// <summary>The number of most recent backtest years compared.</summary>
    public const int DefaultRecentYears = 3;

    /// <summary>A method takes part only when it forecast at at least this share of the month ends of the compared years.</summary>
    public const decimal MinimumCoverage = 0.5m;

    /// <summary>The typical error is this percentile of the absolute errors: 4 out of 5 past forecasts were at least this
    /// close.</summary>
    public const decimal SpreadPercentile = 0.80m;

    /// <summary>
    /// The rule, on one line's backtest points:
    /// (1) take the <paramref name="recentYears"/> most recent years among the points; their month ends are every (year,
    /// month end) pair any method has a point for.
    /// (2) A method takes part when it has a computable forecast at at least <see cref="MinimumCoverage"/> of those month
    /// ends (and at one at least).
    /// (3) The methods are compared on the same points: the month ends at which every taking part method forecast (a
    /// method silent in January is compared with the others on February … December). Should no month end be common to
    /// them all, the method with the fewest forecasts leaves (on a tie the later in <see cref="ForecastMethod"/> order),
    /// until one is.
    /// (4) The smallest mean absolute error over the compared points wins, each point weighing the same; an exact tie goes
    /// to the method first in <see cref="ForecastMethod"/> order (linear, lag-adjusted, commitment: the simpler one).
    /// (5) Its typical error is the nearest-rank <see cref="SpreadPercentile"/> percentile (<see cref="Percentile"/>) of
    /// its absolute errors at the compared points.
    /// No method taking part: no recommendation, with a Dutch reason.
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
        var pairs = window.Select(p => (p.Year, p.AsOfMonth)).Distinct().ToList();
        var errors = ForecastMethods.All.ToDictionary(method => method, method => window
            .Where(p => p.Method == method && p.AbsoluteError is not null)
            .ToDictionary(p => (p.Year, p.AsOfMonth), p => p.AbsoluteError!.Value));

        var taking = ForecastMethods.All.Where(m => errors[m].Count > 0 && errors[m].Count >= MinimumCoverage * pairs.Count).ToList();
        var common = Common(pairs, taking, errors);
        while (common.Count == 0 && taking.Count > 1)
        {
            taking.Remove(taking.OrderBy(m => errors[m].Count).ThenByDescending(m => m).First());
            common = Common(pairs, taking, errors);
        }

        var methods = ForecastMethods.All.Select(method =>
        {
            var compared = taking.Contains(method);
            var values = compared ? common.Select(pair => errors[method][pair]).ToList() : errors[method].Values.ToList();
            return new MethodAccuracy(method, pairs.Count, errors[method].Count, compared,
                values.Count == 0 ? null : values.Sum() / values.Count,
                values.Count == 0 ? null : Percentile(values, SpreadPercentile));
        }).ToList();

        if (pairs.Count == 0)
        {
            return new ForecastRecommendation(null, years, 0, methods, "Nog geen afgesloten jaar om de methoden aan te toetsen.");
        }

        var best = methods.Where(m => m.Compared).OrderBy(m => m.MeanAbsoluteError).ThenBy(m => m.Method).FirstOrDefault();
        return best is null
            ? new ForecastRecommendation(null, years, 0, methods,
                $"Geen methode gaf in {string.Join(", ", years)} op genoeg maandeinden een prognose; er is geen aanbeveling.")
            : new ForecastRecommendation(best.Method, years, common.Count, methods, null);
    }

    private static List<(int Year, int AsOfMonth)> Common(
        List<(int Year, int AsOfMonth)> pairs, List<ForecastMethod> methods, Dictionary<ForecastMethod, Dictionary<(int Year, int AsOfMonth), decimal>> errors) =>
        methods.Count == 0 ? [] : pairs.Where(pair => methods.All(m => errors[m].ContainsKey(pair))).ToList();

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
