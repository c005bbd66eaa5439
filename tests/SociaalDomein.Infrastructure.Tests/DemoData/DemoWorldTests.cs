using Npgsql;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.DemoData;

/// <summary>A database seeded once with the demonstration municipality; the tests of a class only read it.</summary>
public sealed class SeededDemoFixture : IAsyncLifetime
{
    public DatabaseFixture Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await Database.ResetAndSeedDemoDataAsync();
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    /// <summary>The rows of a plain SQL query, each as its values.</summary>
    public async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    public async Task<long> CountAsync(string sql) => Convert.ToInt64((await RowsAsync(sql))[0][0], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The demo's providers, claims and ceilings 2015–2019 (synthetic, shaped like Table 1 of the Drechtsteden study,
/// seeds/004) are one world with the assignments of the stacking analysis. Checked with plain SQL, independent of the
/// Aanbieders calculator.</summary>
public sealed class DemoWorldTests(SeededDemoFixture demo) : IClassFixture<SeededDemoFixture>
{
    [Fact]
    public async Task Every_claim_belongs_to_a_demo_assignment_of_its_client_and_provider_within_its_period()
    {
        var claims = await demo.CountAsync("""SELECT count(*) FROM "Claims" """);
        var orphans = await demo.CountAsync(
            """
            SELECT count(*) FROM "Claims" c
            WHERE NOT EXISTS (SELECT 1 FROM "Assignments" a
                WHERE a."Id" = c."AssignmentId" AND a."ClientKey" = c."ClientKey" AND a."ProviderAgb" = c."ProviderAgb"
                  AND a."ProductCode" = c."ProductCode" AND c."PeriodStart" >= a."StartDate"
                  AND (a."EndDate" IS NULL OR c."PeriodEnd" <= a."EndDate") AND a."EndDate" IS DISTINCT FROM a."StartDate")
            """);

        Assert.InRange(claims, 100_000, 2_000_000);
        Assert.Equal(0, orphans);
    }

    [Fact]
    public async Task Claims_run_from_2015_to_September_2019_with_credits_rejections_and_a_submission_lag()
    {
        var row = (await demo.RowsAsync(
            """
            SELECT min("PeriodStart"), max("PeriodEnd"),
                   count(*) FILTER (WHERE "Status" = 3),
                   count(*) FILTER (WHERE "CreditOfId" IS NOT NULL),
                   count(*) FILTER (WHERE "CreditOfId" IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM "Claims" o WHERE o."Id" = c."CreditOfId" AND o."Amount" = -c."Amount" AND o."ClientKey" = c."ClientKey")),
                   avg(CASE WHEN "SubmittedOn" - (date_trunc('month', "PeriodStart") + interval '1 month - 1 day')::date <= 61 THEN 1.0 ELSE 0 END),
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY "SubmittedOn" - (date_trunc('month', "PeriodStart") + interval '1 month - 1 day')::date),
                   count(*) FILTER (WHERE "ClaimNumber" NOT LIKE 'DEMO-%')
            FROM "Claims" c
            """))[0];

        Assert.Equal(new DateOnly(2015, 1, 1), (DateOnly)row[0]);
        Assert.Equal(new DateOnly(2019, 9, 30), (DateOnly)row[1]);
        Assert.True((long)row[2] > 0, "some claims are rejected");
        Assert.True((long)row[3] > 0, "some claims are credited");
        Assert.Equal(0L, (long)row[4]); // every credit reverses an original of the same client exactly
        Assert.InRange((decimal)row[5], 0.75m, 0.95m); // most within two months after the month
        Assert.InRange((int)row[6], 150, 366);          // a tail up to a year
        Assert.Equal(0L, (long)row[7]);                 // synthetic claim numbers
    }

    [Fact]
    public async Task GGZ_clients_grow_at_least_fivefold_from_2015_to_2019_and_faster_than_disability_care()
    {
        var rows = await demo.RowsAsync(
            """
            SELECT p."Type", y, count(DISTINCT a."ClientKey")
            FROM "Assignments" a JOIN "Providers" p ON p."Agb" = a."ProviderAgb"
            CROSS JOIN generate_series(2015, 2019) y
            WHERE a."StartDate" <= make_date(y, 12, 31) AND coalesce(a."EndDate", 'infinity') >= make_date(y, 1, 1)
              AND a."EndDate" IS DISTINCT FROM a."StartDate"
            GROUP BY 1, 2
            """);
        var clients = rows.ToDictionary(r => ((ProviderType)(int)r[0], (int)r[1]), r => (long)r[2]);
        double Growth(ProviderType type) => (double)clients[(type, 2019)] / clients[(type, 2015)];

        Assert.All(Enum.GetValues<ProviderType>(), type => Assert.True(clients.ContainsKey((type, 2015)), $"{type} has clients in 2015"));
        Assert.True(Growth(ProviderType.MentalHealthCare) >= 5, $"GGZ grows {Growth(ProviderType.MentalHealthCare):F1}×");
        Assert.True(Growth(ProviderType.DisabilityCare) < Growth(ProviderType.MentalHealthCare) / 2);
        var total = Enumerable.Range(2015, 5).Select(y => clients.Where(c => c.Key.Item2 == y).Sum(c => c.Value)).ToList();
        Assert.Equal(total.Order(), total); // the whole grows every year
    }

    [Fact]
    public async Task Exactly_one_ceiling_passes_70_percent_in_2019_by_the_shared_rule()
    {
        var rows = await demo.RowsAsync(
            """
            WITH as_of AS (
                SELECT LEAST(max("PeriodEnd"), DATE '2019-12-31', current_date) AS d FROM "Claims"
                WHERE "Status" = 2 AND "PeriodStart" <= DATE '2019-12-31' AND "PeriodEnd" >= DATE '2019-01-01')
            SELECT b."ProviderAgb", b."Amount",
                   coalesce(sum(c."Amount" * (LEAST(c."PeriodEnd", as_of.d) - GREATEST(c."PeriodStart", DATE '2019-01-01') + 1)
                                / (c."PeriodEnd" - c."PeriodStart" + 1)), 0) AS spent
            FROM "BudgetCeilings" b CROSS JOIN as_of
            LEFT JOIN "Claims" c ON c."ProviderAgb" = b."ProviderAgb" AND c."Status" = 2
                 AND (b."Law" IS NULL OR c."Law" = b."Law") AND (b."ProductCode" IS NULL OR c."ProductCode" = b."ProductCode")
                 AND c."PeriodStart" <= as_of.d AND c."PeriodEnd" >= DATE '2019-01-01'
            WHERE b."Year" = 2019
            GROUP BY b."Id", b."ProviderAgb", b."Amount"
            """);

        Assert.InRange(rows.Count, 4, 6);
        Assert.All(rows, r => Assert.True((decimal)r[2] > 0, $"{r[0]} has spent something in 2019"));
        var passing = Assert.Single(rows, r => (decimal)r[2] / (decimal)r[1] >= 0.70m);
        Assert.Equal("75750015", ((string)passing[0]).Trim()); // Ambulant Plus, the fast-growing GGZ provider
        Assert.Equal(rows.Count, await demo.CountAsync("""SELECT count(*) FROM "BudgetCeilings" WHERE "Year" = 2018"""));
    }

    [Fact]
    public async Task The_providers_have_the_six_types_a_funding_model_and_a_contract_and_cover_every_assignment()
    {
        var types = await demo.CountAsync("""SELECT count(DISTINCT "Type") FROM "Providers" """);
        var incomplete = await demo.CountAsync("""SELECT count(*) FROM "Providers" WHERE "Type" IS NULL OR "FundingModel" IS NULL OR "ContractStart" IS NULL""");
        var unknown = await demo.CountAsync(
            """SELECT count(*) FROM "Assignments" a WHERE NOT EXISTS (SELECT 1 FROM "Providers" p WHERE p."Agb" = a."ProviderAgb")""");
        var outsideContract = await demo.CountAsync(
            """
            SELECT count(*) FROM "Assignments" a JOIN "Providers" p ON p."Agb" = a."ProviderAgb"
            WHERE a."StartDate" < p."ContractStart" OR a."StartDate" > coalesce(p."ContractEnd", 'infinity')
            """);

        Assert.Equal(6, types);
        Assert.Equal(DemoProviders.All.Count, await demo.CountAsync("""SELECT count(*) FROM "Providers" """));
        Assert.Equal((0L, 0L, 0L), (incomplete, unknown, outsideContract));
    }

    [Fact]
    public async Task Nothing_personal_is_stored_in_clear()
    {
        // Clients are 32-byte hashes of invented ids, never a BSN; no text column carries a 9-digit number.
        var unhashed = await demo.CountAsync(
            """
            SELECT (SELECT count(*) FROM "Claims" WHERE length("ClientKey") <> 32)
                 + (SELECT count(*) FROM "Assignments" WHERE length("ClientKey") <> 32 OR length("AddressKey") <> 32)
            """);
        var nineDigits = await demo.CountAsync(
            """
            SELECT (SELECT count(*) FROM "Claims" WHERE concat_ws('|', "IdentityKey", "ClaimNumber", "AssignmentNumber") ~ '[0-9]{9}')
                 + (SELECT count(*) FROM "Assignments" WHERE concat_ws('|', "IdentityKey", "CaseNumber", "AssignmentNumber") ~ '[0-9]{9}')
            """);

        Assert.Equal((0L, 0L), (unhashed, nineDigits));
    }
}

/// <summary>The years around the stacking world leave the analysis on its reference date alone.</summary>
public sealed class DemoHistoryTests
{
    [Fact]
    public void Added_assignments_ended_before_the_reference_date_or_start_after_it_and_are_the_same_every_time()
    {
        var core = DemoAssignments.Generate().Select(a => a.IdentityKey).ToList();
        var world = DemoAssignments.GenerateWorld().ToList();
        var added = world.Skip(core.Count).ToList();

        Assert.Equal(core, world.Take(core.Count).Select(a => a.IdentityKey)); // the stacking world comes first, untouched
        Assert.InRange(added.Count, 5_000, 40_000);
        Assert.All(added, a => Assert.True(
            a.EndDate < DemoAssignments.ReferenceDate || a.StartDate > DemoAssignments.ReferenceDate,
            $"{a.IdentityKey} ({a.StartDate}–{a.EndDate}) is active on the reference date"));
        Assert.Equal(world.Count, world.Select(a => a.IdentityKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            added.Select(a => a.IdentityKey + a.Budget + a.Tariff + a.Volume),
            DemoAssignments.GenerateWorld().Skip(core.Count).Select(a => a.IdentityKey + a.Budget + a.Tariff + a.Volume));
        Assert.Equal(new DateOnly(2015, 1, 1), added.Min(a => a.StartDate));
    }

    [Fact]
    public void The_demo_providers_keep_the_names_and_AGB_codes_of_the_stacking_world()
    {
        var stacking = DemoAssignments.Generate().Select(a => (a.ProviderAgb, a.ProviderName!)).Distinct().Order().ToList();

        Assert.Equal(20, stacking.Count);
        Assert.Equal(stacking, DemoProviders.All.Take(20).Select(p => (p.Agb, p.Name)).Order());
        Assert.Equal(DemoProviders.All.Count, DemoProviders.All.Select(p => p.Agb).Distinct().Count());
    }
}
