using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Domain.Tests.Stacking;

public class PublicationRuleTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(7, null)]
    [InlineData(8, 10)]
    [InlineData(10, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    [InlineData(17, 15)]
    [InlineData(18, 20)]
    [InlineData(471, 470)]
    [InlineData(5_712, 5_710)]
    [InlineData(5_713, 5_715)]
    public void Counts_of_0_to_7_are_hidden_and_others_rounded_to_a_multiple_of_5(int n, int? published)
    {
        Assert.Equal(published, PublicationRule.Count(n));
    }

    [Fact]
    public void A_negative_count_is_a_mistake()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicationRule.Count(-1));
    }

    private static StackingResult Result() => new(
        new DateOnly(2018, 11, 1),
        Revoked: 3,
        Duplicates: 12,
        ActiveAssignments: 5_713,
        Clients: 5_201,
        TotalAmount: 1_000_000m,
        Households: [new HouseholdLine(1, 5_712, 30_000_000m), new HouseholdLine(2, 6, 120_000m), new HouseholdLine(3, 0, 0m), new HouseholdLine(4, 33, 2_000_000m)],
        Institutions: new InstitutionLine(4, 40, 800_000m),
        Provisions: [new ProvisionLine(1, 5_201, 26_000_000m), new ProvisionLine(2, 7, 70_000m), new ProvisionLine(3, 270, 3_000_000m),
            new ProvisionLine(4, 87, 1_000_000m), new ProvisionLine(5, 20, 400_000m)],
        ProductPairs: [new ProductPairLine("01A01", "02A06", 123, 456_789m), new ProductPairLine("45A12", "54A01", 2, 9_000m)],
        CrossLaw: new CrossLawLine(5, 50_000m),
        MostExpensiveHouseholds: [new ExpensiveHousehold("abcdef", 3, 4, 99_000m)]);

    [Fact]
    public void Exact_figures_keep_every_count_and_amount()
    {
        var exact = PublicationRule.Exact(Result());

        Assert.False(exact.Publication);
        Assert.Equal((3, 12, 5_713, 5_201, 1_000_000m), (exact.Revoked, exact.Duplicates, exact.ActiveAssignments, exact.Clients, exact.TotalAmount));
        Assert.Equal(new HouseholdFigures(2, 6, 120_000m, 10_000m), exact.Households[1]);
        Assert.Equal(new ProvisionFigures(2, 7, 70_000m, 10_000m), exact.Provisions[1]);
        Assert.Single(exact.MostExpensiveHouseholds);
    }

    [Fact]
    public void Publication_hides_small_counts_with_their_amounts_and_rounds_the_rest()
    {
        var published = PublicationRule.Apply(Result());

        Assert.True(published.Publication);
        Assert.Equal((null, 10, 5_715, 5_200, 1_000_000m), (published.Revoked, published.Duplicates, published.ActiveAssignments, published.Clients, published.TotalAmount));
        Assert.Equal(new HouseholdFigures(1, 5_710, 30_000_000m, Math.Round(30_000_000m / 5_710, 2)), published.Households[0]);
        Assert.Equal(new HouseholdFigures(2, null, null, null), published.Households[1]);
        Assert.Equal(new HouseholdFigures(3, null, null, null), published.Households[2]);
        Assert.Equal(new HouseholdFigures(4, 35, 2_000_000m, Math.Round(2_000_000m / (35 * 4), 2)), published.Households[3]);
        Assert.Equal(new InstitutionFigures(null, 40, null), published.Institutions);
        Assert.Equal(new ProvisionFigures(2, null, null, null), published.Provisions[1]);
        Assert.Equal(new ProvisionFigures(4, 85, 1_000_000m, Math.Round(1_000_000m / 85, 2)), published.Provisions[3]);
        Assert.Equal(new ProductPairFigures("01A01", "02A06", 125, 457_000m), published.ProductPairs[0]);
        Assert.Equal(new ProductPairFigures("45A12", "54A01", null, null), published.ProductPairs[1]);
        Assert.Equal(new CrossLawFigures(null, null), published.CrossLaw);
        Assert.Empty(published.MostExpensiveHouseholds);
    }
}
