using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class CommitmentForecastTests
{
    private static IReadOnlyList<AssignedMonth> EveryMonth(decimal amount) => Enumerable.Range(1, 12).Select(m => new AssignedMonth(m, amount)).ToList();

    [Fact]
    public void The_rate_weighs_the_earlier_years_by_volume_and_leaves_out_the_forecast_year_and_later()
    {
        // (700 + 2.300) ÷ (1.000 + 3.000) = 0,75; the mean of the two ratios (0,70 and 0,767) would be 0,733.
        var history = new[]
        {
            new UtilisationYear(2015, 700m, 1_000m),
            new UtilisationYear(2016, 2_300m, 3_000m),
            new UtilisationYear(2017, 100m, 5_000m),
            new UtilisationYear(2018, 9_000m, 5_000m),
        };

        Assert.Equal(0.75m, CommitmentForecast.UtilisationRate(2017, history));
    }

    [Fact]
    public void Without_an_earlier_year_with_assignments_there_is_no_rate()
    {
        Assert.Null(CommitmentForecast.UtilisationRate(2017, []));
        Assert.Null(CommitmentForecast.UtilisationRate(2017, [new UtilisationYear(2016, 500m, 0m), new UtilisationYear(2017, 500m, 1_000m)]));
    }

    [Fact]
    public void Claimed_to_date_plus_the_rest_of_the_year_at_the_utilisation_rate()
    {
        // As of September: 6.000 + (October … December 3 × 1.000 + 500 more in October) × 0,75 = 6.000 + 2.625 = 8.625.
        var assigned = EveryMonth(1_000m).Append(new AssignedMonth(10, 500m));

        var forecast = CommitmentForecast.Calculate(9, 6_000m, assigned, 0.75m);

        Assert.Equal((ForecastMethod.Commitment, 8_625m), (forecast.Method, forecast.Amount));
    }

    [Fact]
    public void In_December_it_is_the_claimed_to_date_and_before_January_all_twelve_months_count()
    {
        Assert.Equal(6_000m, CommitmentForecast.Calculate(12, 6_000m, EveryMonth(1_000m), 0.75m).Amount);
        Assert.Equal(9_000m, CommitmentForecast.Calculate(0, 0m, EveryMonth(1_000m), 0.75m).Amount);
    }

    [Fact]
    public void Without_history_or_with_a_negative_rate_it_is_not_computable()
    {
        var none = CommitmentForecast.Calculate(9, 6_000m, EveryMonth(1_000m), null);
        var negative = CommitmentForecast.Calculate(9, 6_000m, EveryMonth(1_000m), -0.1m);

        Assert.Equal((null, false), (none.Amount, none.IsComputable));
        Assert.StartsWith("Geen uitputting uit eerdere jaren bekend", none.Reason);
        Assert.Null(negative.Amount);
        Assert.StartsWith("De uitputting van eerdere jaren is negatief", negative.Reason);
    }

    [Fact]
    public void A_month_outside_the_year_is_a_programmer_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CommitmentForecast.Calculate(13, 0m, [], 0.75m));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommitmentForecast.Calculate(9, 0m, [new AssignedMonth(13, 1m)], 0.75m));
        Assert.Throws<ArgumentOutOfRangeException>(() => CommitmentForecast.Calculate(9, 0m, [new AssignedMonth(0, 1m)], 0.75m));
    }
}
