using Bunit;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Web.Components.Stacking;

namespace SociaalDomein.Web.Tests.Components.Stacking;

/// <summary>The trend of tables A and B over the quarters (<see cref="StackingTrend"/>), exact and in publication mode.</summary>
public sealed class StackingTrendTests : MudBunitContext
{
    /// <summary>A result whose counts grow with <paramref name="step"/>, so each quarter differs.</summary>
    private static StackingResult Quarter(DateOnly date, int step) => new(
        date, 0, 0, 1_000, 900, 1_000_000m,
        [new HouseholdLine(1, 500 + step, 500_000m), new HouseholdLine(2, 40 + step, 80_000m), new HouseholdLine(3, 6, 30_000m), new HouseholdLine(4, 2, 10_000m)],
        new InstitutionLine(3, 20, 100_000m),
        [new ProvisionLine(1, 600 + step, 600_000m), new ProvisionLine(2, 150, 200_000m), new ProvisionLine(3, 30, 60_000m),
            new ProvisionLine(4, 9, 20_000m), new ProvisionLine(5, 4, 10_000m)],
        [], new CrossLawLine(10, 50_000m), []);

    private static readonly StackingResult[] Results =
        [Quarter(new DateOnly(2018, 1, 1), 0), Quarter(new DateOnly(2018, 4, 1), 10), Quarter(new DateOnly(2018, 7, 1), 23)];

    private IRenderedComponent<StackingTrend> Trend(bool publication) =>
        Render<StackingTrend>(p => p.Add(c => c.Results, Results).Add(c => c.Publication, publication));

    private static string[] Cells(IRenderedComponent<StackingTrend> trend, string date) =>
        trend.FindAll($"[data-testid=verloop-{date}] td").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public void Each_quarter_is_a_row_with_the_addresses_per_household_size_the_care_locations_and_the_clients_per_bucket()
    {
        var trend = Trend(publication: false);

        var headers = trend.FindAll("[data-testid=verloop] thead th").Select(th => th.TextContent.Trim()).ToArray();
        Assert.Equal(
            ["Peildatum", "Adressen, 1 cliënt", "Adressen, 2 cliënten", "Adressen, 3 cliënten", "Adressen, 4 cliënten", "Zorglocaties",
             "Cliënten, 1 voorziening", "Cliënten, 2 voorzieningen", "Cliënten, 3 voorzieningen", "Cliënten, 4 voorzieningen", "Cliënten, 5 of meer voorzieningen"],
            headers);
        Assert.Equal(["500", "40", "6", "2", "3", "600", "150", "30", "9", "4"], Cells(trend, "2018-01-01"));
        Assert.Equal(["523", "63", "6", "2", "3", "623", "150", "30", "9", "4"], Cells(trend, "2018-07-01"));
        Assert.Equal("01-04-2018", trend.Find("[data-testid=verloop-2018-04-01] th").TextContent.Trim());
        Assert.Equal(2, trend.FindAll("[role=img]").Count); // the two line charts, with a text alternative each
        Assert.Contains("Adressen, 1 cliënt van 500 naar 523", trend.FindAll("[role=img]")[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void In_publication_mode_small_counts_are_secret_the_others_rounded_and_there_is_no_chart()
    {
        var trend = Trend(publication: true);

        Assert.Equal(["500", "40", "geheim", "geheim", "geheim", "600", "150", "30", "10", "geheim"], Cells(trend, "2018-01-01"));
        Assert.Equal(["525", "65", "geheim", "geheim", "geheim", "625", "150", "30", "10", "geheim"], Cells(trend, "2018-07-01"));
        Assert.Empty(trend.FindAll("[role=img]"));
    }
}
