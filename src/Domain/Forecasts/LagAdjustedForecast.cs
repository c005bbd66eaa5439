using System.Globalization;

namespace SociaalDomein.Domain.Forecasts;

/// <summary>The knobs of the lag-adjusted forecast (docs/domain.md §7; ADR 15).</summary>
/// <param name="MaximumLag">Development is followed for this many months after the service month; claims later than that
/// are not in the triangle (no tail factor).</param>
/// <param name="MinimumObservations">A development factor needs at least this many service months observed at both lags,
/// otherwise it is 1 (<see cref="ChainLadder.Factors"/>).</param>
/// <param name="MinimumCompletionShare">A service month whose estimated completion share is below this is too immature
/// to scale up: it gets the run-rate of the other elapsed months instead of its own ultimate. 0 switches this off (a share
/// of 0 still never counts).</param>
public sealed record LagOptions(int MaximumLag = 24, int MinimumObservations = ChainLadder.DefaultMinimumObservations, decimal MinimumCompletionShare = 0.5m)
{
    public static readonly LagOptions Default = new();
}

/// <summary>One elapsed service month of the forecast year: what was known of it as of the as-of date (all its known
/// claims, whatever their lag), its lag then, the estimated completion share at that lag, and its ultimate. When
/// <see cref="Mature"/> is false the month was too immature and <see cref="Ultimate"/> is the run-rate.</summary>
public sealed record ServiceMonthEstimate(int Month, int Lag, decimal Known, decimal CompletionShare, bool Mature, decimal Ultimate);

/// <summary>The lag-adjusted forecast with its workings: the factors, the elapsed months and the run-rate (the mean
/// ultimate of the mature months) that fills the other months. Months is empty and RunRate null when not computable.</summary>
public sealed record LagAdjustedResult(
    YearEndForecast Forecast, IReadOnlyList<DevelopmentFactor> Factors, IReadOnlyList<ServiceMonthEstimate> Months, decimal? RunRate);

/// <summary>
/// The lag-adjusted year-end forecast (docs/domain.md §7): chain ladder on the run-off triangle of one group's claims (a
/// law or product group; the caller groups and maps groups to budget lines). Factors are estimated from every service month
/// known at the as-of date, the forecast year's own included, so a backtest at an earlier month end automatically uses
/// only what was known then.
/// </summary>
public static class LagAdjustedForecast
{
    /// <summary>
    /// The forecast of <paramref name="year"/> as of the end of month <paramref name="asOfMonth"/> (0 to 12; outside that an
    /// <see cref="ArgumentOutOfRangeException"/>). For each service month 1 … asOfMonth: ultimate = known ÷ completion share
    /// at its lag. The months whose share is at least <see cref="LagOptions.MinimumCompletionShare"/> are mature; the
    /// run-rate is their mean ultimate and stands in for every other month, immature or still to come:
    /// year-end = Σ mature ultimates + (12 − mature months) × run-rate = 12 × run-rate.
    /// Not computable: as-of month 0; no claim known at all; no development factor with enough history; no mature month
    /// yet.
    /// </summary>
    public static LagAdjustedResult Calculate(int year, int asOfMonth, IEnumerable<LagClaim> claims, LagOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ForecastCalendar.CheckAsOfMonth(asOfMonth, nameof(asOfMonth));
        options ??= LagOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaximumLag, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumObservations, 1, nameof(options));
        if (options.MinimumCompletionShare is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinimumCompletionShare, "A minimum completion share is 0 to 1.");
        }

        if (asOfMonth == 0)
        {
            return NotComputable("Nog geen maand van het jaar afgesloten: er zijn geen declaraties om door te rekenen.", []);
        }

        var claimList = claims as IReadOnlyCollection<LagClaim> ?? claims.ToList();
        var triangle = RunOffTriangle.Build(claimList, year, asOfMonth, options.MaximumLag);
        var factors = ChainLadder.Factors(triangle.Select(r => r.Cumulative).ToList(), options.MaximumLag + 1, options.MinimumObservations);
        if (triangle.Count == 0)
        {
            return NotComputable($"Tot en met {ForecastCalendar.MonthEnd(year, asOfMonth).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)} zijn er geen declaraties bekend.", factors);
        }

        if (factors.All(f => f.Basis == FactorBasis.TooFewObservations))
        {
            return NotComputable(
                $"Te weinig historie van declaraties: geen vertraging is in minstens {options.MinimumObservations} maanden waargenomen.", factors);
        }

        var shares = ChainLadder.CompletionShares(factors);
        var asOf = ForecastCalendar.MonthEnd(year, asOfMonth);
        var known = new decimal[asOfMonth + 1];
        foreach (var claim in claimList)
        {
            if (claim.ServiceMonth.Year == year && claim.ServiceMonth.Month <= asOfMonth && claim.SubmittedOn <= asOf)
            {
                known[claim.ServiceMonth.Month] += claim.Amount;
            }
        }

        var estimates = new List<(int Month, int Lag, decimal Known, decimal Share, decimal? Ultimate)>(asOfMonth);
        for (var month = 1; month <= asOfMonth; month++)
        {
            var lag = asOfMonth - month;
            var share = shares[Math.Min(lag, options.MaximumLag)];
            var ultimate = share >= options.MinimumCompletionShare ? ChainLadder.Ultimate(known[month], share) : null;
            estimates.Add((month, lag, known[month], share, ultimate));
        }

        var mature = estimates.Where(e => e.Ultimate is not null).Select(e => e.Ultimate!.Value).ToList();
        if (mature.Count == 0)
        {
            return NotComputable(
                $"Van geen enkele maand van {year} is al genoeg gedeclareerd: de eerste maand is pas voor {Percent(estimates[0].Share)} binnen.", factors);
        }

        decimal runRate, yearEnd;
        try
        {
            runRate = mature.Sum() / mature.Count;
            yearEnd = mature.Sum() + (12 - mature.Count) * runRate;
        }
        catch (OverflowException)
        {
            return NotComputable("De ontwikkelfactoren van de declaraties zijn zo extreem dat er geen bedrag uit komt.", factors);
        }

        var months = estimates.Select(e => new ServiceMonthEstimate(e.Month, e.Lag, e.Known, e.Share, e.Ultimate is not null, e.Ultimate ?? runRate)).ToList();
        return new LagAdjustedResult(YearEndForecast.Of(ForecastMethod.LagAdjusted, yearEnd), factors, months, runRate);
    }

    private static LagAdjustedResult NotComputable(string reason, IReadOnlyList<DevelopmentFactor> factors) =>
        new(YearEndForecast.NotComputable(ForecastMethod.LagAdjusted, reason), factors, [], null);

    private static string Percent(decimal share) =>
        (Math.Floor(share * 1000m) / 10m).ToString("0.0", CultureInfo.GetCultureInfo("nl-NL")) + " %";
}
