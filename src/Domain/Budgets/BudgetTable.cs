namespace SociaalDomein.Domain.Budgets;

/// <summary>One line of the budget table for a year, as read from the database.</summary>
public sealed record BudgetRow(string Line, BudgetDomain Domain, int SortOrder, decimal Budget, decimal? Actual);

/// <summary>Budget, actual and balance (saldo = budget − actual; negative is overspend).</summary>
public sealed record BudgetFigures(decimal Budget, decimal Actual)
{
    public decimal Balance => Budget - Actual;

    public static BudgetFigures Sum(IEnumerable<BudgetFigures> figures) =>
        figures.Aggregate(new BudgetFigures(0m, 0m), (a, b) => new BudgetFigures(a.Budget + b.Budget, a.Actual + b.Actual));
}

public sealed record BudgetTableLine(string Line, BudgetFigures Figures);

public sealed record BudgetTableDomain(BudgetDomain Domain, IReadOnlyList<BudgetTableLine> Lines, BudgetFigures Subtotal);

/// <summary>The budget table of one year (docs/domain.md §6): lines grouped by domain, subtotals and a grand total.</summary>
public sealed record BudgetTable(int Year, IReadOnlyList<BudgetTableDomain> Domains, BudgetFigures Total)
{
    public BudgetTableDomain? this[BudgetDomain domain] => Domains.FirstOrDefault(d => d.Domain == domain);

    /// <summary>Groups rows into domains in domain order, lines in their sort order. A missing actual counts as 0.</summary>
    public static BudgetTable Build(int year, IEnumerable<BudgetRow> rows)
    {
        var domains = rows
            .GroupBy(r => r.Domain)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var lines = g.OrderBy(r => r.SortOrder)
                    .Select(r => new BudgetTableLine(r.Line, new BudgetFigures(r.Budget, r.Actual ?? 0m)))
                    .ToList();
                return new BudgetTableDomain(g.Key, lines, BudgetFigures.Sum(lines.Select(l => l.Figures)));
            })
            .ToList();
        return new BudgetTable(year, domains, BudgetFigures.Sum(domains.Select(d => d.Subtotal)));
    }
}
