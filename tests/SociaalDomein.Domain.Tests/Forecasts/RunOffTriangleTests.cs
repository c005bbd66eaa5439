using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class RunOffTriangleTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2017, 3, 2017, 3, 31, 0)]
    [InlineData(2017, 3, 2017, 4, 1, 1)]
    [InlineData(2016, 12, 2017, 1, 15, 1)]
    [InlineData(2016, 1, 2017, 3, 1, 14)]
    [InlineData(2017, 3, 2017, 2, 20, 0)]
    public void The_lag_counts_calendar_months_from_service_to_submission_and_a_claim_in_advance_is_lag_0(
        int serviceYear, int serviceMonth, int year, int month, int day, int lag)
    {
        Assert.Equal(lag, RunOffTriangle.Lag(D(serviceYear, serviceMonth, 1), D(year, month, day)));
    }

    [Fact]
    public void The_triangle_holds_what_was_submitted_by_the_as_of_month_end()
    {
        var claims = new[]
        {
            new LagClaim(D(2016, 12, 1), D(2017, 3, 1), 40m),     // lag 3, beyond a maximum of 2: not in a cell, but the row exists
            new LagClaim(D(2017, 1, 1), D(2017, 1, 20), 100m),    // lag 0
            new LagClaim(D(2017, 1, 15), D(2017, 2, 10), 50m),    // lag 1 (the day of the service month does not matter)
            new LagClaim(D(2017, 1, 1), D(2017, 4, 2), 30m),      // submitted after 31-03-2017: unknown
            new LagClaim(D(2017, 2, 1), D(2017, 3, 31), 200m),    // lag 1, submitted on the as-of date itself: known
            new LagClaim(D(2017, 4, 1), D(2017, 3, 15), 10m),     // a service month after the as-of month: not in it
        };

        var rows = RunOffTriangle.Build(claims, 2017, 3, maximumLag: 2);

        Assert.Equal(
        [
            (2016, 12, new[] { 0m, 0m, 0m }),
            (2017, 1, [100m, 150m, 150m]),
            (2017, 2, [0m, 200m]),
            (2017, 3, [0m]),
        ], rows.Select(r => (r.Year, r.Month, r.Cumulative.ToArray())));
    }

    [Fact]
    public void No_known_claim_is_an_empty_triangle()
    {
        var late = new[] { new LagClaim(D(2017, 1, 1), D(2017, 5, 1), 10m) };

        Assert.Empty(RunOffTriangle.Build([], 2017, 3, 12));
        Assert.Empty(RunOffTriangle.Build(late, 2017, 3, 12));
    }

    [Theory]
    [InlineData(0, 12)]
    [InlineData(13, 12)]
    [InlineData(3, -1)]
    public void A_bad_as_of_month_or_maximum_lag_is_a_programmer_error(int asOfMonth, int maximumLag)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunOffTriangle.Build([], 2017, asOfMonth, maximumLag));
    }
}
