using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class ForecastAccuracyTests
{
    private const decimal Outcome = 1_000m;

    /// <summary>Points of one method in one year at month ends 1, 2, …, each with the given error (null: not computable).</summary>
    private static IEnumerable<BacktestPoint> Points(ForecastMethod method, int year, params decimal?[] errors) =>
        errors.Select((error, i) => new BacktestPoint(year, i + 1,
            error is { } e ? YearEndForecast.Of(method, Outcome + e) : YearEndForecast.NotComputable(method, "niet te berekenen"), Outcome));

    /// <summary>2014 to 2017, two month ends a year.
    /// Linear:      2014: 0, 0       2015: +100, −100   2016: +200, +200   2017: −300, +100
    /// Lag:         2014: ±10.000    2015: 50, −50      2016: 50, 50       2017: −400, 50
    /// Commitment:  10, but only at month 1 of 2015 and 2016 unless <paramref name="commitmentSilentOnlyIn2016"/>; then
    ///              10 or −10 everywhere except 2016 month 2.</summary>
    private static List<BacktestPoint> History(bool commitmentSilentOnlyIn2016 = false) =>
    [
        .. Points(ForecastMethod.Linear, 2014, 0m, 0m),
        .. Points(ForecastMethod.Linear, 2015, 100m, -100m),
        .. Points(ForecastMethod.Linear, 2016, 200m, 200m),
        .. Points(ForecastMethod.Linear, 2017, -300m, 100m),
        .. Points(ForecastMethod.LagAdjusted, 2014, 10_000m, -10_000m),
        .. Points(ForecastMethod.LagAdjusted, 2015, 50m, -50m),
        .. Points(ForecastMethod.LagAdjusted, 2016, 50m, 50m),
        .. Points(ForecastMethod.LagAdjusted, 2017, -400m, 50m),
        .. commitmentSilentOnlyIn2016
            ? [.. Points(ForecastMethod.Commitment, 2014, 10m, 10m), .. Points(ForecastMethod.Commitment, 2015, 10m, 10m),
               .. Points(ForecastMethod.Commitment, 2016, 10m, null), .. Points(ForecastMethod.Commitment, 2017, 10m, -10m)]
            : new[] { Points(ForecastMethod.Commitment, 2015, 10m, null), Points(ForecastMethod.Commitment, 2016, 10m, null) }.SelectMany(p => p),
    ];

    [Fact]
    public void The_smallest_mean_absolute_error_over_the_last_three_years_wins()
    {
        // 2015–2017, 6 month ends. Commitment forecast at 2 of them, fewer than half: it does not take part.
        // Linear: (100 + 100 + 200 + 200 + 300 + 100) ÷ 6 = 166,67; sorted 100 100 100 200 200 300, the ⌈0,8 × 6⌉ = 5th
        // is 200. Lag: (50 × 5 + 400) ÷ 6 = 108,33; the 5th of 50 50 50 50 50 400 is 50.
        var recommendation = ForecastAccuracy.Recommend(History());

        Assert.Equal(ForecastMethod.LagAdjusted, recommendation.Method);
        Assert.Equal([2015, 2016, 2017], recommendation.Years);
        Assert.Equal(6, recommendation.ComparedPoints);
        Assert.Null(recommendation.Reason);
        Assert.Equal(
        [
            (ForecastMethod.Linear, 6, 6, true, 166.67m, 200m),
            (ForecastMethod.LagAdjusted, 6, 6, true, 108.33m, 50m),
            (ForecastMethod.Commitment, 6, 2, false, 10m, 10m),
        ], recommendation.Methods.Select(m => (m.Method, m.Points, m.Computable, m.Compared, Math.Round(m.MeanAbsoluteError!.Value, 2), m.TypicalAbsoluteError!.Value)));
        Assert.Equal(50m, recommendation.Recommended!.TypicalAbsoluteError);
    }

    [Fact]
    public void Methods_are_compared_on_the_month_ends_at_which_they_all_forecast()
    {
        // Commitment silent only at 2016 month 2 (5 of 6): it takes part, and all three are compared on the other 5.
        // Linear (100 + 100 + 200 + 300 + 100) ÷ 5 = 160; lag (50 × 4 + 400) ÷ 5 = 120; commitment 10.
        var recommendation = ForecastAccuracy.Recommend(History(commitmentSilentOnlyIn2016: true));

        Assert.Equal(ForecastMethod.Commitment, recommendation.Method);
        Assert.Equal(5, recommendation.ComparedPoints);
        Assert.Equal([160m, 120m, 10m], recommendation.Methods.Select(m => m.MeanAbsoluteError!.Value));
    }

    [Fact]
    public void Four_years_bring_in_the_lag_methods_bad_2014()
    {
        // Linear (1.000 + 0) ÷ 8 = 125; lag (650 + 20.000) ÷ 8 = 2.581,25.
        var recommendation = ForecastAccuracy.Recommend(History(), recentYears: 4);

        Assert.Equal(ForecastMethod.Linear, recommendation.Method);
        Assert.Equal((125m, 2_581.25m), (recommendation.Recommended!.MeanAbsoluteError, recommendation.Methods[1].MeanAbsoluteError));
    }

    [Fact]
    public void An_exact_tie_goes_to_the_method_listed_first()
    {
        List<BacktestPoint> points = [.. Points(ForecastMethod.Commitment, 2017, 30m, -30m), .. Points(ForecastMethod.LagAdjusted, 2017, -30m, 30m)];

        Assert.Equal(ForecastMethod.LagAdjusted, ForecastAccuracy.Recommend(points).Method);
        Assert.Equal(ForecastMethod.Linear, ForecastAccuracy.Recommend([.. points, .. Points(ForecastMethod.Linear, 2017, 30m, 30m)]).Method);
    }

    [Fact]
    public void A_method_silent_at_some_month_ends_is_compared_on_the_others()
    {
        // The lag method has no forecast at month 3 (2 of 3): both are compared on months 1 and 2, lag 10 against 300.
        List<BacktestPoint> points = [.. Points(ForecastMethod.Linear, 2017, 300m, 300m, 300m), .. Points(ForecastMethod.LagAdjusted, 2017, 10m, 10m, null)];

        var recommendation = ForecastAccuracy.Recommend(points);

        Assert.Equal((ForecastMethod.LagAdjusted, 2), (recommendation.Method, recommendation.ComparedPoints));
        Assert.Equal((3, 2, true), (recommendation.Methods[1].Points, recommendation.Methods[1].Computable, recommendation.Methods[1].Compared));
    }

    [Fact]
    public void Without_a_common_month_end_the_method_with_the_fewest_forecasts_leaves_the_later_one_on_a_tie()
    {
        // Linear only at month 2, lag only at month 1: nothing in common, one forecast each; the lag method leaves.
        List<BacktestPoint> points = [.. Points(ForecastMethod.Linear, 2017, null, 10m), .. Points(ForecastMethod.LagAdjusted, 2017, 5m, null)];

        var recommendation = ForecastAccuracy.Recommend(points);

        Assert.Equal((ForecastMethod.Linear, 1, 10m), (recommendation.Method, recommendation.ComparedPoints, recommendation.Recommended!.MeanAbsoluteError));
        Assert.False(recommendation.Methods[1].Compared);
    }

    [Fact]
    public void Without_points_or_without_a_forecast_there_is_no_recommendation()
    {
        var none = ForecastAccuracy.Recommend([]);
        var silent = ForecastAccuracy.Recommend([.. Points(ForecastMethod.Linear, 2017, null, null), .. Points(ForecastMethod.LagAdjusted, 2017, null, null)]);

        Assert.Equal((null, "Nog geen afgesloten jaar om de methoden aan te toetsen."), (none.Method, none.Reason));
        Assert.All(none.Methods, m => Assert.Equal((0, (decimal?)null), (m.Points, m.MeanAbsoluteError)));
        Assert.Null(silent.Method);
        Assert.Equal("Geen methode gaf in 2017 op genoeg maandeinden een prognose; er is geen aanbeveling.", silent.Reason);
        Assert.Null(silent.Recommended);
    }

    [Fact]
    public void Two_points_of_one_method_at_one_month_end_are_a_programmer_error()
    {
        List<BacktestPoint> points = [.. Points(ForecastMethod.Linear, 2017, 10m), .. Points(ForecastMethod.Linear, 2017, 20m)];

        Assert.Throws<ArgumentException>(() => ForecastAccuracy.Recommend(points));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForecastAccuracy.Recommend([], recentYears: 0));
    }

    [Fact]
    public void The_percentile_is_the_nearest_rank()
    {
        decimal[] oneToTen = [10m, 9m, 8m, 7m, 6m, 5m, 4m, 3m, 2m, 1m];

        Assert.Equal(8m, ForecastAccuracy.Percentile(oneToTen, 0.8m));
        Assert.Equal(10m, ForecastAccuracy.Percentile(oneToTen, 1m));
        Assert.Equal(1m, ForecastAccuracy.Percentile(oneToTen, 0.05m));
        Assert.Equal(5m, ForecastAccuracy.Percentile([5m], 0.8m));
        Assert.Throws<ArgumentException>(() => ForecastAccuracy.Percentile([], 0.8m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForecastAccuracy.Percentile(oneToTen, 0m));
    }
}
