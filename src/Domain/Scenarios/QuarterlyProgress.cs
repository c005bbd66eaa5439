namespace SociaalDomein.Domain.Scenarios;

public enum ProgressStatus
{
    /// <summary>No yield projected for the year and none realised.</summary>
    NothingPlanned = 0,

    /// <summary>The yield is PM: there is nothing to compare the realisation with.</summary>
    NotQuantified = 1,

    Behind = 2,
    OnTrack = 3,
    Ahead = 4,
}

/// <summary>Projected against realised up to and including a quarter, for one measure or the total.</summary>
public sealed record ProgressLine(string Code, string Title, decimal? Projected, decimal Realised, ProgressStatus Status)
{
    public decimal? Difference => Projected is { } projected ? Realised - projected : null;
}

/// <summary>The cumulative totals at the end of each quarter of a year; Realised is null for a quarter not yet reached.</summary>
public sealed record ProgressPoint(int Quarter, decimal Projected, decimal? Realised);

/// <summary>
/// The quarterly report on the measures (docs/domain.md §8): up to a quarter, the projected yield is the year's yield
/// spread evenly over its quarters (Q2 = half), the realised yield is the sum of the recorded quarters. A measure is
/// ahead from 5 % above the projection, behind from 5 % below it, on track in between.
/// </summary>
public static class QuarterlyProgress
{
    public const decimal Tolerance = 0.05m;

    public static IReadOnlyList<ProgressLine> Measures(ScenarioFigures figures, int year, int quarter) =>
        figures.Measures
            .Where(m => !m.Retired && (m.Years.Any(y => y.Year == year) || m.Realisations.Any(r => r.Year == year)))
            .Select(m =>
            {
                var projected = m.IsPmIn(year) ? (decimal?)null : Projected(m.YieldIn(year) ?? 0m, quarter);
                var realised = Realised(m, year, quarter);
                return new ProgressLine(m.Code, m.Title, projected, realised, StatusOf(projected, realised));
            })
            .ToList();

    /// <summary>All measures together; PM measures add their realisation but no projection.</summary>
    public static ProgressLine Total(IReadOnlyList<ProgressLine> lines)
    {
        var projected = lines.Sum(l => l.Projected ?? 0m);
        var realised = lines.Sum(l => l.Realised);
        return new ProgressLine("", "Totaal", projected, realised, StatusOf(projected, realised));
    }

    /// <summary>The totals at the end of each quarter of the year; realised only up to <paramref name="quarter"/>.</summary>
    public static IReadOnlyList<ProgressPoint> Series(ScenarioFigures figures, int year, int quarter) =>
        Enumerable.Range(1, 4).Select(q =>
        {
            var total = Total(Measures(figures, year, q));
            return new ProgressPoint(q, total.Projected ?? 0m, q <= quarter ? total.Realised : null);
        }).ToList();

    public static ProgressStatus StatusOf(decimal? projected, decimal realised) => projected switch
    {
        null => ProgressStatus.NotQuantified,
        0m when realised == 0m => ProgressStatus.NothingPlanned,
        var p when realised > p.Value + Math.Abs(p.Value) * Tolerance => ProgressStatus.Ahead,
        var p when realised < p.Value - Math.Abs(p.Value) * Tolerance => ProgressStatus.Behind,
        _ => ProgressStatus.OnTrack,
    };

    public static string DutchName(this ProgressStatus status) => status switch
    {
        ProgressStatus.NothingPlanned => "Geen opbrengst gepland",
        ProgressStatus.NotQuantified => "P.m. (niet gekwantificeerd)",
        ProgressStatus.Behind => "Achter op schema",
        ProgressStatus.OnTrack => "Op schema",
        ProgressStatus.Ahead => "Voor op schema",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static decimal Projected(decimal yearYield, int quarter) => yearYield * quarter / 4m;

    private static decimal Realised(MeasureFigures measure, int year, int quarter) =>
        measure.Realisations.Where(r => r.Year == year && r.Quarter <= quarter).Sum(r => r.Amount);
}
