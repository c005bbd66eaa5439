using Bunit;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Web.Components.Providers;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The top five and the type table of the Aanbieders page.</summary>
public sealed class ProviderOverviewPartsTests : MudBunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_top_five_has_its_sentence_and_a_bar_chart_whose_text_alternative_names_every_provider()
    {
        var figures = new[] { FakeOverviews.Figures("1", "Zorg Noord", 300, 1m), FakeOverviews.Figures("2", "Begeleiding Oost", 150, 0.5m) };

        var view = Render<TopGrowersView>(p => p.Add(c => c.Year, 2019).Add(c => c.Top, new TopGrowers(["1", "2"], 200, 400, 0.5m)).Add(c => c.Figures, figures));

        Assert.StartsWith("De twee snelst groeiende aanbieders namen 50 % van de groei", view.Find("[data-testid=top5-zin]").TextContent.Trim());
        var svg = view.Find("[data-testid=top5-grafiek] svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("Zorg Noord +150 (+100,0 %); Begeleiding Oost +50 (+50,0 %)", svg.GetAttribute("aria-label"));
        Assert.Equal(2, view.FindAll("[data-testid=top5-grafiek] rect").Count);
        Assert.Equal([["Zorg Noord", "+150 (+100,0 %)"], ["Begeleiding Oost", "+50 (+50,0 %)"]],
            view.FindAll("[data-testid=top5-grafiek-tabel] tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()));
    }

    [Fact]
    public void Without_a_top_five_the_view_says_growth_cannot_be_computed()
    {
        var view = Render<TopGrowersView>(p => p.Add(c => c.Year, 2015).Add(c => c.Top, null));

        Assert.Contains("geen groei te berekenen", view.Find("[data-testid=top5-zin]").TextContent);
        Assert.Empty(view.FindAll("svg"));
    }

    [Fact]
    public void The_type_table_shows_clients_per_type_per_year_and_the_development_over_the_range_like_table_1()
    {
        var data = new FakeOverviews
        {
            Years = [2015, 2016, 2017],
            Groups = new()
            {
                [2015] = ([FakeOverviews.Group(ProviderType.DisabilityCare, 584), FakeOverviews.Group(ProviderType.MentalHealthCare, 89)], FakeOverviews.Group(null, 673)),
                [2016] = ([FakeOverviews.Group(ProviderType.DisabilityCare, 593), FakeOverviews.Group(ProviderType.MentalHealthCare, 236)], FakeOverviews.Group(null, 829)),
                [2017] = ([FakeOverviews.Group(ProviderType.DisabilityCare, 677), FakeOverviews.Group(ProviderType.MentalHealthCare, 338)], FakeOverviews.Group(null, 1_015)),
            },
        };

        var table = Render<ProviderTypeTrend>(p => p.Add(c => c.Years, data.Years).Add(c => c.Filter, new ProviderSelection(2017, Law.Wmo, ProviderType.Autism, "02A07"))
            .Add(c => c.Source, data.Source));

        table.WaitForAssertion(() => Assert.Equal(3, table.FindAll("[data-testid=typen] tbody tr").Count), Wait);
        var rows = table.FindAll("[data-testid=typen] tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["Gehandicaptenzorg", "584", "593", "677", "▲ groei +15,9 %"], rows[0]);
        Assert.Equal(["GGZ", "89", "236", "338", "▲ groei +279,8 %"], rows[1]);
        Assert.Equal("1.015", rows[2][3]);
        Assert.Contains("Ontwikkeling 2015–2017", table.Find("[data-testid=typen] thead").TextContent);
        // Every year with the page's law and product, never its type or search: the table is about all types.
        Assert.Equal([2015, 2016, 2017], data.Queries.Select(q => q.Year));
        Assert.All(data.Queries, q => Assert.Equal((Law.Wmo, (ProviderType?)null, "02A07"), (q.Law!.Value, q.Type, q.ProductCode)));
    }

    [Fact]
    public async Task Choosing_a_shorter_range_reads_only_those_years()
    {
        var data = new FakeOverviews
        {
            Years = [2015, 2016, 2017],
            Groups = new()
            {
                [2015] = ([FakeOverviews.Group(ProviderType.ElderlyCare, 88)], FakeOverviews.Group(null, 88)),
                [2016] = ([FakeOverviews.Group(ProviderType.ElderlyCare, 78)], FakeOverviews.Group(null, 78)),
                [2017] = ([FakeOverviews.Group(ProviderType.ElderlyCare, 92)], FakeOverviews.Group(null, 92)),
            },
        };
        var table = Render<ProviderTypeTrend>(p => p.Add(c => c.Years, data.Years).Add(c => c.Filter, new ProviderSelection(2017)).Add(c => c.Source, data.Source));
        table.WaitForAssertion(() => Assert.Equal(3, data.Queries.Count), Wait);

        var from = table.FindComponents<MudBlazor.MudSelect<int>>().Single(s => s.Instance.Label == "Van");
        await table.InvokeAsync(() => from.Instance.ValueChanged.InvokeAsync(2016));

        table.WaitForAssertion(() => Assert.Equal(["Ouderenzorg", "78", "92", "▲ groei +17,9 %"],
            table.FindAll("[data-testid=typen] tbody tr")[0].Children.Select(c => c.TextContent.Trim())), Wait);
        Assert.Equal([2016, 2017], data.Queries.Skip(3).Select(q => q.Year));
    }
}
