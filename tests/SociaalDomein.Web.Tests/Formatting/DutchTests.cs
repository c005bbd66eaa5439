using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Tests.Formatting;

public sealed class DutchTests
{
    [Theory]
    [InlineData("1234567.89", "€ 1.234.567,89")]
    [InlineData("-3220000", "€ -3.220.000,00")]
    [InlineData("0.005", "€ 0,01")]
    public void Euros_are_written_the_Dutch_way(string amount, string expected) =>
        Assert.Equal(expected, Dutch.Euro(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-10500000", "€ -10,5 mln")]
    [InlineData("-7066000", "€ -7,1 mln")]
    [InlineData("2450000", "€ 2,5 mln")]
    public void Millions_have_one_decimal(string amount, string expected) =>
        Assert.Equal(expected, Dutch.EuroMillions(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Dates_are_day_month_year_with_dashes() =>
        Assert.Equal("03-01-2026", Dutch.Date(new DateOnly(2026, 1, 3)));

    [Fact]
    public void Whole_numbers_use_a_dot_for_thousands() =>
        Assert.Equal("126.138", Dutch.Number(126_138));

    [Theory]
    [InlineData("2026-11-23T13:05:09Z", "23-11-2026 14:05:09")] // winter time: UTC+1
    [InlineData("2026-07-01T22:30:00Z", "02-07-2026 00:30:00")] // summer time: UTC+2, the next day already
    public void Audit_moments_are_in_Dutch_time_to_the_second(string utc, string expected) =>
        Assert.Equal(expected, Dutch.Timestamp(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_Dutch_day_starts_at_midnight_in_Amsterdam()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), Dutch.StartOfDay(new DateOnly(2026, 11, 23)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), Dutch.StartOfDay(new DateOnly(2026, 7, 1)).ToUniversalTime());
    }
}
