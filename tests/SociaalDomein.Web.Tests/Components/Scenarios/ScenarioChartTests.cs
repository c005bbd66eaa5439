using Bunit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>The wethouder's chart (<see cref="ScenarioChart"/>): a line per scenario, the margin band, the zero line and
/// the text alternative.</summary>
public sealed class ScenarioChartTests : MudBunitContext
{
    private static readonly ScenarioFigures Figures = ScenarioFiguresBuilder.Plan().Build();

    private IRenderedComponent<ScenarioChart> Chart(ChartLine? extra = null) =>
        Render<ScenarioChart>(p => p.Add(c => c.Figures, Figures).Add(c => c.Extra, extra));

    [Fact]
    public void Every_scenario_is_one_line_the_indicative_one_dashed_with_the_margin_band_and_the_zero_line_named_as_the_target()
    {
        var chart = Chart();

        var lines = chart.FindAll("svg path.lijn");
        Assert.Equal(["Doorgaan", "Optimaliseren", "Hervormen", "Herstructureren (indicatief)"], lines.Select(l => l.GetAttribute("data-serie")));
        Assert.Equal(["none", "none", "none"], lines.Take(3).Select(l => l.GetAttribute("stroke-dasharray")));
        Assert.NotEqual("none", lines[3].GetAttribute("stroke-dasharray"));
        Assert.Equal(3, lines.Select(l => l.GetAttribute("stroke")).Take(3).Distinct().Count());
        Assert.All(lines, l => Assert.Equal(3, l.GetAttribute("d")!.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Length));

        Assert.Single(chart.FindAll("svg line.nullijn"));
        Assert.Single(chart.FindAll("svg polygon.band"));
        Assert.Equal( // every line named at its end, so none is told apart by colour alone
            new[] { "Doorgaan", "Optimaliseren", "Hervormen", "Herstructureren (indicatief)", "0 = begroting in evenwicht" }.Order(),
            chart.FindAll("svg text.eindlabel").Select(t => t.TextContent).Order());
    }

    [Fact]
    public void The_chart_is_an_image_with_a_summary_and_its_table_holds_every_figure()
    {
        var chart = Chart();

        var image = chart.Find("svg[role=img]");
        Assert.Contains("Doorgaan van −10,5 naar −9,3", image.GetAttribute("aria-label"));
        Assert.Contains("begroting in evenwicht", image.GetAttribute("aria-label"));
        Assert.Equal("Tekort per scenario per jaar", chart.Find("svg > title").TextContent);

        Assert.Equal("Tabel bij de grafiek", chart.Find("details > summary").TextContent);
        var rows = chart.FindAll("details tbody tr");
        foreach (var scenario in Figures.Scenarios)
        {
            var row = rows.Single(r => r.QuerySelector("th")!.TextContent.StartsWith(scenario.Name, StringComparison.Ordinal));
            Assert.Equal(scenario.Deficits.Select(ScenarioAmounts.Millions), row.QuerySelectorAll("td").Select(td => td.TextContent));
            Assert.Equal(scenario.Deficits.Select(ScenarioAmounts.Exact), row.QuerySelectorAll("td").Select(td => td.GetAttribute("title")));
        }

        var band = rows.Single(r => r.QuerySelector("th")!.TextContent.StartsWith("Behoedzaamheidsmarge", StringComparison.Ordinal));
        Assert.Equal(["−10,5 tot −9,5", "−9,0 tot −7,0", "−9,3 tot −6,8"], band.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["2018", "2019", "2020"], chart.FindAll("details thead th").Skip(1).Select(th => th.TextContent));
    }

    [Fact]
    public void An_extra_line_is_drawn_against_the_four_and_tabled_with_them()
    {
        var custom = Figures.CustomDeficits([("W3", 1)]);
        var chart = Chart(new ChartLine("Eigen scenario", custom.Select(d => (decimal?)d).ToList(), LineLook.Custom));

        Assert.Equal(5, chart.FindAll("svg path.lijn").Count);
        Assert.Equal("Eigen scenario", chart.FindAll("svg path.lijn")[4].GetAttribute("data-serie"));
        var row = chart.FindAll("details tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Eigen scenario");
        Assert.Equal(custom.Select(ScenarioAmounts.Millions), row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(ScenarioAmounts.Millions(-10_482_000m), row.QuerySelectorAll("td")[0].TextContent); // W3 moved a year: nothing in 2018
    }
}
