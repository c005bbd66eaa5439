using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Districts;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Stacking;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using Xunit.Abstractions;

namespace SociaalDomein.Infrastructure.Tests.Stacking;

/// <summary>The SQL of <see cref="StackingService"/> against its oracle, <see cref="StackingCalculator"/>, on generated
/// data; amounts are compared rounded to cents (the SQL divides with at least 16 significant digits, .NET decimal
/// with 28, so they may differ far behind the cent), counts exactly.</summary>
public class StackingServiceTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Noord = ["8011", "8012", "8013"];
    private static readonly string[] Zuid = ["8021", "8022"];
    private static readonly string[] Oost = ["8031"];

    private StackingService Service() => new(fixture.ContextFactory);

    private async Task SeedDistrictsAsync() => await fixture.InsertAsync(
        District("Noord", Noord), District("Zuid", Zuid), District("Oost", Oost));

    private static District District(string name, string[] postcodes) =>
        new() { Name = name, Postcodes = postcodes.Select(p => new PostcodeDistrict { Postcode4 = p }).ToList() };

    private static byte[] Key(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static long _identity;

    private static Assignment NewAssignment(
        string client, string address, string postcode, Law law, string product, string provider, DateOnly start, DateOnly? end,
        decimal? budget = null, decimal? volume = null, decimal? tariff = null, Frequency? frequency = null, string? caseNumber = null) => new()
        {
            IdentityKey = "nr:test-" + Interlocked.Increment(ref _identity),
            ClientKey = Key("client " + client),
            CaseNumber = caseNumber ?? "D-" + client,
            AddressKey = Key("address " + address),
            Postcode4 = postcode,
            Law = law,
            ProductCode = product,
            ProviderAgb = provider,
            DeliveryForm = DeliveryForm.InKind,
            StartDate = start,
            EndDate = end,
            Budget = budget,
            Volume = volume,
            Tariff = tariff,
            Frequency = frequency,
            ImportRunId = 0,
        };

    private static readonly string[] Products = ["02A06", "02A07", "02A09", "01A01", "03A02", "04A01", "45A48", "46A03", "47A01", "48A02", "54001", "55002"];
    private static readonly string[] Providers = Enumerable.Range(1, 8).Select(p => $"0{p}00{p}23{p}").ToArray();

    /// <summary>The generated assignments and price list, stored.</summary>
    private async Task SeedGeneratedAsync()
    {
        await fixture.InsertAsync([.. Generate(seed: 20_181_101)]);
        await fixture.InsertAsync([.. GeneratePriceList(seed: 20_181_101)]);
    }

    /// <summary>A price list for all products but the last two (so some assignments have no price at all): per product a
    /// generic price from 2014 that changes on a random day about once a year, with a gap of a few months now and
    /// then; and for some (product, provider) pairs a price of their own from a random day, some of them ending.</summary>
    private static List<Tariff> GeneratePriceList(int seed)
    {
        var random = new Random(seed);
        var entries = new List<Tariff>();
        foreach (var product in Products[..^2])
        {
            var from = new DateOnly(2014, 1, 1);
            while (from.Year <= 2021)
            {
                var to = from.AddDays(200 + random.Next(400));
                entries.Add(new Tariff { ProductCode = product, ValidFrom = from, ValidTo = to.Year > 2021 ? null : to, Amount = random.Next(2_000, 900_000) / 10_000m });
                from = to.AddDays(random.NextDouble() < 0.2 ? 1 + random.Next(30, 120) : 1); // sometimes a gap
            }

            foreach (var provider in Providers.Where(_ => random.NextDouble() < 0.3))
            {
                var start = new DateOnly(2015, 1, 1).AddDays(random.Next(5 * 365));
                entries.Add(new Tariff
                {
                    ProductCode = product, ProviderAgb = provider, ValidFrom = start,
                    ValidTo = random.NextDouble() < 0.5 ? start.AddDays(random.Next(30, 700)) : null, Amount = random.Next(2_000, 900_000) / 10_000m,
                });
            }
        }

        return entries;
    }

    /// <summary>The calculator's answer on what is stored.</summary>
    private async Task<StackingResult> ExpectedAsync(DateOnly referenceDate, Law? law = null, string? district = null, int threshold = StackingOptions.DefaultInstitutionThreshold)
    {
        var rows = await fixture.QueryAsync(db => db.Assignments.AsNoTracking().ToListAsync());
        var priceList = PriceList.From(await fixture.QueryAsync(db => db.Tariffs.AsNoTracking().ToListAsync()));
        var postcodes = district is null ? null : await fixture.QueryAsync(db => db.PostcodeDistricts
            .Where(p => db.Districts.Any(d => d.Id == p.DistrictId && d.Name == district)).Select(p => p.Postcode4).ToListAsync());
        return StackingCalculator.Calculate(rows.Select(StackingRow.From), new StackingOptions(referenceDate, law, postcodes?.ToHashSet(), threshold), priceList);
    }

    /// <summary>A few thousand assignments with everything the rules care about: revoked rows, duplicates, institutions
    /// of 5–8 clients, clients at two addresses, open-ended periods, budgets and volumes of every frequency, volumes
    /// without a tariff of their own (priced by the price list, partly or not at all), missing amounts, three laws,
    /// postcodes in three districts and one outside any.</summary>
    private static List<Assignment> Generate(int seed)
    {
        var random = new Random(seed);
        string[] postcodes = [.. Noord, .. Zuid, .. Oost, "8041"];
        var products = Products;
        var providers = Providers;
        var addressPostcode = new Dictionary<string, string>();
        string Address(int n) => $"{n}";
        string PostcodeOf(string address) => addressPostcode.TryGetValue(address, out var p) ? p : addressPostcode[address] = postcodes[random.Next(postcodes.Length)];

        DateOnly RandomDate(DateOnly from, int days) => from.AddDays(random.Next(days));
        decimal Money(int max) => random.Next(100, max * 100) / 100m;

        var rows = new List<Assignment>();
        var client = 0;
        void AddClient(string home)
        {
            client++;
            var other = random.NextDouble() < 0.12 ? Address(random.Next(1, 1_400)) : null; // some also at a second address
            var count = 1 + (int)Math.Floor(Math.Pow(random.NextDouble(), 2.5) * 7);     // 1 … 7, mostly 1 or 2
            for (var i = 0; i < count; i++)
            {
                var address = other is not null && random.NextDouble() < 0.5 ? other : home;
                var start = RandomDate(new DateOnly(2015, 6, 1), 5 * 365);
                var kind = random.NextDouble();
                DateOnly? end = kind < 0.05 ? start : kind < 0.30 ? null : start.AddDays(random.Next(1, 900));
                var law = random.NextDouble() switch { < 0.5 => Law.Wmo, < 0.9 => Law.Jeugdwet, _ => Law.Participatiewet };
                var amount = random.NextDouble();
                var row = NewAssignment(
                    client.ToString(), address, PostcodeOf(address), law, products[random.Next(products.Length)], providers[random.Next(providers.Length)],
                    start, end,
                    budget: amount < 0.4 ? Money(60_000) : null,
                    volume: amount is >= 0.4 and < 0.95 ? random.Next(1, 4_000) / 100m : null,
                    tariff: amount is >= 0.4 and < 0.75 ? random.Next(500, 1_200_000) / 10_000m : null, // 0.75 … 0.95: the price list's
                    frequency: amount is >= 0.4 and < 0.97 ? (Frequency)random.Next(1, 7) : null);
                rows.Add(row);
                if (random.NextDouble() < 0.06) // a duplicate: same case, product, provider and start; sometimes other figures
                {
                    rows.Add(NewAssignment(
                        client.ToString(), address, row.Postcode4, law, row.ProductCode, row.ProviderAgb, start,
                        random.NextDouble() < 0.5 ? end : start.AddDays(random.Next(1, 400)),
                        budget: random.NextDouble() < 0.5 ? row.Budget : Money(20_000), volume: row.Volume, tariff: row.Tariff, frequency: row.Frequency));
                }
            }
        }

        for (var a = 1; a <= 1_400; a++)
        {
            var people = random.NextDouble() switch { < 0.80 => 1, < 0.93 => 2, < 0.98 => 3, _ => 4 };
            for (var p = 0; p < people; p++)
            {
                AddClient(Address(a));
            }
        }

        for (var institution = 0; institution < 8; institution++)
        {
            var home = Address(5_000 + institution);
            var residents = random.Next(5, 9);
            for (var p = 0; p < residents; p++)
            {
                AddClient(home);
            }
        }

        return rows;
    }

    public static TheoryData<string, string?, string?> Filters => new()
    {
        { "2018-11-01", null, null },
        { "2018-11-01", "Wmo", null },
        { "2018-11-01", "Jeugdwet", "Noord" },
        { "2018-11-01", null, "Zuid" },
        { "2017-03-15", null, null },
        { "2019-12-31", "Participatiewet", null },
        { "2020-02-29", null, "Oost" },
        { "2020-11-01", "Wmo", "Noord" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_SQL_gives_the_same_tables_as_the_calculator_on_generated_data(string date, string? lawName, string? district)
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await SeedGeneratedAsync();
        var referenceDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Law? law = lawName is null ? null : Enum.Parse<Law>(lawName);

        var expected = await ExpectedAsync(referenceDate, law, district);

        var actual = await Service().ComputeAsync(referenceDate, law, district);
        var stopwatch = Stopwatch.StartNew();
        await Service().ComputeAsync(referenceDate, law, district); // timed warm: connection pooled, plan cached
        output.WriteLine($"{date} {lawName} {district}: SQL {stopwatch.ElapsedMilliseconds} ms, {expected.UnpricedAssignments} unpriced");

        Assert.True(expected.ActiveAssignments > 50, "the generated data should give a real population");
        Assert.True(expected.UnpricedAssignments > 0, "the generated data should have assignments without any price");
        AssertSame(expected, actual);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_institution_threshold_comes_from_the_settings_and_the_SQL_follows_it(int threshold)
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await SeedGeneratedAsync();
        var referenceDate = new DateOnly(2018, 11, 1);
        var expected = await ExpectedAsync(referenceDate, threshold: threshold);

        var actual = await new StackingService(fixture.ContextFactory, settings: new StackingSettings(threshold))
            .ComputeAsync(referenceDate, null, null);

        Assert.Equal(threshold, actual.InstitutionThreshold);
        Assert.True(expected.Institutions.Addresses > 0, "the generated data should have institutions at this threshold");
        AssertSame(expected, actual);
    }

    [Fact]
    public async Task A_stored_result_of_another_institution_threshold_is_computed_again()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await SeedGeneratedAsync();
        var referenceDate = new DateOnly(2018, 11, 1);
        var stored = await Service().GetAsync(referenceDate, null, null);

        var changed = await new StackingService(fixture.ContextFactory, settings: new StackingSettings(2)).GetAsync(referenceDate, null, null);

        Assert.Equal(StackingOptions.DefaultInstitutionThreshold, stored.InstitutionThreshold);
        Assert.Equal(2, changed.InstitutionThreshold);
        Assert.Equal([1, 2], changed.Households.Select(h => h.Clients));
        Assert.True(changed.Institutions.Addresses > stored.Institutions.Addresses);
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static void AssertSame(StackingResult expected, StackingResult actual)
    {
        Assert.Equal(expected.ReferenceDate, actual.ReferenceDate);
        Assert.Equal(
            (expected.Revoked, expected.Duplicates, expected.ActiveAssignments, expected.Clients, Cents(expected.TotalAmount), expected.UnpricedAssignments),
            (actual.Revoked, actual.Duplicates, actual.ActiveAssignments, actual.Clients, Cents(actual.TotalAmount), actual.UnpricedAssignments));
        Assert.Equal(
            expected.Households.Select(h => (h.Clients, h.Addresses, Cents(h.Amount), Cents(h.AveragePerInhabitant))),
            actual.Households.Select(h => (h.Clients, h.Addresses, Cents(h.Amount), Cents(h.AveragePerInhabitant))));
        Assert.Equal(
            (expected.Institutions.Addresses, expected.Institutions.Clients, Cents(expected.Institutions.Amount)),
            (actual.Institutions.Addresses, actual.Institutions.Clients, Cents(actual.Institutions.Amount)));
        Assert.Equal(
            expected.Provisions.Select(p => (p.Provisions, p.Clients, Cents(p.Amount), Cents(p.AveragePerClient))),
            actual.Provisions.Select(p => (p.Provisions, p.Clients, Cents(p.Amount), Cents(p.AveragePerClient))));
        Assert.Equal(
            expected.ProductPairs.Select(p => (p.ProductA, p.ProductB, p.Clients, Cents(p.Amount))),
            actual.ProductPairs.Select(p => (p.ProductA, p.ProductB, p.Clients, Cents(p.Amount))));
        Assert.Equal(
            (expected.CrossLaw.Households, Cents(expected.CrossLaw.Amount)),
            (actual.CrossLaw.Households, Cents(actual.CrossLaw.Amount)));
        Assert.Equal(
            expected.MostExpensiveHouseholds.Select(h => (h.Household, h.Clients, h.Products, Cents(h.Amount))),
            actual.MostExpensiveHouseholds.Select(h => (h.Household, h.Clients, h.Products, Cents(h.Amount))));
    }

    /// <summary>Three clients in Noord on 1 November 2018:
    /// address A (8011): client 1, Wmo budget 1,200 on 2018; client 2, Jeugdwet 2 × €50 per week from 1 July 2018, open-ended;
    /// address B (8012): client 3, a budget of 3,650 on 2018–2019 (twice: a duplicate) and a revoked assignment;
    /// address C (8021, Zuid): client 4, per month 10 × €30.</summary>
    private static Assignment[] HandMade() =>
    [
        NewAssignment("1", "A", "8011", Law.Wmo, "HH", "11111111", new(2018, 1, 1), new(2018, 12, 31), budget: 1_200m),
        NewAssignment("2", "A", "8011", Law.Jeugdwet, "45A48", "22222222", new(2018, 7, 1), null, volume: 2m, tariff: 50m, frequency: Frequency.PerWeek),
        NewAssignment("3", "B", "8012", Law.Wmo, "IB", "33333333", new(2018, 1, 1), new(2019, 12, 31), budget: 3_650m),
        NewAssignment("3", "B", "8012", Law.Wmo, "IB", "33333333", new(2018, 1, 1), new(2019, 12, 31), budget: 3_650m),
        NewAssignment("3", "B", "8012", Law.Wmo, "HH", "11111111", new(2018, 10, 1), new(2018, 10, 1), budget: 999m),
        NewAssignment("4", "C", "8021", Law.Wmo, "HH", "11111111", new(2018, 1, 1), null, volume: 10m, tariff: 30m, frequency: Frequency.PerMonth),
    ];

    [Fact]
    public async Task A_small_hand_made_case_gives_the_known_numbers()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await fixture.InsertAsync(HandMade());
        var jeugd = 2m * 50m * 52 * 184 / 365; // 2,621.37 of 1 July … 31 Dec

        var all = await Service().ComputeAsync(new DateOnly(2018, 11, 1), null, null);
        var noord = await Service().ComputeAsync(new DateOnly(2018, 11, 1), null, "Noord");

        Assert.Equal((1, 1, 4, 4), (all.Revoked, all.Duplicates, all.ActiveAssignments, all.Clients));
        Assert.Equal(Cents(1_200m + jeugd + 1_825m + 3_600m), Cents(all.TotalAmount));
        Assert.Equal((2, 1_825m + 3_600m), (all.Households[0].Addresses, Cents(all.Households[0].Amount)));
        Assert.Equal((1, Cents(1_200m + jeugd), Cents((1_200m + jeugd) / 2)),
            (all.Households[1].Addresses, Cents(all.Households[1].Amount), Cents(all.Households[1].AveragePerInhabitant)));
        Assert.Equal((1, Cents(1_200m + jeugd)), (all.CrossLaw.Households, Cents(all.CrossLaw.Amount)));
        Assert.Equal((4, 5_425m + Cents(1_200m + jeugd)), (all.Provisions[0].Clients, Cents(all.Provisions[0].Amount)));
        Assert.Equal(StackingCalculator.Hex(Key("address A")), all.MostExpensiveHouseholds[0].Household);
        Assert.Empty(all.ProductPairs);

        Assert.Equal((1, 1, 3, 3), (noord.Revoked, noord.Duplicates, noord.ActiveAssignments, noord.Clients));
        Assert.Equal(Cents(1_200m + jeugd + 1_825m), Cents(noord.TotalAmount));
    }

    [Fact]
    public async Task An_assignment_without_its_own_tariff_is_valued_with_the_price_list_split_at_a_change()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(
            // 3 hours a week of begeleiding from an iWmo 301 (no price), the whole of 2018; and one nobody priced
            NewAssignment("1", "A", "8011", Law.Wmo, "02A07", "11111111", new(2018, 1, 1), null, volume: 3m, frequency: Frequency.PerWeek),
            NewAssignment("2", "B", "8011", Law.Wmo, "07A01", "11111111", new(2018, 1, 1), null, volume: 3m, frequency: Frequency.PerWeek),
            NewAssignment("3", "C", "8011", Law.Wmo, "02A07", "22222222", new(2018, 1, 1), null, volume: 3m, frequency: Frequency.PerWeek));
        await fixture.InsertAsync(
            new Tariff { ProductCode = "02A07", ValidFrom = new(2017, 1, 1), ValidTo = new(2018, 6, 30), Amount = 60m },
            new Tariff { ProductCode = "02A07", ValidFrom = new(2018, 7, 1), Amount = 64m },
            new Tariff { ProductCode = "02A07", ProviderAgb = "22222222", ValidFrom = new(2018, 1, 1), Amount = 58m });

        var result = await Service().ComputeAsync(new DateOnly(2018, 11, 1), null, null);

        var first = 3m * (60m * 181 + 64m * 184) * 52 / 365;   // the generic price, 64 from 1 July
        var third = 3m * 58m * 52;                            // its provider's own price
        Assert.Equal((3, 1), (result.ActiveAssignments, result.UnpricedAssignments));
        Assert.Equal(Cents(first + third), Cents(result.TotalAmount));
    }

    [Fact]
    public async Task A_result_stored_before_the_price_list_existed_is_computed_again()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await fixture.InsertAsync(HandMade());
        var date = new DateOnly(2018, 11, 1);
        var current = await Service().GetAsync(date, null, null);
        var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(current with { TotalAmount = 1m }, StackingService.Json))!.AsObject();
        Assert.True(json.Remove("unpricedAssignments"));   // as stored before the field existed
        var old = json.ToJsonString();
        Assert.Null(JsonSerializer.Deserialize<StackingResult>(old, StackingService.Json)!.UnpricedAssignments);
        await fixture.QueryAsync(db => db.StackingSnapshots.ExecuteUpdateAsync(u => u.SetProperty(x => x.ResultJson, old)));

        var served = await Service().GetAsync(date, null, null);

        Assert.Equal(0, served.UnpricedAssignments);
        Assert.Equal(current.TotalAmount, served.TotalAmount);
    }

    [Fact]
    public async Task The_default_reference_date_is_the_municipalitys_own_else_1_November_of_the_latest_start_year()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(HandMade()); // starts up to October 2018

        Assert.Equal(new DateOnly(2018, 11, 1), await Service().DefaultReferenceDateAsync());

        await fixture.InsertAsync(new Domain.Municipalities.Municipality { Name = "Peilgemeente", StackingReferenceDate = new DateOnly(2018, 7, 1) });

        Assert.Equal(new DateOnly(2018, 7, 1), await Service().DefaultReferenceDateAsync());
        Assert.Equal(new DateOnly(2018, 7, 1), (await Service().TrendDatesAsync())[^1]);
    }

    [Fact]
    public async Task An_unknown_district_is_refused()
    {
        await fixture.ResetAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Service().ComputeAsync(new DateOnly(2018, 11, 1), null, "Atlantis"));
    }

    [Fact]
    public async Task Refresh_stores_the_whole_municipality_each_law_and_each_district()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await fixture.InsertAsync(HandMade());

        await Service().RefreshAsync(new DateOnly(2018, 11, 1));

        var stored = await fixture.QueryAsync(db => db.StackingSnapshots.OrderBy(s => s.Law).ThenBy(s => s.District).ToListAsync());
        Assert.Equal(
            ["Jeugdwet|", "Participatiewet|", "Wmo|", "|", "|Noord", "|Oost", "|Zuid"],
            stored.Select(s => $"{s.Law}|{s.District}").Order(StringComparer.Ordinal));
        var whole = JsonSerializer.Deserialize<StackingResult>(stored.Single(s => s.Law == "" && s.District == "").ResultJson, StackingService.Json)!;
        AssertSame(await Service().ComputeAsync(new DateOnly(2018, 11, 1), null, null), whole);
        Assert.Equal(whole.TotalAmount, (await Service().ComputeAsync(new DateOnly(2018, 11, 1), null, null)).TotalAmount); // exact through JSON
    }

    [Fact]
    public async Task A_stored_result_is_served_until_its_input_changes_whatever_the_times()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await fixture.InsertAsync(HandMade());
        var date = new DateOnly(2018, 11, 1);
        var first = await Service().GetAsync(date, Law.Wmo, null);

        // New data without a recorded input change (no import committed): the stored result is still served.
        await fixture.InsertAsync(NewAssignment("9", "Z", "8031", Law.Wmo, "HH", "11111111", new(2018, 1, 1), null, budget: 10_000m));
        Assert.Equal(first.TotalAmount, (await Service().GetAsync(date, Law.Wmo, null)).TotalAmount);

        // An import whose transaction took its time before the stored result was computed, but committed after it:
        // the stored result did not see its rows.
        await fixture.InsertAsync(new InputChange { ChangedAt = DateTimeOffset.UtcNow.AddMinutes(-10), What = "import" });
        var after = await Service().GetAsync(date, Law.Wmo, null);

        Assert.Equal(Cents(first.TotalAmount + 10_000m), Cents(after.TotalAmount));
        Assert.Equal(1, await fixture.QueryAsync(db => db.StackingSnapshots.CountAsync()));
    }

    [Fact]
    public async Task A_result_computed_from_the_old_district_mapping_and_stored_after_the_mapping_changed_is_not_served()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await fixture.InsertAsync(HandMade());
        var date = new DateOnly(2018, 11, 1);
        var service = Service();

        // The race, one step at a time: an analysis reads its data with the old mapping (8011 in Noord) ...
        var (stale, version) = await service.ComputeWithVersionAsync(date, null, "Noord", CancellationToken.None);
        // ... meanwhile the beheerder moves 8011 to Oost, and that commits ...
        var change = await new DistrictService(fixture.ContextFactory, TimeProvider.System, new RecordingJobClient()).AssignAsync("8011", "Oost", "Noord", "beheerder@test");
        // ... and only then does the analysis store what it computed.
        await service.StoreAsync(stale, null, "Noord", version, DateTimeOffset.UtcNow, CancellationToken.None);

        var served = await Service().GetAsync(date, null, "Noord");
        var now = await Service().ComputeAsync(date, null, "Noord");

        Assert.True(change.Succeeded);
        Assert.NotEqual(Cents(stale.TotalAmount), Cents(now.TotalAmount)); // the move matters for Noord
        Assert.Equal(JsonSerializer.Serialize(now, StackingService.Json), JsonSerializer.Serialize(served, StackingService.Json));
    }

    [Fact]
    public async Task After_an_import_the_job_recomputes_the_default_date_the_trend_and_the_dates_viewed_before()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await fixture.InsertAsync(HandMade());
        await Service().GetAsync(new DateOnly(2017, 6, 1), null, null);
        await Service().GetAsync(new DateOnly(2017, 6, 1), Law.Wmo, "Noord");
        var before = await fixture.QueryAsync(db => db.StackingSnapshots.ToDictionaryAsync(s => (s.Law, s.District), s => s.ComputedAt));

        await new StackingRecomputeJob(Service()).RunAsync(null, CancellationToken.None);

        var stored = await fixture.QueryAsync(db => db.StackingSnapshots
            .Select(s => new { s.ReferenceDate, s.Law, s.District, s.ComputedAt }).ToListAsync());
        // a date viewed before: again for the whole municipality; a filtered view waits until someone asks for it
        var viewed = stored.Where(s => s.ReferenceDate == new DateOnly(2017, 6, 1)).ToDictionary(s => (s.Law, s.District), s => s.ComputedAt);
        Assert.True(viewed[("", "")] > before[("", "")]);
        Assert.Equal(before[("Wmo", "Noord")], viewed[("Wmo", "Noord")]);
        // 1 November of the latest start year for every law and district (3 laws, 3 districts, and all)
        Assert.Equal(7, stored.Count(s => s.ReferenceDate == new DateOnly(2018, 11, 1)));
        // the trend: each quarter of 2018 (the hand-made assignments start in 2018), whole municipality
        Assert.Equal(
            [new DateOnly(2018, 1, 1), new DateOnly(2018, 4, 1), new DateOnly(2018, 7, 1), new DateOnly(2018, 10, 1)],
            stored.Where(s => s.ReferenceDate.Year == 2018 && s.ReferenceDate.Day == 1 && s.ReferenceDate.Month % 3 == 1)
                .Select(s => s.ReferenceDate).Order());
        Assert.All(stored.Where(s => s.ReferenceDate.Year == 2018 && s.ReferenceDate.Month % 3 == 1), s => Assert.Equal(("", ""), (s.Law, s.District)));
    }

    [Fact]
    public async Task The_trend_has_a_result_per_quarter_equal_to_the_analysis_on_that_date()
    {
        await fixture.ResetAsync();
        await SeedDistrictsAsync();
        await SeedGeneratedAsync();
        var dates = await Service().TrendDatesAsync();

        var trend = await Service().TrendAsync(Law.Wmo, null);

        Assert.InRange(dates.Count, 2, StackingService.TrendQuarters);
        Assert.All(dates, d => Assert.True(d.Day == 1 && d.Month % 3 == 1, $"{d} is not the first day of a quarter"));
        Assert.Equal(dates, trend.Select(r => r.ReferenceDate));
        AssertSame(await Service().ComputeAsync(dates[^1], Law.Wmo, null), trend[^1]);
        AssertSame(await Service().ComputeAsync(dates[0], Law.Wmo, null), trend[0]);
    }
}
