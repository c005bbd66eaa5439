namespace SociaalDomein.Domain.Forecasts;

/// <summary>Months of a forecast year: the forecasts are made "as of" the end of a month.</summary>
public static class ForecastCalendar
{
    /// <summary>The number of months of <paramref name="year"/> whose last day is on or before <paramref name="asOf"/>:
    /// 0 before 31 January, 9 on 30 September, 12 from 31 December on (a later date does not add months).</summary>
    public static int MonthsElapsed(int year, DateOnly asOf)
    {
        if (asOf.Year < year)
        {
            return 0;
        }

        if (asOf.Year > year)
        {
            return 12;
        }

        return asOf == MonthEnd(year, asOf.Month) ? asOf.Month : asOf.Month - 1;
    }

    /// <summary>The last day of a month.</summary>
    public static DateOnly MonthEnd(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    /// <summary>Months counted from year 0, so that the difference of two is a number of months.</summary>
    public static int Index(int year, int month) => year * 12 + month - 1;

    /// <summary>An as-of month is 0 (no month closed yet) to 12; anything else is a programmer error.</summary>
    internal static void CheckAsOfMonth(int asOfMonth, string parameterName)
    {
        if (asOfMonth is < 0 or > 12)
        {
            throw new ArgumentOutOfRangeException(parameterName, asOfMonth, "An as-of month is 0 to 12.");
        }
    }
}
