namespace SociaalDomein.Domain.Budgets;

/// <summary>A product or budget post (budgetpost), e.g. Huishoudelijke hulp, within a domain.</summary>
public class BudgetLine
{
    public int Id { get; set; }

    /// <summary>The code the ledger uses for the line (e.g. "WMO-IB"); unique. An actuals import matches a line by this
    /// code or by its name.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public BudgetDomain Domain { get; set; }

    /// <summary>Position within its domain, as the source table lists it.</summary>
    public int SortOrder { get; set; }

    /// <summary>Iv3 taakveld (e.g. "6.71"), the key to national reporting; optional.</summary>
    public string? Taakveld { get; set; }

    /// <summary>The law the line's care falls under, where one does (Wmo, Jeugdwet, Participatiewet); optional.</summary>
    public Assignments.Law? Law { get; set; }

    /// <summary>Raised by every change of code, name, taakveld or law (optimistic concurrency).</summary>
    public int Version { get; set; }

    public List<BudgetLineYear> Years { get; set; } = [];
}

/// <summary>The money of one budget line in one year.</summary>
public class BudgetLineYear
{
    public int Id { get; set; }
    public int BudgetLineId { get; set; }
    public int Year { get; set; }

    /// <summary>The original budget for the year (primitieve begroting), as the council adopted it; mutations change
    /// the current budget, never this figure.</summary>
    public decimal Budget { get; set; }

    /// <summary>Money actually spent (werkelijk) as a whole year, where only the annual figure is known (Bijlage 1);
    /// null while unknown. Monthly actuals (<see cref="ActualMonth"/>), when present, take its place.</summary>
    public decimal? Actual { get; set; }

    /// <summary>The figure is a multi-year estimate (meerjarenraming), not an adopted budget.</summary>
    public bool IsEstimate { get; set; }

    /// <summary>Raised by every change of the original budget (optimistic concurrency).</summary>
    public int Version { get; set; }
}

/// <summary>What the ledger booked on a budget line in one month (import kind <c>realisatie</c>).</summary>
public class ActualMonth
{
    public long Id { get; set; }
    public int BudgetLineId { get; set; }
    public int Year { get; set; }

    /// <summary>1–12.</summary>
    public int Month { get; set; }

    public decimal Amount { get; set; }

    /// <summary>The import that brought it (0 for demo data).</summary>
    public long ImportRunId { get; set; }
}

/// <summary>A budget year's state: once closed (after the annual accounts) no mutation or actual changes it.</summary>
public class BudgetYear
{
    public int Year { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}
