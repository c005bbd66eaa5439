using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Domain.Tests.Providers;

public class ProviderCalculatorTests
{
    private const string A = "11111111";
    private const string B = "22222222";
    private const string C = "33333333";

    private static readonly Dictionary<string, ProviderInfo> Register = new()
    {
        [A] = new ProviderInfo("Zorg A", ProviderType.MentalHealthCare),
        [B] = new ProviderInfo("Zorg B", ProviderType.MentalHealthCare),
        [C] = new ProviderInfo("Zorg C", ProviderType.ElderlyCare),
    };

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ProviderAssignment Assignment(string client, string provider, DateOnly start, DateOnly? end, Law law = Law.Wmo, string product = "02A06") =>
        new(client, provider, law, product, start, end);

    private static ProviderClaimInput Claim(string client, string provider, DateOnly start, DateOnly end, decimal amount,
        ClaimStatus status = ClaimStatus.Approved, Law law = Law.Wmo, string product = "02A06") =>
        new(client, provider, law, product, start, end, amount, status);

    private static ProviderYearSet Calculate(int year, IEnumerable<ProviderAssignment> assignments, IEnumerable<ProviderClaimInput>? claims = null,
        ProviderFilter? filter = null) =>
        ProviderCalculator.Calculate(year, assignments, claims ?? [], filter ?? ProviderFilter.All, Register);

    private static ProviderYearFigures Of(ProviderYearSet set, string agb) => Assert.Single(set.Providers, p => p.Agb == agb);

    [Fact]
    public void A_client_counts_in_every_year_in_which_an_assignment_is_active_for_at_least_one_day()
    {
        var assignments = new[]
        {
            Assignment("k1", A, D(2017, 3, 1), D(2018, 1, 1)),   // one day of 2018
            Assignment("k2", A, D(2018, 12, 31), null),           // one day of 2018, open
            Assignment("k3", A, D(2016, 1, 1), D(2017, 12, 31)),  // not in 2018
            Assignment("k1", A, D(2018, 5, 1), D(2018, 6, 1)),    // the same client again
        };

        Assert.Equal(2, Of(Calculate(2018, assignments), A).Clients);
        Assert.Equal(2, Of(Calculate(2017, assignments), A).Clients);
    }

    [Fact]
    public void A_revoked_assignment_is_not_care()
    {
        var set = Calculate(2018, [Assignment("k1", A, D(2018, 3, 1), D(2018, 3, 1)), Assignment("k2", A, D(2018, 3, 1), D(2018, 3, 2))]);

        Assert.Equal(1, Of(set, A).Clients);
        Assert.Equal(1, Of(set, A).Inflow);
    }

    [Theory]
    [InlineData(31, 1)] // 31 days without care between them: one trajectory
    [InlineData(32, 2)] // 32 days: two
    public void Assignments_merge_into_one_trajectory_while_the_gap_is_at_most_31_days(int gapDays, int trajectories)
    {
        var firstEnd = D(2018, 3, 31);
        var assignments = new[]
        {
            Assignment("k1", A, D(2018, 1, 1), firstEnd),
            Assignment("k1", A, firstEnd.AddDays(gapDays + 1), D(2018, 9, 30)),
        };

        var found = ProviderCalculator.Trajectories(assignments);

        Assert.Equal(trajectories, found.Count);
        Assert.Equal(trajectories, Of(Calculate(2018, assignments), A).Inflow);
        Assert.Equal(trajectories, Of(Calculate(2018, assignments), A).Outflow);
    }

    [Fact]
    public void A_trajectory_runs_from_the_first_start_to_the_last_end_and_stays_open_when_one_assignment_is_open()
    {
        var found = ProviderCalculator.Trajectories(
        [
            Assignment("k1", A, D(2018, 1, 1), D(2018, 12, 31)),
            Assignment("k1", A, D(2018, 2, 1), D(2018, 4, 30)),   // inside the first
            Assignment("k2", A, D(2018, 1, 1), null),
            Assignment("k2", A, D(2018, 6, 1), D(2018, 7, 1)),    // inside the open one
            Assignment("k1", B, D(2019, 1, 15), D(2019, 2, 1)),   // another provider: a trajectory of its own
        ]);

        Assert.Contains(new Trajectory("k1", A, Law.Wmo, D(2018, 1, 1), D(2018, 12, 31)), found);
        Assert.Contains(new Trajectory("k2", A, Law.Wmo, D(2018, 1, 1), null), found);
        Assert.Contains(new Trajectory("k1", B, Law.Wmo, D(2019, 1, 15), D(2019, 2, 1)), found);
        Assert.Equal(3, found.Count);
    }

    [Fact]
    public void Inflow_outflow_and_the_outflow_rate_follow_the_trajectories()
    {
        var set = Calculate(2018,
        [
            Assignment("k1", A, D(2017, 6, 1), D(2018, 5, 31)),  // ends in 2018: outflow
            Assignment("k2", A, D(2018, 2, 1), null),             // starts in 2018: inflow
            Assignment("k3", A, D(2018, 2, 1), D(2018, 8, 31)),  // both
            Assignment("k4", A, D(2016, 1, 1), null),             // neither
        ]);

        var a = Of(set, A);
        Assert.Equal((4, 2, 2), (a.Clients, a.Inflow, a.Outflow));
        Assert.Equal(0.5m, a.OutflowRate);
    }

    [Fact]
    public void Duration_is_end_minus_start_plus_one_with_the_median_of_an_even_count_the_mean_of_the_middle_two()
    {
        var set = Calculate(2018,
        [
            Assignment("k1", A, D(2018, 1, 1), D(2018, 1, 10)),  // 10 days
            Assignment("k2", A, D(2018, 1, 1), D(2018, 1, 20)),  // 20
            Assignment("k3", A, D(2018, 1, 1), D(2018, 1, 25)),  // 25
            Assignment("k4", A, D(2017, 1, 1), D(2018, 1, 1)),   // 366
        ]);

        Assert.Equal(22.5m, Of(set, A).MedianTrajectoryDays);
        Assert.Equal((10 + 20 + 25 + 366) / 4m, Of(set, A).MeanTrajectoryDays);
    }

    [Theory]
    [InlineData(183, 1)]
    [InlineData(184, 0)]
    public void A_new_trajectory_at_another_provider_under_the_same_law_within_183_days_is_a_re_entry(int daysAfter, int reentries)
    {
        var end = D(2018, 3, 31);
        var set = Calculate(2018,
        [
            Assignment("k1", A, D(2017, 1, 1), end),
            Assignment("k1", B, end.AddDays(daysAfter), null),
        ]);

        Assert.Equal(reentries, Of(set, B).Reentries);
        Assert.Equal(0, Of(set, A).Reentries);
    }

    [Fact]
    public void A_new_trajectory_under_another_law_is_not_a_re_entry_one_at_the_same_provider_after_the_gap_is()
    {
        var end = D(2018, 3, 31);
        var set = Calculate(2018,
        [
            Assignment("k1", A, D(2017, 1, 1), end),
            Assignment("k1", B, end.AddDays(10), null, law: Law.Jeugdwet),
            Assignment("k1", A, end.AddDays(40), D(2018, 12, 31)),
        ]);

        Assert.Equal(0, Of(set, B).Reentries);
        Assert.Equal(1, Of(set, A).Reentries);
    }

    [Fact]
    public void Only_approved_claims_count_and_a_claim_spanning_two_years_is_prorated_by_days()
    {
        var claims = new[]
        {
            Claim("k1", A, D(2017, 12, 22), D(2018, 1, 10), 200m),                // 20 days: 10 in 2017, 10 in 2018
            Claim("k1", A, D(2018, 2, 1), D(2018, 2, 28), 999m, ClaimStatus.Submitted),
            Claim("k1", A, D(2018, 2, 1), D(2018, 2, 28), 999m, ClaimStatus.Rejected),
        };

        Assert.Equal(100m, Of(Calculate(2018, [], claims), A).Expenditure);
        Assert.Equal(100m, Of(Calculate(2017, [], claims), A).Expenditure);
    }

    [Fact]
    public void A_credit_cancels_its_original_in_expenditure_and_in_client_months()
    {
        var claims = new[]
        {
            Claim("k1", A, D(2018, 3, 1), D(2018, 3, 31), 500m),
            Claim("k1", A, D(2018, 3, 1), D(2018, 3, 31), -500m),  // credit
            Claim("k1", A, D(2018, 4, 1), D(2018, 4, 30), 300m),
        };

        var a = Of(Calculate(2018, [Assignment("k1", A, D(2018, 3, 1), D(2018, 4, 30))], claims), A);

        Assert.Equal(300m, a.Expenditure);
        Assert.Equal(300m, a.AverageCostPerClientMonth); // one client-month: April
    }

    [Fact]
    public void Cost_per_client_month_divides_by_distinct_client_month_pairs()
    {
        var claims = new[]
        {
            Claim("k1", A, D(2018, 1, 15), D(2018, 2, 14), 620m),  // January and February
            Claim("k1", A, D(2018, 2, 1), D(2018, 2, 28), 280m),   // February again: the same pair
            Claim("k2", A, D(2018, 2, 1), D(2018, 2, 28), 100m),
        };

        var a = Of(Calculate(2018, [], claims), A);

        Assert.Equal(1000m, a.Expenditure);
        Assert.Equal(1000m / 3, a.AverageCostPerClientMonth);
    }

    [Fact]
    public void Growth_is_a_fraction_of_the_previous_year_and_null_when_that_was_zero()
    {
        var assignments = new[]
        {
            Assignment("k1", A, D(2017, 1, 1), null),
            Assignment("k2", A, D(2017, 1, 1), null),
            Assignment("k3", A, D(2018, 1, 1), null),
            Assignment("k4", B, D(2018, 1, 1), null),
        };
        var claims = new[] { Claim("k1", A, D(2017, 1, 1), D(2017, 1, 31), 400m), Claim("k1", A, D(2018, 1, 1), D(2018, 1, 31), 500m) };

        var set = Calculate(2018, assignments, claims);

        Assert.Equal(0.5m, Of(set, A).ClientsGrowth);
        Assert.Equal(0.25m, Of(set, A).ExpenditureGrowth);
        Assert.Null(Of(set, B).ClientsGrowth);
        Assert.Null(Of(set, B).ExpenditureGrowth);
        Assert.Null(Of(set, B).AverageCostPerClientMonth);
    }

    [Fact]
    public void A_provider_that_lost_all_its_clients_is_listed_with_growth_minus_one()
    {
        var set = Calculate(2018, [Assignment("k1", C, D(2017, 1, 1), D(2017, 6, 30))]);

        var c = Of(set, C);
        Assert.Equal((0, -1m), (c.Clients, c.ClientsGrowth));
        Assert.Null(c.OutflowRate);
    }

    [Fact]
    public void Groups_count_a_client_once_however_many_providers_of_the_group_they_have()
    {
        var set = Calculate(2018,
        [
            Assignment("k1", A, D(2018, 1, 1), D(2018, 3, 31)),
            Assignment("k1", B, D(2018, 2, 1), null),
            Assignment("k2", B, D(2018, 2, 1), null),
            Assignment("k1", C, D(2018, 2, 1), null),
        ], [Claim("k1", A, D(2018, 2, 1), D(2018, 2, 28), 100m), Claim("k1", B, D(2018, 2, 1), D(2018, 2, 28), 200m)]);

        var ggz = Assert.Single(set.Types, t => t.Type == ProviderType.MentalHealthCare);
        Assert.Equal((2, 2, 300m), (ggz.Providers, ggz.Clients, ggz.Expenditure));
        Assert.Equal(2, ggz.Inflow);     // k1 (twice, counted once) and k2
        Assert.Equal(1, ggz.Outflow);    // k1 left A
        Assert.Equal(300m, ggz.AverageCostPerClientMonth); // one pair: k1 in February
        Assert.Equal((3, 2), (set.Total.Providers, set.Total.Clients));
        Assert.Equal(6, set.Types.Count);
        Assert.Equal(0, Assert.Single(set.Types, t => t.Type == ProviderType.Autism).Clients);
    }

    [Fact]
    public void The_top_five_are_the_largest_absolute_client_growers_with_their_share_of_the_total_growth()
    {
        var assignments = new List<ProviderAssignment>();
        var register = new Dictionary<string, ProviderInfo>();
        for (var p = 1; p <= 7; p++)
        {
            var agb = $"{p:D8}";
            register[agb] = new ProviderInfo($"Aanbieder {p}", null);
            assignments.Add(Assignment($"old{p}", agb, D(2017, 1, 1), null));
            for (var k = 0; k < p; k++) // provider p gains p clients
            {
                assignments.Add(Assignment($"new{p}-{k}", agb, D(2018, 1, 1), null));
            }
        }

        assignments.Add(Assignment("lost", "00000009", D(2017, 1, 1), D(2017, 12, 31))); // −1
        var set = ProviderCalculator.Calculate(2018, assignments, [], ProviderFilter.All, register);

        Assert.Equal(["00000007", "00000006", "00000005", "00000004", "00000003"], set.Top5.Agbs);
        Assert.Equal(25, set.Top5.Growth);
        Assert.Equal(27, set.Top5.TotalGrowth); // 1 + … + 7 − 1
        Assert.Equal(25m / 27, set.Top5.ShareOfGrowth);
    }

    [Fact]
    public void The_share_of_growth_is_null_when_the_total_did_not_grow()
    {
        var set = Calculate(2018, [Assignment("k1", A, D(2017, 1, 1), D(2017, 12, 31)), Assignment("k2", B, D(2018, 1, 1), null)]);

        Assert.Equal([B], set.Top5.Agbs);
        Assert.Null(set.Top5.ShareOfGrowth);
    }

    [Fact]
    public void The_law_and_product_filters_apply_to_assignments_and_claims_before_counting()
    {
        var assignments = new[]
        {
            Assignment("k1", A, D(2018, 1, 1), null, Law.Wmo, "02A06"),
            Assignment("k2", A, D(2018, 1, 1), null, Law.Jeugdwet, "45A48"),
        };
        var claims = new[]
        {
            Claim("k1", A, D(2018, 1, 1), D(2018, 1, 31), 100m, law: Law.Wmo, product: "02A06"),
            Claim("k2", A, D(2018, 1, 1), D(2018, 1, 31), 40m, law: Law.Jeugdwet, product: "45A48"),
        };

        var wmo = Of(Calculate(2018, assignments, claims, new ProviderFilter(Law.Wmo)), A);
        var product = Of(Calculate(2018, assignments, claims, new ProviderFilter(ProductCode: "45A48")), A);

        Assert.Equal((1, 100m), (wmo.Clients, wmo.Expenditure));
        Assert.Equal((1, 40m), (product.Clients, product.Expenditure));
        Assert.Empty(Calculate(2018, assignments, claims, new ProviderFilter(Law.Wmo, "45A48")).Providers);
    }

    [Theory]
    [InlineData("", null, null)]
    [InlineData("wet:Wmo", Law.Wmo, null)]
    [InlineData("product:02A06", null, "02A06")]
    [InlineData("wet:Jeugdwet;product:45A48", Law.Jeugdwet, "45A48")]
    public void A_filter_key_round_trips(string key, Law? law, string? product)
    {
        Assert.True(ProviderFilter.TryParse(key, out var filter));
        Assert.Equal(new ProviderFilter(law, product), filter);
        Assert.Equal(key, filter.Key);
    }

    [Theory]
    [InlineData("wet:1")]
    [InlineData("wet:Zorgwet")]
    [InlineData("product:")]
    [InlineData("type:GGZ")]
    public void A_wrong_filter_key_does_not_parse(string key) => Assert.False(ProviderFilter.TryParse(key, out _));

    [Fact]
    public void An_unknown_provider_gets_a_default_name()
    {
        var set = Calculate(2018, [Assignment("k1", "99999999", D(2018, 1, 1), null)]);

        Assert.Equal(("Aanbieder 99999999", (ProviderType?)null), (Of(set, "99999999").Name, Of(set, "99999999").Type));
    }
}
