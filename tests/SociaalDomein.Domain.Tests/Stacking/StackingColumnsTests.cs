using System.Security.Cryptography;
using System.Text;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Domain.Tests.Stacking;

/// <summary>The production path, <see cref="StackingColumns"/>, against its oracle, <see cref="StackingCalculator"/>:
/// generated rows with everything the rules care about, in random order, for every kind of filter. Counts and keys must
/// be equal; amounts are computed by the same <see cref="AssignmentAmount"/> and only summed in another order, so they
/// are compared to 12 decimals: decimal keeps 28–29 significant digits, so sums in another order may differ in the
/// last of them.</summary>
public class StackingColumnsTests
{
    private static readonly string[] Noord = ["8011", "8012", "8013"];
    private static readonly string[] Products = ["02A06", "02A07", "02A09", "01A01", "03A02", "04A01", "45A48", "46A03", "47A01", "48A02", "54001", "55002"];
    private static readonly string[] Providers = Enumerable.Range(1, 8).Select(p => $"0{p}00{p}23{p}").ToArray();

    private static byte[] Key(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static StackingResult Columns(IEnumerable<StackingRow> rows, StackingOptions options, PriceList? priceList)
    {
        var columns = new StackingColumns(options, priceList);
        foreach (var row in rows)
        {
            columns.Add(row);
        }

        return columns.Result();
    }

    /// <summary>A price list for all products but the last two, changing about once a year with gaps, and own prices
    /// for some providers.</summary>
    private static PriceList GeneratePriceList(Random random)
    {
        var entries = new List<PriceListEntry>();
        foreach (var product in Products[..^2])
        {
            var from = new DateOnly(2014, 1, 1);
            while (from.Year <= 2021)
            {
                var to = from.AddDays(200 + random.Next(400));
                entries.Add(new PriceListEntry(product, null, from, to.Year > 2021 ? null : to, random.Next(2_000, 900_000) / 10_000m));
                from = to.AddDays(random.NextDouble() < 0.2 ? 1 + random.Next(30, 120) : 1);
            }

            foreach (var provider in Providers.Where(_ => random.NextDouble() < 0.3))
            {
                var start = new DateOnly(2015, 1, 1).AddDays(random.Next(5 * 365));
                entries.Add(new PriceListEntry(product, provider, start, random.NextDouble() < 0.5 ? start.AddDays(random.Next(30, 700)) : null, random.Next(2_000, 900_000) / 10_000m));
            }
        }

        return new PriceList(entries);
    }

    /// <summary>Households of 1–4 clients and institutions of 5–8, clients at two addresses, revoked rows, copies (some
    /// with other figures, some with a lower Id later in the list), ties on the start date, open ends, budgets, volumes
    /// of every frequency with and without an own tariff, missing amounts, three laws, postcodes in and out of Noord.</summary>
    private static List<StackingRow> Generate(Random random)
    {
        string[] postcodes = [.. Noord, "8021", "8022", "8031", "8041"];
        var addressPostcode = new Dictionary<int, string>();
        string PostcodeOf(int address) => addressPostcode.TryGetValue(address, out var p) ? p : addressPostcode[address] = postcodes[random.Next(postcodes.Length)];
        decimal Money(int max) => random.Next(100, max * 100) / 100m;

        var rows = new List<StackingRow>();
        long id = 0;
        var client = 0;
        void AddClient(int home)
        {
            client++;
            var other = random.NextDouble() < 0.12 ? random.Next(1, 700) : (int?)null;
            var count = 1 + (int)Math.Floor(Math.Pow(random.NextDouble(), 1.5) * 9);
            for (var i = 0; i < count; i++)
            {
                var address = other is { } second && random.NextDouble() < 0.5 ? second : home;
                var start = new DateOnly(2015, 6, 1).AddDays(random.NextDouble() < 0.1 ? 0 : random.Next(5 * 365)); // some ties
                var kind = random.NextDouble();
                DateOnly? end = kind < 0.05 ? start : kind < 0.30 ? null : start.AddDays(random.Next(1, 900));
                var law = random.NextDouble() switch { < 0.5 => Law.Wmo, < 0.9 => Law.Jeugdwet, _ => Law.Participatiewet };
                var amount = random.NextDouble();
                var row = new StackingRow(
                    id += 2 + random.Next(3), Key($"client {client}"), $"D-{client}", Key($"address {address}"), PostcodeOf(address), law,
                    Products[random.Next(Products.Length)], Providers[random.Next(Providers.Length)], start, end,
                    amount is >= 0.4 and < 0.95 ? random.Next(1, 4_000) / 100m : null,
                    amount is >= 0.4 and < 0.97 ? (Frequency)random.Next(1, 7) : null,
                    amount is >= 0.4 and < 0.75 ? random.Next(500, 1_200_000) / 10_000m : null,
                    amount < 0.4 ? Money(60_000) : null);
                rows.Add(row);
                if (random.NextDouble() < 0.06)
                {
                    rows.Add(row with
                    {
                        Id = random.NextDouble() < 0.3 ? row.Id - 1 : ++id,   // sometimes the copy has the lower Id
                        EndDate = random.NextDouble() < 0.5 ? end : start.AddDays(random.Next(1, 400)),
                        Budget = random.NextDouble() < 0.5 ? row.Budget : Money(20_000),
                    });
                }
            }
        }

        for (var a = 1; a <= 700; a++)
        {
            var people = random.NextDouble() switch { < 0.80 => 1, < 0.93 => 2, < 0.98 => 3, _ => 4 };
            for (var p = 0; p < people; p++)
            {
                AddClient(a);
            }
        }

        for (var institution = 0; institution < 6; institution++)
        {
            var residents = random.Next(5, 9);
            for (var p = 0; p < residents; p++)
            {
                AddClient(5_000 + institution);
            }
        }

        return [.. rows.OrderBy(_ => random.Next())];
    }

    public static TheoryData<string, string?, bool, int> Filters => new()
    {
        { "2018-11-01", null, false, 4 },
        { "2018-11-01", "Wmo", false, 4 },
        { "2018-11-01", "Jeugdwet", true, 4 },
        { "2018-11-01", null, true, 2 },
        { "2017-03-15", null, false, 3 },
        { "2019-12-31", "Participatiewet", false, 4 },
        { "2020-02-29", null, true, 4 },
        { "2015-06-01", null, false, 4 },
        { "2025-01-01", null, false, 4 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void The_columns_give_the_same_tables_as_the_calculator(string date, string? lawName, bool noord, int threshold)
    {
        for (var seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed);
            var rows = Generate(random);
            var priceList = GeneratePriceList(random);
            var options = new StackingOptions(
                DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
                lawName is null ? null : Enum.Parse<Law>(lawName),
                noord ? Noord.ToHashSet() : null,
                threshold);

            var expected = StackingCalculator.Calculate(rows, options, priceList);
            var actual = Columns(rows, options, priceList);

            AssertSame(expected, actual);
        }
    }

    [Fact]
    public void The_generated_data_reaches_every_rule()
    {
        var random = new Random(1);
        var rows = Generate(random);
        var result = StackingCalculator.Calculate(rows, new StackingOptions(new DateOnly(2018, 11, 1)), GeneratePriceList(random));

        Assert.True(result.Revoked > 0 && result.Duplicates > 0 && result.UnpricedAssignments > 0);
        Assert.True(result.Institutions.Addresses > 0 && result.CrossLaw.Households > 0 && result.ProductPairs.Count == StackingOptions.TopPairs);
        Assert.Equal(StackingOptions.TopHouseholds, result.MostExpensiveHouseholds.Count);
        Assert.True(result.Provisions[^1].Clients > 0, "some clients should have five or more products");
    }

    [Fact]
    public void Without_rows_every_table_is_there_and_empty()
    {
        var options = new StackingOptions(new DateOnly(2018, 11, 1));

        AssertSame(StackingCalculator.Calculate([], options), Columns([], options, null));
    }

    [Fact]
    public void An_active_row_without_its_keys_is_refused()
    {
        var columns = new StackingColumns(new StackingOptions(new DateOnly(2018, 11, 1)));

        var error = Assert.Throws<ArgumentException>(() => columns.Add(
            1, "8011"u8, new DateOnly(2018, 1, 1), null, "D-1"u8, "02A06"u8, "12345678"u8, [], [], Law.Wmo, null, null, null, 1_000m));

        Assert.Contains("peildatum", error.Message, StringComparison.Ordinal);
    }

    private static decimal Round(decimal amount) => Math.Round(amount, 12, MidpointRounding.AwayFromZero);

    private static void AssertSame(StackingResult expected, StackingResult actual)
    {
        Assert.Equal(
            (expected.ReferenceDate, expected.Revoked, expected.Duplicates, expected.ActiveAssignments, expected.Clients, Round(expected.TotalAmount), expected.UnpricedAssignments),
            (actual.ReferenceDate, actual.Revoked, actual.Duplicates, actual.ActiveAssignments, actual.Clients, Round(actual.TotalAmount), actual.UnpricedAssignments));
        Assert.Equal(
            expected.Households.Select(h => (h.Clients, h.Addresses, Round(h.Amount))),
            actual.Households.Select(h => (h.Clients, h.Addresses, Round(h.Amount))));
        Assert.Equal(
            (expected.Institutions.Addresses, expected.Institutions.Clients, Round(expected.Institutions.Amount)),
            (actual.Institutions.Addresses, actual.Institutions.Clients, Round(actual.Institutions.Amount)));
        Assert.Equal(
            expected.Provisions.Select(p => (p.Provisions, p.Clients, Round(p.Amount))),
            actual.Provisions.Select(p => (p.Provisions, p.Clients, Round(p.Amount))));
        Assert.Equal(
            expected.ProductPairs.Select(p => (p.ProductA, p.ProductB, p.Clients, Round(p.Amount))),
            actual.ProductPairs.Select(p => (p.ProductA, p.ProductB, p.Clients, Round(p.Amount))));
        Assert.Equal(
            (expected.CrossLaw.Households, Round(expected.CrossLaw.Amount)),
            (actual.CrossLaw.Households, Round(actual.CrossLaw.Amount)));
        Assert.Equal(
            expected.MostExpensiveHouseholds.Select(h => (h.Household, h.Clients, h.Products, Round(h.Amount))),
            actual.MostExpensiveHouseholds.Select(h => (h.Household, h.Clients, h.Products, Round(h.Amount))));
    }
}
