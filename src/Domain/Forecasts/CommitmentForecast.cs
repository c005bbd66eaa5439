namespace SociaalDomein.Domain.Forecasts;

/// <summary>The amount of the active assignments of a budget line that falls in one month (1 to 12) of the forecast year,
/// valued as docs/domain.md §4 values them; the caller sums the assignments.</summary>
public sealed record AssignedMonth(int Month, decimal Assigned);

/// <summary>What was claimed and assigned for a budget line in an earlier year (as <see cref="Providers.Utilisation"/> counts
/// them: approved claims prorated to the year, assignments valued in the year).</summary>
public sealed record UtilisationYear(int Year, decimal Claimed, decimal Assigned);

/// <summary>
/// The commitment-based year-end forecast (docs/domain.md §7): what has been claimed (or spent) to date plus what the active
/// assignments still hold for the rest of the year, times the share of assigned care that providers historically claim
/// (utilisation, uitputting: assignments are nearly always higher than what is claimed).
/// </summary>
public static class CommitmentForecast
{
    /// <summary>The historical utilisation rate for <paramref name="forecastYear"/>: Σ claimed ÷ Σ assigned over the years
    /// before it (volume-weighted, so a big year weighs more). Null when no earlier year has anything assigned (Σ assigned
    /// ≤ 0): there is no history.</summary>
    public static decimal? UtilisationRate(int forecastYear, IEnumerable<UtilisationYear> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var earlier = history.Where(h => h.Year < forecastYear).ToList();
        var assigned = earlier.Sum(h => h.Assigned);
        return assigned <= 0m ? null : earlier.Sum(h => h.Claimed) / assigned;
    }

    /// <summary>
    /// Forecast as of the end of month <paramref name="asOfMonth"/> (0 to 12; outside that, or an assigned month outside 1 to
    /// 12, an <see cref="ArgumentOutOfRangeException"/>): <paramref name="claimedToDate"/> + Σ assigned of the months after
    /// the as-of month × <paramref name="utilisationRate"/>. Not computable without a rate (no history) or with a negative
    /// one (more credited than claimed). At month 12 it is the claimed to date.
    /// </summary>
    public static YearEndForecast Calculate(int asOfMonth, decimal claimedToDate, IEnumerable<AssignedMonth> assigned, decimal? utilisationRate)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        ForecastCalendar.CheckAsOfMonth(asOfMonth, nameof(asOfMonth));
        var months = assigned.ToList();
        if (months.Any(m => m.Month is < 1 or > 12))
        {
            throw new ArgumentOutOfRangeException(nameof(assigned), "An assigned month is 1 to 12.");
        }

        if (utilisationRate is not { } rate)
        {
            return YearEndForecast.NotComputable(ForecastMethod.Commitment,
                "Geen uitputting uit eerdere jaren bekend: zonder toewijzingen en declaraties van vorige jaren is niet te zeggen welk deel van de toewijzingen wordt gedeclareerd.");
        }

        if (rate < 0m)
        {
            return YearEndForecast.NotComputable(ForecastMethod.Commitment,
                "De uitputting van eerdere jaren is negatief (meer gecrediteerd dan gedeclareerd): daarmee is niet te rekenen.");
        }

        var remaining = months.Where(m => m.Month > asOfMonth).Sum(m => m.Assigned);
        return YearEndForecast.Of(ForecastMethod.Commitment, claimedToDate + remaining * rate);
    }
}
