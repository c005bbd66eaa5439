using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Infrastructure.Providers;

// SKELETON — owned by the provider-figures engineer; signatures agreed with the provider pages.

/// <summary>The Aanbieders table's question: a year, optional filters, search text, sort and page.</summary>
public sealed record ProviderQuery(
    int Year,
    Law? Law = null,
    ProviderType? Type = null,
    string? ProductCode = null,
    string? Search = null,
    string SortBy = "clientsGrowth",
    bool Descending = true,
    int Page = 0,
    int PageSize = 25);

/// <summary>A provider row with its ceilings for the year (sum of the provider's ceilings; null without one).</summary>
public sealed record ProviderRow(ProviderYearFigures Figures, decimal? Ceiling, decimal? CeilingUsed, bool HasOpenWarning);

/// <summary>One page of the table, the type table and top 5 for the same year and filter, and the figures' freshness.</summary>
public sealed record ProviderOverview(
    int Year,
    IReadOnlyList<int> Years,
    IReadOnlyList<ProviderRow> Rows,
    int TotalRows,
    IReadOnlyList<ProviderGroupFigures> Types,
    ProviderGroupFigures? Total,
    TopGrowers? Top5,
    IReadOnlyList<ProviderYearFigures> Top5Figures,
    IReadOnlyList<string> ProductCodes,
    DateTimeOffset? ComputedAt,
    bool RecomputePending);

/// <summary>Clients of a product code in a year (the product mix).</summary>
public sealed record ProductMixEntry(int Year, string ProductCode, string? Description, int Clients, decimal Expenditure);

/// <summary>Clients of the provider in a year by age band ("0-17", "18-25", "26-45", "46-65", "66-80", "81+", "onbekend")
/// and sex ("M", "V", "X", "onbekend").</summary>
public sealed record ClientProfileEntry(int Year, string AgeBand, string Sex, int Clients);

public sealed record ProviderDetail(
    Provider Provider,
    IReadOnlyList<ProviderYearFigures> Years,
    IReadOnlyList<ProductMixEntry> ProductMix,
    IReadOnlyList<ClientProfileEntry> ClientProfile,
    DateTimeOffset? ComputedAt);

/// <summary>An assignment as the provider page lists it: pseudonymous (a short client reference derived from the key).</summary>
public sealed record ProviderAssignmentRow(string ClientRef, string ProductCode, string? ProductDescription, DateOnly Start, DateOnly? End, decimal? Volume, string? Unit, decimal? Tariff, decimal? Budget, string? AssignmentNumber);

public sealed record ProviderClaimRow(string ClientRef, string ProductCode, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, DateOnly SubmittedOn, ClaimStatus Status, string? ClaimNumber, bool IsCredit);

public sealed record Paged<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed class ProviderService
{
    public Task<ProviderOverview> OverviewAsync(ProviderQuery query, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Null when no provider has this AGB code.</summary>
    public Task<ProviderDetail?> DetailAsync(string agb, CancellationToken ct) => throw new NotImplementedException();

    public Task<Paged<ProviderAssignmentRow>> AssignmentsAsync(string agb, int page, int pageSize, CancellationToken ct) => throw new NotImplementedException();

    public Task<Paged<ProviderClaimRow>> ClaimsAsync(string agb, int page, int pageSize, CancellationToken ct) => throw new NotImplementedException();
}
