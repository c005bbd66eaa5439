namespace SociaalDomein.Domain.Forecasts;

public enum DeficitComponentKind
{
    /// <summary>A structural deficit of a domain (e.g. Wmo −4,0 mln).</summary>
    StructuralDeficit = 1,

    /// <summary>The transformation target already planned (geraamde transformatieopgave).</summary>
    TransformationTarget = 2,

    /// <summary>Transformation yields realistically expected (reëel te verwachten opbrengsten).</summary>
    TransformationYield = 3,

    /// <summary>Approved budget changes made after the prognosis was drawn up (Begrotingswijzigingen na vaststelling),
    /// one component per year, kept up to date by the budget module.</summary>
    BudgetChange = 4,

    /// <summary>Anything else a controller adds by hand.</summary>
    Other = 5,
}

public static class DeficitComponentKinds
{
    public static string DutchName(this DeficitComponentKind kind) => kind switch
    {
        DeficitComponentKind.StructuralDeficit => "Structureel tekort",
        DeficitComponentKind.TransformationTarget => "Transformatieopgave",
        DeficitComponentKind.TransformationYield => "Transformatieopbrengst",
        DeficitComponentKind.BudgetChange => "Begrotingswijziging",
        DeficitComponentKind.Other => "Overig",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>One part of the baseline deficit forecast for a year (docs/domain.md §7; docs/sources.md:
/// Interventieplan 2018 §3.5). Deficits are negative, yields positive; the baseline deficit of a year is their sum.</summary>
public class DeficitComponent
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Name { get; set; }
    public DeficitComponentKind Kind { get; set; }
    public decimal Amount { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Where the amount comes from or why it is what it is.</summary>
    public string? Note { get; set; }

    /// <summary>Raised by every change; an edit names the version it read (optimistic concurrency).</summary>
    public int Version { get; set; }
}
