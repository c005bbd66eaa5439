using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>An app of its own: these tests change the budget.</summary>
public sealed class BudgetEditingApp : AppFactory;

/// <summary>/api/budget: the year as Bijlage 1 shows it, and mutations from concept to approval with four eyes, in Dutch
/// per field when wrong, and only for Controller and Beheerder.</summary>
public sealed class BudgetApiTests(BudgetEditingApp app) : IClassFixture<BudgetEditingApp>
{
    private static object Mutation(string line = "WMO-04", int year = 2019, object? amount = null, string kind = "berap1", bool structural = true,
        string? reason = "Meer cliënten met begeleiding") =>
        new { lineCode = line, year, amount = amount ?? 500_000m, kind, structural, reason };

    private async Task<int> CreateAsync(object body, string key = AppFactory.ControllerKey)
    {
        var response = await app.Client(key).PostAsJsonAsync("/api/budget/mutations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> YearAsync(int year) => await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>($"/api/budget?year={year}");

    private static JsonElement Line(JsonElement year, string code) =>
        year.GetProperty("domains").EnumerateArray().SelectMany(d => d.GetProperty("lines").EnumerateArray()).Single(l => l.GetProperty("code").GetString() == code);

    [Fact]
    public async Task The_year_2017_shows_Bijlage_1s_Wmo_subtotal()
    {
        var year = await YearAsync(2017);

        var wmo = year.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Wmo");
        Assert.Equal((45_318m, 48_538m, -3_220m),
            (Math.Round(wmo.GetProperty("budget").GetDecimal() / 1000m), Math.Round(wmo.GetProperty("actual").GetDecimal() / 1000m), Math.Round(wmo.GetProperty("balance").GetDecimal() / 1000m)));
        Assert.False(year.GetProperty("closed").GetBoolean());
        Assert.False(year.GetProperty("estimate").GetBoolean());
        Assert.True((await YearAsync(2020)).GetProperty("estimate").GetBoolean());
    }

    [Fact]
    public async Task A_mutation_submitted_by_one_controller_and_approved_by_another_raises_the_budget_from_its_year_on()
    {
        var before2019 = Line(await YearAsync(2019), "WMO-04").GetProperty("budget").GetDecimal();
        var id = await CreateAsync(Mutation());

        var submit = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync($"/api/budget/mutations/{id}/submit", new { });
        var pending = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget/mutations?status=ingediend");
        var own = await app.Client(AppFactory.ControllerKey).PostAsJsonAsync($"/api/budget/mutations/{id}/approve", new { });
        var approve = await app.Client(AppFactory.SecondControllerKey).PostAsJsonAsync($"/api/budget/mutations/{id}/approve", new { });
        var twice = await app.Client(AppFactory.BeheerderKey).PostAsJsonAsync($"/api/budget/mutations/{id}/approve", new { });

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Contains(pending.EnumerateArray(), m => m.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("zelf opgesteld", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var approved = await approve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("goedgekeurd", "script-controller-2", "script-controller"),
            (approved.GetProperty("status").GetString(), approved.GetProperty("decidedBy").GetString(), approved.GetProperty("createdBy").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(before2019 + 500_000m, Line(await YearAsync(2019), "WMO-04").GetProperty("budget").GetDecimal());
        Assert.Equal(500_000m, Line(await YearAsync(2022), "WMO-04").GetProperty("mutations").GetDecimal());
        Assert.Equal(0m, Line(await YearAsync(2018), "WMO-04").GetProperty("mutations").GetDecimal());
        var history = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>($"/api/budget/mutations/{id}/history");
        Assert.Equal(3, history.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"lineCode":"WMO-04","year":2019,"amount":500000,"kind":"berap1","structural":true}""", "reason", "Geef een reden")]
    [InlineData("""{"lineCode":"XX-1","year":2019,"amount":500000,"kind":"berap1","reason":"r"}""", "lineCode", "geen begrotingspost met code 'XX-1'")]
    [InlineData("""{"lineCode":"WMO-04","year":2019,"amount":"veel","kind":"berap1","reason":"r"}""", "amount", "")]
    [InlineData("""{"lineCode":"WMO-04","year":2019,"amount":100.005,"kind":"berap1","reason":"r"}""", "amount", "twee decimalen")]
    [InlineData("""{"lineCode":"WMO-04","year":2019,"amount":100,"kind":"begroting","reason":"r"}""", "kind", "berap1")]
    public async Task A_wrong_mutation_gets_a_Dutch_400_on_its_field_and_nothing_is_stored(string json, string field, string message)
    {
        var count = (await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget/mutations")).GetArrayLength();

        var response = await app.Client(AppFactory.ControllerKey).PostAsync("/api/budget/mutations", new StringContent(json, Encoding.UTF8, "application/json"));

        var errors = await ScenarioEditingApp.ErrorsAsync(response);
        Assert.Contains(message, errors[field]);
        Assert.Equal(count, (await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget/mutations")).GetArrayLength());
    }

    [Theory]
    [InlineData(AppFactory.WethouderKey)]
    [InlineData(AppFactory.ContractmanagerKey)]
    public async Task Only_the_financial_roles_change_the_budget(string key)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(key).PostAsJsonAsync("/api/budget/mutations", Mutation())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(key).PostAsJsonAsync("/api/budget/mutations/1/approve", new { })).StatusCode);
    }

    [Fact]
    public async Task Editing_a_concept_with_a_stale_version_is_a_conflict_and_keeps_the_first_edit()
    {
        var id = await CreateAsync(Mutation(amount: 1_000m, structural: false));

        var first = await app.Client(AppFactory.ControllerKey).PutAsJsonAsync($"/api/budget/mutations/{id}", new { lineCode = "WMO-04", year = 2019, amount = 2_000m, kind = "overig", reason = "eerste", version = 1 });
        var second = await app.Client(AppFactory.SecondControllerKey).PutAsJsonAsync($"/api/budget/mutations/{id}", new { lineCode = "WMO-04", year = 2019, amount = 3_000m, kind = "overig", reason = "tweede", version = 1 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var list = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget/mutations?status=concept");
        Assert.Equal(2_000m, list.EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == id).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_Excel_export_of_a_year_is_a_workbook_and_a_year_without_figures_is_not_found()
    {
        var response = await app.Client(AppFactory.WethouderKey).GetAsync("/api/budget/export.xlsx?year=2017");
        var missing = await app.Client(AppFactory.WethouderKey).GetAsync("/api/budget/export.xlsx?year=1999");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SociaalDomein.Infrastructure.Budgets.BudgetExcelExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.True(workbook.TryGetWorksheet(SociaalDomein.Infrastructure.Budgets.BudgetExcelExport.BudgetSheet(2017), out _));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
