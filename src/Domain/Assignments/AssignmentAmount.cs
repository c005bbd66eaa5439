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
/// With a price list (the overload taking <see cref="TariffPeriod"/>s, docs/domain.md §4 "Price list"):
/// <list type="bullet">
/// <item>The tariff is the assignment's own; without one, on each day of the overlap with Y the price-list entry for its
/// provider and product code that covers the day, else the generic entry (all providers) for its product code that
/// covers the day. The overlap is split where the price changes and the parts are added:
/// <c>v × Σ(t_part × days_part) × perYear(f) / daysInYear(Y)</c>, for <see cref="Frequency.Total"/>
/// <c>v × Σ(t_part × days_part) / days(P)</c>.</item>
/// <item>Entries of one (product, provider) do not overlap (the price list refuses it); should two cover a day, the one
/// starting last wins.</item>
/// <item>Days of the overlap without any price (a gap in the price list) count 0: the assignment is <em>partly priced</em>
/// (<see cref="PricedAmount.PartlyPriced"/>) but it has an amount.</item>
/// <item>No amount (null), distinct from € 0: no budget, and no volume, no known frequency, or no price on any day of
/// the overlap with Y (neither an own tariff nor a price-list entry). Such an assignment is counted and shown, never
/// silently valued at € 0. A period that does not touch Y still has amount 0 in Y.</item>
/// </list>
/// The stacking analysis calls this for every active assignment, in production (<c>StackingColumns</c>) and in its oracle.
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

    /// <summary>The amount in <paramref name="year"/> valued with the price list when the assignment has no budget and
    /// no tariff of its own; null when it has no amount (see the class summary). <paramref name="priceList"/> holds the
    /// entries that apply to the assignment: those for its product code, for its provider or for all providers
    /// (<see cref="PriceList.For"/>).</summary>
    public static decimal? InYear(
        DateOnly start, DateOnly? end, decimal? budget, decimal? volume, decimal? tariff, Frequency? frequency, int year,
        IReadOnlyList<TariffPeriod> priceList) =>
        Priced(start, end, budget, volume, tariff, frequency, year, priceList).Amount;

    /// <summary>As <see cref="InYear(DateOnly, DateOnly?, decimal?, decimal?, decimal?, Frequency?, int, IReadOnlyList{TariffPeriod})"/>,
    /// and whether the price list covered only part of the overlap with the year.</summary>
    public static PricedAmount Priced(
        DateOnly start, DateOnly? end, decimal? budget, decimal? volume, decimal? tariff, Frequency? frequency, int year,
        IReadOnlyList<TariffPeriod> priceList)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var periodEnd = end ?? yearEnd;
        var periodDays = Days(start, periodEnd);
        var overlapStart = Max(start, yearStart);
        var overlapEnd = Min(periodEnd, yearEnd);
        var overlapDays = Days(overlapStart, overlapEnd);
        if (periodDays <= 0 || overlapDays <= 0)
        {
            return new PricedAmount(0m, false);
        }

        if (budget is not null || (tariff is not null && volume is not null && frequency is { } known && Enum.IsDefined(known)))
        {
            return new PricedAmount(InYear(start, end, budget, volume, tariff, frequency, year), false);
        }

        if (volume is not { } v || frequency is not { } f || !Enum.IsDefined(f) || tariff is not null)
        {
            return PricedAmount.None;
        }

        var priceDays = 0m;   // Σ tariff × days over the parts of the overlap that have a price
        var pricedDays = 0;
        foreach (var (from, to, price) in Parts(overlapStart, overlapEnd, priceList))
        {
            if (price is { } t)
            {
                priceDays += t * Days(from, to);
                pricedDays += Days(from, to);
            }
        }

        if (pricedDays == 0)
        {
            return PricedAmount.None;
        }

        var amount = f == Frequency.Total
            ? v * priceDays / periodDays
            : v * priceDays * PerYear(f) / Days(yearStart, yearEnd);
        return new PricedAmount(amount, pricedDays < overlapDays);
    }

    /// <summary>The overlap split at every date where a price-list entry starts or ends, each part with its price (null:
    /// no entry covers it). The price of a part is that of the entry covering its first day: for the provider before
    /// for all providers, then the one starting last.</summary>
    private static IEnumerable<(DateOnly From, DateOnly To, decimal? Price)> Parts(DateOnly from, DateOnly to, IReadOnlyList<TariffPeriod> priceList)
    {
        var bounds = new SortedSet<DateOnly> { from };
        foreach (var entry in priceList)
        {
            if (entry.From > from && entry.From <= to)
            {
                bounds.Add(entry.From);
            }

            if (entry.To is { } last && last >= from && last < to)
            {
                bounds.Add(last.AddDays(1));
            }
        }

        var starts = bounds.ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var day = starts[i];
            var price = priceList
                .Where(e => e.From <= day && (e.To is null || e.To >= day))
                .OrderByDescending(e => e.ForProvider)
                .ThenByDescending(e => e.From)
                .Select(e => (decimal?)e.Amount)
                .FirstOrDefault();
            yield return (day, i + 1 < starts.Count ? starts[i + 1].AddDays(-1) : to, price);
        }
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

/// <summary>A price-list entry as it applies to one assignment: the price per unit from <see cref="From"/> to
/// <see cref="To"/> (null: until further notice), both included; <see cref="ForProvider"/> when the entry is for the
/// assignment's own provider rather than for all providers.</summary>
public readonly record struct TariffPeriod(DateOnly From, DateOnly? To, decimal Amount, bool ForProvider = false);

/// <summary>An assignment's amount in a year: null when it has no amount (no budget and no price at all);
/// <see cref="PartlyPriced"/> when the price list gave a price for only some days of the overlap with the year (the
/// other days count 0).</summary>
public readonly record struct PricedAmount(decimal? Amount, bool PartlyPriced)
{
    public static readonly PricedAmount None = new(null, false);

    public bool HasAmount => Amount is not null;
}
