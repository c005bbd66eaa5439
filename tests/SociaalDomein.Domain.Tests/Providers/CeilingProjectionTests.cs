using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Domain.Tests.Providers;

/// <summary>The ceiling's pace (docs/domain.md §9): as-of date, year-end projection and the projected date the ceiling is
/// reached. The examples spend € 1.000 a day over the first 100 days of 2019 (1 January – 10 April).</summary>
public class CeilingProjectionTests
{
    private static readonly DateOnly Day100 = new(2019, 4, 10);

    [Theory]
    [InlineData("2019-06-30", "2026-01-01", "2019-06-30")] // the latest claim period end
    [InlineData("2020-02-29", "2026-01-01", "2019-12-31")] // a claim running into the next year: capped at 31 December
    [InlineData("2019-12-31", "2019-08-15", "2019-08-15")] // claims up to the year's end, but today is earlier
    [InlineData("2019-03-31", "2018-11-01", "2018-12-31")] // the year has not begun: nothing elapsed
    public void The_as_of_date_is_the_latest_period_end_capped_at_31_December_and_today(string latest, string today, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), CeilingProjection.AsOf(2019, DateOnly.Parse(latest), DateOnly.Parse(today)));

    [Fact]
    public void Without_approved_claims_in_the_year_nothing_has_elapsed()
    {
        var asOf = CeilingProjection.AsOf(2019, null, new DateOnly(2019, 8, 15));

        Assert.Equal(new DateOnly(2018, 12, 31), asOf);
        Assert.Equal(0, CeilingProjection.ElapsedDays(2019, asOf));
        Assert.Null(CeilingProjection.ProjectedDate(2019, 100_000m, 0m, asOf));
    }

    [Fact]
    public void The_projection_extends_the_pace_to_the_whole_year_in_a_normal_and_a_leap_year()
    {
        Assert.Equal(100, CeilingProjection.ElapsedDays(2019, Day100));
        Assert.Equal(100_000m * 365 / 100, CeilingProjection.Projection(2019, 100_000m, Day100));
        Assert.Equal(decimal.Round(100_000m * 366 / 101, 2), CeilingProjection.Projection(2020, 100_000m, new DateOnly(2020, 4, 10)));
        Assert.Equal(100_000m, CeilingProjection.Projection(2019, 100_000m, new DateOnly(2019, 12, 31)));
    }

    [Theory]
    [InlineData("150000", "2019-05-30")]    // 150 days at € 1.000: reached at the end of day 150 exactly
    [InlineData("150000.01", "2019-05-31")] // one cent more: the next day
    [InlineData("365000", "2019-12-31")]    // reached on the last day of the year
    [InlineData("50000", "2019-02-19")]     // already passed: the day it was reached at this pace, before the as-of date
    [InlineData("100000", "2019-04-10")]    // reached on the as-of date itself
    public void The_projected_date_is_the_day_the_pace_reaches_the_ceiling(string ceiling, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), CeilingProjection.ProjectedDate(2019, decimal.Parse(ceiling, System.Globalization.CultureInfo.InvariantCulture), 100_000m, Day100));

    [Fact]
    public void A_ceiling_not_reached_this_year_has_no_projected_date_but_the_leap_day_counts()
    {
        Assert.Null(CeilingProjection.ProjectedDate(2019, 365_001m, 100_000m, Day100));
        Assert.Equal(new DateOnly(2020, 12, 31), CeilingProjection.ProjectedDate(2020, 366_000m, 100_000m, new DateOnly(2020, 4, 9)));
        Assert.Null(CeilingProjection.ProjectedDate(2020, 366_001m, 100_000m, new DateOnly(2020, 4, 9)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-250")]
    public void Nothing_or_a_net_credit_spent_projects_no_date(string spent)
    {
        var amount = decimal.Parse(spent, System.Globalization.CultureInfo.InvariantCulture);
        var status = CeilingProjection.Status(1, "12345678", 2019, null, null, 100_000m, amount, Day100);

        Assert.Null(status.ProjectedDate);
        Assert.Equal(amount * 365 / 100, status.Projection);
        Assert.Equal(amount / 100_000m, status.Used);
    }
}
