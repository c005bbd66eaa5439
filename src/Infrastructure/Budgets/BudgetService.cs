using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Budgets;

public sealed class BudgetService(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The years that have budget figures, oldest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.BudgetLineYears.Select(y => y.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
    }

    /// <summary>The budget table of a year, or null when the year has no figures.</summary>
    public async Task<BudgetTable?> TableAsync(int year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.BudgetLineYears
            .Where(y => y.Year == year)
            .Join(db.BudgetLines, y => y.BudgetLineId, l => l.Id, (y, l) => new BudgetRow(l.Name, l.Domain, l.SortOrder, y.Budget, y.Actual))
            .ToListAsync(ct);
        return rows.Count == 0 ? null : BudgetTable.Build(year, rows);
    }
}
