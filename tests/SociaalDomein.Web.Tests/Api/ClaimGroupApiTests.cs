using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>/api/forecast/claim-groups on the demo (docs/domain.md §7): every role reads which claims belong to which line;
/// Controller and Beheerder change it with the version they read, in Dutch per field when wrong, 404 for an unknown line,
/// 409 when someone else changed it meanwhile, and every change in the audit log. Its own app and database, since it
/// changes the links.</summary>
public sealed class ClaimGroupApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Path = "/api/forecast/claim-groups";

    private async Task<JsonElement> GroupAsync(string code) =>
        (await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(Path)).EnumerateArray()
            .Single(l => l.GetProperty("code").GetString() == code);

    private static string[] Categories(JsonElement group) =>
        group.GetProperty("productCategories").EnumerateArray().Select(c => c.GetString()!).ToArray();

    private static int? Version(JsonElement group) =>
        group.GetProperty("version").ValueKind == JsonValueKind.Null ? null : group.GetProperty("version").GetInt32();

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task Every_role_reads_every_line_with_its_law_categories_and_version_as_the_service_lists_them()
    {
        var expected = await app.Services.GetRequiredService<ClaimGroupService>().ListAsync();

        foreach (var key in new[] { AppFactory.WethouderKey, AppFactory.ContractmanagerKey, AppFactory.ControllerKey, AppFactory.BeheerderKey })
        {
            var json = await app.Client(key).GetFromJsonAsync<JsonElement>(Path);
            var lines = json.EnumerateArray().ToList();
            Assert.Equal(expected.Select(g => g.Code), lines.Select(l => l.GetProperty("code").GetString()));
            foreach (var (line, group) in lines.Zip(expected))
            {
                Assert.Equal(
                    (group.Name, group.Domain.DutchName(), group.Law?.ToString(), string.Join(",", group.ProductCategories), group.Version),
                    (line.GetProperty("name").GetString(), line.GetProperty("domain").GetString(), line.GetProperty("law").GetString(),
                        string.Join(",", Categories(line)), Version(line)));
            }
        }

        var lvb = await GroupAsync("JGD-03");
        Assert.Equal(("Jeugdwet", "45"), (lvb.GetProperty("law").GetString(), string.Join(",", Categories(lvb))));
        Assert.NotNull(Version(lvb));
        var unlinked = await GroupAsync("WMO-06");
        Assert.Equal(JsonValueKind.Null, unlinked.GetProperty("law").ValueKind);
        Assert.Empty(Categories(unlinked));
    }

    [Fact]
    public async Task A_controller_links_an_unlinked_line_changes_it_and_unlinks_it_and_the_audit_log_says_before_and_after()
    {
        var client = app.Client(AppFactory.ControllerKey);
        Assert.Null(Version(await GroupAsync("WMO-06")));

        var linked = await client.PutAsJsonAsync($"{Path}/WMO-06", new { law = "wmo", productCategories = new[] { " 08" }, version = (int?)null });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var first = await linked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("WMO-06", "Wmo", "08"), (first.GetProperty("code").GetString(), first.GetProperty("law").GetString(), string.Join(",", Categories(first))));
        var version = Version(first)!.Value;

        var changed = await client.PutAsJsonAsync($"{Path}/wmo-06", new { law = "Wmo", productCategories = new[] { "09", "08" }, version });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var second = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new[] { "08", "09" }, Categories(second));
        Assert.Equal(version + 1, Version(second));

        var unlinked = await client.PutAsJsonAsync($"{Path}/WMO-06", new { law = (string?)null, productCategories = Array.Empty<string>(), version = version + 1 });
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        var third = await unlinked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((JsonValueKind.Null, 0, version + 2), (third.GetProperty("law").ValueKind, Categories(third).Length, Version(third)));
        Assert.Equal(third.GetRawText(), (await GroupAsync("WMO-06")).GetRawText());

        var audit = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/audit?action=ClaimGroupChanged&pageSize=200");
        var details = audit.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("subject").GetString()!.Contains("WMO-06", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("user").GetString(), e.GetProperty("details").GetString())).Reverse().ToList();
        Assert.Equal(
            [("script-controller", "Declaraties: geen → Wmo 08"), ("script-controller", "Declaraties: Wmo 08 → Wmo 08, 09"), ("script-controller", "Declaraties: Wmo 08, 09 → geen")],
            details);
    }

    [Fact]
    public async Task A_stale_version_is_409_and_keeps_the_other_persons_change()
    {
        var client = app.Client(AppFactory.BeheerderKey);
        var read = Version(await GroupAsync("JGD-01"))!.Value;
        var theirs = await app.Client(AppFactory.ControllerKey).PutAsJsonAsync($"{Path}/JGD-01", new { law = "Jeugdwet", productCategories = new[] { "54", "55" }, version = read });
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);

        var mine = await client.PutAsJsonAsync($"{Path}/JGD-01", new { law = "Jeugdwet", productCategories = new[] { "54", "56" }, version = read });

        Assert.Equal(HttpStatusCode.Conflict, mine.StatusCode);
        Assert.Contains("intussen door iemand anders gewijzigd", (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(new[] { "54", "55" }, Categories(await GroupAsync("JGD-01")));
    }

    [Fact]
    public async Task Wrong_input_gets_a_Dutch_400_under_its_field_an_unknown_line_404_and_nothing_changes()
    {
        var client = app.Client(AppFactory.ControllerKey);
        var lvb = await GroupAsync("JGD-03");
        var version = Version(lvb)!.Value;

        var notTwoDigits = await ErrorsAsync(await client.PutAsJsonAsync($"{Path}/JGD-03", new { law = "Jeugdwet", productCategories = new[] { "45", "4" }, version }));
        var unknownLaw = await ErrorsAsync(await client.PutAsJsonAsync($"{Path}/JGD-03", new { law = "Jeugdzorg", productCategories = new[] { "45" }, version }));
        var noLaw = await ErrorsAsync(await client.PutAsJsonAsync($"{Path}/JGD-03", new { productCategories = new[] { "45" }, version }));
        var taken = await ErrorsAsync(await client.PutAsJsonAsync($"{Path}/JGD-03", new { law = "Jeugdwet", productCategories = new[] { "45", "40" }, version }));
        var noList = await ErrorsAsync(await client.PutAsJsonAsync($"{Path}/JGD-03", new { law = "Jeugdwet", version }));
        var noVersion = await ErrorsAsync(await client.PutAsJsonAsync($"{Path}/JGD-03", new { law = "Jeugdwet", productCategories = new[] { "45", "46" } }));
        var notANumber = await ErrorsAsync(await client.PutAsync($"{Path}/JGD-03",
            new StringContent("""{"law": "Jeugdwet", "productCategories": ["45"], "version": "een"}""", System.Text.Encoding.UTF8, "application/json")));
        var unknown = await client.PutAsJsonAsync($"{Path}/XX-9", new { law = "Wmo", productCategories = new[] { "01" } });

        Assert.Contains("twee cijfers", notTwoDigits.GetProperty("productCategories")[0].GetString());
        Assert.StartsWith("Kies de wet: Wmo, Jeugdwet, Participatiewet", unknownLaw.GetProperty("law")[0].GetString());
        Assert.StartsWith("Kies de wet van de declaraties", noLaw.GetProperty("law")[0].GetString());
        Assert.Contains("Productcategorie 40 (Jeugdwet) is al gekoppeld aan JGD-02", taken.GetProperty("productCategories")[0].GetString());
        Assert.Contains("een lege lijst ontkoppelt de post", noList.GetProperty("productCategories")[0].GetString());
        Assert.Contains("geef de versie mee die u las", noVersion.GetProperty("version")[0].GetString());
        Assert.Equal("Is geen geheel getal.", notANumber.GetProperty("version")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Er is geen begrotingspost met code 'XX-9'", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(lvb.GetRawText(), (await GroupAsync("JGD-03")).GetRawText());
    }

    [Fact]
    public async Task The_wethouder_and_the_contractmanager_read_but_may_not_change_a_link()
    {
        var lvb = await GroupAsync("JGD-03");
        var body = new { law = "Jeugdwet", productCategories = new[] { "45", "46" }, version = Version(lvb) };

        var wethouder = await app.Client(AppFactory.WethouderKey).PutAsJsonAsync($"{Path}/JGD-03", body);
        var contractmanager = await app.Client(AppFactory.ContractmanagerKey).PutAsJsonAsync($"{Path}/JGD-03", body);
        var anonymous = await app.Client().GetAsync(Path);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized],
            new[] { wethouder.StatusCode, contractmanager.StatusCode, anonymous.StatusCode });
        Assert.Equal(lvb.GetRawText(), (await GroupAsync("JGD-03")).GetRawText());
    }
}
