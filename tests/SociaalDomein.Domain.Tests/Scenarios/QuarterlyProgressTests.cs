using SociaalDomein.Domain.Scenarios;

namespace SociaalDomein.Domain.Tests.Scenarios;

public class QuarterlyProgressTests
{
    private static MeasureFigures WithRealisations(MeasureFigures measure, params (int Year, int Quarter, decimal Amount)[] realised) =>
        measure with
        {
            Realisations = realised.Select(r => new RealisationFigure(r.Year, r.Quarter, r.Amount, "toelichting", DateTimeOffset.UnixEpoch, "controller")).ToList(),
        };

    private static ScenarioFigures Figures(params MeasureFigures[] measures) => ScenarioFigures.Empty with { Measures = measures };

    [Theory]
    [InlineData(1, 100_000, ProgressStatus.OnTrack)]    // projected 100.000 after Q1
    [InlineData(1, 95_000, ProgressStatus.OnTrack)]     // exactly 5 % below: still on track
    [InlineData(1, 94_999, ProgressStatus.Behind)]
    [InlineData(1, 105_001, ProgressStatus.Ahead)]
    [InlineData(2, 150_000, ProgressStatus.Behind)]     // projected 200.000 after Q2
    public void A_measure_is_judged_on_its_yield_spread_evenly_over_the_quarters(int quarter, decimal realisedInQ1, ProgressStatus expected)
    {
        var measure = WithRealisations(ScenarioFiguresTests.Measure("W1", 2, (2019, 400_000m, 0m)), (2019, 1, realisedInQ1));

        var line = Assert.Single(QuarterlyProgress.Measures(Figures(measure), 2019, quarter));

        Assert.Equal(400_000m * quarter / 4, line.Projected);
        Assert.Equal(realisedInQ1, line.Realised);
        Assert.Equal(expected, line.Status);
        Assert.Equal(realisedInQ1 - 100_000m * quarter, line.Difference);
    }

    [Fact]
    public void Realisations_of_later_quarters_and_other_years_do_not_count()
    {
        var measure = WithRealisations(ScenarioFiguresTests.Measure("W1", 2, (2019, 400_000m, 0m)),
            (2019, 1, 10m), (2019, 2, 20m), (2019, 3, 40m), (2018, 4, 1_000m));

        Assert.Equal(30m, Assert.Single(QuarterlyProgress.Measures(Figures(measure), 2019, 2)).Realised);
    }

    [Fact]
    public void A_PM_measure_has_no_projection_and_the_total_counts_only_its_realisation()
    {
        var pm = WithRealisations(ScenarioFiguresTests.Measure("S1", 2, (2019, null, 0m)), (2019, 1, 7_000m));
        var w1 = WithRealisations(ScenarioFiguresTests.Measure("W1", 2, (2019, 400_000m, 0m)), (2019, 1, 100_000m));

        var lines = QuarterlyProgress.Measures(Figures(pm, w1), 2019, 1);
        var total = QuarterlyProgress.Total(lines);

        Assert.Equal(ProgressStatus.NotQuantified, lines.Single(l => l.Code == "S1").Status);
        Assert.Null(lines.Single(l => l.Code == "S1").Projected);
        Assert.Equal(100_000m, total.Projected);
        Assert.Equal(107_000m, total.Realised);
        Assert.Equal(ProgressStatus.Ahead, total.Status);
    }

    [Fact]
    public void Withdrawn_measures_and_measures_without_that_year_are_left_out()
    {
        var withdrawn = ScenarioFiguresTests.Measure("W2", 2, (2019, 100m, 0m)) with { Retired = true };
        var otherYear = ScenarioFiguresTests.Measure("W3", 2, (2020, 100m, 0m));
        var zero = ScenarioFiguresTests.Measure("J3", 2, (2019, 0m, 0m));

        var line = Assert.Single(QuarterlyProgress.Measures(Figures(withdrawn, otherYear, zero), 2019, 4));

        Assert.Equal("J3", line.Code);
        Assert.Equal(ProgressStatus.NothingPlanned, line.Status);
    }

    [Fact]
    public void The_series_is_cumulative_and_has_realisations_only_up_to_the_quarter()
    {
        var measure = WithRealisations(ScenarioFiguresTests.Measure("W1", 2, (2019, 400_000m, 0m)), (2019, 1, 90_000m), (2019, 2, 120_000m));

        var series = QuarterlyProgress.Series(Figures(measure), 2019, 2);

        Assert.Equal([100_000m, 200_000m, 300_000m, 400_000m], series.Select(p => p.Projected));
        Assert.Equal([90_000m, 210_000m, null, null], series.Select(p => p.Realised));
    }
}
