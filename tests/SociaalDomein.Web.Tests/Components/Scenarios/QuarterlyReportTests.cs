using Bunit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>The quarterly report (<see cref="QuarterlyReport"/>): projected against realised per measure and in total,
/// the status in words with an icon and a colour, and the chart with its table.</summary>
public sealed class QuarterlyReportTests : MudBunitContext
{
    /// <summary>In 2019 up to Q2: W1 projected 125.000 and realised 125.000 (on track), W3 projected 700.000 and realised
    /// 300.000 (behind), W4 projects nothing in 2019.</summary>
    private static readonly ScenarioFigures Figures = ScenarioFiguresBuilder.Plan()
        .Realised("W1", 2019, 1, 60_000m).Realised("W1", 2019, 2, 65_000m)
        .Realised("W3", 2019, 1, 200_000m).Realised("W3", 2019, 2, 100_000m)
        .Build();

    private IRenderedComponent<QuarterlyReport> Report() =>
        Render<QuarterlyReport>(p => p.Add(c => c.Figures, Figures).Add(c => c.Today, new DateOnly(2026, 11, 30)));

    private static string[] Cells(IRenderedComponent<QuarterlyReport> report, string row) =>
        report.FindAll($"[data-testid={row}] td").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public void A_measure_behind_its_projection_is_marked_Achter_op_schema_in_words_with_an_icon_and_a_colour()
    {
        var report = Report();

        Assert.Contains("t/m K2", report.Find("[data-testid=kwartaaltabel] thead").TextContent); // the latest quarter with a realisation
        Assert.Equal(["€ 700.000", "€ 300.000", "€ -400.000", "Achter op schema"], Cells(report, "kwartaal-W3"));
        var behind = report.Find("[data-testid=kwartaal-W3] [data-testid=status]");
        Assert.Equal("Behind", behind.GetAttribute("data-status"));
        Assert.Contains("mud-chip-color-error", behind.ClassName);
        Assert.NotNull(behind.QuerySelector("svg")); // the icon repeats what the words say

        Assert.Equal(["€ 125.000", "€ 125.000", "€ 0", "Op schema"], Cells(report, "kwartaal-W1"));
        Assert.Equal(["p.m.", "€ 0", "—", "P.m. (niet gekwantificeerd)"], Cells(report, "kwartaal-S1"));
        Assert.Equal("Geen opbrengst gepland", Cells(report, "kwartaal-W4")[3]);
        Assert.Equal(["€ 825.000", "€ 425.000", "€ -400.000", "Achter op schema"], Cells(report, "kwartaal-totaal"));
    }

    [Fact]
    public void The_chart_shows_the_cumulative_totals_per_quarter_with_a_table_realised_only_up_to_the_quarter()
    {
        var report = Report();

        var chart = report.Find("[data-testid=kwartaalgrafiek]");
        Assert.Equal(2, chart.QuerySelectorAll("svg path.lijn").Length);
        Assert.NotNull(chart.QuerySelector("svg[role=img]")!.GetAttribute("aria-label"));
        var rows = chart.QuerySelectorAll("details tbody tr");
        Assert.Equal(["0,4", "0,8", "1,2", "1,7"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent)); // (250.000 + 1.400.000) / 4 per quarter
        Assert.Equal(["0,3", "0,4", "—", "—"], rows[1].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["K1 2019", "K2 2019", "K3 2019", "K4 2019"], chart.QuerySelectorAll("details thead th").Skip(1).Select(th => th.TextContent));
    }

    [Theory]
    [InlineData("2026-11-30", 2020, 4)] // the prognosis years are past: the last year's last quarter
    [InlineData("2019-05-14", 2019, 2)] // within them: today's quarter
    [InlineData("2016-03-01", 2018, 1)] // before them: the first quarter
    public void Without_realisations_the_report_opens_on_a_quarter_by_today(string today, int year, int quarter)
    {
        var figures = ScenarioFiguresBuilder.Plan().Build();

        Assert.Equal((year, quarter), QuarterlyReport.DefaultQuarter(figures, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((2019, 2), QuarterlyReport.DefaultQuarter(Figures, new DateOnly(2026, 11, 30)));
    }
}
