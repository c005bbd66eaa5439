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

    public List<MeasureRealisation> Realisations { get; set; } = [];

    /// <summary>Set when the measure was withdrawn (ingetrokken): it no longer counts in any scenario but keeps its
    /// yields, realisations and audit trail. Measures are never deleted.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Raised by every change; an edit names the version it read, and a stale one is refused (optimistic
    /// concurrency, docs/domain.md §8).</summary>
    public int Version { get; set; }
}

/// <summary>The yield a measure actually delivered in one quarter, recorded by a controller for the quarterly report.</summary>
public class MeasureRealisation
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public int Year { get; set; }

    /// <summary>1–4.</summary>
    public int Quarter { get; set; }

    /// <summary>Realised yield in euros in this quarter (not cumulative).</summary>
    public decimal Amount { get; set; }

    public required string Explanation { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A year of an indicative scenario's target path (Herstructureren: budget leads), entered by hand.</summary>
public class ScenarioPathYear
{
    public int Id { get; set; }
    public int ScenarioId { get; set; }
    public int Year { get; set; }

    /// <summary>The deficit the path aims at in this year (0 = balance).</summary>
    public decimal Deficit { get; set; }
}

/// <summary>A scenario the wethouder composed and saved under a name (eigen scenario): a choice of measures, each
/// possibly starting whole years later. Visible to every role; the four scenarios of the plan are never changed by it.</summary>
public class CustomScenario
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<CustomScenarioMeasure> Measures { get; set; } = [];
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One measure switched on in a custom scenario, shifted by <see cref="ShiftYears"/> (0 = as planned).</summary>
public class CustomScenarioMeasure
{
    public int Id { get; set; }
    public int CustomScenarioId { get; set; }
    public required string Code { get; set; }
    public int ShiftYears { get; set; }
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

public static class MeasureStatuses
{
    public static string DutchName(this MeasureStatus status) => status switch
    {
        MeasureStatus.Proposed => "Voorgesteld",
        MeasureStatus.Adopted => "Vastgesteld",
        MeasureStatus.InProgress => "In uitvoering",
        MeasureStatus.Realised => "Gerealiseerd",
        MeasureStatus.Dropped => "Vervallen",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status by its code name (<c>InProgress</c>) or Dutch name (<c>In uitvoering</c>), case-insensitive.</summary>
    public static MeasureStatus? Parse(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : Enum.GetValues<MeasureStatus>().Select(s => (MeasureStatus?)s).FirstOrDefault(s =>
                string.Equals(s!.Value.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.Value.DutchName(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
