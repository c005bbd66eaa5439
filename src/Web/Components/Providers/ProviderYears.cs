using SociaalDomein.Infrastructure.Providers;

namespace SociaalDomein.Web.Components.Providers;

/// <summary>The entries of <see cref="ProviderDetail.Years"/> paired with their years (<see cref="ProviderDetail.FigureYears"/>),
/// oldest first.</summary>
public static class ProviderYears
{
    public static IReadOnlyList<ProviderTrends.YearFigures> Of(ProviderDetail detail) =>
        detail.Years.Zip(detail.FigureYears, (figures, year) => new ProviderTrends.YearFigures(year, figures))
            .OrderBy(y => y.Year)
            .ToList();
}
