using SociaalDomein.Domain.Forecasts;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>
/// The forecast of a domain or of the total from its lines (docs/domain.md §7). Budget and actual to date add up. A method's
/// sum adds each line's forecast by that method; where that method is not computable for a line, the line's recommended
/// forecast stands in (and the sum's note says on how many lines), so a domain sum always covers every line. Not
/// computable: the method for none of the lines (the sum would be the recommended one under another name), or a line with
/// no forecast at all to stand in. The recommended sum adds the lines' recommended forecasts; not computable when one
/// has none. The balance is budget − recommended sum.
/// </summary>
public static class ForecastSums
{
    public static ForecastFigures Sum(IReadOnlyList<ForecastFigures> lines) => new(
        lines.Sum(l => l.Budget),
        lines.Sum(l => l.ActualToDate),
        Method(lines, ForecastMethod.Linear),
        Method(lines, ForecastMethod.LagAdjusted),
        Method(lines, ForecastMethod.Commitment),
        Recommended(lines),
        null,
        null);

    private static ForecastValue Method(IReadOnlyList<ForecastFigures> lines, ForecastMethod method)
    {
        if (lines.Count > 0 && lines.All(l => !l[method].IsComputable))
        {
            return ForecastValue.NotComputable($"Voor geen van de {lines.Count} posten te berekenen.");
        }

        var missing = lines.Count(l => !l[method].IsComputable && !l.Recommended.IsComputable);
        if (missing > 0)
        {
            return ForecastValue.NotComputable($"Voor {missing} {Posts(missing)} is geen enkele prognose te berekenen.");
        }

        var standIns = lines.Count(l => !l[method].IsComputable);
        return new ForecastValue(
            lines.Sum(l => l[method].Amount ?? l.Recommended.Amount!.Value),
            null,
            standIns == 0 ? null : $"Voor {standIns} van de {lines.Count} posten niet te berekenen; daar telt de aanbevolen prognose mee.");
    }

    private static ForecastValue Recommended(IReadOnlyList<ForecastFigures> lines)
    {
        var missing = lines.Count(l => !l.Recommended.IsComputable);
        return missing > 0
            ? ForecastValue.NotComputable($"Voor {missing} {Posts(missing)} is geen enkele prognose te berekenen.")
            : new ForecastValue(lines.Sum(l => l.Recommended.Amount!.Value), null);
    }

    private static string Posts(int count) => count == 1 ? "post" : "posten";
}
