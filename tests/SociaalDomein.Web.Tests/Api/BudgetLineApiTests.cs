using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>/api/budget/lines: the budget's structure, changed by Controller and Beheerder only, in Dutch per field when
/// wrong, with versions against overwriting.</summary>
public sealed class BudgetLineApiTests(BudgetEditingApp app) : IClassFixture<BudgetEditingApp>
{
    private async Task<JsonElement> LineAsync(string code) =>
        (await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget/lines")).EnumerateArray()
            .Single(l => l.GetProperty("code").GetString() == code);

    [Fact]
    public async Task A_controller_adds_a_line_changes_it_and_sets_its_original_budget()
    {
        var client = app.Client(AppFactory.ControllerKey);

        var added = await client.PostAsJsonAsync("/api/budget/lines", new { code = "JGD-77", name = "Jeugdhulp op school", domain = "Jeugd", taakveld = "6.72", law = "jeugdwet" });
        var duplicate = await client.PostAsJsonAsync("/api/budget/lines", new { code = "JGD-77", name = "Iets anders", domain = "Jeugd" });
        var version = (await LineAsync("JGD-77")).GetProperty("version").GetInt32();
        var changed = await client.PutAsJsonAsync("/api/budget/lines/JGD-77", new { name = "Jeugdhulp in het onderwijs", taakveld = "6.72", law = "Jeugdwet", version });
        var stale = await client.PutAsJsonAsync("/api/budget/lines/JGD-77", new { name = "Te laat", version });
        var year = await client.PutAsJsonAsync("/api/budget/lines/JGD-77/years/2020", new { originalBudget = 125_000.50m, reason = "Raadsbesluit" });
        var noReason = await client.PutAsJsonAsync("/api/budget/lines/JGD-77/years/2021", new { originalBudget = 1m });
        var unknown = await client.PutAsJsonAsync("/api/budget/lines/XX-1/years/2020", new { originalBudget = 1m, reason = "Reden" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("Jeugdwet", (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("law").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("al een begrotingspost met code", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, year.StatusCode);
        var errors = (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reden", errors.GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var line = await LineAsync("JGD-77");
        Assert.Equal(("Jeugdhulp in het onderwijs", "Jeugd"), (line.GetProperty("name").GetString(), line.GetProperty("domain").GetString()));
        var only = Assert.Single(line.GetProperty("years").EnumerateArray());
        Assert.Equal((2020, 125_000.50m), (only.GetProperty("year").GetInt32(), only.GetProperty("originalBudget").GetDecimal()));
    }

    [Fact]
    public async Task The_wethouder_reads_the_lines_but_changes_nothing()
    {
        var client = app.Client(AppFactory.WethouderKey);
        var ib = await LineAsync("WMO-04");

        var add = await client.PostAsJsonAsync("/api/budget/lines", new { code = "WMO-78", name = "Nieuw", domain = "Wmo" });
        var change = await client.PutAsJsonAsync("/api/budget/lines/WMO-04", new { name = "Anders", version = ib.GetProperty("version").GetInt32() });
        var year = await client.PutAsJsonAsync("/api/budget/lines/WMO-04/years/2019", new { originalBudget = 1m, reason = "Reden", version = 1 });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { add.StatusCode, change.StatusCode, year.StatusCode });
        Assert.Equal(ib.GetRawText(), (await LineAsync("WMO-04")).GetRawText());
        Assert.DoesNotContain((await client.GetFromJsonAsync<JsonElement>("/api/budget/lines")).EnumerateArray(), l => l.GetProperty("code").GetString() == "WMO-78");
    }
}
