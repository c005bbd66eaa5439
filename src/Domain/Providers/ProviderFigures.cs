namespace SociaalDomein.Domain.Providers;

// The figures of docs/domain.md §9 per provider and year, as the Aanbieders page and GET /api/providers show them.
// Growth is a fraction against the previous year ((Y − (Y−1)) / (Y−1)); null where undefined (no previous year, or 0).

/// <summary>One provider in one year (after the page's law/product filter).</summary>
public sealed record ProviderYearFigures(
    string Agb,
    string Name,
    ProviderType? Type,
    int Clients,
    decimal? ClientsGrowth,
    decimal Expenditure,
    decimal? ExpenditureGrowth,
    decimal? AverageCostPerClientMonth,
    int Inflow,
    int Outflow,
    decimal? OutflowRate,
    decimal? MedianTrajectoryDays,
    decimal? MeanTrajectoryDays,
    int Reentries);

/// <summary>A group of providers (a provider type, or everything: <see cref="Type"/> null) in one year, clients counted
/// once per group.</summary>
public sealed record ProviderGroupFigures(
    ProviderType? Type,
    int Providers,
    int Clients,
    decimal? ClientsGrowth,
    decimal Expenditure,
    decimal? ExpenditureGrowth,
    decimal? AverageCostPerClientMonth,
    int Inflow,
    int Outflow,
    decimal? OutflowRate);

/// <summary>The five providers with the largest absolute growth in clients and their share of the total growth
/// (their growth ÷ total growth; null when the total did not grow).</summary>
public sealed record TopGrowers(IReadOnlyList<string> Agbs, int Growth, int TotalGrowth, decimal? ShareOfGrowth);

/// <summary>Everything the Aanbieders page shows for one year and filter, as stored by the recompute job.</summary>
public sealed record ProviderYearSet(
    int Year,
    IReadOnlyList<ProviderYearFigures> Providers,
    IReadOnlyList<ProviderGroupFigures> Types,
    ProviderGroupFigures Total,
    TopGrowers Top5);
