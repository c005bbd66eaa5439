using Bunit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>"Wat levert het op" (<see cref="Contributions"/>): per measure its net effect and shares, sortable.</summary>
public sealed class ContributionsTests : MudBunitContext
{
    private static readonly ScenarioFigures Figures = ScenarioFiguresBuilder.Plan().Build();

    private IRenderedComponent<Contributions> Table() => Render<Contributions>(p => p.Add(c => c.Figures, Figures));

    private static string[] Codes(IRenderedComponent<Contributions> table) =>
        table.FindAll("[data-testid=bijdrage-code]").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public void The_widest_scenario_shows_first_with_the_largest_effect_on_top_and_each_share_of_the_gap()
    {
        var table = Table();

        // Hervormen over 2018–2020: W3 5.500.000, W4 600.000, W1 750.000 − 250.000 costs, S1 p.m.
        Assert.Equal(["W3", "W4", "W1", "S1"], Codes(table));
        var expected = Figures.Contributions("Hervormen").OrderByDescending(c => c.Net).ToList();
        var rows = table.FindAll("[data-testid=bijdragen] tbody tr");
        for (var i = 0; i < expected.Count; i++)
        {
            var cells = rows[i].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
            Assert.Equal(ScenarioAmounts.SignedMillions(expected[i].Net), cells[2]);
            Assert.Equal(ScenarioAmounts.Share(expected[i].ShareOfGap), cells[3]);
            Assert.Equal(ScenarioAmounts.Share(expected[i].ShareOfClosed), cells[4]);
        }

        Assert.Equal("+5,5", rows[0].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("19,1 %", rows[0].QuerySelectorAll("td")[3].TextContent.Trim()); // 5.500.000 of a gap of 28.782.000
    }

    [Fact]
    public void A_column_heading_is_a_button_that_sorts_by_it_and_a_second_press_reverses_the_order()
    {
        var table = Table();

        Assert.Equal("descending", table.FindAll("thead th")[2].GetAttribute("aria-sort"));

        table.FindAll("thead th button")[0].Click(); // Maatregel
        Assert.Equal(["W1", "W3", "W4", "S1"], Codes(table));
        Assert.Equal("ascending", table.FindAll("thead th")[0].GetAttribute("aria-sort"));
        Assert.Null(table.FindAll("thead th")[2].GetAttribute("aria-sort"));

        table.FindAll("thead th button")[0].Click();
        Assert.Equal(["S1", "W4", "W3", "W1"], Codes(table));
        Assert.Equal("descending", table.FindAll("thead th")[0].GetAttribute("aria-sort"));

        table.FindAll("thead th button")[2].Click(); // effect, ascending
        Assert.Equal(["S1", "W1", "W4", "W3"], Codes(table));
    }
}
