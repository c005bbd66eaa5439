using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

public sealed class AmountInputTests
{
    [Theory]
    [InlineData("250000", "250000")]
    [InlineData("250.000", "250000")]
    [InlineData("-1.250.000,50", "-1250000.50")]
    [InlineData("€ 1.000", "1000")]
    [InlineData("\u2212 4.000.000", "-4000000")]
    [InlineData("1,5", "1.5")]
    [InlineData(" 62.500,25 ", "62500.25")]
    public void Dutch_notation_is_read_as_the_amount_meant(string text, string expected)
    {
        Assert.True(AmountInput.TryParse(text, out var amount, out var error));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_text_is_no_amount_and_no_error(string? text)
    {
        Assert.True(AmountInput.TryParse(text, out var amount, out var error));

        Assert.Null(amount);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("abc", "geen bedrag")]
    [InlineData("1.5", "geen bedrag")] // a dot groups thousands; never read as 15 or 1,5
    [InlineData("1.000.00", "geen bedrag")]
    [InlineData("1,2,3", "geen bedrag")]
    [InlineData("12,345", "twee cijfers achter de komma")]
    [InlineData("99999999999999999999999999999999", "te groot")]
    public void Text_that_is_not_an_amount_gives_a_Dutch_message_and_no_amount(string text, string message)
    {
        Assert.False(AmountInput.TryParse(text, out var amount, out var error));

        Assert.Null(amount);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("1250000", "1.250.000")]
    [InlineData("-1250000.5", "-1.250.000,50")]
    [InlineData("0", "0")]
    public void An_amount_is_shown_in_the_field_as_it_is_read_back(string value, string shown)
    {
        var amount = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(shown, AmountInput.Format(amount));
        Assert.True(AmountInput.TryParse(AmountInput.Format(amount), out var back, out _));
        Assert.Equal(amount, back);
    }
}
