using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Domain.Assignments;

/// <summary>A price-list entry (<see cref="Tariff"/>) as the amount rules need it.</summary>
public sealed record PriceListEntry(string ProductCode, string? ProviderAgb, DateOnly ValidFrom, DateOnly? ValidTo, decimal Amount)
{
    public static PriceListEntry From(Tariff tariff) =>
        new(tariff.ProductCode, tariff.ProviderAgb, tariff.ValidFrom, tariff.ValidTo, tariff.Amount);
}

/// <summary>The whole price list (tarieven, docs/domain.md §4), to pick the entries that apply to one assignment.
/// Product codes compare exactly; AGB codes ignoring surrounding spaces (the database stores them as char(8)).</summary>
public sealed class PriceList
{
    public static readonly PriceList Empty = new([]);

    private readonly Dictionary<string, PriceListEntry[]> _byProduct;

    public PriceList(IEnumerable<PriceListEntry> entries) =>
        _byProduct = entries.GroupBy(e => e.ProductCode.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    public static PriceList From(IEnumerable<Tariff> tariffs) => new(tariffs.Select(PriceListEntry.From));

    public int Count => _byProduct.Values.Sum(e => e.Length);

    /// <summary>The entries for an assignment of <paramref name="productCode"/> from <paramref name="providerAgb"/>: those for
    /// that provider (<see cref="TariffPeriod.ForProvider"/>) and those for all providers.</summary>
    public IReadOnlyList<TariffPeriod> For(string productCode, string providerAgb)
    {
        if (!_byProduct.TryGetValue(productCode.Trim(), out var entries))
        {
            return [];
        }

        var agb = providerAgb.Trim();
        return entries
            .Where(e => e.ProviderAgb is null || string.Equals(e.ProviderAgb.Trim(), agb, StringComparison.Ordinal))
            .Select(e => new TariffPeriod(e.ValidFrom, e.ValidTo, e.Amount, e.ProviderAgb is not null))
            .ToList();
    }
}
