using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Districts;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>GET /api/stacking on an app of its own (its own database, emptied of the demo assignments), so other
/// tests' data never mixes in. All rows lie around the far-away reference date 2031-06-01.</summary>
public sealed class StackingApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/api/stacking?referenceDate=2031-06-01";
    private static int _identity;

    private AppDbContext Db() => new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(app.ConnectionString).Options);

    private static Assignment Row(string client, string address, string postcode, Law law, string product, decimal budget, DateOnly? start = null) => new()
    {
        IdentityKey = "nr:api-test-" + Interlocked.Increment(ref _identity),
        ClientKey = SHA256.HashData(Encoding.UTF8.GetBytes("client " + client)),
        CaseNumber = "D-" + client,
        AddressKey = SHA256.HashData(Encoding.UTF8.GetBytes("address " + address)),
        Postcode4 = postcode,
        Law = law,
        ProductCode = product,
        ProviderAgb = "12345678",
        DeliveryForm = DeliveryForm.InKind,
        StartDate = start ?? new DateOnly(2031, 1, 1),
        EndDate = new DateOnly(2031, 12, 31),
        Budget = budget,
    };

    /// <summary>Address A (9011, Noord): two clients, Wmo 1,000 and Jeugdwet 2,000; address B (9021): one client with
    /// two products of 500 each on 31 Dec 2030 … 31 Dec 2031, so 500 × 365/366 = 498.6338… each in 2031; a revoked row.</summary>
    private async Task SeedAsync()
    {
        await using var db = Db();
        if (await db.Assignments.AnyAsync(a => a.IdentityKey.StartsWith("nr:api-test-")))
        {
            return;
        }

        // This app's database is ours alone: clear the demo districts and assignments the start-up seeded.
        await db.StackingSnapshots.ExecuteDeleteAsync();
        await db.Assignments.ExecuteDeleteAsync();
        await db.Districts.ExecuteDeleteAsync();
        db.Districts.Add(new District { Name = "Noord", Postcodes = [new PostcodeDistrict { Postcode4 = "9011" }] });
        db.Assignments.AddRange(
            Row("1", "A", "9011", Law.Wmo, "HH", 1_000m),
            Row("2", "A", "9011", Law.Jeugdwet, "45A48", 2_000m),
            Row("3", "B", "9021", Law.Wmo, "IB", 500m, new DateOnly(2030, 12, 31)),
            Row("3", "B", "9021", Law.Wmo, "HH", 500m, new DateOnly(2030, 12, 31)));
        var revoked = Row("4", "C", "9021", Law.Wmo, "HH", 50m);
        revoked.EndDate = revoked.StartDate;
        db.Assignments.Add(revoked);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_stacking_tables_come_as_json_with_euros_rounded_to_cents()
    {
        await SeedAsync();

        var response = await app.Client(AppFactory.WethouderKey).GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ["referenceDate", "revoked", "duplicates", "activeAssignments", "clients", "totalAmount", "households", "institutions", "provisions"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2031-06-01", json.GetProperty("referenceDate").GetString());
        Assert.Equal((1, 0, 4, 3), (json.GetProperty("revoked").GetInt32(), json.GetProperty("duplicates").GetInt32(),
            json.GetProperty("activeAssignments").GetInt32(), json.GetProperty("clients").GetInt32()));
        Assert.Equal(3_997.27m, json.GetProperty("totalAmount").GetDecimal()); // 3,997.2677…: rounded once, at the end (not 3,997.26)

        var households = json.GetProperty("households").EnumerateArray().ToList();
        Assert.Equal(4, households.Count);
        Assert.Equal(["clients", "addresses", "amount", "averagePerInhabitant"], households[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 1, 997.27m, 997.27m), Household(households[0]));
        Assert.Equal((2, 1, 3_000m, 1_500m), Household(households[1]));
        Assert.Equal((3, 0, 0m, 0m), Household(households[2]));

        var institutions = json.GetProperty("institutions");
        Assert.Equal(["addresses", "clients", "amount"], institutions.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, institutions.GetProperty("addresses").GetInt32());

        var provisions = json.GetProperty("provisions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], provisions.Select(p => p.GetProperty("provisions").GetInt32()));
        Assert.Equal(["provisions", "clients", "amount", "averagePerClient"], provisions[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, 3_000m, 1_500m), (provisions[0].GetProperty("clients").GetInt32(),
            provisions[0].GetProperty("amount").GetDecimal(), provisions[0].GetProperty("averagePerClient").GetDecimal()));
        Assert.Equal((1, 997.27m), (provisions[1].GetProperty("clients").GetInt32(), provisions[1].GetProperty("amount").GetDecimal()));
    }

    private static (int, int, decimal, decimal) Household(JsonElement h) => (
        h.GetProperty("clients").GetInt32(), h.GetProperty("addresses").GetInt32(),
        h.GetProperty("amount").GetDecimal(), h.GetProperty("averagePerInhabitant").GetDecimal());

    [Theory]
    [InlineData("&law=Jeugdwet", 1, 2_000)]
    [InlineData("&law=wmo", 2, 1_997.27)]
    [InlineData("&district=Noord", 2, 3_000)]
    [InlineData("&district=noord&law=Wmo", 1, 1_000)]
    public async Task Law_and_district_narrow_the_analysis(string filter, int clients, double total)
    {
        await SeedAsync();

        var json = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(Url + filter);

        Assert.Equal((clients, (decimal)total), (json.GetProperty("clients").GetInt32(), json.GetProperty("totalAmount").GetDecimal()));
    }

    [Theory]
    [InlineData("wethouder@demo.local")]
    [InlineData("controller@demo.local")]
    [InlineData("contractmanager@demo.local")]
    [InlineData("beheerder@demo.local")]
    public async Task Every_role_may_read_the_stacking_tables(string email)
    {
        await SeedAsync();
        var client = app.Client();
        await app.LoginAsync(client, email, DemoAccounts.Password);

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/stacking")]
    [InlineData("/api/stacking?referenceDate=")]
    [InlineData("/api/stacking?referenceDate=2031-13-01")]
    [InlineData("/api/stacking?referenceDate=01-06-2031")]
    public async Task A_missing_or_invalid_reference_date_answers_400_in_Dutch(string url)
    {
        var response = await app.Client(AppFactory.BeheerderKey).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Geef een geldige peildatum op", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("&law=Wlz", "Onbekende wet")]
    [InlineData("&law=1", "Onbekende wet")]
    [InlineData("&district=Atlantis", "Onbekend stadsdeel")]
    public async Task An_unknown_law_or_district_answers_400(string filter, string message)
    {
        var response = await app.Client(AppFactory.WethouderKey).GetAsync(Url + filter);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_successful_import_after_the_stored_result_is_reflected_in_the_next_call()
    {
        await SeedAsync();
        const string url = "/api/stacking?referenceDate=2031-06-02"; // a date of this test alone
        var client = app.Client(AppFactory.WethouderKey);
        var before = await client.GetFromJsonAsync<JsonElement>(url);

        await using (var db = Db())
        {
            var extra = Row("import", "Z", "9099", Law.Wmo, "HH", 500m);
            extra.StartDate = new DateOnly(2031, 6, 2);
            extra.EndDate = new DateOnly(2031, 12, 31);
            db.Assignments.Add(extra);
            db.ImportRuns.Add(new ImportRun
            {
                FileName = "toewijzingen.csv", Sha256 = new string('a', 64), UploadedBy = "controller@demo.local",
                UploadedAt = DateTimeOffset.UtcNow, Status = ImportStatus.Succeeded, StartedAt = DateTimeOffset.UtcNow,
                FinishedAt = DateTimeOffset.UtcNow,
            });
            db.InputChanges.Add(new Infrastructure.Analysis.InputChange { ChangedAt = DateTimeOffset.UtcNow, What = "import" }); // as the import's commit does
            await db.SaveChangesAsync();
        }

        var after = await client.GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(before.GetProperty("clients").GetInt32() + 1, after.GetProperty("clients").GetInt32());
        Assert.Equal(before.GetProperty("totalAmount").GetDecimal() + 500m, after.GetProperty("totalAmount").GetDecimal());
    }
}
