using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

[Collection(AppCollection.Name)]
public sealed class ApiAuthorizationTests(AppFactory app)
{
    [Fact]
    public async Task An_api_call_without_a_key_or_login_gets_401()
    {
        var response = await app.Client().GetAsync("/api/budget/2017");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_api_call_with_an_unknown_key_gets_401()
    {
        var response = await app.Client("geen-geldige-sleutel").GetAsync("/api/budget/2017");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wethouder_key_on_a_beheerder_endpoint_gets_403()
    {
        var response = await app.Client(AppFactory.WethouderKey).GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_beheerder_key_lists_the_demo_accounts_with_their_roles()
    {
        var users = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/users");

        var byName = users.EnumerateArray().ToDictionary(u => u.GetProperty("userName").GetString()!, u => u.GetProperty("roles")[0].GetString());
        Assert.Equal("Wethouder", byName["wethouder@demo.local"]);
        Assert.Equal("Controller", byName["controller@demo.local"]);
        Assert.Equal("Contractmanager", byName["contractmanager@demo.local"]);
        Assert.Equal("Beheerder", byName["beheerder@demo.local"]);
    }

    [Fact]
    public async Task A_wethouder_key_reads_the_budget_of_2017_from_the_database()
    {
        var table = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget/2017");

        var total = table.GetProperty("total");
        Assert.Equal(182_977m, Math.Round(total.GetProperty("budget").GetDecimal() / 1000m, MidpointRounding.AwayFromZero));
        Assert.Equal(188_173m, Math.Round(total.GetProperty("actual").GetDecimal() / 1000m, MidpointRounding.AwayFromZero));
        Assert.Equal(-5_196m, Math.Round(total.GetProperty("balance").GetDecimal() / 1000m, MidpointRounding.AwayFromZero));
        var wmo = table.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("domain").GetString() == "Wmo");
        Assert.Equal(-3_220m, Math.Round(wmo.GetProperty("subtotal").GetProperty("balance").GetDecimal() / 1000m, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task A_year_without_figures_answers_404_with_a_Dutch_reason()
    {
        var response = await app.Client(AppFactory.WethouderKey).GetAsync("/api/budget/1999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Geen begrotingscijfers voor 1999", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_hangfire_dashboard_refuses_a_wethouder_key_and_admits_a_beheerder_key()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(AppFactory.WethouderKey).GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(AppFactory.BeheerderKey).GetAsync("/hangfire")).StatusCode);
    }
}
