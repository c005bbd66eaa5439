namespace SociaalDomein.Domain.Scenarios;

/// <summary>A set of measures (docs/domain.md §8). Scenarios are ordered by impact: each includes the
/// measures of the ones before it, so a measure belongs to every scenario from its first one on.</summary>
public class Scenario
{
    public int Id { get; set; }

    /// <summary>1 = Doorgaan (baseline, no measures), 2 = Optimaliseren, ...</summary>
    public int Rank { get; set; }

    public required string Name { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Not quantified in the plan (Herstructureren): shown as an indicative target path
    /// (budget leads, so the deficit is closed), never as a computed figure.</summary>
    public bool IsIndicative { get; set; }
}

public enum MeasureStatus
{
    Proposed = 1,
    Adopted = 2,
    InProgress = 3,
    Realised = 4,
    Dropped = 5,
}

/// <summary>A policy intervention (maatregel) with expected yearly yields (opbrengst).</summary>
public class Measure
{
    public int Id { get; set; }

    /// <summary>W1..W4 (Wmo), J1..J3 (Jeugd), P1..P6 (Participatie), S1..S4 (domain-wide).</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }

    /// <summary>The budget domain the measure acts on; null for measures across the whole sociaal domein.</summary>
    public Budgets.BudgetDomain? Domain { get; set; }

    public int FirstScenarioId { get; set; }
    public Scenario? FirstScenario { get; set; }

    public string? Owner { get; set; }
    public MeasureStatus Status { get; set; } = MeasureStatus.Proposed;

    /// <summary>Explanation shown with the yields, e.g. that they are a maximum or shared with other measures.</summary>
    public string? YieldNote { get; set; }

    /// <summary>Code of the measure whose yield includes this one's (the plan gives P1–P5 one joint yield):
    /// this measure then has no yields of its own, which is not the same as PM.</summary>
    public string? YieldIncludedIn { get; set; }

    public List<MeasureYear> Years { get; set; } = [];
}

/// <summary>A measure's projected yield and one-off implementation cost in a year.</summary>
public class MeasureYear
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int Year { get; set; }

    /// <summary>Projected yield in euros; null = PM (pro memorie: listed, not quantified, counts as 0).</summary>
    public decimal? Yield { get; set; }

    public decimal ImplementationCost { get; set; }
}

/// <summary>The prudence margin (behoedzaamheidsmarge) held against yields that come late or lower.</summary>
public class PrudenceMargin
{
    public int Id { get; set; }
    public int Year { get; set; }
    public decimal Amount { get; set; }
}
