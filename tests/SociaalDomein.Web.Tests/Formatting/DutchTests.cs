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
}
