namespace SociaalDomein.Domain.Budgets;

/// <summary>A product or budget post (budgetpost), e.g. Huishoudelijke hulp, within a domain.</summary>
public class BudgetLine
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public BudgetDomain Domain { get; set; }

    /// <summary>Position within its domain, as the source table lists it.</summary>
    public int SortOrder { get; set; }

    /// <summary>Iv3 taakveld (e.g. "6.71"), the key to national reporting; optional.</summary>
    public string? Taakveld { get; set; }

    public List<BudgetLineYear> Years { get; set; } = [];
}

/// <summary>The money of one budget line in one year.</summary>
public class BudgetLineYear
{
    public int Id { get; set; }
    public int BudgetLineId { get; set; }
    public int Year { get; set; }

    /// <summary>Budget for the year (begroot), as adopted and amended up to the source it came from.</summary>
    public decimal Budget { get; set; }

    /// <summary>Money actually spent (werkelijk); null while unknown.</summary>
    public decimal? Actual { get; set; }
}
