namespace SociaalDomein.Domain.Providers;

/// <summary>The six reference groups of providers (docs/domain.md §9, after the Drechtsteden study).</summary>
public enum ProviderType
{
    /// <summary>Gehandicaptenzorg.</summary>
    DisabilityCare = 1,

    /// <summary>GGZ.</summary>
    MentalHealthCare = 2,

    /// <summary>Psychische kwetsbaarheid / psychosociaal.</summary>
    Psychosocial = 3,

    /// <summary>Autisme.</summary>
    Autism = 4,

    /// <summary>Thuiszorg en maatschappelijke dienstverlening.</summary>
    HomeCareAndSocialServices = 5,

    /// <summary>Ouderenzorg.</summary>
    ElderlyCare = 6,
}

/// <summary>How a contract pays a provider (the three funding models of the iStandaarden and the VNG).</summary>
public enum FundingModel
{
    /// <summary>Inspanningsgericht: price × quantity (PxQ) of delivered units.</summary>
    EffortBased = 1,

    /// <summary>Outputgericht: a price per trajectory or result (trajectfinanciering, resultaatfinanciering).</summary>
    OutputBased = 2,

    /// <summary>Taakgericht: a lump sum for a task (subsidie, lumpsum).</summary>
    TaskBased = 3,
}

/// <summary>A care provider (aanbieder), known by its AGB code. Created by an import the first time its AGB code
/// appears (with the name from the file), completed by hand by a contract manager.</summary>
public class Provider
{
    /// <summary>AGB code: exactly 8 digits.</summary>
    public required string Agb { get; set; }

    public required string Name { get; set; }
    public ProviderType? Type { get; set; }
    public FundingModel? FundingModel { get; set; }
    public DateOnly? ContractStart { get; set; }
    public DateOnly? ContractEnd { get; set; }

    /// <summary>When an import first saw the provider.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Raised by every edit (optimistic concurrency).</summary>
    public int Version { get; set; }
}

/// <summary>A budget ceiling (budgetplafond, docs/domain.md §9): the most a provider may be paid in a year, for all its
/// care or only for one law or one product code.</summary>
public class BudgetCeiling
{
    public int Id { get; set; }
    public required string ProviderAgb { get; set; }
    public int Year { get; set; }

    /// <summary>Only claims under this law count; null: every law.</summary>
    public Assignments.Law? Law { get; set; }

    /// <summary>Only claims for this product code count; null: every product.</summary>
    public string? ProductCode { get; set; }

    public decimal Amount { get; set; }
    public int Version { get; set; }
}

/// <summary>Which warning a ceiling raised: its use reached the threshold (70 % by default, the VNG contract standard), or
/// the projection at the current pace passes the ceiling before the year ends.</summary>
public enum WarningLevel
{
    ThresholdReached = 1,
    ProjectedOverrun = 2,
}

/// <summary>A warning raised for a ceiling at a level. Raised at most once per (ceiling, level): once acknowledged by a
/// contract manager (with a note) it is not raised again.</summary>
public class ProviderWarning
{
    public long Id { get; set; }
    public int BudgetCeilingId { get; set; }
    public WarningLevel Level { get; set; }

    /// <summary>The threshold in percent that applied when raised (e.g. 70).</summary>
    public int ThresholdPercent { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Approved claims in the ceiling's year up to the moment of raising.</summary>
    public decimal Spent { get; set; }

    /// <summary>Year-end projection at the current pace when raised.</summary>
    public decimal Projection { get; set; }

    /// <summary>When the ceiling is reached at the current pace; null when it is not reached this year.</summary>
    public DateOnly? ProjectedDate { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgementNote { get; set; }
    public int Version { get; set; }
}
