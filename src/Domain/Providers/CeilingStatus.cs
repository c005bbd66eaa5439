namespace SociaalDomein.Domain.Providers;

/// <summary>How far a budget ceiling is used (docs/domain.md §9): approved claims of its year (prorated by days, credits
/// included) up to <see cref="AsOf"/>, the year-end projection at that pace, and the day the ceiling is reached at that
/// pace (null when not this year).</summary>
public sealed record CeilingStatus(
    int CeilingId,
    string ProviderAgb,
    int Year,
    Assignments.Law? Law,
    string? ProductCode,
    decimal Ceiling,
    decimal Spent,
    DateOnly AsOf,
    decimal Projection,
    DateOnly? ProjectedDate)
{
    /// <summary>Spent ÷ ceiling (0.7 = 70 %).</summary>
    public decimal Used => Ceiling == 0 ? 0 : Spent / Ceiling;
}
