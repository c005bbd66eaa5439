namespace SociaalDomein.Domain.Providers;

/// <summary>The pace part of a ceiling's use (docs/domain.md §9, "Ceiling use"): from what was spent up to the as-of
/// date, the year-end projection at that pace and the day the ceiling is reached at that pace. Pure; the SQL in
/// <c>CeilingService</c> computes spent and the as-of date and hands them here.</summary>
public static class CeilingProjection
{
    /// <summary>The ceiling's as-of date: the latest PeriodEnd of approved claims in the year (over all providers), capped
    /// at 31 December and at today. Without any approved claim in the year, or for a year that has not begun, nothing
    /// has elapsed: the day before 1 January.</summary>
    public static DateOnly AsOf(int year, DateOnly? latestPeriodEnd, DateOnly today)
    {
        var before = new DateOnly(year, 1, 1).AddDays(-1);
        if (latestPeriodEnd is not { } latest)
        {
            return before;
        }

        var capped = Min(Min(latest, new DateOnly(year, 12, 31)), today);
        return capped < before ? before : capped;
    }

    /// <summary>Days from 1 January up to and including <paramref name="asOf"/> (0 when it lies before the year).</summary>
    public static int ElapsedDays(int year, DateOnly asOf) =>
        Math.Max(0, asOf.DayNumber - new DateOnly(year, 1, 1).DayNumber + 1);

    /// <summary>Spent × days in the year ÷ elapsed days, in cents; with nothing elapsed the projection is what was spent.</summary>
    public static decimal Projection(int year, decimal spent, DateOnly asOf)
    {
        var elapsed = ElapsedDays(year, asOf);
        return elapsed == 0 ? spent : decimal.Round(spent * DaysInYear(year) / elapsed, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>1 January + ceil(ceiling ÷ spent × elapsed days) − 1 when that is in the year; null when the ceiling is
    /// not reached this year at this pace, or nothing (or a net credit) was spent.</summary>
    public static DateOnly? ProjectedDate(int year, decimal ceiling, decimal spent, DateOnly asOf)
    {
        var elapsed = ElapsedDays(year, asOf);
        if (spent <= 0 || elapsed == 0 || ceiling <= 0)
        {
            return null;
        }

        // Multiplied before dividing, so a ceiling reached exactly at the end of a day is that day, not the next.
        var days = decimal.Ceiling(ceiling * elapsed / spent);
        return days > DaysInYear(year) ? null : new DateOnly(year, 1, 1).AddDays((int)days - 1);
    }

    /// <summary>The status of one ceiling from its spent amount and the year's as-of date.</summary>
    public static CeilingStatus Status(
        int ceilingId, string agb, int year, Assignments.Law? law, string? productCode, decimal ceiling, decimal spent, DateOnly asOf) =>
        new(ceilingId, agb, year, law, productCode, ceiling, spent, asOf, Projection(year, spent, asOf), ProjectedDate(year, ceiling, spent, asOf));

    public static int DaysInYear(int year) => DateTime.IsLeapYear(year) ? 366 : 365;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
