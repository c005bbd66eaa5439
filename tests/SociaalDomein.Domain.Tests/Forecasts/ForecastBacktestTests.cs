using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class ForecastBacktestTests
{
    private static IEnumerable<LagClaim> Month(int year, int month, params (int Lag, decimal Amount)[] parts)
    {
        var service = new DateOnly(year, month, 1);
        return parts.Select(p => new LagClaim(service, service.AddMonths(p.Lag).AddDays(14), p.Amount));
    }

    /// <summary>2016 and 2017 alike: every service month 100 in the month, 50 one and 50 two months later (ultimate 200).
    /// The ledger books a claim when it is submitted, so the actual of a month is what was submitted in it: January 100,
    /// February 150, from March on 200. The outcome of 2017 is 2.400 (December's late claims arrive in 2018).</summary>
    private static BacktestInput Input(decimal? rate = 1m) => new(
        2017,
        2_400m,
        [100m, 150m, 200m, 200m, 200m, 200m, 200m, 200m, 200m, 200m, 200m, 200m],
        [.. Enumerable.Range(1, 12).SelectMany(m => Month(2016, m, (0, 100m), (1, 50m), (2, 50m))),
         .. Enumerable.Range(1, 12).SelectMany(m => Month(2017, m, (0, 100m), (1, 50m), (2, 50m)))],
        [.. Enumerable.Range(1, 12).Select(m => new AssignedMonth(m, 250m))],
        rate,
        new LagOptions(MaximumLag: 2));

    private static BacktestPoint At(IReadOnlyList<BacktestPoint> points, int month, ForecastMethod method) =>
        Assert.Single(points, p => p.AsOfMonth == month && p.Method == method);

    [Fact]
    public void Every_month_end_has_the_three_methods()
    {
        var points = ForecastBacktest.Run(Input());

        Assert.Equal(36, points.Count);
        Assert.Equal(Enumerable.Range(1, 12).SelectMany(m => ForecastMethods.All.Select(method => (m, method))), points.Select(p => (p.AsOfMonth, p.Method)));
        Assert.All(points, p => Assert.Equal((2017, 2_400m), (p.Year, p.Outcome)));
    }

    [Fact]
    public void Linear_misses_the_late_claims_and_the_lag_method_does_not()
    {
        // As of September: actual to date 100 + 150 + 7 × 200 = 1.650 → linear 1.650 × 12 ÷ 9 = 2.200, 200 short (−8,33 %).
        // The lag method knows 2016's pattern (shares 1, 3/4, 1/2): every month's ultimate 200 → 2.400, error 0.
        var points = ForecastBacktest.Run(Input());

        var linear = At(points, 9, ForecastMethod.Linear);
        Assert.Equal((2_200m, -200m, 200m), (linear.Forecast.Amount, linear.Error, linear.AbsoluteError));
        Assert.Equal(-0.083333m, Math.Round(linear.RelativeError!.Value, 6));
        Assert.Equal(0m, Math.Round(At(points, 9, ForecastMethod.LagAdjusted).Error!.Value, 6));
    }

    [Fact]
    public void The_commitment_method_adds_the_remaining_assignments_to_the_actual_to_date()
    {
        // As of September at a rate of 0,8: 1.650 + 3 × 250 × 0,8 = 2.250, error −150.
        var points = ForecastBacktest.Run(Input(rate: 0.8m));

        Assert.Equal((2_250m, -150m), (At(points, 9, ForecastMethod.Commitment).Forecast.Amount, At(points, 9, ForecastMethod.Commitment).Error));
    }

    [Fact]
    public void A_method_that_cannot_forecast_has_no_error()
    {
        var points = ForecastBacktest.Run(Input(rate: null) with { Claims = [] });

        Assert.All(points.Where(p => p.Method != ForecastMethod.Linear), p => Assert.Equal((false, (decimal?)null, (decimal?)null), (p.Forecast.IsComputable, p.Error, p.RelativeError)));
        Assert.All(points.Where(p => p.Method == ForecastMethod.Linear), p => Assert.True(p.Forecast.IsComputable));
    }

    [Fact]
    public void The_relative_error_is_against_the_size_of_the_outcome_and_absent_for_an_outcome_of_zero()
    {
        var over = new BacktestPoint(2017, 9, YearEndForecast.Of(ForecastMethod.Linear, -80m), -100m);
        var zero = new BacktestPoint(2017, 9, YearEndForecast.Of(ForecastMethod.Linear, 50m), 0m);

        // −80 − (−100) = +20: too high, +20 % of |−100|
        Assert.Equal((20m, 0.2m), (over.Error, over.RelativeError));
        Assert.Equal((50m, (decimal?)null), (zero.Error, zero.RelativeError));
    }

    [Fact]
    public void A_backtest_needs_twelve_monthly_actuals()
    {
        Assert.Throws<ArgumentException>(() => ForecastBacktest.Run(Input() with { MonthlyActuals = [100m, 200m] }));
    }
}
