using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Budgets;

/// <summary>A budget year: whether its budgets are a multi-year estimate and whether it is closed.</summary>
public sealed record BudgetYearSummary(int Year, bool IsEstimate, DateTimeOffset? ClosedAt);

/// <summary>What a line booked per month of a year.</summary>
public sealed record MonthAmount(int Month, decimal Amount);

/// <summary>
/// The budget as the council reads it (docs/domain.md §6, Bijlage 1): per line its original budget, its approved
/// mutations (a structural one counts in its year and every later year), the current budget, the actual to date and the
/// balance. The actual of a line-year is the sum of its monthly actuals (import kind realisatie) when it has any,
/// otherwise the annual figure of the source (Bijlage 1). Aggregated in the database: a year of 500 lines and 10,000
/// mutations is three grouped queries.
/// </summary>
public sealed class BudgetService(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The years that have budget figures, oldest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default) =>
        (await YearSummariesAsync(ct)).Select(y => y.Year).ToList();

    public async Task<IReadOnlyList<BudgetYearSummary>> YearSummariesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var years = await db.BudgetLineYears.GroupBy(y => y.Year)
            .Select(g => new { Year = g.Key, Estimate = g.All(y => y.IsEstimate) })
            .OrderBy(y => y.Year).ToListAsync(ct);
        var closed = await db.BudgetYears.Where(y => y.ClosedAt != null).ToDictionaryAsync(y => y.Year, y => y.ClosedAt, ct);
        return years.Select(y => new BudgetYearSummary(y.Year, y.Estimate, closed.GetValueOrDefault(y.Year))).ToList();
    }

    /// <summary>The budget table of a year, or null when the year has no figures.</summary>
    public async Task<BudgetTable?> TableAsync(int year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lines = await db.BudgetLineYears
            .Where(y => y.Year == year)
            .Join(db.BudgetLines, y => y.BudgetLineId, l => l.Id, (y, l) => new { l.Id, l.Code, l.Name, l.Domain, l.SortOrder, y.Budget, y.Actual, y.IsEstimate })
            .ToListAsync(ct);
        if (lines.Count == 0)
        {
            return null;
        }

        var mutations = await db.BudgetMutations
            .Where(m => m.Status == MutationStatus.Approved && (m.Year == year || (m.Structural && m.Year < year)))
            .GroupBy(m => m.BudgetLineId)
            .Select(g => new { Line = g.Key, Amount = g.Sum(m => m.Amount) })
            .ToDictionaryAsync(x => x.Line, x => x.Amount, ct);
        var monthly = await db.ActualMonths
            .Where(a => a.Year == year)
            .GroupBy(a => a.BudgetLineId)
            .Select(g => new { Line = g.Key, Amount = g.Sum(a => a.Amount) })
            .ToDictionaryAsync(x => x.Line, x => x.Amount, ct);
        return BudgetTable.Build(year, lines.Select(l => new BudgetRow(
            l.Code, l.Name, l.Domain, l.SortOrder, l.Budget, mutations.GetValueOrDefault(l.Id),
            monthly.TryGetValue(l.Id, out var booked) ? booked : l.Actual, l.IsEstimate)));
    }

    /// <summary>A line's actuals per month of a year (the months booked so far).</summary>
    public async Task<IReadOnlyList<MonthAmount>> MonthsAsync(string lineCode, int year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ActualMonths
            .Where(a => a.Year == year && db.BudgetLines.Any(l => l.Id == a.BudgetLineId && l.Code == lineCode))
            .OrderBy(a => a.Month)
            .Select(a => new MonthAmount(a.Month, a.Amount))
            .ToListAsync(ct);
    }
}
