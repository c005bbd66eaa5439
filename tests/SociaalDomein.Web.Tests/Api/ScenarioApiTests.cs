using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>GET /api/scenarios on the demo data reproduces the table "Effect scenario's" of the plan (docs/sources.md:
/// Interventieplan 2018 §4), and the custom scenarios can be saved, listed and removed. Nothing here changes a measure
/// or a component, so the shared app keeps the plan's figures.</summary>
[Collection(AppCollection.Name)]
public sealed class ScenarioApiTests(AppFactory app)
{
    private const string Margin = "Behoedzaamheidsmarge";

    private async Task<JsonElement> ScenariosAsync(string key = AppFactory.WethouderKey) =>
        await app.Client(key).GetFromJsonAsync<JsonElement>("/api/scenarios");

    private static decimal[] Decimals(JsonElement array) => array.EnumerateArray().Select(v => v.GetDecimal()).ToArray();

    private static JsonElement Scenario(JsonElement figures, string name) =>
        figures.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>One cell of the plan's table in € million with one decimal; "Hervormen" is the plan's "Optimaliseren +
    /// Hervormen". The API answers in euros; rounded to one decimal of a million it must be the plan's figure, so it is
    /// within € 0,05 M of it.</summary>
    [Theory]
    [InlineData("Doorgaan", 2018, -10.5), InlineData("Doorgaan", 2019, -9.0), InlineData("Doorgaan", 2020, -9.3),
        InlineData("Doorgaan", 2021, -9.2), InlineData("Doorgaan", 2022, -8.7)]
    [InlineData("Optimaliseren", 2018, -7.1), InlineData("Optimaliseren", 2019, -6.0), InlineData("Optimaliseren", 2020, -5.9),
        InlineData("Optimaliseren", 2021, -5.5), InlineData("Optimaliseren", 2022, -4.8)]
    [InlineData("Hervormen", 2018, -7.1), InlineData("Hervormen", 2019, -6.0), InlineData("Hervormen", 2020, -5.4),
        InlineData("Hervormen", 2021, -4.5), InlineData("Hervormen", 2022, -3.3)]
    [InlineData(Margin, 2018, 1.0), InlineData(Margin, 2019, 2.0), InlineData(Margin, 2020, 2.5),
        InlineData(Margin, 2021, 2.5), InlineData(Margin, 2022, 2.5)]
    public async Task Every_cell_of_the_plans_table_is_reproduced(string row, int year, double planMillions)
    {
        var figures = await ScenariosAsync();

        var years = figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList();
        var values = row == Margin ? figures.GetProperty("prudenceMargin") : Scenario(figures, row).GetProperty("deficits");
        var euros = values[years.IndexOf(year)].GetDecimal();
        Assert.Equal((decimal)planMillions, Math.Round(euros / 1_000_000m, 1, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task The_figures_come_with_their_years_computation_time_baseline_and_measures_per_scenario()
    {
        var figures = await ScenariosAsync(AppFactory.ContractmanagerKey);

        Assert.Equal([2017, 2018, 2019, 2020, 2021, 2022], figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, figures.GetProperty("computedAt").ValueKind);
        Assert.Contains(figures.GetProperty("recomputePending").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Equal(Decimals(figures.GetProperty("baseline")), Decimals(Scenario(figures, "Doorgaan").GetProperty("deficits")));
        Assert.Equal(["Doorgaan", "Optimaliseren", "Hervormen", "Herstructureren"],
            figures.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([false, false, false, true],
            figures.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("indicative").GetBoolean()));
        string[] MeasuresOf(string name) => Scenario(figures, name).GetProperty("measures").EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.Empty(MeasuresOf("Doorgaan"));
        Assert.Contains("W1", MeasuresOf("Optimaliseren"));
        Assert.DoesNotContain("W4", MeasuresOf("Optimaliseren"));
        Assert.Equal(MeasuresOf("Optimaliseren").Append("W4").Order(), MeasuresOf("Hervormen").Order());
        Assert.Empty(MeasuresOf("Herstructureren"));
    }

    [Fact]
    public async Task The_flat_list_of_deficits_keeps_answering_with_the_same_figures()
    {
        var figures = await ScenariosAsync();
        var flat = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/scenarios/deficits");

        var years = figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList();
        foreach (var scenario in figures.GetProperty("scenarios").EnumerateArray())
        {
            var name = scenario.GetProperty("name").GetString();
            Assert.Equal(Decimals(scenario.GetProperty("deficits")),
                years.Select(y => flat.EnumerateArray().Single(d => d.GetProperty("scenario").GetString() == name && d.GetProperty("year").GetInt32() == y)
                    .GetProperty("deficit").GetDecimal()));
        }
    }

    [Fact]
    public async Task A_custom_scenario_without_W1_differs_from_Optimaliseren_by_exactly_W1s_net_yield_and_can_be_listed_and_removed()
    {
        var name = "Zonder W1 " + Guid.NewGuid().ToString("N")[..6];
        var figures = await ScenariosAsync();
        var optimaliseren = Scenario(figures, "Optimaliseren");
        var chosen = optimaliseren.GetProperty("measures").EnumerateArray().Select(m => m.GetString()!).Where(c => c != "W1")
            .Select(c => new { code = c, shiftYears = 0 }).ToList();
        var w1Net = await NetPerYearAsync("W1", figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));

        var saved = await app.Client(AppFactory.WethouderKey).PutAsJsonAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}", new { measures = chosen });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal("bi-wethouder", body.GetProperty("createdBy").GetString());
        Assert.Contains(w1Net, n => n != 0m);
        Assert.Equal(Decimals(optimaliseren.GetProperty("deficits")).Zip(w1Net, (deficit, net) => deficit - net), Decimals(body.GetProperty("deficits")));

        var listed = await app.Client(AppFactory.ContractmanagerKey).GetFromJsonAsync<JsonElement>("/api/scenarios/custom");
        var mine = listed.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        Assert.Equal(Decimals(body.GetProperty("deficits")), Decimals(mine.GetProperty("deficits")));
        Assert.Equal(chosen.Count, mine.GetProperty("measures").GetArrayLength());

        var removed = await app.Client(AppFactory.ControllerKey).DeleteAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain((await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scenarios").EnumerateArray(),
            s => s.GetProperty("name").GetString() == name);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(AppFactory.ControllerKey).DeleteAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}")).StatusCode);
    }

    [Fact]
    public async Task A_shifted_measure_moves_its_net_yield_to_later_years()
    {
        var name = "W2 later " + Guid.NewGuid().ToString("N")[..6];
        var figures = await ScenariosAsync();
        var years = figures.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ToList();
        var baseline = Decimals(figures.GetProperty("baseline"));
        var w2 = await NetPerYearAsync("W2", years.Select(y => y - 1));

        var saved = await app.Client(AppFactory.BeheerderKey).PutAsJsonAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}",
            new { measures = new[] { new { code = "w2", shiftYears = 1 } } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var deficits = Decimals((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deficits"));
        Assert.Equal(baseline.Zip(w2, (b, net) => b + net), deficits);
        Assert.NotEqual(baseline, deficits);
        await app.Client(AppFactory.BeheerderKey).DeleteAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Yield (p.m. as 0) minus implementation cost of a measure in each of the years, from GET /api/measures/{code}.</summary>
    private async Task<decimal[]> NetPerYearAsync(string code, IEnumerable<int> years)
    {
        var measure = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>($"/api/measures/{code}");
        return years.Select(y => measure.GetProperty("years").EnumerateArray().Where(m => m.GetProperty("year").GetInt32() == y)
            .Sum(m => (m.GetProperty("yield").ValueKind == JsonValueKind.Null ? 0m : m.GetProperty("yield").GetDecimal()) - m.GetProperty("implementationCost").GetDecimal()))
            .ToArray();
    }

    [Fact]
    public async Task A_name_in_use_needs_replace_and_the_name_of_a_plan_scenario_is_refused()
    {
        var name = "Dubbel " + Guid.NewGuid().ToString("N")[..6];
        var url = $"/api/scenarios/custom/{Uri.EscapeDataString(name)}";
        var client = app.Client(AppFactory.WethouderKey);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(url, new { measures = new[] { new { code = "W1", shiftYears = 0 } } })).StatusCode);

        var again = await client.PutAsJsonAsync(url, new { measures = new[] { new { code = "W2", shiftYears = 0 } } });
        var replaced = await client.PutAsJsonAsync(url, new { measures = new[] { new { code = "W2", shiftYears = 0 } }, replace = true });
        var planName = await client.PutAsJsonAsync("/api/scenarios/custom/Doorgaan", new { measures = Array.Empty<object>() });
        var unknown = await client.PutAsJsonAsync(url + "x", new { measures = new[] { new { code = "X99", shiftYears = 0 } } });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Er is al een eigen scenario", (await Errors(again))["name"]);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("W2", (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("measures")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, planName.StatusCode);
        Assert.Contains("scenario uit het plan", (await Errors(planName))["name"]);
        Assert.Contains("X99 bestaat niet", (await Errors(unknown))["measures"]);
        await client.DeleteAsync(url);
    }

    [Fact]
    public async Task A_contractmanager_reads_the_custom_scenarios_but_cannot_save_or_remove_one()
    {
        var name = "Contract " + Guid.NewGuid().ToString("N")[..6];
        var client = app.Client(AppFactory.ContractmanagerKey);

        var read = await client.GetAsync("/api/scenarios/custom");
        var save = await client.PutAsJsonAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}", new { measures = Array.Empty<object>() });
        var remove = await client.DeleteAsync($"/api/scenarios/custom/{Uri.EscapeDataString(name)}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/scenarios/custom");
        Assert.DoesNotContain(listed.GetProperty("scenarios").EnumerateArray(), s => s.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task The_excel_export_holds_the_stored_figures_and_is_in_the_audit_log()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var figures = await ScenariosAsync();

        var response = await app.Client(AppFactory.ContractmanagerKey).GetAsync("/api/scenarios/export.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ScenarioExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal([ScenarioExcelExport.ScenarioSheet, ScenarioExcelExport.MeasureSheet, ScenarioExcelExport.RealisationSheet], book.Worksheets.Select(s => s.Name));
        var sheet = book.Worksheet(ScenarioExcelExport.ScenarioSheet);
        var optimaliseren = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Optimaliseren");
        Assert.Equal(Decimals(Scenario(figures, "Optimaliseren").GetProperty("deficits")),
            Enumerable.Range(3, 6).Select(c => Math.Round(Convert.ToDecimal(optimaliseren.Cell(c).Value), 2)));
        var audit = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/audit?action=Export&user=bi-contractmanager&pageSize=200");
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("subject").GetString() == "Prognose en scenario's (Excel)" && e.GetProperty("occurredAt").GetDateTimeOffset() >= before);
        Assert.Equal(ScenarioExcelExport.FileName, entry.GetProperty("details").GetString());
    }

    private static async Task<Dictionary<string, string>> Errors(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
    }
}
