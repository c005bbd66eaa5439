using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class LinearForecastTests
{
    [Fact]
    public void Nine_months_are_scaled_to_twelve()
    {
        // 7.500.000 × 12 ÷ 9 = 10.000.000
        var forecast = LinearForecast.Calculate(7_500_000m, 9);

        Assert.Equal((ForecastMethod.Linear, 10_000_000m, true, (string?)null), (forecast.Method, forecast.Amount, forecast.IsComputable, forecast.Reason));
    }

    [Fact]
    public void Seven_months_are_not_rounded()
    {
        // 1.000 × 12 ÷ 7 = 1.714,2857142857…
        var forecast = LinearForecast.Calculate(1_000m, 7);

        Assert.Equal(1_714.285714m, Math.Round(forecast.Amount!.Value, 6));
    }

    [Fact]
    public void In_December_the_forecast_is_the_actual_itself()
    {
        Assert.Equal(9_700_000m, LinearForecast.Calculate(9_700_000m, 12).Amount);
    }

    [Fact]
    public void More_credits_than_claims_give_a_negative_forecast()
    {
        // −300 × 12 ÷ 3 = −1.200
        Assert.Equal(-1_200m, LinearForecast.Calculate(-300m, 3).Amount);
    }

    [Fact]
    public void No_month_elapsed_is_not_computable_with_a_Dutch_reason()
    {
        var forecast = LinearForecast.Calculate(0m, 0);

        Assert.False(forecast.IsComputable);
        Assert.Null(forecast.Amount);
        Assert.Equal("Nog geen maand van het jaar afgesloten: er is niets om door te trekken.", forecast.Reason);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(13)]
    public void A_month_outside_0_to_12_is_a_programmer_error(int months)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearForecast.Calculate(100m, months));
    }

    [Fact]
    public void A_forecast_that_cannot_be_computed_needs_a_reason()
    {
        Assert.Throws<ArgumentException>(() => YearEndForecast.NotComputable(ForecastMethod.Linear, " "));
    }

    [Fact]
    public void Every_method_has_a_Dutch_name()
    {
        Assert.Equal(["Lineair", "Gecorrigeerd voor late declaraties", "Op basis van toewijzingen"], ForecastMethods.All.Select(m => m.DutchName()));
    }
}

public class ForecastCalendarTests
{
    [Theory]
    [InlineData(2017, 9, 30, 9)]
    [InlineData(2017, 9, 29, 8)]
    [InlineData(2017, 1, 30, 0)]
    [InlineData(2017, 1, 31, 1)]
    [InlineData(2017, 2, 28, 2)]
    [InlineData(2017, 12, 31, 12)]
    [InlineData(2016, 12, 31, 0)]
    [InlineData(2018, 3, 1, 12)]
    public void Months_elapsed_count_the_month_ends_on_or_before_the_date(int year, int month, int day, int expected)
    {
        Assert.Equal(expected, ForecastCalendar.MonthsElapsed(2017, new DateOnly(year, month, day)));
    }

    [Fact]
    public void A_leap_February_ends_on_the_29th()
    {
        Assert.Equal((new DateOnly(2016, 2, 29), 1), (ForecastCalendar.MonthEnd(2016, 2), ForecastCalendar.MonthsElapsed(2016, new DateOnly(2016, 2, 28))));
    }
}
