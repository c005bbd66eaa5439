namespace SociaalDomein.Domain.Forecasts;

/// <summary>
/// What a backtest of one budget line in one past year needs (docs/domain.md §7).
/// </summary>
/// <param name="Year">The past year.</param>
/// <param name="Outcome">Its final outcome (the line's actual of the closed year).</param>
/// <param name="MonthlyActuals">The actual booked per month of the year, 12 values; the actual to date at month m is the sum
/// of months 1 … m (the linear method, and the "claimed to date" of the commitment method).</param>
/// <param name="Claims">The line's claims of every year; the lag method takes only those submitted by each month end.
/// Empty: the lag method is not computable.</param>
/// <param name="Assigned">The assigned amount of the line's active assignments per month of the year.</param>
/// <param name="UtilisationRate">The utilisation of the years before <paramref name="Year"/>
/// (<see cref="CommitmentForecast.UtilisationRate"/>); null: the commitment method is not computable.</param>
/// <param name="LagOptions">Null: <see cref="Forecasts.LagOptions.Default"/>.</param>
public sealed record BacktestInput(
    int Year,
    decimal Outcome,
    IReadOnlyList<decimal> MonthlyActuals,
    IReadOnlyList<LagClaim> Claims,
    IReadOnlyList<AssignedMonth> Assigned,
    decimal? UtilisationRate,
    LagOptions? LagOptions = null);

/// <summary>What one method forecast for <see cref="Year"/> at the end of month <see cref="AsOfMonth"/>, against the
/// outcome. <see cref="Error"/> = forecast − outcome (positive: too high); <see cref="RelativeError"/> = error ÷ |outcome|
/// as a fraction (0,05 = 5 %), null when the outcome is 0 or the forecast was not computable.</summary>
public sealed record BacktestPoint(int Year, int AsOfMonth, YearEndForecast Forecast, decimal Outcome)
{
    public ForecastMethod Method => Forecast.Method;

    public decimal? Error => Forecast.Amount is { } amount ? amount - Outcome : null;

    public decimal? AbsoluteError => Error is { } error ? Math.Abs(error) : null;

    public decimal? RelativeError => Error is { } error && Outcome != 0m ? error / Math.Abs(Outcome) : null;
}

/// <summary>
/// The accuracy backtest (docs/domain.md §7): for a past year with a known outcome, what each method would have forecast at
/// each month end, using only what was known then: the actuals of the months up to it, the claims submitted by it.
/// </summary>
public static class ForecastBacktest
{
    /// <summary>The month ends tested: 1 to 12. December counts, because on 31 December the year is not closed yet: late
    /// claims are exactly what the linear method misses.</summary>
    public static readonly IReadOnlyList<int> Months = Enumerable.Range(1, 12).ToList();

    /// <summary>Per month end 1 … 12 the three methods (in <see cref="ForecastMethods.All"/> order), each as a point
    /// against the outcome. The assigned amounts and the utilisation rate are taken as given for every month end (see
    /// docs/domain.md §7 on what that simplifies).</summary>
    public static IReadOnlyList<BacktestPoint> Run(BacktestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MonthlyActuals is not { Count: 12 })
        {
            throw new ArgumentException("A backtest needs the actuals of all 12 months.", nameof(input));
        }

        ArgumentNullException.ThrowIfNull(input.Claims, nameof(input));
        ArgumentNullException.ThrowIfNull(input.Assigned, nameof(input));

        var points = new List<BacktestPoint>(Months.Count * ForecastMethods.All.Count);
        var actualToDate = 0m;
        foreach (var month in Months)
        {
            actualToDate += input.MonthlyActuals[month - 1];
            points.Add(new BacktestPoint(input.Year, month, LinearForecast.Calculate(actualToDate, month), input.Outcome));
            points.Add(new BacktestPoint(input.Year, month,
                LagAdjustedForecast.Calculate(input.Year, month, input.Claims, input.LagOptions).Forecast, input.Outcome));
            points.Add(new BacktestPoint(input.Year, month,
                CommitmentForecast.Calculate(month, actualToDate, input.Assigned, input.UtilisationRate), input.Outcome));
        }

        return points;
    }
}
