using SociaalDomein.Infrastructure.Imports.Toewijzingen;

namespace SociaalDomein.Infrastructure.Tests.Imports;

public class DutchValuesTests
{
    [Theory]
    [InlineData("1234.56", "1234.56")]
    [InlineData("1234,56", "1234.56")]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("€ 1.234,56", "1234.56")]
    [InlineData("€1.234.567,89", "1234567.89")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("58,40", "58.40")]
    [InlineData("4", "4")]
    [InlineData("1.234", "1234")]
    [InlineData("12.345.678", "12345678")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("1,234", "1.234")]
    [InlineData("0.500", "0.500")]
    [InlineData("1234.567", "1234.567")]
    [InlineData("12.5", "12.5")]
    [InlineData("-12,50", "-12.50")]
    public void Amounts_are_read_as_people_write_them(string text, string expected)
    {
        Assert.True(DutchValues.TryParseAmount(text, out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("€")]
    [InlineData("twaalf")]
    [InlineData("12a")]
    [InlineData("1.23.4")]
    [InlineData("1,2,3")]
    [InlineData("1.234,5.6")]
    [InlineData("12,34.567,8")]
    public void Text_that_is_no_amount_is_refused(string text)
    {
        Assert.False(DutchValues.TryParseAmount(text, out _));
    }

    [Theory]
    [InlineData("2018-03-01")]
    [InlineData("01-03-2018")]
    [InlineData("1-3-2018")]
    [InlineData("01/03/2018")]
    [InlineData("2018-03-01 00:00:00")]
    public void Dates_in_iso_and_Dutch_order_are_read(string text)
    {
        Assert.True(DutchValues.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2018, 3, 1), date);
    }

    [Theory]
    [InlineData("31-02-2018")]
    [InlineData("2018-13-01")]
    [InlineData("1-3-18")]
    [InlineData("maart 2018")]
    [InlineData("20180301")]
    public void Impossible_or_unknown_dates_are_refused(string text)
    {
        Assert.False(DutchValues.TryParseDate(text, out _));
    }

    [Theory]
    [InlineData("8011AB", "8011AB")]
    [InlineData("8011 ab", "8011AB")]
    [InlineData(" 8011  Ab ", "8011AB")]
    public void Postcodes_are_normalised(string text, string expected)
    {
        Assert.True(DutchValues.TryNormalisePostcode(text, out var postcode));
        Assert.Equal(expected, postcode);
    }

    [Theory]
    [InlineData("0123AB")]
    [InlineData("8011")]
    [InlineData("8011ABC")]
    [InlineData("AB8011")]
    public void Wrong_postcodes_are_refused(string text)
    {
        Assert.False(DutchValues.TryNormalisePostcode(text, out _));
    }
}
