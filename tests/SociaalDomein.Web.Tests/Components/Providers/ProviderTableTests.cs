using Bunit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Components.Providers;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The Aanbieders table (<see cref="ProviderTable"/>) over a source that sorts and pages like the service.</summary>
public sealed class ProviderTableTests : MudBunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static FakeOverviews Thirty()
    {
        var rows = Enumerable.Range(1, 30).Select(i => new ProviderRow(
            FakeOverviews.Figures($"7575{i:0000}", $"Aanbieder {i:00}", 100 + i, (i - 10) / 100m, expenditure: 10_000m * i, expenditureGrowth: (10 - i) / 100m),
            i % 3 == 0 ? 500_000m : null, i % 3 == 0 ? i / 40m : null, HasOpenWarning: i == 30)).ToList();
        return new FakeOverviews { Rows = rows };
    }

    private IRenderedComponent<ProviderTable> Table(FakeOverviews data, ProviderSelection filter, List<ProviderOverview>? loaded = null) =>
        Render<ProviderTable>(p => p.Add(c => c.Filter, filter).Add(c => c.Source, data.Source)
            .Add(c => c.Loaded, (ProviderOverview o) => loaded?.Add(o)));

    private static string[] Names(IRenderedComponent<ProviderTable> table) =>
        table.FindAll("[data-testid=aanbieder-link]").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public void The_first_page_is_sorted_by_client_growth_with_signed_growth_arrows_links_and_the_warning_sign()
    {
        var data = Thirty();
        var loaded = new List<ProviderOverview>();

        var table = Table(data, new ProviderSelection(2019), loaded);

        table.WaitForAssertion(() => Assert.Equal(25, Names(table).Length), Wait);
        Assert.Equal(new ProviderQuery(2019, SortBy: "clientsGrowth", Descending: true, Page: 0, PageSize: 25), data.Queries.Single());
        Assert.Equal("Aanbieder 30", Names(table)[0]);
        Assert.Equal("aanbieders/75750030", table.Find("[data-testid=aanbieder-link]").GetAttribute("href"));
        var first = table.FindAll("[data-testid=aanbieders] tbody tr")[0];
        var growth = first.QuerySelectorAll("[data-testid=groei]").Select(g => g.TextContent.Trim()).ToArray();
        Assert.Equal("▲ groei +20,0 %", growth[0]);
        Assert.Equal("▼ daling −20,0 %", growth[1]);
        Assert.Contains("Open plafondwaarschuwing", first.QuerySelector("[data-testid=benut]")!.TextContent);
        Assert.Contains("75,0 %", first.QuerySelector("[data-testid=benut]")!.TextContent);
        Assert.DoesNotContain("plafondwaarschuwing", table.FindAll("[data-testid=aanbieders] tbody tr")[1].TextContent);
        Assert.Equal(30, Assert.Single(loaded).TotalRows);
    }

    [Fact]
    public void Every_sortable_heading_is_a_button_and_the_sorted_one_says_its_direction()
    {
        var table = Table(Thirty(), new ProviderSelection(2019));
        table.WaitForAssertion(() => Assert.NotEmpty(Names(table)), Wait);

        var headings = table.FindAll("[data-testid=aanbieders] thead th");
        Assert.Equal(14, headings.Count);
        Assert.All(headings, th => Assert.NotNull(th.QuerySelector("button[type=button]")));
        Assert.Equal(["descending"], headings.Select(th => th.GetAttribute("aria-sort")).Where(s => s != "none"));
        Assert.Contains("Groei cliënten", table.Find("th[aria-sort=descending]").TextContent);
    }

    [Fact]
    public void A_click_on_a_heading_sorts_by_it_from_the_largest_and_a_second_click_turns_it_around()
    {
        var data = Thirty();
        var table = Table(data, new ProviderSelection(2019));
        table.WaitForAssertion(() => Assert.NotEmpty(Names(table)), Wait);

        table.Find("button[data-sort=clients]").Click();
        table.WaitForAssertion(() => Assert.Equal("Aanbieder 30", Names(table)[0]), Wait);
        Assert.Equal(("clients", true), (data.Queries[^1].SortBy, data.Queries[^1].Descending));

        table.Find("button[data-sort=clients]").Click();
        table.WaitForAssertion(() => Assert.Equal("Aanbieder 01", Names(table)[0]), Wait);
        Assert.Equal(("clients", false), (data.Queries[^1].SortBy, data.Queries[^1].Descending));
        Assert.Equal("ascending", table.Find("button[data-sort=clients]").ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public void A_new_filter_reads_the_first_page_again_with_that_filter()
    {
        var data = Thirty();
        var table = Table(data, new ProviderSelection(2019));
        table.WaitForAssertion(() => Assert.NotEmpty(Names(table)), Wait);
        table.Find("[aria-label='Next page'], [aria-label='Volgende pagina'], .mud-table-pagination-actions button:nth-last-child(2)").Click();
        table.WaitForAssertion(() => Assert.Equal(1, data.Queries[^1].Page), Wait);

        table.Render(p => p.Add(c => c.Filter, new ProviderSelection(2018, Type: ProviderType.Autism, Search: "zorg")));

        table.WaitForAssertion(() => Assert.Equal(new ProviderQuery(2018, null, ProviderType.Autism, null, "zorg", "clientsGrowth", true, 0, 25), data.Queries[^1]), Wait);
        Assert.Equal(25, Names(table).Length);
    }
}
