using Bunit;
using SociaalDomein.Web.Components.Budget;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The chart of budget against actual per domain (<see cref="DomainChart"/>).</summary>
public sealed class DomainChartTests : MudBunitContext
{
    [Fact]
    public void Every_domain_has_a_budget_bar_and_a_hatched_actual_bar_in_proportion()
    {
        var chart = Render<DomainChart>(p => p.Add(c => c.Table, BudgetTableViewTests.Table()));

        Assert.Equal(["Wmo", "Jeugd"], chart.FindAll("rect.balk-begroot").Select(r => r.GetAttribute("data-domein")));
        Assert.Equal(["Wmo", "Jeugd"], chart.FindAll("rect.balk-werkelijk").Select(r => r.GetAttribute("data-domein")));
        Assert.All(chart.FindAll("rect.balk-werkelijk"), r => Assert.Equal("url(#arcering-werkelijk)", r.GetAttribute("fill")));

        double Width(string selector) => double.Parse(chart.Find(selector).GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        // Wmo: budget 30,5 M, actual 30,2 M; Jeugd: budget 7,75 M, actual 6 M.
        Assert.Equal(30.5 / 7.75, Width("rect.balk-begroot[data-domein=Wmo]") / Width("rect.balk-begroot[data-domein=Jeugd]"), 1);
        Assert.True(Width("rect.balk-werkelijk[data-domein=Wmo]") < Width("rect.balk-begroot[data-domein=Wmo]"));
    }

    [Fact]
    public void The_chart_is_an_image_with_a_summary_and_its_table_holds_every_figure()
    {
        var overspent = SociaalDomein.Domain.Budgets.BudgetTable.Build(2017,
            [new("WMO-01", "Huishoudelijke hulp", SociaalDomein.Domain.Budgets.BudgetDomain.Wmo, 1, 45_318_000m, 0m, 48_538_000m)]);
        var chart = Render<DomainChart>(p => p.Add(c => c.Table, overspent));

        var image = chart.Find("svg[role=img]");
        Assert.Equal("Actueel budget en werkelijk per domein in 2017. Staafdiagram in miljoenen euro's: Wmo begroot 45,3, werkelijk 48,5 (overschrijding). " +
                     "De tabel bij de grafiek geeft alle cijfers.", image.GetAttribute("aria-label"));
        Assert.Equal("Tabel bij de grafiek", chart.Find("details > summary").TextContent);
        var row = chart.Find("details [data-testid=grafiekregel-Wmo]");
        Assert.Equal("45.318", row.QuerySelector("[data-testid=actueel]")!.TextContent.Trim());
        Assert.Equal("48.538", row.QuerySelector("[data-testid=werkelijk]")!.TextContent.Trim());
        Assert.Equal("▼ -3.220 (overschrijding)", row.QuerySelector("[data-testid=saldo]")!.TextContent.Trim());
        Assert.Contains("▼ overschrijding", chart.Find("svg g.domein").TextContent);
    }

    [Fact]
    public void The_table_of_the_chart_holds_every_domain_and_the_total()
    {
        var chart = Render<DomainChart>(p => p.Add(c => c.Table, BudgetTableViewTests.Table()).Add(c => c.InThousands, false));

        Assert.Equal(["Wmo", "Jeugd", "Totaal"], chart.FindAll("details tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal([Dutch.WholeEuro(7_750_000m), Dutch.WholeEuro(6_000_000m), Dutch.WholeEuro(1_750_000m)],
            chart.FindAll("details [data-testid=grafiekregel-Jeugd] td").Select(td => td.TextContent.Trim()));
    }
}
