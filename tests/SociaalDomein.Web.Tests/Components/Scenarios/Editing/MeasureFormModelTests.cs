using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>What the measure form sends to <see cref="MeasureService"/> and where the service's answers land.</summary>
public sealed class MeasureFormModelTests
{
    private static readonly int[] Period = [2018, 2019, 2020, 2021];

    internal static MeasureFigures Measure(string code = "W9", bool retired = false, params MeasureYearFigure[] years) => new(
        code, $"Maatregel {code}", BudgetDomain.Wmo, 2, "Optimaliseren", "Team Wmo", MeasureStatus.Adopted, "Een toelichting", null, retired, 3,
        years, []);

    [Fact]
    public void A_stored_measure_goes_back_unchanged_PM_stays_PM_and_a_year_without_anything_stays_out()
    {
        var measure = Measure(years: [new(2019, 250_000m, 50_000m), new(2020, null, 0m), new(2021, 0m, 0m)]);

        var (draft, errors) = MeasureFormModel.From(measure, Period).ToDraft();

        Assert.Empty(errors);
        Assert.Equal(measure.Years.Select(y => new MeasureYearDraft(y.Year, y.Yield, y.ImplementationCost)), draft!.Years!);
        Assert.Equal((measure.Code, measure.Title, "Wmo", measure.FirstScenario, measure.Owner, "Vastgesteld", measure.Note),
            (draft.Code, draft.Title, draft.Domain, draft.FirstScenario, draft.Owner, draft.Status, draft.Note));
    }

    [Fact]
    public void Domain_wide_is_sent_as_no_domain()
    {
        var model = MeasureFormModel.New(Period, "Optimaliseren");
        model.Domain = MeasureFormModel.DomainWide;

        Assert.Null(model.ToDraft().Draft!.Domain);
    }

    [Fact]
    public void PM_ticked_sends_no_yield_even_when_one_was_typed_and_an_empty_year_is_left_out()
    {
        var model = MeasureFormModel.New(Period, "Optimaliseren");
        model.Years[1].Yield = "100.000";
        model.Years[1].Pm = true;
        model.Years[2].Yield = "1.000.000";
        model.Years[3].Cost = "20.000";

        var draft = model.ToDraft().Draft!;

        Assert.Equal([new MeasureYearDraft(2019, null, 0m), new MeasureYearDraft(2020, 1_000_000m, 0m), new MeasureYearDraft(2021, 0m, 20_000m)], draft.Years!);
    }

    [Fact]
    public void A_yield_that_is_not_a_number_is_an_error_on_that_years_field_and_nothing_is_sent()
    {
        var model = MeasureFormModel.New(Period, "Optimaliseren");
        model.Years[1].Yield = "veel";
        model.Years[2].Cost = "1.5";

        var (draft, errors) = model.ToDraft();

        Assert.Null(draft);
        Assert.Equal(["2019.yield", "2020.implementationCost"], errors.Keys.Order());
        Assert.Contains("'veel' is geen bedrag", errors["2019.yield"]);
    }

    [Fact]
    public void The_services_year_index_is_placed_on_the_year_it_points_at_and_other_keys_stay()
    {
        var model = MeasureFormModel.New(Period, "Optimaliseren");
        model.Years[1].Yield = "1";   // draft index 0 = 2019
        model.Years[3].Yield = "2";   // draft index 1 = 2021
        model.ToDraft();

        var placed = model.Place(new Dictionary<string, string>
        {
            ["years[1].yield"] = "fout in de opbrengst", ["years[0].implementationCost"] = "fout in de kosten", ["title"] = "geen titel", ["version"] = "conflict",
        });

        Assert.Equal("fout in de opbrengst", placed["2021.yield"]);
        Assert.Equal("fout in de kosten", placed["2019.implementationCost"]);
        Assert.Equal("geen titel", placed["title"]);
        Assert.True(model.HasField("2021.yield") && model.HasField("title"));
        Assert.False(model.HasField("version"));
    }
}
