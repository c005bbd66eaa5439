using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;

namespace SociaalDomein.Web.Components.Providers;

/// <summary>What the Aanbieders page asks for besides sort and page: the year, the filters and the search text.</summary>
public sealed record ProviderSelection(int Year, Law? Law = null, ProviderType? Type = null, string? ProductCode = null, string? Search = null)
{
    public ProviderQuery Query(string sortBy, bool descending, int page, int pageSize) =>
        new(Year, Law, Type, ProductCode, string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(), sortBy, descending, page, pageSize);

    /// <summary>The selection in words, for captions: "2019 · Wmo · GGZ · product 02A07 · zoekterm "zorg"".</summary>
    public string Description() =>
        string.Join(" · ", new[]
        {
            Year.ToString(Formatting.Dutch.Culture),
            Law?.ToString() ?? "alle wetten",
            Type is { } t ? t.DutchName() : "alle typen",
            ProductCode is { } p ? $"product {p}" : "alle producten",
            string.IsNullOrWhiteSpace(Search) ? null : $"zoekterm \"{Search.Trim()}\"",
        }.Where(s => s is not null));
}

/// <summary>Reads one page of the Aanbieders overview (<see cref="ProviderService.OverviewAsync"/>; a test hands in its own).</summary>
public delegate Task<ProviderOverview> ProviderOverviewSource(ProviderQuery query, CancellationToken ct);
