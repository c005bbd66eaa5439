using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Domain.Tests.Forecasts;

public class LagAdjustedForecastTests
{
    /// <summary>Claims of one service month, each submitted <c>lag</c> months after it (on the 15th).</summary>
    private static IEnumerable<LagClaim> Month(int year, int month, params (int Lag, decimal Amount)[] parts)
    {
        var service = new DateOnly(year, month, 1);
        return parts.Select(p => new LagClaim(service, service.AddMonths(p.Lag).AddDays(14), p.Amount));
    }

    /// <summary>2016: every month 100 in the month itself, 50 a month later and 50 two months later.</summary>
    private static IEnumerable<LagClaim> History2016() => Enumerable.Range(1, 12).SelectMany(m => Month(2016, m, (0, 100m), (1, 50m), (2, 50m)));

    private static readonly LagOptions TwoMonths = new(MaximumLag: 2, MinimumObservations: 3, MinimumCompletionShare: 0.5m);

    /// <summary>2017 runs at twice 2016's level; the claims are all there, the forecast must only see those known.</summary>
    private static List<LagClaim> Doubled(decimal marchLag0 = 200m) =>
    [
        .. History2016(),
        .. Month(2017, 1, (0, 200m), (1, 100m), (2, 100m)),
        .. Month(2017, 2, (0, 200m), (1, 100m), (2, 100m)),   // lag 2 is April: unknown at 31-03
        .. Month(2017, 3, (0, marchLag0), (1, 100m), (2, 100m)),   // only lag 0 known at 31-03
    ];

    [Fact]
    public void A_hand_made_triangle_as_of_March()
    {
        // Known at 31-03-2017, rows Jan 2016 … Mar 2017:
        // f0 over the 14 rows with lag 1 known (Jan 2016 … Feb 2017): (12 × 150 + 300 + 300) ÷ (12 × 100 + 200 + 200) = 2400/1600 = 1,5
        // f1 over the 13 rows with lag 2 known (Jan 2016 … Jan 2017): (12 × 200 + 400) ÷ (12 × 150 + 300) = 2800/2100 = 4/3
        // shares: lag 2 → 1, lag 1 → 3/4, lag 0 → 3/4 ÷ 1,5 = 1/2
        // ultimates: Jan 400 ÷ 1 = 400, Feb 300 ÷ 3/4 = 400, Mar 200 ÷ 1/2 = 400 → year 12 × 400 = 4.800
        // (linear on the known claims: 900 × 12 ÷ 3 = 3.600)
        var result = LagAdjustedForecast.Calculate(2017, 3, Doubled(), TwoMonths);

        Assert.Equal([1.5m, 1.333333m], result.Factors.Select(f => Math.Round(f.Factor!.Value, 6)));
        Assert.Equal([14, 13], result.Factors.Select(f => f.Observations));
        Assert.Equal(
            [(1, 2, 400m, 1m, true, 400m), (2, 1, 300m, 0.75m, true, 400m), (3, 0, 200m, 0.5m, true, 400m)],
            result.Months.Select(m => (m.Month, m.Lag, m.Known, Math.Round(m.CompletionShare, 6), m.Mature, Math.Round(m.Ultimate, 6))));
        Assert.Equal(4_800m, Math.Round(result.Forecast.Amount!.Value, 6));
        Assert.Equal(ForecastMethod.LagAdjusted, result.Forecast.Method);
    }

    [Fact]
    public void The_remaining_months_follow_the_mean_ultimate_of_the_elapsed_months()
    {
        // March at 300 known: ultimate 600; mean of 400, 400, 600 = 466,67; year 1.400 + 9 × 466,67 = 5.600.
        var result = LagAdjustedForecast.Calculate(2017, 3, Doubled(marchLag0: 300m), TwoMonths);

        Assert.Equal(466.67m, Math.Round(result.RunRate!.Value, 2));
        Assert.Equal(5_600m, Math.Round(result.Forecast.Amount!.Value, 6));
    }

    [Fact]
    public void A_month_below_the_minimum_completion_share_takes_the_run_rate()
    {
        // March's share is 1/2 < 0,6: its 300 is not scaled up; the run-rate of January and February (400) fills it.
        var result = LagAdjustedForecast.Calculate(2017, 3, Doubled(marchLag0: 300m), TwoMonths with { MinimumCompletionShare = 0.6m });

        var march = result.Months[2];
        Assert.Equal((false, 300m, 400m), (march.Mature, march.Known, Math.Round(march.Ultimate, 6)));
        Assert.Equal(4_800m, Math.Round(result.Forecast.Amount!.Value, 6));
    }

    [Fact]
    public void Nothing_claimed_in_the_service_month_itself_makes_the_latest_month_immature_not_zero()
    {
        // 2016: each month 100 a month later and 50 two months later, nothing in the month itself.
        // f0: Σ lag 0 = 0 over 14 rows, Σ lag 1 = 1.200 + 200 + 200 → no factor, share at lag 0 = 0.
        // f1 over 13 rows: (12 × 150 + 300) ÷ (12 × 100 + 200) = 2100/1400 = 1,5 → shares 0, 2/3, 1.
        // Jan 300 ÷ 1 = 300, Feb 200 ÷ 2/3 = 300, Mar nothing known, share 0 → the run-rate 300; year 3.600.
        List<LagClaim> claims =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => Month(2016, m, (1, 100m), (2, 50m))),
            .. Month(2017, 1, (1, 200m), (2, 100m)),
            .. Month(2017, 2, (1, 200m), (2, 100m)),
            .. Month(2017, 3, (1, 200m), (2, 100m)),
        ];

        var result = LagAdjustedForecast.Calculate(2017, 3, claims, TwoMonths);

        Assert.Equal(FactorBasis.NoBase, result.Factors[0].Basis);
        Assert.Equal((0m, false, 300m), (result.Months[2].CompletionShare, result.Months[2].Mature, Math.Round(result.Months[2].Ultimate, 6)));
        Assert.Equal(3_600m, Math.Round(result.Forecast.Amount!.Value, 6));
    }

    [Fact]
    public void Credits_can_make_the_forecast_negative_and_it_stays_a_number()
    {
        // One month of lag: 2016 each month 100 + 100. In 2017 February's claims are credited by 1.000 in March.
        // f0 over Jan 2016 … Feb 2017 (14 rows): (2400 + 200 + (100 − 1000)) ÷ 1400 = 1700/1400 → share at lag 0 = 14/17.
        // Jan 200, Feb −900 (lag ≥ 1: share 1), Mar 100 ÷ 14/17 = 121,43 → year 4 × (200 − 900 + 121,43) = −2.314,29.
        List<LagClaim> claims =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => Month(2016, m, (0, 100m), (1, 100m))),
            .. Month(2017, 1, (0, 100m), (1, 100m)),
            .. Month(2017, 2, (0, 100m), (1, -1_000m)),
            .. Month(2017, 3, (0, 100m)),
        ];

        var result = LagAdjustedForecast.Calculate(2017, 3, claims, new LagOptions(MaximumLag: 1));

        Assert.Equal(-2_314.29m, Math.Round(result.Forecast.Amount!.Value, 2));
    }

    [Fact]
    public void Known_claims_later_than_the_maximum_lag_still_count_for_the_forecast_year()
    {
        // Maximum lag 1; January 2017 has 50 more at lag 2. Its known amount is 250 with share 1 (beyond the triangle).
        List<LagClaim> claims =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => Month(2016, m, (0, 100m), (1, 100m))),
            .. Month(2017, 1, (0, 100m), (1, 100m), (2, 50m)),
        ];

        var result = LagAdjustedForecast.Calculate(2017, 3, claims, new LagOptions(MaximumLag: 1));

        Assert.Equal((250m, 1m, 250m), (result.Months[0].Known, result.Months[0].CompletionShare, result.Months[0].Ultimate));
    }

    [Fact]
    public void Too_thin_a_history_is_not_computable()
    {
        // Only January and February 2017: lag 0→1 seen in 2 months, lag 1→2 in 1, both fewer than 3.
        List<LagClaim> claims = [.. Month(2017, 1, (0, 100m), (1, 50m), (2, 50m)), .. Month(2017, 2, (0, 100m), (1, 50m))];

        var result = LagAdjustedForecast.Calculate(2017, 3, claims, TwoMonths);

        Assert.Null(result.Forecast.Amount);
        Assert.Equal("Te weinig historie van declaraties: geen vertraging is in minstens 3 maanden waargenomen.", result.Forecast.Reason);
        Assert.Empty(result.Months);
        Assert.Null(result.RunRate);
    }

    [Fact]
    public void No_claims_at_all_is_not_computable()
    {
        var result = LagAdjustedForecast.Calculate(2017, 9, []);

        Assert.Equal("Tot en met 30-09-2017 zijn er geen declaraties bekend.", result.Forecast.Reason);
    }

    [Fact]
    public void No_mature_month_is_not_computable()
    {
        // As of January only January 2017 has elapsed, at lag 0 with share 1/2; a minimum of 0,6 leaves nothing.
        var result = LagAdjustedForecast.Calculate(2017, 1, Doubled(), TwoMonths with { MinimumCompletionShare = 0.6m });

        Assert.False(result.Forecast.IsComputable);
        Assert.Equal("Van geen enkele maand van 2017 is al genoeg gedeclareerd: de eerste maand is pas voor 50,0 % binnen.", result.Forecast.Reason);
    }

    [Fact]
    public void As_of_month_0_is_not_computable_and_outside_0_to_12_a_programmer_error()
    {
        Assert.Equal("Nog geen maand van het jaar afgesloten: er zijn geen declaraties om door te rekenen.",
            LagAdjustedForecast.Calculate(2017, 0, Doubled(), TwoMonths).Forecast.Reason);
        Assert.Throws<ArgumentOutOfRangeException>(() => LagAdjustedForecast.Calculate(2017, 13, Doubled(), TwoMonths));
        Assert.Throws<ArgumentOutOfRangeException>(() => LagAdjustedForecast.Calculate(2017, -1, Doubled(), TwoMonths));
        Assert.Throws<ArgumentOutOfRangeException>(() => LagAdjustedForecast.Calculate(2017, 3, Doubled(), TwoMonths with { MaximumLag = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LagAdjustedForecast.Calculate(2017, 3, Doubled(), TwoMonths with { MinimumCompletionShare = 1.5m }));
    }

    [Fact]
    public void As_of_December_the_late_claims_of_the_autumn_are_still_added()
    {
        // 2016 at its own level as the forecast year, everything known by 31-12-2016 except the lags after December:
        // Nov lag 1 (share 3/4 from 2016's own factors 1,5 and 4/3) and Dec lag 0 (share 1/2): every month's ultimate is 200.
        var result = LagAdjustedForecast.Calculate(2016, 12, History2016(), TwoMonths);

        Assert.All(result.Months, m => Assert.Equal(200m, Math.Round(m.Ultimate, 6)));
        Assert.Equal(2_400m, Math.Round(result.Forecast.Amount!.Value, 6));
    }
}
