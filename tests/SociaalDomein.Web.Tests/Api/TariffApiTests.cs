using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

public sealed class TariffApp : AppFactory;

/// <summary>/api/tariffs: the price list, read by the Aanbieders roles, kept by Contractmanager and Beheerder, in Dutch per
/// field or per row when wrong, with versions against overwriting; never deleted.</summary>
public sealed class TariffApiTests(TariffApp app) : IClassFixture<TariffApp>
{
    private async Task<JsonElement[]> ListAsync(string query = "") =>
        (await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/tariffs" + query)).EnumerateArray().ToArray();

    [Fact]
    public async Task A_contract_manager_adds_changes_and_ends_a_tariff_and_the_wethouder_reads_it()
    {
        var client = app.Client(AppFactory.ContractmanagerKey);

        var added = await client.PostAsJsonAsync("/api/tariffs", new { productCode = "02A77", validFrom = "2015-01-01", amount = 61.5m, unit = "uur" });
        var wrong = await client.PostAsJsonAsync("/api/tariffs", new { productCode = "02A77", providerAgb = "123", validFrom = "2015-01-01", amount = -1m });
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var changed = await client.PutAsJsonAsync($"/api/tariffs/{id}", new { validFrom = "2015-01-01", amount = 62m, unit = "uur", version = 1 });
        var stale = await client.PutAsJsonAsync($"/api/tariffs/{id}", new { validFrom = "2015-01-01", amount = 99m, version = 1 });
        var ended = await client.PutAsJsonAsync($"/api/tariffs/{id}", new { validFrom = "2015-01-01", validTo = "2016-12-31", amount = 62m, unit = "uur", version = 2 });
        var byWethouder = await app.Client(AppFactory.WethouderKey).PostAsJsonAsync("/api/tariffs", new { productCode = "02A78", validFrom = "2015-01-01", amount = 1m });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("AGB-code van 8 cijfers", errors.GetProperty("providerAgb")[0].GetString());
        Assert.Contains("niet groter dan nul", errors.GetProperty("amount")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWethouder.StatusCode);
        var entry = Assert.Single(await ListAsync(), t => t.GetProperty("id").GetInt32() == id);
        Assert.Equal((62m, "2016-12-31", false, 3), (entry.GetProperty("amount").GetDecimal(), entry.GetProperty("validTo").GetString(),
            entry.GetProperty("current").GetBoolean(), entry.GetProperty("version").GetInt32()));
        Assert.DoesNotContain(await ListAsync("?current=true"), t => t.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task A_price_list_file_is_imported_all_or_nothing_with_errors_by_row()
    {
        var client = app.Client(AppFactory.ContractmanagerKey);
        static MultipartFormDataContent Form(string csv) =>
            new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "prijslijst.csv" } };

        var bad = await client.PostAsync("/api/tariffs/import", Form("productcode;ingangsdatum;tarief\n03B01;01-01-2019;60\n03B02;32-01-2019;60\n"));
        var good = await client.PostAsync("/api/tariffs/import", Form("productcode;aanbieder_agb;ingangsdatum;tarief\n03B01;;01-01-2019;60\n03B01;12345678;01-01-2019;55,25\n"));
        var byController = await app.Client(AppFactory.ControllerKey).PostAsync("/api/tariffs/import", Form("productcode;ingangsdatum;tarief\n03B09;01-01-2019;1\n"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("geen geldige datum", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("rij 3")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(2, (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byController.StatusCode);
        var imported = (await ListAsync()).Where(t => t.GetProperty("productCode").GetString() == "03B01").ToList();
        Assert.Equal([null, "12345678"], imported.Select(t => t.GetProperty("providerAgb").GetString()));
    }
}
