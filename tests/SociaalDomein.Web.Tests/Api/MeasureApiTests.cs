using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>An app of its own for the tests that change measures and components, so the shared app keeps the plan's
/// figures. <see cref="RecomputeAsync"/> runs the recompute job itself (as Hangfire would after the change), so a test
/// never waits for the job server.</summary>
public sealed class ScenarioEditingApp : AppFactory
{
    public Task RecomputeAsync() => Services.GetRequiredService<ScenarioRecomputeJob>().RunAsync(CancellationToken.None);

    public async Task<JsonElement> FreshScenariosAsync()
    {
        await RecomputeAsync();
        var figures = await Client(WethouderKey).GetFromJsonAsync<JsonElement>("/api/scenarios");
        Assert.False(figures.GetProperty("recomputePending").GetBoolean());
        return figures;
    }

    public static decimal DeficitOf(JsonElement figures, string scenario, int year)
    {
        var index = figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList().IndexOf(year);
        return figures.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == scenario)
            .GetProperty("deficits")[index].GetDecimal();
    }

    public static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
    }
}

[CollectionDefinition(Name)]
public sealed class ScenarioEditingCollection : ICollectionFixture<ScenarioEditingApp>
{
    public const string Name = "scenario-editing";
}

/// <summary>/api/measures: reading, adding, editing, withdrawing, realisations, history; bad input answered in Dutch per
/// field with nothing stored; only Controller and Beheerder change anything.</summary>
[Collection(ScenarioEditingCollection.Name)]
public sealed class MeasureApiTests(ScenarioEditingApp app)
{
    private static string NewCode() => "T" + Random.Shared.Next(100_000, 999_999);

    private static object Measure(string code, string title = "Testmaatregel", string firstScenario = "Optimaliseren", object[]? years = null) => new
    {
        code,
        title,
        domain = "Wmo",
        firstScenario,
        owner = "Team Wmo",
        status = "Vastgesteld",
        years = years ?? [],
    };

    private async Task<JsonElement> MeasureAsync(string code) =>
        await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>($"/api/measures/{code}");

    private async Task<List<string>> CodesAsync() =>
        (await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/measures"))
            .EnumerateArray().Select(m => m.GetProperty("code").GetString()!).ToList();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_controller_adds_a_yield_of_a_million_in_2019_to_Optimaliseren_and_after_the_job_only_that_point_and_the_later_scenario_move()
    {
        var before = await app.FreshScenariosAsync();
        var code = NewCode();

        var response = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync("/api/measures",
            Measure(code, years: [new { year = 2019, yield = 1_000_000m, implementationCost = 0m }]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/measures/{code}", response.Headers.Location?.OriginalString);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, created.GetProperty("code").GetString());
        Assert.Equal("Wmo", created.GetProperty("domain").GetString());
        Assert.Equal("Vastgesteld", created.GetProperty("status").GetString());
        Assert.Equal(1_000_000m, created.GetProperty("years")[0].GetProperty("yield").GetDecimal());
        Assert.Equal(created.GetProperty("version").GetInt32(), (await MeasureAsync(code)).GetProperty("version").GetInt32());

        var after = await app.FreshScenariosAsync();
        Assert.Equal(1_000_000m, ScenarioEditingApp.DeficitOf(after, "Optimaliseren", 2019) - ScenarioEditingApp.DeficitOf(before, "Optimaliseren", 2019));
        Assert.Equal(1_000_000m, ScenarioEditingApp.DeficitOf(after, "Hervormen", 2019) - ScenarioEditingApp.DeficitOf(before, "Hervormen", 2019));
        Assert.Equal(ScenarioEditingApp.DeficitOf(before, "Doorgaan", 2019), ScenarioEditingApp.DeficitOf(after, "Doorgaan", 2019));
        Assert.Equal(ScenarioEditingApp.DeficitOf(before, "Optimaliseren", 2020), ScenarioEditingApp.DeficitOf(after, "Optimaliseren", 2020));
        Assert.Contains(code, after.GetProperty("scenarios")[1].GetProperty("measures").EnumerateArray().Select(m => m.GetString()));
    }

    public static TheoryData<string, string, string, string> BadMeasures => new()
    {
        { "no code", """{"title": "Zonder code", "firstScenario": "Optimaliseren"}""", "code", "Vul een code in" },
        { "no title", """{"code": "{code}", "firstScenario": "Optimaliseren"}""", "title", "Vul de titel" },
        { "duplicate code", """{"code": "W1", "title": "Nog een W1", "firstScenario": "Optimaliseren"}""", "code", "Er is al een maatregel met code W1" },
        { "yield not a number", """{"code": "{code}", "title": "T", "firstScenario": "Optimaliseren", "years": [{"year": 2019, "yield": "abc"}]}""",
            "years[0].yield", "Is geen getal" },
        { "year outside the prognosis", """{"code": "{code}", "title": "T", "firstScenario": "Optimaliseren", "years": [{"year": 2030, "yield": 5}]}""",
            "years[0].year", "2030 valt buiten de prognoseperiode 2017–2022" },
        { "unknown first scenario", """{"code": "{code}", "title": "T", "firstScenario": "Bestaat niet"}""", "firstScenario", "'Bestaat niet' kan niet" },
        { "not JSON", """{"code": "{code}", "title": "T", "years": [{"year": 2019, "yield": abc}]}""", "years[0].yield", "Geen geldige JSON" },
    };

    [Theory]
    [MemberData(nameof(BadMeasures))]
    public async Task A_bad_measure_gets_a_Dutch_message_on_its_field_and_nothing_is_stored(string why, string json, string field, string message)
    {
        var code = NewCode();
        var w1 = await MeasureAsync("W1");

        var response = await app.Client(AppFactory.ControllerKey).PostAsync("/api/measures", Json(json.Replace("{code}", code)));

        var errors = await ScenarioEditingApp.ErrorsAsync(response);
        Assert.True(errors.ContainsKey(field), $"{why}: geen fout op {field} maar op {string.Join(", ", errors.Keys)}");
        Assert.Contains(message, errors[field]);
        Assert.DoesNotContain(code, await CodesAsync());
        Assert.Equal(w1.GetRawText(), (await MeasureAsync("W1")).GetRawText());
    }

    [Fact]
    public async Task A_realisation_for_a_quarter_that_has_not_started_is_refused_and_a_past_one_is_recorded()
    {
        var nextYear = DateTime.Now.Year + 1;
        var client = app.Client(AppFactory.ControllerKey);
        var realisationsBefore = (await MeasureAsync("W2")).GetProperty("realisations").GetArrayLength();

        var future = await client.PostAsJsonAsync("/api/measures/W2/realisations", new { year = nextYear, quarter = 1, amount = 10_000m, explanation = "Te vroeg" });
        var noAmount = await client.PostAsJsonAsync("/api/measures/W2/realisations", new { year = 2019, quarter = 1, explanation = "Geen bedrag" });

        Assert.Contains("nog niet begonnen", (await ScenarioEditingApp.ErrorsAsync(future))["quarter"]);
        Assert.Contains("Vul de gerealiseerde opbrengst", (await ScenarioEditingApp.ErrorsAsync(noAmount))["amount"]);
        Assert.Equal(realisationsBefore, (await MeasureAsync("W2")).GetProperty("realisations").GetArrayLength());

        var past = await client.PostAsJsonAsync("/api/measures/w2/realisations", new { year = 2019, quarter = 2, amount = 45_000.50m, explanation = "Minder indicaties" });

        Assert.Equal(HttpStatusCode.Created, past.StatusCode);
        var realisation = (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("realisations").EnumerateArray()
            .Single(r => r.GetProperty("year").GetInt32() == 2019 && r.GetProperty("quarter").GetInt32() == 2);
        Assert.Equal(45_000.50m, realisation.GetProperty("amount").GetDecimal());
        Assert.Equal("Minder indicaties", realisation.GetProperty("explanation").GetString());
        Assert.Equal("script-controller", realisation.GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task Of_two_controllers_saving_the_same_version_the_second_gets_a_conflict_and_the_first_ones_data_stays()
    {
        var code = NewCode();
        var created = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync("/api/measures", Measure(code, title: "Origineel"));
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();

        var first = await app.Client(AppFactory.ControllerKey).PutAsJsonAsync($"/api/measures/{code}",
            new { title = "Eerste", firstScenario = "Optimaliseren", years = new[] { new { year = 2020, yield = (decimal?)null, implementationCost = 0m } }, version });
        var second = await app.Client(AppFactory.BeheerderKey).PutAsJsonAsync($"/api/measures/{code}",
            new { title = "Tweede", firstScenario = "Hervormen", version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(version + 1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Intussen gewijzigd", problem.GetProperty("title").GetString());
        Assert.Contains("intussen door iemand anders gewijzigd", problem.GetProperty("detail").GetString());
        var stored = await MeasureAsync(code);
        Assert.Equal("Eerste", stored.GetProperty("title").GetString());
        Assert.Equal("Optimaliseren", stored.GetProperty("firstScenario").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("years")[0].GetProperty("yield").ValueKind);
    }

    [Fact]
    public async Task A_change_without_a_version_or_to_an_unknown_measure_is_refused()
    {
        var client = app.Client(AppFactory.ControllerKey);

        var noVersion = await client.PutAsJsonAsync("/api/measures/W3", new { title = "Zonder versie", firstScenario = "Optimaliseren" });
        var unknown = await client.PutAsJsonAsync("/api/measures/X404", new { title = "Onbekend", firstScenario = "Optimaliseren", version = 1 });
        var unknownRead = await client.GetAsync("/api/measures/X404");

        Assert.Contains("versie", (await ScenarioEditingApp.ErrorsAsync(noVersion))["version"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Er is geen maatregel met code X404", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownRead.StatusCode);
        Assert.NotEqual("Zonder versie", (await MeasureAsync("W3")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_history_of_a_measure_shows_who_changed_what_from_before_to_after()
    {
        var code = NewCode();
        var created = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync("/api/measures", Measure(code, title: "Oude titel"));
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var changed = await app.Client(AppFactory.ControllerKey).PutAsJsonAsync($"/api/measures/{code}",
            new { title = "Nieuwe titel", firstScenario = "Optimaliseren", domain = "Wmo", owner = "Team Wmo", status = "Vastgesteld", version });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var history = await app.Client(AppFactory.ContractmanagerKey).GetFromJsonAsync<JsonElement>($"/api/measures/{code}/history");

        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["MeasureChanged", "MeasureAdded"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("script-controller", e.GetProperty("user").GetString()));
        Assert.Equal("Titel: Oude titel → Nieuwe titel", entries[0].GetProperty("details").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(AppFactory.WethouderKey).GetAsync("/api/measures/X404/history")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_measure_stops_counting_after_the_job_and_counts_again_once_restored()
    {
        var code = NewCode();
        var created = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync("/api/measures",
            Measure(code, years: [new { year = 2021, yield = 300_000m, implementationCost = 50_000m }]));
        var version = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var counted = await app.FreshScenariosAsync();

        var noReason = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync($"/api/measures/{code}/withdraw", new { version });
        var withdrawn = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync($"/api/measures/{code}/withdraw", new { version, reason = "Geen draagvlak" });

        Assert.Contains("reden", (await ScenarioEditingApp.ErrorsAsync(noReason))["reason"]);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var retired = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(retired.GetProperty("retired").GetBoolean());
        var without = await app.FreshScenariosAsync();
        Assert.Equal(-250_000m, ScenarioEditingApp.DeficitOf(without, "Optimaliseren", 2021) - ScenarioEditingApp.DeficitOf(counted, "Optimaliseren", 2021));

        var restored = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync($"/api/measures/{code}/restore",
            new { version = retired.GetProperty("version").GetInt32(), reason = "Toch draagvlak" });

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.False((await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retired").GetBoolean());
        Assert.Equal(ScenarioEditingApp.DeficitOf(counted, "Optimaliseren", 2021), ScenarioEditingApp.DeficitOf(await app.FreshScenariosAsync(), "Optimaliseren", 2021));
    }

    public static TheoryData<string, string, string> Writes => new()
    {
        { "POST", "/api/measures", """{"code": "T1", "title": "Verboden", "firstScenario": "Optimaliseren"}""" },
        { "PUT", "/api/measures/W1", """{"title": "Verboden", "firstScenario": "Optimaliseren", "version": 0}""" },
        { "POST", "/api/measures/W1/realisations", """{"year": 2019, "quarter": 1, "amount": 1, "explanation": "Verboden"}""" },
        { "POST", "/api/measures/W1/withdraw", """{"version": 0, "reason": "Verboden"}""" },
        { "POST", "/api/measures/W1/restore", """{"version": 0, "reason": "Verboden"}""" },
        { "PUT", "/api/deficit-components/1", """{"amount": 1, "reason": "Verboden", "version": 0}""" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_wethouder_or_contractmanager_cannot_change_anything(string method, string url, string json)
    {
        var w1 = await MeasureAsync("W1");
        var components = await app.Client(AppFactory.WethouderKey).GetStringAsync("/api/deficit-components");

        foreach (var key in new[] { AppFactory.WethouderKey, AppFactory.ContractmanagerKey })
        {
            var response = await app.Client(key).SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(json) });

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(w1.GetRawText(), (await MeasureAsync("W1")).GetRawText());
        Assert.Equal(components, await app.Client(AppFactory.WethouderKey).GetStringAsync("/api/deficit-components"));
        Assert.DoesNotContain("T1", await CodesAsync());
    }

    [Fact]
    public async Task Every_role_reads_the_measures_with_yields_pm_and_implementation_costs()
    {
        var measures = await app.Client(AppFactory.ContractmanagerKey).GetFromJsonAsync<JsonElement>("/api/measures");

        var byCode = measures.EnumerateArray().ToDictionary(m => m.GetProperty("code").GetString()!);
        Assert.Equal("Wmo", byCode["W1"].GetProperty("domain").GetString());
        Assert.Equal("Optimaliseren", byCode["W1"].GetProperty("firstScenario").GetString());
        Assert.Equal("Hervormen", byCode["W4"].GetProperty("firstScenario").GetString());
        Assert.Equal(JsonValueKind.Null, byCode["S1"].GetProperty("domain").ValueKind);
        Assert.All(byCode["S1"].GetProperty("years").EnumerateArray(), y => Assert.Equal(JsonValueKind.Null, y.GetProperty("yield").ValueKind));
        Assert.Contains(byCode["W1"].GetProperty("years").EnumerateArray(), y => y.GetProperty("implementationCost").GetDecimal() > 0m);
        Assert.Equal("P1", byCode["P2"].GetProperty("yieldIncludedIn").GetString());
        Assert.All(byCode.Values, m => Assert.True(m.GetProperty("version").GetInt32() >= 0));
    }
}
