using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Stacking;

/// <summary>How to run the stacking analysis (docs/domain.md §5).</summary>
/// <param name="ReferenceDate">The peildatum; amounts are for its calendar year.</param>
/// <param name="Law">Only assignments of this law (null: all laws).</param>
/// <param name="DistrictPostcodes">Only households whose address lies in one of these 4-digit postcodes
/// (the postcodes of a district; null: the whole municipality).</param>
/// <param name="InstitutionThreshold">An address with more than this many distinct clients is an institution.</param>
public sealed record StackingOptions(
    DateOnly ReferenceDate,
    Law? Law = null,
    IReadOnlySet<string>? DistrictPostcodes = null,
    int InstitutionThreshold = StackingOptions.DefaultInstitutionThreshold)
{
    public const int DefaultInstitutionThreshold = 4;

    /// <summary>Table B's last bucket: this many distinct provisions or more.</summary>
    public const int MaxProvisionsBucket = 5;

    public const int TopPairs = 10;
    public const int TopHouseholds = 20;

    public int Year => ReferenceDate.Year;
}
