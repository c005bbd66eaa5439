using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Domain.Tests.Providers;

public class UtilisationTests
{
    private const string Agb = "11111111";

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static UtilisationAssignment Budget(string product, DateOnly start, DateOnly? end, decimal budget) =>
        new(product, "Product " + product, start, end, budget, null, null, null);

    private static UtilisationClaim Claim(string product, DateOnly start, DateOnly end, decimal amount, ClaimStatus status = ClaimStatus.Approved) =>
        new(product, start, end, amount, status);

    private static UtilisationRow Row(IReadOnlyList<UtilisationRow> rows, string product) => Assert.Single(rows, r => r.ProductCode == product);

    [Fact]
    public void Exactly_eighty_percent_is_not_flagged_and_just_below_is()
    {
        var assignments = new[] { Budget("02A06", D(2019, 1, 1), D(2019, 12, 31), 1_000m), Budget("02A07", D(2019, 1, 1), null, 10_000m) };
        var claims = new[] { Claim("02A06", D(2019, 1, 1), D(2019, 12, 31), 800m), Claim("02A07", D(2019, 3, 1), D(2019, 3, 31), 7_999m) };

        var rows = Utilisation.Calculate(2019, Agb, assignments, claims, PriceList.Empty);

        Assert.Equal(["02A06", "02A07"], rows.Select(r => r.ProductCode));
        Assert.Equal(new UtilisationRow("02A06", "Product 02A06", 1_000m, 800m, 0.8m, false, 0), Row(rows, "02A06"));
        Assert.Equal(new UtilisationRow("02A07", "Product 02A07", 10_000m, 7_999m, 0.7999m, true, 0), Row(rows, "02A07"));
    }

    [Fact]
    public void A_credit_lowers_the_claimed_amount_and_only_approved_claims_count()
    {
        var assignments = new[] { Budget("02A06", D(2019, 1, 1), D(2019, 12, 31), 1_000m) };
        var claims = new[]
        {
            Claim("02A06", D(2019, 1, 1), D(2019, 1, 31), 900m),
            Claim("02A06", D(2019, 1, 1), D(2019, 1, 31), -900m),     // the credit of the one above
            Claim("02A06", D(2019, 2, 1), D(2019, 2, 28), 850m),
            Claim("02A06", D(2019, 3, 1), D(2019, 3, 31), 100m, ClaimStatus.Submitted),
            Claim("02A06", D(2019, 4, 1), D(2019, 4, 30), 100m, ClaimStatus.Rejected),
        };

        var row = Assert.Single(Utilisation.Calculate(2019, Agb, assignments, claims, PriceList.Empty));

        Assert.Equal((850m, 0.85m, false), (row.Claimed, row.Ratio, row.Flagged));
    }

    [Fact]
    public void An_assignment_without_an_amount_is_counted_apart_not_as_zero()
    {
        var unpriced = new UtilisationAssignment("02A06", null, D(2019, 1, 1), null, null, 3m, null, Frequency.PerWeek);
        var assignments = new[] { Budget("02A06", D(2019, 1, 1), D(2019, 12, 31), 1_000m), unpriced };
        var claims = new[] { Claim("02A06", D(2019, 1, 1), D(2019, 12, 31), 900m) };

        var row = Assert.Single(Utilisation.Calculate(2019, Agb, assignments, claims, PriceList.Empty));

        Assert.Equal((1_000m, 1, 0.9m, false), (row.Assigned, row.Unpriced, row.Ratio, row.Flagged));
    }

    [Fact]
    public void The_price_list_values_an_assignment_without_its_own_tariff()
    {
        // 2 hours a week from the provider's price of € 50: 2 × 50 × 52 × 365/365 = 5,200 in 2019
        var assignments = new[] { new UtilisationAssignment("02A06", null, D(2019, 1, 1), null, null, 2m, null, Frequency.PerWeek) };
        var prices = new PriceList([
            new PriceListEntry("02A06", Agb, D(2015, 1, 1), null, 50m),
            new PriceListEntry("02A06", null, D(2015, 1, 1), null, 70m),
            new PriceListEntry("02A06", "99999999", D(2015, 1, 1), null, 10m),
        ]);
        var claims = new[] { Claim("02A06", D(2019, 1, 1), D(2019, 6, 30), 2_600m) };

        var row = Assert.Single(Utilisation.Calculate(2019, Agb, assignments, claims, prices));

        Assert.Equal((5_200m, 0, 0.5m, true), (row.Assigned, row.Unpriced, row.Ratio, row.Flagged));
    }

    [Fact]
    public void Assignments_and_claims_are_prorated_to_the_days_in_the_year()
    {
        // 730 days from 2018 to 2019: half of the budget in 2019; a claim over December and January: 31 of its 62 days
        var assignments = new[] { Budget("02A06", D(2018, 1, 1), D(2019, 12, 31), 730m) };
        var claims = new[] { Claim("02A06", D(2018, 12, 1), D(2019, 1, 31), 620m), Claim("02A06", D(2020, 1, 1), D(2020, 1, 31), 999m) };

        var row = Assert.Single(Utilisation.Calculate(2019, Agb, assignments, claims, PriceList.Empty));

        Assert.Equal((365m, 310m), (row.Assigned, row.Claimed));
    }

    [Fact]
    public void Revoked_assignments_and_assignments_outside_the_year_do_not_count_and_a_product_with_only_claims_has_no_ratio()
    {
        var assignments = new[]
        {
            Budget("02A06", D(2019, 5, 1), D(2019, 5, 1), 1_000m),     // revoked
            Budget("02A06", D(2018, 1, 1), D(2018, 12, 31), 1_000m),   // 2018 only
            Budget("02A07", D(2019, 1, 1), D(2019, 12, 31), 500m),
        };
        var claims = new[] { Claim("02A06", D(2019, 1, 1), D(2019, 1, 31), 100m) };

        var rows = Utilisation.Calculate(2019, Agb, assignments, claims, PriceList.Empty);

        Assert.Equal(new UtilisationRow("02A06", null, 0m, 100m, null, false, 0), Row(rows, "02A06"));
        Assert.Equal(new UtilisationRow("02A07", "Product 02A07", 500m, 0m, 0m, true, 0), Row(rows, "02A07"));
    }

    [Theory]
    [InlineData(80, 100, false)]
    [InlineData(7_999, 10_000, true)]
    [InlineData(120, 100, false)]
    [InlineData(0, 100, true)]
    public void The_flag_is_a_ratio_below_the_threshold(int claimed, int assigned, bool flagged) =>
        Assert.Equal(flagged, Utilisation.IsFlagged(Utilisation.Ratio(claimed, assigned)));

    [Fact]
    public void Nothing_assigned_has_no_ratio_and_no_flag() =>
        Assert.Equal((null, false), (Utilisation.Ratio(100m, 0m), Utilisation.IsFlagged(null)));
}
