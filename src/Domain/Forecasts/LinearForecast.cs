namespace SociaalDomein.Domain.Forecasts;

/// <summary>Linear extrapolation (docs/domain.md §7): actual to date × 12 ÷ months elapsed. The method that missed
/// Zwolle's late claims in 2017, kept because it needs nothing but the actuals.</summary>
public static class LinearForecast
{
    /// <summary>The year-end forecast from the actual of months 1 … <paramref name="monthsElapsed"/> (0 to 12; outside
    /// that an <see cref="ArgumentOutOfRangeException"/>). With 0 months nothing can be extrapolated: not computable.
    /// A negative actual (credits) gives a negative forecast; nothing is rounded.</summary>
    public static YearEndForecast Calculate(decimal actualToDate, int monthsElapsed)
    {
        ForecastCalendar.CheckAsOfMonth(monthsElapsed, nameof(monthsElapsed));
        return monthsElapsed == 0
            ? YearEndForecast.NotComputable(ForecastMethod.Linear, "Nog geen maand van het jaar afgesloten: er is niets om door te trekken.")
            : YearEndForecast.Of(ForecastMethod.Linear, actualToDate * 12m / monthsElapsed);
    }
}
