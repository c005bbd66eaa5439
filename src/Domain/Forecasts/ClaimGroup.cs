using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Forecasts;

/// <summary>
/// The claims that belong to a budget line for its lag-adjusted and commitment-based forecasts (docs/domain.md §7): those of
/// one law with one of the product categories (<see cref="Providers.Claim.ProductCategory"/>, e.g. "45"), and likewise
/// the assignments. A controller edits it; a line without categories has no claims and is forecast linearly only. A
/// (law, category) belongs to at most one line, so no claim counts twice.
/// </summary>
public class ClaimGroup
{
    /// <summary>The budget line; one group per line.</summary>
    public int BudgetLineId { get; set; }

    public Law Law { get; set; }

    public List<ClaimGroupCategory> Categories { get; set; } = [];

    /// <summary>Raised by every change; an edit names the version it read (optimistic concurrency). The row stays when the
    /// categories are emptied, so the version keeps counting.</summary>
    public int Version { get; set; }
}

/// <summary>One product category of a <see cref="ClaimGroup"/>, with its law (the pair is unique over all lines).</summary>
public class ClaimGroupCategory
{
    public int Id { get; set; }
    public int BudgetLineId { get; set; }
    public Law Law { get; set; }

    /// <summary>Two digits, as in the claims and assignments (iWmo/iJw productcategorie).</summary>
    public required string ProductCategory { get; set; }
}
