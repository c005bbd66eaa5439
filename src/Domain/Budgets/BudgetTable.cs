namespace SociaalDomein.Domain.Budgets;

/// <summary>One line of the budget table for a year, as read from the database: its original budget, the sum of its
/// approved mutations that apply to the year, and its actual to date (null: not known yet).</summary>
public sealed record BudgetRow(
    string Code, string Line, BudgetDomain Domain, int SortOrder, decimal Original, decimal Mutations, decimal? Actual, bool IsEstimate = false);

/// <summary>The money of a line, domain or the total (docs/domain.md §6): current budget = original + approved
/// mutations; balance (saldo) = current budget − actual, negative is overspend.</summary>
public sealed record BudgetFigures(decimal Original, decimal Mutations, decimal Actual)
{
    public static readonly BudgetFigures Zero = new(0m, 0m, 0m);

    public decimal Budget => Original + Mutations;

    public decimal Balance => Budget - Actual;

    /// <summary>Actual as a share of the current budget (0.5 = half spent); null when the budget is not positive (an
    /// income line such as Eigen bijdrage, or nothing budgeted), where "spent" has no meaning.</summary>
    public decimal? Spent => Budget <= 0m ? null : Actual / Budget;

    public static BudgetFigures Sum(IEnumerable<BudgetFigures> figures) =>
        figures.Aggregate(Zero, (a, b) => new BudgetFigures(a.Original + b.Original, a.Mutations + b.Mutations, a.Actual + b.Actual));
}

public sealed record BudgetTableLine(string Code, string Line, BudgetFigures Figures, bool IsEstimate = false);

public sealed record BudgetTableDomain(BudgetDomain Domain, IReadOnlyList<BudgetTableLine> Lines, BudgetFigures Subtotal);

/// <summary>The budget table of one year (docs/domain.md §6, the council's Bijlage 1): lines grouped by domain,
/// subtotals and a grand total. <see cref="IsEstimate"/>: the year's budgets are a multi-year estimate.</summary>
public sealed record BudgetTable(int Year, IReadOnlyList<BudgetTableDomain> Domains, BudgetFigures Total, bool IsEstimate = false)
{
    public BudgetTableDomain? this[BudgetDomain domain] => Domains.FirstOrDefault(d => d.Domain == domain);

    /// <summary>Groups rows into domains in domain order, lines in their sort order. A missing actual counts as 0.</summary>
    public static BudgetTable Build(int year, IEnumerable<BudgetRow> rows)
    {
        var list = rows.ToList();
        var domains = list
            .GroupBy(r => r.Domain)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var lines = g.OrderBy(r => r.SortOrder)
                    .Select(r => new BudgetTableLine(r.Code, r.Line, new BudgetFigures(r.Original, r.Mutations, r.Actual ?? 0m), r.IsEstimate))
                    .ToList();
                return new BudgetTableDomain(g.Key, lines, BudgetFigures.Sum(lines.Select(l => l.Figures)));
            })
            .ToList();
        return new BudgetTable(year, domains, BudgetFigures.Sum(domains.Select(d => d.Subtotal)), list.Count > 0 && list.All(r => r.IsEstimate));
    }
}
