using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>One figure of a forecast: an amount in euros, or null with a Dutch <see cref="Reason"/> ("niet te berekenen").
/// <see cref="Note"/> says, for a sum, on how many lines another forecast stood in (docs/domain.md §7).</summary>
public sealed record ForecastValue(decimal? Amount, string? Reason, string? Note = null)
{
    public static ForecastValue From(YearEndForecast forecast) => new(forecast.Amount, forecast.Reason);

    public static ForecastValue NotComputable(string reason) => new(null, reason);

    public bool IsComputable => Amount is not null;
}

/// <summary>
/// The figures of a line, a domain or the total: current budget (as the budget table computes it), actual to date (the
/// monthly actuals up to the as-of month), the three methods, the recommended forecast with its <see cref="Method"/>
/// (null for a sum: lines differ) and the expected <see cref="Balance"/> = budget − recommended (null when the recommended
/// forecast is not computable). <see cref="MethodNote"/> explains a line's recommendation in Dutch (why linear, or what
/// stood in when the recommended method is silent at the as-of date).
/// </summary>
public sealed record ForecastFigures(
    decimal Budget,
    decimal ActualToDate,
    ForecastValue Linear,
    ForecastValue LagAdjusted,
    ForecastValue Commitment,
    ForecastValue Recommended,
    ForecastMethod? Method,
    string? MethodNote)
{
    public decimal? Balance => Recommended.Amount is { } forecast ? Budget - forecast : null;

    public ForecastValue this[ForecastMethod method] => method switch
    {
        ForecastMethod.Linear => Linear,
        ForecastMethod.LagAdjusted => LagAdjusted,
        ForecastMethod.Commitment => Commitment,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}

/// <summary>A budget line's forecast with its recommendation (from the backtest of the earlier years), when linked to
/// claims the workings of the lag-adjusted method, and the controller's <see cref="Choice"/> of method (null while none was
/// ever made; its method null when the line follows the recommendation again).</summary>
public sealed record LineForecast(
    string Code, string Name, BudgetDomain Domain, bool Linked, ForecastFigures Figures, ForecastRecommendation Recommendation, LagAdjustedResult? Lag,
    MethodChoiceSummary? Choice = null);

public sealed record DomainForecast(BudgetDomain Domain, IReadOnlyList<LineForecast> Lines, ForecastFigures Figures);

/// <summary>The year-end forecast of every budget line of <see cref="Year"/> as of <see cref="AsOf"/> (a month end),
/// computed at <see cref="ComputedAt"/> (docs/domain.md §7); read stored through <see cref="ForecastFigureStore"/>.</summary>
public sealed record ForecastReport(
    int Year, DateOnly AsOf, int MonthsElapsed, DateTimeOffset ComputedAt, IReadOnlyList<DomainForecast> Domains, ForecastFigures Total)
{
    public IEnumerable<LineForecast> Lines => Domains.SelectMany(d => d.Lines);
}

/// <summary>How each method did on a line in the past years (<see cref="ForecastBacktest"/>): a point per year, month end
/// and method, and the recommendation over the last years (<see cref="ForecastAccuracy"/>), computed at
/// <see cref="ComputedAt"/>; read stored through <see cref="ForecastFigureStore"/>.</summary>
public sealed record LineAccuracy(
    string Code, string Name, bool Linked, IReadOnlyList<int> Years, IReadOnlyList<BacktestPoint> Points, ForecastRecommendation Recommendation,
    DateTimeOffset ComputedAt = default);

/// <summary>The answer to a forecast question: the value, or the parameter that is wrong (year, asOf, line) with a Dutch
/// message.</summary>
public sealed record ForecastAnswer<T>(T? Value, string? Parameter, string? Error) where T : class
{
    public static ForecastAnswer<T> Of(T value) => new(value, null, null);

    public static ForecastAnswer<T> Invalid(string parameter, string error) => new(null, parameter, error);
}
