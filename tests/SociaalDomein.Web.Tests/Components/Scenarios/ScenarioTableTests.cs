using Bunit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>The table beneath the chart (<see cref="ScenarioTable"/>): millions with one decimal as the plan prints them,
/// exact euros on hover and with the toggle.</summary>
public sealed class ScenarioTableTests : MudBunitContext
{
    private static readonly ScenarioFigures Figures = ScenarioFiguresBuilder.Plan().Build();

    private static string[] Cells(IRenderedComponent<ScenarioTable> table, string row) =>
        table.FindAll($"[data-testid='rij-{row}'] td").Select(td => td.TextContent.Trim()).ToArray();

    private static string[] Titles(IRenderedComponent<ScenarioTable> table, string row) =>
        table.FindAll($"[data-testid='rij-{row}'] td").Select(td => td.GetAttribute("title") ?? "").ToArray();

    [Fact]
    public void The_baseline_the_margin_and_each_scenario_are_rows_in_millions_with_a_real_minus_and_the_exact_euros_on_hover()
    {
        var table = Render<ScenarioTable>(p => p.Add(c => c.Figures, Figures));

        Assert.Equal(["Scenario", "2018", "2019", "2020"], table.FindAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["−10,5", "−9,0", "−9,3"], Cells(table, "basis"));
        Assert.Equal(["€ -10.482.000", "€ -9.000.000", "€ -9.300.000"], Titles(table, "basis"));
        Assert.Equal(["1,0", "2,0", "2,5"], Cells(table, "marge"));
        Assert.Equal(Cells(table, "basis"), Cells(table, "Doorgaan"));
        // Optimaliseren = baseline + W1 − its costs + W3 (S1 is PM): 2018 −10.482.000 + 250.000 + 2.700.000.
        Assert.Equal(["−7,5", "−7,5", "−7,8"], Cells(table, "Optimaliseren"));
        Assert.Equal("€ -7.532.000", Titles(table, "Optimaliseren")[0]);
        Assert.Equal(["−7,5", "−7,5", "−7,2"], Cells(table, "Hervormen"));
        Assert.Equal(["0,0", "0,0", "0,0"], Cells(table, "Herstructureren"));
        Assert.Equal("Herstructureren (indicatief)", table.Find("[data-testid='rij-Herstructureren'] th").TextContent);
        Assert.Contains("Optimaliseren: 1 maatregel staat p.m.", table.Markup);
    }

    [Fact]
    public void The_toggle_Exacte_bedragen_shows_the_exact_euros_in_the_cells_and_back()
    {
        var table = Render<ScenarioTable>(p => p.Add(c => c.Figures, Figures));

        table.Find("input[type=checkbox]").Change(true);

        Assert.Equal(["€ -10.482.000", "€ -9.000.000", "€ -9.300.000"], Cells(table, "basis"));
        Assert.Equal(["€ 1.000.000", "€ 2.000.000", "€ 2.500.000"], Cells(table, "marge"));
        Assert.Equal(Figures.Scenario("Hervormen")!.Deficits.Select(ScenarioAmounts.Exact), Cells(table, "Hervormen"));
        Assert.Contains("in euro's", table.Find("caption").TextContent);

        table.Find("input[type=checkbox]").Change(false);

        Assert.Equal(["−10,5", "−9,0", "−9,3"], Cells(table, "basis"));
    }
}
