using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Scenarios;

/// <summary>A custom scenario (eigen scenario) is saved under a name for everyone to see, without touching the plan's.</summary>
public class CustomScenarioTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_saved_custom_scenario_is_listed_with_its_shifts_and_audited_and_leaves_the_plan_alone()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        var before = (await services.Scenarios.GetAsync()).Figures;

        var result = await services.Scenarios.SaveCustomAsync("Zonder W1, W4 later", [("W2", 0), ("W4", 1)], replace: false, "wethouder");

        Assert.True(result.Succeeded, result.Message);
        var saved = Assert.Single(await services.Scenarios.CustomScenariosAsync());
        Assert.Equal(("Zonder W1, W4 later", "wethouder"), (saved.Name, saved.CreatedBy));
        Assert.Equal([("W2", 0), ("W4", 1)], saved.Measures);
        var entry = await fixture.QueryAsync(db => db.AuditEntries.SingleAsync());
        Assert.Equal((AuditAction.CustomScenarioSaved, "W2, W4 (+1 jr)"), (entry.Action, entry.Details));
        Assert.Equal(before.Scenarios.Select(s => s.Deficits), (await services.Scenarios.GetAsync()).Figures.Scenarios.Select(s => s.Deficits));
        Assert.Equal(0, services.RecomputesQueued);
    }

    [Fact]
    public async Task A_name_in_use_is_refused_unless_replacing()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        await services.Scenarios.SaveCustomAsync("Mijn keuze", [("W2", 0)], replace: false, "wethouder");

        var again = await services.Scenarios.SaveCustomAsync("Mijn keuze", [("W3", 0)], replace: false, "wethouder");
        var replaced = await services.Scenarios.SaveCustomAsync("Mijn keuze", [("W3", 2)], replace: true, "controller");

        Assert.Contains("Er is al een eigen scenario 'Mijn keuze'", again.Errors["name"]);
        Assert.True(replaced.Succeeded);
        Assert.Equal([("W3", 2)], Assert.Single(await services.Scenarios.CustomScenariosAsync()).Measures);
    }

    [Theory]
    [InlineData("", "W2", 0, "name", "Geef het scenario een naam")]
    [InlineData("Optimaliseren", "W2", 0, "name", "scenario uit het plan")]
    [InlineData("Mijn keuze", "X9", 0, "measures", "X9 bestaat niet")]
    [InlineData("Mijn keuze", "W2", 11, "measures", "0 tot 10 jaar later")]
    public async Task A_wrong_custom_scenario_is_refused_on_its_field(string name, string code, int shift, string field, string message)
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);

        var result = await services.Scenarios.SaveCustomAsync(name, [(code, shift)], replace: false, "wethouder");

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.Errors[field]);
        Assert.Empty(await services.Scenarios.CustomScenariosAsync());
    }

    [Fact]
    public async Task A_custom_scenario_can_be_removed_and_that_is_audited()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        await services.Scenarios.SaveCustomAsync("Weg ermee", [("W2", 0)], replace: false, "wethouder");

        var removed = await services.Scenarios.DeleteCustomAsync("Weg ermee", "wethouder");
        var again = await services.Scenarios.DeleteCustomAsync("Weg ermee", "wethouder");

        Assert.True(removed.Succeeded);
        Assert.Equal(ChangeOutcome.NotFound, again.Outcome);
        Assert.Empty(await services.Scenarios.CustomScenariosAsync());
        Assert.Contains(AuditAction.CustomScenarioDeleted, await fixture.QueryAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync()));
    }
}
