using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>/api/deficit-components: the prognosis as entered, and a controller's edit of one component (reason and
/// version required) that moves the baseline once the recompute job ran.</summary>
[Collection(ScenarioEditingCollection.Name)]
public sealed class DeficitComponentApiTests(ScenarioEditingApp app)
{
    private async Task<JsonElement> PrognosisAsync() =>
        await app.Client(AppFactory.ContractmanagerKey).GetFromJsonAsync<JsonElement>("/api/deficit-components");

    private static JsonElement Component(JsonElement prognosis, string name, int year) =>
        prognosis.GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name && c.GetProperty("year").GetInt32() == year);

    [Fact]
    public async Task Every_role_reads_the_components_whose_sum_per_year_is_the_baseline_of_the_scenarios()
    {
        var prognosis = await PrognosisAsync();
        var figures = await app.FreshScenariosAsync();

        var wmo = Component(prognosis, "Wmo", 2019);
        Assert.Equal("Structureel tekort", wmo.GetProperty("kind").GetString());
        Assert.True(wmo.GetProperty("amount").GetDecimal() < 0m);
        var years = figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList();
        var sums = years.Select(y => prognosis.GetProperty("components").EnumerateArray().Where(c => c.GetProperty("year").GetInt32() == y)
            .Sum(c => c.GetProperty("amount").GetDecimal())).ToList();
        Assert.Equal(figures.GetProperty("baseline").EnumerateArray().Select(b => b.GetDecimal()), sums);
        Assert.Equal(sums, prognosis.GetProperty("baseline").EnumerateArray().Select(b => b.GetProperty("amount").GetDecimal()));
        Assert.Equal(figures.GetProperty("prudenceMargin").EnumerateArray().Where(m => m.ValueKind != JsonValueKind.Null).Select(m => m.GetDecimal()),
            prognosis.GetProperty("prudenceMargins").EnumerateArray().Select(m => m.GetProperty("amount").GetDecimal()));
        var indicative = figures.GetProperty("scenarios").EnumerateArray().Where(s => s.GetProperty("indicative").GetBoolean())
            .Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.All(prognosis.GetProperty("indicativePaths").EnumerateArray(), p => Assert.Contains(p.GetProperty("scenario").GetString(), indicative));
    }

    [Fact]
    public async Task An_edit_without_a_reason_is_refused_on_reason_and_nothing_changes()
    {
        var before = Component(await PrognosisAsync(), "Jeugd", 2020);
        var id = before.GetProperty("id").GetInt32();

        var response = await app.Client(AppFactory.ControllerKey).PutAsJsonAsync($"/api/deficit-components/{id}",
            new { amount = -1_234_000m, version = before.GetProperty("version").GetInt32() });

        var errors = await ScenarioEditingApp.ErrorsAsync(response);
        Assert.Equal("reason", Assert.Single(errors).Key);
        Assert.Contains("Geef een reden", errors["reason"]);
        Assert.Equal(before.GetRawText(), Component(await PrognosisAsync(), "Jeugd", 2020).GetRawText());
    }

    [Fact]
    public async Task An_edit_with_a_reason_moves_the_baseline_and_every_scenario_after_the_job()
    {
        var figuresBefore = await app.FreshScenariosAsync();
        var before = Component(await PrognosisAsync(), "Sociaal wijkteam", 2021);
        var change = -300_000m;

        var response = await app.Client(AppFactory.ControllerKey).PutAsJsonAsync($"/api/deficit-components/{before.GetProperty("id").GetInt32()}",
            new
            {
                amount = before.GetProperty("amount").GetDecimal() + change,
                note = "Extra formatie",
                reason = "Raad heeft extra formatie toegekend",
                version = before.GetProperty("version").GetInt32(),
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
        Assert.Equal("Extra formatie", after.GetProperty("note").GetString());
        var figuresAfter = await app.FreshScenariosAsync();
        var index = figuresAfter.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList().IndexOf(2021);
        Assert.Equal(change, figuresAfter.GetProperty("baseline")[index].GetDecimal() - figuresBefore.GetProperty("baseline")[index].GetDecimal());
        foreach (var scenario in new[] { "Doorgaan", "Optimaliseren", "Hervormen" })
        {
            Assert.Equal(change, ScenarioEditingApp.DeficitOf(figuresAfter, scenario, 2021) - ScenarioEditingApp.DeficitOf(figuresBefore, scenario, 2021));
        }

        Assert.Equal(ScenarioEditingApp.DeficitOf(figuresBefore, "Doorgaan", 2020), ScenarioEditingApp.DeficitOf(figuresAfter, "Doorgaan", 2020));
    }

    [Fact]
    public async Task A_stale_version_gets_a_conflict_an_unknown_component_404_and_a_wrong_amount_400()
    {
        var before = Component(await PrognosisAsync(), "WRA-Wezo", 2022);
        var id = before.GetProperty("id").GetInt32();
        var version = before.GetProperty("version").GetInt32();
        var client = app.Client(AppFactory.BeheerderKey);

        var stale = await client.PutAsJsonAsync($"/api/deficit-components/{id}", new { amount = 1m, reason = "Oud", version = version - 1 });
        var unknown = await client.PutAsJsonAsync("/api/deficit-components/999999", new { amount = 1m, reason = "Weg", version });
        var cents = await client.PutAsJsonAsync($"/api/deficit-components/{id}", new { amount = 1.005m, reason = "Te precies", version });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("intussen door iemand anders gewijzigd", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("geen geldig bedrag", (await ScenarioEditingApp.ErrorsAsync(cents))["amount"]);
        Assert.Equal(before.GetRawText(), Component(await PrognosisAsync(), "WRA-Wezo", 2022).GetRawText());
    }
}
