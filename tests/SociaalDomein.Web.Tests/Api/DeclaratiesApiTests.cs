using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>POST /api/imports/declaraties: a contract manager imports claims and follows the run; a wethouder may not.</summary>
[Collection(AppCollection.Name)]
public sealed class DeclaratiesApiTests(AppFactory app)
{
    private static string Csv(string claimNumber) =>
        "bsn;aanbieder_agb;aanbieder_naam;wet;productcode;periode_start;periode_eind;bedrag;ingediend_op;declaratienummer\n" +
        $"{TestBsn.Number(31)};75759901;Zorg API BV;Wmo;02A06;01-03-2031;31-03-2031;1.250,00;15-04-2031;{claimNumber}\n" +
        $"{TestBsn.Number(32)};75759901;Zorg API BV;Wmo;02A06;01-03-2031;30-04-2031;300,00;15-05-2031;";

    [Fact]
    public async Task A_contract_manager_imports_claims_and_a_wethouder_may_not()
    {
        var client = app.Client(AppFactory.ContractmanagerKey);

        var response = await client.PostAsync("/api/imports/declaraties", ImportUploads.Form(Csv($"API-{Guid.NewGuid():N}"[..20]), fileName: "declaraties.csv"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var report = await ImportUploads.WaitUntilFinishedAsync(client, id);
        var asWethouder = await app.Client(AppFactory.WethouderKey).PostAsync("/api/imports/declaraties", ImportUploads.Form(Csv("API-W")));

        Assert.Equal(("Succeeded", "Declaraties"), (report.GetProperty("status").GetString(), report.GetProperty("kind").GetString()));
        Assert.Equal((2, 2), (report.GetProperty("rowsRead").GetInt32(), report.GetProperty("rowsImported").GetInt32()));
        Assert.Contains("1 declaratie beslaat meer dan één kalendermaand", report.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, asWethouder.StatusCode);
    }
}
