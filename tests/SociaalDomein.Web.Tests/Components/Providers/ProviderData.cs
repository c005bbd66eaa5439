using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Components.Providers;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>Hand-made provider figures and a source that answers like ProviderService.OverviewAsync: it sorts and pages
/// its rows by the query, and remembers every query.</summary>
public sealed class FakeOverviews
{
    public List<ProviderQuery> Queries { get; } = [];

    public List<ProviderRow> Rows { get; init; } = [];

    public IReadOnlyList<int> Years { get; init; } = [2017, 2018, 2019];

    /// <summary>The type figures per year (Types and Total of that year's overview).</summary>
    public Dictionary<int, (IReadOnlyList<ProviderGroupFigures> Types, ProviderGroupFigures Total)> Groups { get; init; } = [];

    public TopGrowers? Top5 { get; init; }

    public ProviderOverviewSource Source => (query, _) =>
    {
        Queries.Add(query);
        IEnumerable<ProviderRow> rows = query.SortBy switch
        {
            "name" => Rows.OrderBy(r => r.Figures.Name),
            "clients" => Rows.OrderBy(r => r.Figures.Clients),
            "expenditureGrowth" => Rows.OrderBy(r => r.Figures.ExpenditureGrowth),
            _ => Rows.OrderBy(r => r.Figures.ClientsGrowth),
        };
        if (query.Descending)
        {
            rows = rows.Reverse();
        }

        var all = rows.ToList();
        var (types, total) = Groups.TryGetValue(query.Year, out var g) ? g : ([], null!);
        var top = Top5 is null ? [] : Rows.Select(r => r.Figures).Where(f => Top5.Agbs.Contains(f.Agb)).ToList();
        return Task.FromResult(new ProviderOverview(query.Year, Years, all.Skip(query.Page * query.PageSize).Take(query.PageSize).ToList(), all.Count,
            types, total, Top5, top, ["02A06", "02A07"], new DateTimeOffset(2019, 11, 1, 9, 0, 0, TimeSpan.Zero), false));
    };

    public static ProviderYearFigures Figures(string agb, string name, int clients, decimal? growth, decimal expenditure = 100_000m,
        decimal? expenditureGrowth = null, ProviderType? type = ProviderType.MentalHealthCare) =>
        new(agb, name, type, clients, growth, expenditure, expenditureGrowth, 600m, 10, 5, 0.2m, 240m, 250m, 1);

    public static ProviderGroupFigures Group(ProviderType? type, int clients, decimal expenditure = 0m) =>
        new(type, 3, clients, null, expenditure, null, null, 0, 0, null);
}
