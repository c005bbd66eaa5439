using Bunit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Components.Scenarios;

namespace SociaalDomein.Web.Tests.Components.Scenarios;

/// <summary>The eigen scenario (<see cref="CustomScenarioComposer"/>): measures on and off and later, the result against
/// the chosen plan scenario, and saving with the service's answers.</summary>
public sealed class CustomScenarioComposerTests : MudBunitContext
{
    private static readonly ScenarioFigures Figures = ScenarioFiguresBuilder.Plan().Build();

    private readonly List<(string Name, IReadOnlyList<(string Code, int ShiftYears)> Measures, bool Replace)> _saves = [];
    private ChangeResult _answer = ChangeResult.Done;

    private IRenderedComponent<CustomScenarioComposer> Composer(bool canSave = true, IReadOnlyCollection<string>? saved = null) =>
        Render<CustomScenarioComposer>(p => p
            .Add(c => c.Figures, Figures)
            .Add(c => c.CanSave, canSave)
            .Add(c => c.SavedNames, saved ?? [])
            .Add(c => c.Save, (name, measures, replace) =>
            {
                _saves.Add((name, measures, replace));
                return Task.FromResult(_answer);
            }));

    private static string? Title(IRenderedComponent<CustomScenarioComposer> composer, string testId) =>
        composer.Find($"[data-testid={testId}]").GetAttribute("title");

    [Fact]
    public void It_starts_as_the_first_scenario_with_measures_and_switching_one_off_moves_every_year_by_its_net_effect()
    {
        var composer = Composer();

        Assert.True(composer.Find("[data-testid=eigen-W1] input[type=checkbox]").HasAttribute("checked"));
        Assert.False(composer.Find("[data-testid=eigen-W4] input[type=checkbox]").HasAttribute("checked")); // first in Hervormen
        Assert.All(Figures.Years, year => Assert.Equal("€ 0", Title(composer, $"verschil-{year}")));

        composer.Find("[data-testid=eigen-W1] input[type=checkbox]").Change(false);

        var w1 = Figures.Measure("W1")!;
        var optimaliseren = Figures.Scenario("Optimaliseren")!;
        for (var i = 0; i < Figures.Years.Count; i++)
        {
            var year = Figures.Years[i];
            Assert.Equal(ScenarioAmounts.Exact(-w1.NetIn(year)), Title(composer, $"verschil-{year}"));
            Assert.Equal(ScenarioAmounts.Exact(optimaliseren.Deficits[i] - w1.NetIn(year)), Title(composer, $"eigen-{year}"));
        }

        Assert.Equal(["€ -250.000", "€ -125.000", "€ -125.000"], Figures.Years.Select(y => Title(composer, $"verschil-{y}")));
        Assert.True(composer.Find("[data-testid=eigen-W1] input[aria-label='W1: jaren later']").HasAttribute("disabled"));
        Assert.Equal(5, composer.FindAll("svg path.lijn").Count); // the four and the eigen scenario
    }

    [Fact]
    public void A_measure_started_a_year_later_brings_in_each_year_what_it_brought_the_year_before()
    {
        var composer = Composer();

        composer.Find("[data-testid=eigen-W3] input[aria-label='W3: jaren later']").Change("1");

        var expected = Figures.CustomDeficits([("W1", 0), ("W3", 1), ("S1", 0)]);
        Assert.Equal(expected.Select(ScenarioAmounts.Exact), Figures.Years.Select(y => Title(composer, $"eigen-{y}")));
        Assert.Equal("€ -2.700.000", Title(composer, "verschil-2018")); // W3's 2.700.000 of 2018 comes in 2019 instead of its 1.400.000
        Assert.Equal("€ 1.300.000", Title(composer, "verschil-2019"));
    }

    [Fact]
    public void A_refused_name_shows_the_services_Dutch_message_on_the_field_and_a_taken_name_asks_before_it_is_replaced()
    {
        var composer = Composer(saved: ["Zonder W1"]);
        _answer = ChangeResult.Invalid("name", "'Hervormen' is een scenario uit het plan; kies een andere naam.");

        composer.Find("input[data-testid=eigen-naam]").Change("Hervormen");
        composer.FindAll("button").Single(b => b.TextContent.Contains("Eigen scenario opslaan", StringComparison.Ordinal)).Click();

        Assert.Contains("'Hervormen' is een scenario uit het plan; kies een andere naam.", composer.Markup);
        Assert.Equal("true", composer.Find("input[data-testid=eigen-naam]").GetAttribute("aria-invalid"));

        _answer = ChangeResult.Done;
        composer.Find("input[data-testid=eigen-naam]").Change("Zonder W1");
        composer.FindAll("button").Single(b => b.TextContent.Contains("Eigen scenario opslaan", StringComparison.Ordinal)).Click();

        Assert.Single(_saves); // not saved yet: first the question
        Assert.Contains("Er is al een eigen scenario 'Zonder W1'", composer.Find("[data-testid=eigen-vervangen]").TextContent);
        composer.FindAll("[data-testid=eigen-vervangen] button").Single(b => b.TextContent.Trim() == "Vervangen").Click();

        Assert.Equal(2, _saves.Count);
        Assert.Equal(("Zonder W1", true), (_saves[1].Name, _saves[1].Replace));
        Assert.Equal(Figures.Scenario("Optimaliseren")!.Measures, _saves[1].Measures.Select(m => m.Code));
        Assert.Empty(composer.FindAll("[data-testid=eigen-vervangen]"));
        Assert.Contains("Getoond: eigen scenario 'Zonder W1'.", composer.Find("[data-testid=eigen-getoond]").TextContent);
    }

    [Fact]
    public void Without_the_right_to_save_there_is_no_name_and_no_save_button_but_a_saved_scenario_can_be_shown()
    {
        var composer = Composer(canSave: false);

        Assert.Empty(composer.FindAll("input[data-testid=eigen-naam]"));
        Assert.DoesNotContain(composer.FindAll("button"), b => b.TextContent.Contains("opslaan", StringComparison.OrdinalIgnoreCase));

        composer.InvokeAsync(() => composer.Instance.Show(new CustomScenarioSummary("Alleen W3", "wethouder", DateTimeOffset.UnixEpoch, [("W3", 2)])));

        Assert.False(composer.Find("[data-testid=eigen-W1] input[type=checkbox]").HasAttribute("checked"));
        Assert.Equal("2", composer.Find("[data-testid=eigen-W3] input[aria-label='W3: jaren later']").GetAttribute("value"));
        Assert.Equal(Figures.CustomDeficits([("W3", 2)]).Select(ScenarioAmounts.Exact), Figures.Years.Select(y => Title(composer, $"eigen-{y}")));
    }
}
