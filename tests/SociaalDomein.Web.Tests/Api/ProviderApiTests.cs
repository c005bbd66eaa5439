using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>GET /api/providers on an app of its own (its own database, emptied of the demo providers, assignments and
/// claims), with a small world in 2030–2031.</summary>
public sealed class ProviderApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Ggz = "81008100";
    private const string Ouderen = "82008200";
    private static int _identity;

    private AppDbContext Db() => new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(app.ConnectionString).Options);

    private static byte[] Client(int n) => SHA256.HashData(Encoding.UTF8.GetBytes("api-cliënt " + n));

    private static Assignment Row(int client, string provider, Law law, string product, DateOnly start, DateOnly? end, int? birthYear = null) => new()
    {
        IdentityKey = "nr:provider-api-" + Interlocked.Increment(ref _identity),
        ClientKey = Client(client),
        CaseNumber = "D-" + client,
        AddressKey = Client(1000 + client),
        Postcode4 = "9011",
        BirthYear = birthYear,
        Sex = Sex.Female,
        Law = law,
        ProductCode = product,
        ProviderAgb = provider,
        DeliveryForm = DeliveryForm.InKind,
        StartDate = start,
        EndDate = end,
        Budget = 1_000m,
    };

    private static Claim ClaimOf(int client, string provider, Law law, string product, DateOnly start, DateOnly end, decimal amount) => new()
    {
        IdentityKey = "nr:provider-api-claim-" + Interlocked.Increment(ref _identity),
        ClientKey = Client(client),
        ProviderAgb = provider,
        Law = law,
        ProductCode = product,
        PeriodStart = start,
        PeriodEnd = end,
        Amount = amount,
        SubmittedOn = end.AddDays(10),
        Status = ClaimStatus.Approved,
    };

    /// <summary>GGZ: 2 clients in 2030, 4 in 2031 (one Jeugdwet), claims of 1,200 in January 2031 for two clients; elderly
    /// care: 1 client in 2030 and 2031, no claims.</summary>
    private async Task SeedAsync()
    {
        await using var db = Db();
        if (await db.Providers.AnyAsync(p => p.Agb == Ggz))
        {
            return;
        }

        await db.ProviderWarnings.ExecuteDeleteAsync();
        await db.BudgetCeilings.ExecuteDeleteAsync();
        await db.Claims.ExecuteDeleteAsync();
        await db.Assignments.ExecuteDeleteAsync();
        await db.Providers.ExecuteDeleteAsync();
        await db.ProviderFigureSets.ExecuteDeleteAsync();
        db.Providers.AddRange(
            new Provider { Agb = Ggz, Name = "Kern GGZ", Type = ProviderType.MentalHealthCare, FundingModel = FundingModel.EffortBased },
            new Provider { Agb = Ouderen, Name = "Rosa Ouderenzorg", Type = ProviderType.ElderlyCare });
        DateOnly D(int y, int m, int d) => new(y, m, d);
        db.Assignments.AddRange(
            Row(1, Ggz, Law.Wmo, "02A06", D(2030, 1, 1), null, 1960),
            Row(2, Ggz, Law.Wmo, "02A07", D(2030, 6, 1), D(2031, 3, 31), 1990),
            Row(3, Ggz, Law.Wmo, "02A06", D(2031, 1, 1), null, 2020),
            Row(4, Ggz, Law.Jeugdwet, "45A48", D(2031, 2, 1), null, 2015),
            Row(5, Ouderen, Law.Wmo, "02A06", D(2030, 1, 1), null, 1940));
        db.Claims.AddRange(
            ClaimOf(1, Ggz, Law.Wmo, "02A06", D(2031, 1, 1), D(2031, 1, 31), 700m),
            ClaimOf(2, Ggz, Law.Wmo, "02A07", D(2031, 1, 1), D(2031, 1, 31), 500m));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_list_answers_exactly_the_agreed_shape_with_growth_as_a_fraction()
    {
        await SeedAsync();

        var body = await app.Client(AppFactory.ContractmanagerKey).GetFromJsonAsync<JsonElement>("/api/providers?year=2031");

        Assert.Equal(["providers", "top5", "types", "year"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(2031, body.GetProperty("year").GetInt32());
        var providers = body.GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal([Ggz, Ouderen], providers.Select(p => p.GetProperty("agb").GetString()));
        Assert.Equal(
            ["agb", "averageCostPerClientMonth", "ceiling", "ceilingUsed", "clients", "clientsGrowth", "expenditure", "expenditureGrowth",
             "inflow", "medianTrajectoryDays", "name", "outflow", "outflowRate", "reentries", "type"],
            providers[0].EnumerateObject().Select(p => p.Name).Order());
        var ggz = providers[0];
        Assert.Equal(("Kern GGZ", "GGZ", 4, 1m), (ggz.GetProperty("name").GetString(), ggz.GetProperty("type").GetString(),
            ggz.GetProperty("clients").GetInt32(), ggz.GetProperty("clientsGrowth").GetDecimal()));
        Assert.Equal((1_200m, 600m), (ggz.GetProperty("expenditure").GetDecimal(), ggz.GetProperty("averageCostPerClientMonth").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, ggz.GetProperty("expenditureGrowth").ValueKind); // nothing claimed in 2030
        Assert.Equal((2, 1, 0.25m), (ggz.GetProperty("inflow").GetInt32(), ggz.GetProperty("outflow").GetInt32(), ggz.GetProperty("outflowRate").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, ggz.GetProperty("ceiling").ValueKind);
        Assert.Equal(0m, providers[1].GetProperty("clientsGrowth").GetDecimal());

        var types = body.GetProperty("types").EnumerateArray().ToList();
        Assert.Equal(6, types.Count);
        Assert.Equal(["clients", "expenditure", "type"], types[0].EnumerateObject().Select(p => p.Name).Order());
        var ggzType = types.Single(t => t.GetProperty("type").GetString() == "GGZ");
        Assert.Equal((4, 1_200m), (ggzType.GetProperty("clients").GetInt32(), ggzType.GetProperty("expenditure").GetDecimal()));
        Assert.Equal([Ggz], body.GetProperty("top5").GetProperty("agbs").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(1m, body.GetProperty("top5").GetProperty("shareOfGrowth").GetDecimal());
    }

    [Fact]
    public async Task The_law_type_and_product_filters_narrow_the_list()
    {
        await SeedAsync();
        var client = app.Client(AppFactory.WethouderKey);

        var jeugd = await client.GetFromJsonAsync<JsonElement>("/api/providers?year=2031&law=jeugdwet");
        var ouderen = await client.GetFromJsonAsync<JsonElement>("/api/providers?year=2031&type=Ouderenzorg");
        var product = await client.GetFromJsonAsync<JsonElement>("/api/providers?year=2031&product=02A07");

        Assert.Equal([(Ggz, 1)], jeugd.GetProperty("providers").EnumerateArray().Select(p => (p.GetProperty("agb").GetString(), p.GetProperty("clients").GetInt32())));
        Assert.Equal([Ouderen], ouderen.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("agb").GetString()));
        Assert.Equal([(Ggz, 500m)], product.GetProperty("providers").EnumerateArray().Select(p => (p.GetProperty("agb").GetString(), p.GetProperty("expenditure").GetDecimal())));
    }

    [Theory]
    [InlineData("/api/providers", "year")]
    [InlineData("/api/providers?year=twintig", "year")]
    [InlineData("/api/providers?year=1999", "year")]
    [InlineData("/api/providers?year=2031&law=Zorgwet", "law")]
    [InlineData("/api/providers?year=2031&type=Tandarts", "type")]
    [InlineData("/api/providers?year=2031&product=99Z99", "product")]
    [InlineData("/api/providers/1234", "agb")]
    [InlineData("/api/providers/81008100/utilisation?year=twintig", "year")]
    public async Task A_wrong_parameter_gets_a_Dutch_400_that_names_it(string url, string parameter)
    {
        await SeedAsync();

        var response = await app.Client(AppFactory.ControllerKey).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), await response.Content.ReadAsStringAsync());
        Assert.Matches("(Geef|Onbekend|Ongeldig|AGB-code|Vul)", problem.GetProperty("detail").GetString() ?? problem.ToString());
    }

    [Fact]
    public async Task One_provider_has_its_master_data_years_product_mix_and_profile()
    {
        await SeedAsync();

        var body = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>($"/api/providers/{Ggz}");

        Assert.Equal(("Kern GGZ", "GGZ", "Inspanningsgericht (P×Q)"),
            (body.GetProperty("name").GetString(), body.GetProperty("type").GetString(), body.GetProperty("fundingModel").GetString()));
        Assert.Equal([(2030, 2), (2031, 4)],
            body.GetProperty("years").EnumerateArray().Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("clients").GetInt32())));
        var mix = body.GetProperty("productMix").EnumerateArray()
            .Where(m => m.GetProperty("year").GetInt32() == 2031)
            .Select(m => (m.GetProperty("productCode").GetString(), m.GetProperty("clients").GetInt32(), m.GetProperty("expenditure").GetDecimal()));
        Assert.Equal([("02A06", 2, 700m), ("02A07", 1, 500m), ("45A48", 1, 0m)], mix);
        var profile = body.GetProperty("profile").EnumerateArray()
            .Where(p => p.GetProperty("year").GetInt32() == 2031)
            .Select(p => (p.GetProperty("ageBand").GetString(), p.GetProperty("clients").GetInt32()));
        Assert.Equal([("0-17", 2), ("26-45", 1), ("66-80", 1)], profile);
        Assert.Empty(body.GetProperty("ceilings").EnumerateArray());
    }

    [Fact]
    public async Task Utilisation_is_claimed_over_assigned_per_product_flagged_below_80_percent()
    {
        await SeedAsync();
        var client = app.Client(AppFactory.ControllerKey);

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/providers/{Ggz}/utilisation?year=2031");
        var latest = await client.GetFromJsonAsync<JsonElement>($"/api/providers/{Ggz}/utilisation");

        Assert.Equal(["agb", "products", "threshold", "year"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal((Ggz, 2031, 0.8m), (body.GetProperty("agb").GetString(), body.GetProperty("year").GetInt32(), body.GetProperty("threshold").GetDecimal()));
        var products = body.GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(["assigned", "claimed", "description", "flagged", "productCode", "ratio", "unpriced"],
            products[0].EnumerateObject().Select(p => p.Name).Order());
        // 02A06: an open budget of 1,000 from 2030 (365 of its 730 days) and one of 1,000 from 2031; 700 claimed.
        // 02A07: 90 of its 304 days of 1,000 = 296.05; 500 claimed. 45A48: 11 months of 1,000 assigned, nothing claimed.
        Assert.Equal(
            [("02A06", 1_500m, 700m, 0.4667m, true, 0), ("02A07", 296.05m, 500m, 1.6889m, false, 0), ("45A48", 1_000m, 0m, 0m, true, 0)],
            products.Select(p => (p.GetProperty("productCode").GetString(), p.GetProperty("assigned").GetDecimal(), p.GetProperty("claimed").GetDecimal(),
                p.GetProperty("ratio").GetDecimal(), p.GetProperty("flagged").GetBoolean(), p.GetProperty("unpriced").GetInt32())));
        Assert.Equal(2031, latest.GetProperty("year").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/providers/12121212/utilisation?year=2031")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_provider_answers_404_in_Dutch()
    {
        await SeedAsync();

        var response = await app.Client(AppFactory.WethouderKey).GetAsync("/api/providers/12121212");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Geen aanbieder met AGB-code 12121212", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_role_reads_the_providers_and_nobody_without_a_key()
    {
        await SeedAsync();

        foreach (var key in new[] { AppFactory.WethouderKey, AppFactory.ControllerKey, AppFactory.ContractmanagerKey, AppFactory.BeheerderKey })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Client(key).GetAsync("/api/providers?year=2031")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/providers?year=2031")).StatusCode);
    }
}
