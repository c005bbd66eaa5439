using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Domain.Tests.Stacking;

public sealed class PublicationAmountTests
{
    private static StackingResult Result(int addresses, decimal amount) => new(
        new DateOnly(2018, 11, 1), 0, 0, addresses, addresses, amount,
        [new HouseholdLine(4, addresses, amount)],
        new InstitutionLine(0, 0, 0m),
        [new ProvisionLine(1, addresses, amount)],
        [], new CrossLawLine(0, 0m), []);

    [Theory]
    [InlineData("1789811", "1790000")]
    [InlineData("1789499.99", "1789000")]
    [InlineData("500", "1000")]
    [InlineData("-1500", "-2000")]
    public void Published_amounts_are_rounded_to_thousands(string amount, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PublicationRule.Amount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_published_average_does_not_give_back_the_exact_count()
    {
        // 32 four-client households with € 1.789.811: the exact average is € 13.983,...; published the count is 30.
        var published = PublicationRule.Apply(Result(32, 1_789_811m));

        var line = published.Households.Single();
        Assert.Equal(30, line.Addresses);
        Assert.Equal(1_790_000m, line.Amount);
        Assert.Equal(Math.Round(1_790_000m / (30 * 4), 2), line.AveragePerInhabitant);
        Assert.Equal(30, (int)Math.Round(line.Amount!.Value / (line.AveragePerInhabitant!.Value * 4)));
    }
}
