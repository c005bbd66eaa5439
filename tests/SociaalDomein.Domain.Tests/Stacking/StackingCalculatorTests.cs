using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Domain.Tests.Stacking;

public class StackingCalculatorTests
{
    private static readonly DateOnly Peildatum = new(2018, 11, 1);
    private static readonly DateOnly Jan1 = new(2018, 1, 1);
    private static readonly DateOnly Dec31 = new(2018, 12, 31);

    private long _nextId;

    /// <summary>A 32-byte key whose first bytes are <paramref name="n"/> big-endian, so keys sort as their numbers.</summary>
    private static byte[] Key(int n)
    {
        var key = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(key, n);
        return key;
    }

    /// <summary>By default a budget of <paramref name="budget"/> on the whole of 2018: that is its amount in 2018.</summary>
    private StackingRow Row(
        int client, int address, string product = "02A06", decimal budget = 1_000m, DateOnly? start = null, DateOnly? end = null,
        Law law = Law.Wmo, string postcode = "8011", string? caseNumber = null, string provider = "12345678", long? id = null) =>
        new(id ?? ++_nextId, Key(client), caseNumber ?? $"D{client}", Key(address), postcode, law, product, provider,
            start ?? Jan1, end ?? (start is null ? Dec31 : null), null, null, null, budget);

    private static StackingResult Calculate(IEnumerable<StackingRow> rows, Law? law = null, IReadOnlySet<string>? district = null, int threshold = 4) =>
        StackingCalculator.Calculate(rows, new StackingOptions(Peildatum, law, district, threshold));

    private static HouseholdLine Line(StackingResult result, int clients) => Assert.Single(result.Households, h => h.Clients == clients);

    [Fact]
    public void Revoked_assignments_are_excluded_and_counted()
    {
        var rows = new[]
        {
            Row(1, 1),
            Row(2, 2, start: new DateOnly(2018, 11, 1), end: new DateOnly(2018, 11, 1)), // would be active on the peildatum
            Row(3, 3, start: new DateOnly(2016, 3, 1), end: new DateOnly(2016, 3, 1)),   // long ago: still counted
        };

        var result = Calculate(rows);

        Assert.Equal(2, result.Revoked);
        Assert.Equal(1, result.Clients);
        Assert.Equal(1, result.ActiveAssignments);
        Assert.Equal(1_000m, result.TotalAmount);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    public void Duplicates_are_one_assignment_and_the_extra_rows_are_counted(int copies, int expectedDuplicates)
    {
        var rows = Enumerable.Range(0, copies).Select(_ => Row(1, 1, caseNumber: "D-77", budget: 1_200m)).ToList();

        var result = Calculate(rows);

        Assert.Equal(expectedDuplicates, result.Duplicates);
        Assert.Equal(1, result.ActiveAssignments);
        Assert.Equal(1_200m, result.TotalAmount);
    }

    [Fact]
    public void Of_duplicates_the_row_with_the_lowest_id_is_kept()
    {
        var rows = new[] { Row(1, 1, budget: 900m, id: 20), Row(1, 1, budget: 100m, id: 10) };

        var result = Calculate(rows);

        Assert.Equal(100m, result.TotalAmount);
    }

    [Theory]
    [InlineData("D-1", "02A06", "12345678", "2018-01-01", 1)]  // all four equal: a duplicate
    [InlineData("D-2", "02A06", "12345678", "2018-01-01", 0)]  // another case
    [InlineData("D-1", "02A07", "12345678", "2018-01-01", 0)]  // another product
    [InlineData("D-1", "02A06", "87654321", "2018-01-01", 0)]  // another provider
    [InlineData("D-1", "02A06", "12345678", "2018-01-02", 0)]  // another start
    public void A_duplicate_shares_case_number_product_provider_and_start_date(string caseNumber, string product, string provider, string start, int expected)
    {
        var rows = new[]
        {
            Row(1, 1, caseNumber: "D-1", product: "02A06", provider: "12345678", start: Jan1, end: Dec31),
            Row(1, 1, caseNumber: caseNumber, product: product, provider: provider, start: DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), end: Dec31),
        };

        Assert.Equal(expected, Calculate(rows).Duplicates);
    }

    [Fact]
    public void Revoked_rows_are_not_counted_again_as_duplicates()
    {
        var day = new DateOnly(2018, 5, 1);
        var rows = new[] { Row(1, 1, start: day, end: day), Row(1, 1, start: day, end: day), Row(1, 1, start: day, end: Dec31) };

        var result = Calculate(rows);

        Assert.Equal(2, result.Revoked);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(1, result.ActiveAssignments);
    }

    [Theory]
    [InlineData("2018-11-01", null, true)]          // starts on the peildatum
    [InlineData("2018-11-02", null, false)]         // starts after it
    [InlineData("2018-01-01", "2018-11-01", true)]  // ends on it
    [InlineData("2018-01-01", "2018-10-31", false)] // ended the day before
    [InlineData("2015-01-01", null, true)]          // open-ended
    public void An_assignment_is_active_when_it_started_on_or_before_the_reference_date_and_has_not_ended_before_it(string start, string? end, bool active)
    {
        var rows = new[]
        {
            Row(1, 1, start: DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
                end: end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
        };

        Assert.Equal(active ? 1 : 0, Calculate(rows).ActiveAssignments);
    }

    [Fact]
    public void The_amount_is_for_the_whole_calendar_year_of_the_reference_date()
    {
        // Budget 730 on 2018-07-01 … 2019-12-31 (549 days), active on 1 Nov 2018: 184 of its days fall in 2018.
        var rows = new[] { Row(1, 1, budget: 730m, start: new DateOnly(2018, 7, 1), end: new DateOnly(2019, 12, 31)) };

        Assert.Equal(730m * 184 / 549, Calculate(rows).TotalAmount);
    }

    [Theory]
    [InlineData(4, 4, 1, 0)]   // 4 clients: a household of 4
    [InlineData(5, 4, 0, 1)]   // 5 clients: more than 4, an institution
    [InlineData(5, 5, 1, 0)]   // the threshold is configurable
    [InlineData(8, 5, 0, 1)]
    public void An_address_with_more_clients_than_the_threshold_is_an_institution(int clients, int threshold, int households, int institutions)
    {
        var rows = Enumerable.Range(1, clients).Select(c => Row(c, 99, budget: 100m * c)).ToList();

        var result = Calculate(rows, threshold: threshold);

        Assert.Equal(threshold, result.Households.Count);
        Assert.Equal(households, result.Households.Sum(h => h.Addresses));
        Assert.Equal(institutions, result.Institutions.Addresses);
        Assert.Equal(institutions * clients, result.Institutions.Clients);
        Assert.Equal(institutions == 1 ? rows.Sum(r => r.Budget!.Value) : 0m, result.Institutions.Amount);
        Assert.Equal(clients, result.Clients); // institutions stay in the totals
    }

    [Fact]
    public void Table_A_counts_addresses_by_clients_and_averages_per_inhabitant()
    {
        var rows = new[]
        {
            Row(1, 1, budget: 1_000m),
            Row(2, 2, budget: 2_000m),
            Row(3, 3, budget: 1_000m), Row(4, 3, budget: 2_000m),
            Row(5, 4, budget: 500m), Row(6, 4, budget: 500m), Row(7, 4, budget: 600m),
        };

        var result = Calculate(rows);

        Assert.Equal([1, 2, 3, 4], result.Households.Select(h => h.Clients));
        Assert.Equal((2, 3_000m, 1_500m), (Line(result, 1).Addresses, Line(result, 1).Amount, Line(result, 1).AveragePerInhabitant));
        Assert.Equal((1, 3_000m, 1_500m), (Line(result, 2).Addresses, Line(result, 2).Amount, Line(result, 2).AveragePerInhabitant));
        Assert.Equal((1, 1_600m, 1_600m / 3), (Line(result, 3).Addresses, Line(result, 3).Amount, Line(result, 3).AveragePerInhabitant));
        Assert.Equal((0, 0m, 0m), (Line(result, 4).Addresses, Line(result, 4).Amount, Line(result, 4).AveragePerInhabitant));
    }

    [Fact]
    public void A_client_at_two_addresses_belongs_to_the_address_of_the_most_recently_started_assignment()
    {
        var rows = new[]
        {
            Row(1, 10, product: "A", start: new DateOnly(2018, 2, 1)),
            Row(1, 20, product: "B", start: new DateOnly(2018, 6, 1)),  // latest: address 20
            Row(2, 10, product: "A"),
        };

        var result = Calculate(rows);

        Assert.Equal(2, Line(result, 1).Addresses);
        Assert.Equal(0, Line(result, 2).Addresses);
        var household20 = Assert.Single(result.MostExpensiveHouseholds, h => h.Household == StackingCalculator.Hex(Key(20)));
        Assert.Equal((1, 2), (household20.Clients, household20.Products)); // both of the client's assignments go with it
    }

    [Fact]
    public void On_equal_start_dates_a_client_belongs_to_the_smallest_address_key()
    {
        var rows = new[] { Row(1, 30, product: "A"), Row(1, 20, product: "B"), Row(2, 30, product: "A") };

        var result = Calculate(rows);

        Assert.Equal(2, Line(result, 1).Addresses);
        Assert.Contains(result.MostExpensiveHouseholds, h => h.Household == StackingCalculator.Hex(Key(20)) && h.Clients == 1);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(7, 5)]  // 5 or more
    public void Table_B_counts_clients_by_distinct_products_with_a_last_bucket_of_five_or_more(int products, int bucket)
    {
        var rows = Enumerable.Range(1, products).Select(p => Row(1, 1, product: $"P{p}", budget: 10m)).Append(Row(1, 1, product: "P1", provider: "99999999", budget: 10m)).ToList();

        var result = Calculate(rows);

        Assert.Equal([1, 2, 3, 4, 5], result.Provisions.Select(p => p.Provisions));
        var line = Assert.Single(result.Provisions, p => p.Clients > 0);
        Assert.Equal((bucket, 1, 10m * (products + 1), 10m * (products + 1)), (line.Provisions, line.Clients, line.Amount, line.AveragePerClient));
    }

    [Fact]
    public void Table_B_includes_the_clients_of_institutions()
    {
        var rows = Enumerable.Range(1, 6).Select(c => Row(c, 5, budget: 100m)).Append(Row(7, 6, budget: 50m)).ToList();

        var result = Calculate(rows);

        Assert.Equal(7, result.Provisions[0].Clients);
        Assert.Equal(650m, result.Provisions[0].Amount);
        Assert.Equal(1, result.Households.Sum(h => h.Addresses));
    }

    [Fact]
    public void The_law_filter_keeps_only_assignments_of_that_law()
    {
        var rows = new[]
        {
            Row(1, 1, law: Law.Wmo, budget: 100m), Row(2, 1, law: Law.Jeugdwet, budget: 200m),
            Row(3, 2, law: Law.Jeugdwet, budget: 300m, start: Jan1, end: Jan1),
        };

        var wmo = Calculate(rows, law: Law.Wmo);
        var jeugd = Calculate(rows, law: Law.Jeugdwet);

        Assert.Equal((1, 100m, 0, 1), (wmo.Clients, wmo.TotalAmount, wmo.Revoked, Line(wmo, 1).Addresses));
        Assert.Equal((1, 200m, 1, 1), (jeugd.Clients, jeugd.TotalAmount, jeugd.Revoked, Line(jeugd, 1).Addresses));
    }

    [Fact]
    public void The_district_filter_keeps_households_whose_address_lies_in_the_district()
    {
        var noord = new HashSet<string> { "8011", "8012" };
        var rows = new[]
        {
            Row(1, 1, postcode: "8011", budget: 100m),
            Row(2, 2, postcode: "8012", budget: 200m),
            Row(3, 3, postcode: "8031", budget: 400m),
            // client 4 moved from Noord to 8031 (latest start), so the household and all its amount are outside Noord
            Row(4, 1, postcode: "8011", budget: 800m, product: "A", start: new DateOnly(2018, 1, 1)),
            Row(4, 4, postcode: "8031", budget: 1_600m, product: "B", start: new DateOnly(2018, 3, 1)),
            Row(5, 5, postcode: "8031", start: Jan1, end: Jan1),
            Row(6, 6, postcode: "8011", start: Jan1, end: Jan1),
        };

        var result = Calculate(rows, district: noord);

        Assert.Equal((2, 2, 300m), (result.Clients, result.ActiveAssignments, result.TotalAmount));
        Assert.Equal(2, Line(result, 1).Addresses);
        Assert.Equal(1, result.Revoked);
    }

    [Fact]
    public void Product_pairs_count_clients_receiving_both_and_the_amount_of_the_two()
    {
        var rows = new[]
        {
            Row(1, 1, product: "IB", budget: 100m), Row(1, 1, product: "HH", budget: 10m), Row(1, 1, product: "DB", budget: 1m),
            Row(2, 2, product: "IB", budget: 200m), Row(2, 2, product: "HH", budget: 20m),
            Row(3, 3, product: "IB", budget: 300m),
        };

        var pairs = Calculate(rows).ProductPairs;

        Assert.Equal(
            [("HH", "IB", 2, 330m), ("DB", "IB", 1, 101m), ("DB", "HH", 1, 11m)],
            pairs.Select(p => (p.ProductA, p.ProductB, p.Clients, p.Amount)));
    }

    [Fact]
    public void Cross_law_households_have_Wmo_and_Jeugdwet_at_one_address()
    {
        var rows = new[]
        {
            Row(1, 1, law: Law.Wmo, budget: 100m), Row(2, 1, law: Law.Jeugdwet, budget: 200m),
            Row(3, 2, law: Law.Wmo, budget: 400m), Row(3, 2, law: Law.Participatiewet, product: "P", budget: 800m),
        };

        var crossLaw = Calculate(rows).CrossLaw;

        Assert.Equal((1, 300m), (crossLaw.Households, crossLaw.Amount));
    }

    [Fact]
    public void The_most_expensive_households_are_the_top_twenty_without_institutions()
    {
        var rows = Enumerable.Range(1, 25).Select(a => Row(a, a, budget: 1_000m * a))
            .Concat(Enumerable.Range(100, 5).Select(c => Row(c, 999, budget: 1_000_000m)))
            .ToList();

        var top = Calculate(rows).MostExpensiveHouseholds;

        Assert.Equal(20, top.Count);
        Assert.Equal(Enumerable.Range(6, 20).Reverse().Select(a => StackingCalculator.Hex(Key(a))), top.Select(h => h.Household));
        Assert.Equal(25_000m, top[0].Amount);
    }

    [Fact]
    public void No_rows_give_empty_tables_with_every_line()
    {
        var result = Calculate([]);

        Assert.Equal((0, 0, 0, 0, 0m), (result.Revoked, result.Duplicates, result.ActiveAssignments, result.Clients, result.TotalAmount));
        Assert.Equal(4, result.Households.Count);
        Assert.Equal(5, result.Provisions.Count);
        Assert.Empty(result.ProductPairs);
        Assert.Empty(result.MostExpensiveHouseholds);
    }

    /// <summary>An assignment of 2 hours a week on the whole of 2018 without a budget; <paramref name="tariff"/> its own.</summary>
    private StackingRow VolumeRow(int client, string product, decimal? tariff, string provider = "12345678") =>
        Row(client, client, product, provider: provider) with { Budget = null, Volume = 2m, Frequency = Frequency.PerWeek, Tariff = tariff };

    [Fact]
    public void Assignments_without_an_own_tariff_are_valued_with_the_price_list_and_those_without_any_price_are_counted()
    {
        var rows = new[]
        {
            VolumeRow(1, "02A06", tariff: 50m),                     // own tariff: 5,200
            VolumeRow(2, "02A06", tariff: null),                    // generic price 60: 6,240
            VolumeRow(3, "02A06", tariff: null, provider: "87654321"), // its provider's price 55: 5,720
            VolumeRow(4, "02A09", tariff: null),                    // not in the price list: no amount
            Row(5, 5, budget: 1_000m),
        };
        var priceList = new PriceList([
            new PriceListEntry("02A06", null, new DateOnly(2015, 1, 1), null, 60m),
            new PriceListEntry("02A06", "87654321", new DateOnly(2015, 1, 1), null, 55m),
        ]);

        var result = StackingCalculator.Calculate(rows, new StackingOptions(Peildatum), priceList);
        var withoutList = StackingCalculator.Calculate(rows, new StackingOptions(Peildatum));

        Assert.Equal(5_200m + 6_240m + 5_720m + 1_000m, result.TotalAmount);
        Assert.Equal((5, 5, 1), (result.ActiveAssignments, result.Clients, result.UnpricedAssignments));
        Assert.Equal(5_200m + 1_000m, withoutList.TotalAmount);
        Assert.Equal(3, withoutList.UnpricedAssignments);
    }

    [Fact]
    public void Unpriced_assignments_are_counted_only_in_the_population()
    {
        var rows = new[]
        {
            VolumeRow(1, "02A09", tariff: null),
            VolumeRow(2, "02A09", tariff: null) with { StartDate = new DateOnly(2018, 11, 2) },  // not yet active
            VolumeRow(3, "02A09", tariff: null) with { Law = Law.Jeugdwet },                    // filtered by law
        };

        var result = Calculate(rows, law: Law.Wmo);

        Assert.Equal((1, 1, 0m), (result.ActiveAssignments, result.UnpricedAssignments, result.TotalAmount));
    }
}
