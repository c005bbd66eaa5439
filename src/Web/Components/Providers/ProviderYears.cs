using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;

namespace SociaalDomein.Web.Components.Providers;

/// <summary>Which year each entry of <see cref="ProviderDetail.Years"/> is. <see cref="ProviderYearFigures"/> carries no
/// year of its own, so the entries are taken as consecutive years, oldest first, ending at the latest year the detail
/// knows of (its product mix and client profile) or, without those, at the latest year with figures.
/// TODO(integrator): when the figures branch gives ProviderDetail its years (e.g. a Year on the entries), use those.</summary>
public static class ProviderYears
{
    public static IReadOnlyList<ProviderTrends.YearFigures> Of(ProviderDetail detail, IReadOnlyList<int> overviewYears)
    {
        if (detail.Years.Count == 0)
        {
            return [];
        }

        var known = detail.ProductMix.Select(p => p.Year).Concat(detail.ClientProfile.Select(c => c.Year)).ToList();
        var last = known.Count > 0 ? known.Max() : overviewYears.Count > 0 ? overviewYears.Max() : DateTime.Today.Year;
        var first = last - detail.Years.Count + 1;
        return detail.Years.Select((figures, i) => new ProviderTrends.YearFigures(first + i, figures)).ToList();
    }
}
