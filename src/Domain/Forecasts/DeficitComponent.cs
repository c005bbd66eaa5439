namespace SociaalDomein.Domain.Forecasts;

public enum DeficitComponentKind
{
    /// <summary>A structural deficit of a domain (e.g. Wmo −4,0 mln).</summary>
    StructuralDeficit = 1,

    /// <summary>The transformation target already planned (geraamde transformatieopgave).</summary>
    TransformationTarget = 2,

    /// <summary>Transformation yields realistically expected (reëel te verwachten opbrengsten).</summary>
    TransformationYield = 3,
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
}
