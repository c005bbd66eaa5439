namespace SociaalDomein.Domain.Assignments;

/// <summary>
/// The amount of an assignment in a calendar year (docs/domain.md §4), exact in <see cref="decimal"/>, never rounded:
/// <list type="bullet">
/// <item>a total budget B: <c>B × overlapDays(P, Y) / days(P)</c>;</item>
/// <item>a volume v at tariff t with frequency f: <c>v × t × perYear(f) × overlapDays(P, Y) / daysInYear(Y)</c>
/// (per dag 365, per week 52, per 4 weken 13, per maand 12, per jaar 1);</item>
/// <item>frequency <see cref="Frequency.Total"/>: <c>v × t</c> is the total budget B of the period.</item>
/// </list>
/// Days are counted inclusively. Decisions beyond §4:
/// <list type="bullet">
/// <item>When an assignment carries both a budget and a volume, the budget wins (it is what was assigned).</item>
/// <item>An open-ended period counts until 31 December of Y, also for the divisor days(P) of a total budget
/// (B, or v × t with <see cref="Frequency.Total"/>): the budget is spread over start … 31 Dec Y.</item>
/// <item>Missing data (no budget and not all of volume, tariff and a known frequency), an end before the start or a period
/// that does not touch Y: amount 0.</item>
/// </list>
/// The SQL in <c>StackingService</c> computes the same formula; keep the two in step.
/// </summary>
public static class AssignmentAmount
{
    public static decimal InYear(DateOnly start, DateOnly? end, decimal? budget, decimal? volume, decimal? tariff, Frequency? frequency, int year)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var periodEnd = end ?? yearEnd;
        var periodDays = Days(start, periodEnd);
        var overlapDays = Days(Max(start, yearStart), Min(periodEnd, yearEnd));
        if (periodDays <= 0 || overlapDays <= 0)
        {
            return 0m;
        }

        if (budget is { } b)
        {
            return b * overlapDays / periodDays;
        }

        if (volume is not { } v || tariff is not { } t || frequency is not { } f || !Enum.IsDefined(f))
        {
            return 0m;
        }

        return f == Frequency.Total
            ? v * t * overlapDays / periodDays
            : v * t * PerYear(f) * overlapDays / Days(yearStart, yearEnd);
    }

    /// <summary>How many times a frequency occurs in a year (not for <see cref="Frequency.Total"/>).</summary>
    public static int PerYear(Frequency frequency) => frequency switch
    {
        Frequency.PerDay => 365,
        Frequency.PerWeek => 52,
        Frequency.Per4Weeks => 13,
        Frequency.PerMonth => 12,
        Frequency.PerYear => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Totaal binnen geldigheidsduur heeft geen aantal per jaar."),
    };

    /// <summary>Days in [from, to], both included; 0 or less when to is before from.</summary>
    private static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
