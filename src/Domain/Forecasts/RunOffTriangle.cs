namespace SociaalDomein.Domain.Forecasts;

/// <summary>A claim as the lag analysis sees it: the month of care it is for (only the year and month of
/// <see cref="ServiceMonth"/> count), when it was submitted, and its amount (negative for a credit). The caller picks the
/// claims (approved ones of one law or product group) and the service month (e.g. the month the claim's period starts).</summary>
public sealed record LagClaim(DateOnly ServiceMonth, DateOnly SubmittedOn, decimal Amount);

/// <summary>One service month of a run-off triangle: <see cref="Cumulative"/>[k] is the sum of the claims for that month
/// submitted at most k months after it (lag ≤ k), for the lags known at the as-of date.</summary>
public sealed record RunOffRow(int Year, int Month, IReadOnlyList<decimal> Cumulative);

/// <summary>
/// The run-off triangle of claims (docs/domain.md §7): service month × development lag in months. The lag of a claim is
/// the number of calendar months from its service month to the month it was submitted: 0 when submitted in the service
/// month itself (or before it, which a claim in advance may be). A claim is known as of a date when it was submitted on or
/// before that date.
/// </summary>
public static class RunOffTriangle
{
    /// <summary>Calendar months from the service month to the submission month; never below 0.</summary>
    public static int Lag(DateOnly serviceMonth, DateOnly submittedOn) =>
        Math.Max(0, ForecastCalendar.Index(submittedOn.Year, submittedOn.Month) - ForecastCalendar.Index(serviceMonth.Year, serviceMonth.Month));

    /// <summary>
    /// The triangle as known at the end of month <paramref name="asOfMonth"/> (1 to 12) of <paramref name="asOfYear"/>: a row
    /// per service month from the earliest one with a known claim up to the as-of month (months without claims included,
    /// with zeros), each with the lags 0 … min(months since, <paramref name="maximumLag"/>). Claims submitted after the as-of
    /// date, for a service month after it, or with a lag beyond <paramref name="maximumLag"/> are not in it. Empty when no
    /// claim is known.
    /// </summary>
    public static IReadOnlyList<RunOffRow> Build(IEnumerable<LagClaim> claims, int asOfYear, int asOfMonth, int maximumLag)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentOutOfRangeException.ThrowIfLessThan(asOfMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(asOfMonth, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumLag, 0);

        var asOf = ForecastCalendar.MonthEnd(asOfYear, asOfMonth);
        var asOfIndex = ForecastCalendar.Index(asOfYear, asOfMonth);
        var cells = new Dictionary<(int Service, int Lag), decimal>();
        int? first = null;
        foreach (var claim in claims)
        {
            var service = ForecastCalendar.Index(claim.ServiceMonth.Year, claim.ServiceMonth.Month);
            if (claim.SubmittedOn > asOf || service > asOfIndex)
            {
                continue;
            }

            first = first is { } f ? Math.Min(f, service) : service;
            var lag = Lag(claim.ServiceMonth, claim.SubmittedOn);
            if (lag <= maximumLag)
            {
                cells[(service, lag)] = cells.GetValueOrDefault((service, lag)) + claim.Amount;
            }
        }

        if (first is not { } start)
        {
            return [];
        }

        var rows = new List<RunOffRow>(asOfIndex - start + 1);
        for (var service = start; service <= asOfIndex; service++)
        {
            var cumulative = new decimal[Math.Min(asOfIndex - service, maximumLag) + 1];
            var sum = 0m;
            for (var lag = 0; lag < cumulative.Length; lag++)
            {
                sum += cells.GetValueOrDefault((service, lag));
                cumulative[lag] = sum;
            }

            rows.Add(new RunOffRow(service / 12, service % 12 + 1, cumulative));
        }

        return rows;
    }
}
