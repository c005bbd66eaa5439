using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Tests.Assignments;

public class AssignmentAmountTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string?, decimal, int, decimal> Budgets => new()
    {
        // case, start, end, budget, year, expected
        { "a whole year", "2018-01-01", "2018-12-31", 3_650m, 2018, 3_650m },
        { "half in the year", "2018-07-01", "2019-06-30", 1_000m, 2018, 1_000m * 184 / 365 },
        { "the other half", "2018-07-01", "2019-06-30", 1_000m, 2019, 1_000m * 181 / 365 },
        { "a leap year whole", "2020-01-01", "2020-12-31", 366m, 2020, 366m },
        { "across a leap day", "2019-07-01", "2020-06-30", 1_000m, 2020, 1_000m * 182 / 366 },
        { "two days", "2018-03-05", "2018-03-06", 200m, 2018, 200m },
        { "a year it does not touch", "2018-01-01", "2018-12-31", 3_650m, 2019, 0m },
        { "open-ended: spread until 31 Dec of the year", "2017-01-01", null, 1_000m, 2018, 1_000m * 365 / 730 },
        { "open-ended, started in the year", "2018-07-01", null, 1_000m, 2018, 1_000m },
        { "open-ended, starting after the year", "2019-01-01", null, 1_000m, 2018, 0m },
        { "end before start", "2018-05-01", "2018-04-01", 1_000m, 2018, 0m },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public void A_budget_is_spread_evenly_over_the_days_of_its_period(string @case, string start, string? end, decimal budget, int year, decimal expected)
    {
        var amount = AssignmentAmount.InYear(D(start), end is null ? null : D(end), budget, null, null, null, year);

        Assert.True(expected == amount, $"{@case}: expected {expected}, got {amount}");
    }

    public static TheoryData<string, string, string?, decimal, decimal, Frequency, int, decimal> Volumes => new()
    {
        // case, start, end, volume, tariff, frequency, year, expected
        { "per day, whole year", "2018-01-01", "2018-12-31", 1m, 10m, Frequency.PerDay, 2018, 3_650m },
        { "per day, whole leap year", "2020-01-01", "2020-12-31", 1m, 10m, Frequency.PerDay, 2020, 3_650m },
        { "per day, March of a leap year", "2020-03-01", "2020-03-31", 1m, 10m, Frequency.PerDay, 2020, 10m * 365 * 31 / 366 },
        { "per week", "2018-01-01", null, 2m, 50m, Frequency.PerWeek, 2018, 5_200m },
        { "per 4 weeks", "2018-01-01", null, 3m, 20m, Frequency.Per4Weeks, 2018, 780m },
        { "per month, from July", "2018-07-01", "2019-12-31", 4m, 25.5m, Frequency.PerMonth, 2018, 4m * 25.5m * 12 * 184 / 365 },
        { "per year", "2018-01-01", "2018-12-31", 1m, 1_234.5678m, Frequency.PerYear, 2018, 1_234.5678m },
        { "per week, open-ended, counts until 31 Dec", "2016-04-01", null, 1.5m, 70m, Frequency.PerWeek, 2018, 1.5m * 70m * 52 },
        { "total within the period", "2018-01-01", "2019-12-31", 10m, 100m, Frequency.Total, 2018, 500m },
        { "total, open-ended: as an open-ended budget", "2018-07-01", null, 10m, 100m, Frequency.Total, 2018, 1_000m },
    };

    [Theory]
    [MemberData(nameof(Volumes))]
    public void A_volume_costs_volume_times_tariff_times_occurrences_per_year_for_the_days_in_the_year(
        string @case, string start, string? end, decimal volume, decimal tariff, Frequency frequency, int year, decimal expected)
    {
        var amount = AssignmentAmount.InYear(D(start), end is null ? null : D(end), null, volume, tariff, frequency, year);

        Assert.True(expected == amount, $"{@case}: expected {expected}, got {amount}");
    }

    [Theory]
    [InlineData(null, 2.0, 3.0)]   // no frequency
    [InlineData(2, null, 3.0)]     // no volume
    [InlineData(2, 2.0, null)]     // no tariff
    public void Missing_data_gives_an_amount_of_zero(int? frequency, double? volume, double? tariff)
    {
        var amount = AssignmentAmount.InYear(D("2018-01-01"), D("2018-12-31"), null, (decimal?)volume, (decimal?)tariff, (Frequency?)frequency, 2018);

        Assert.Equal(0m, amount);
    }

    [Fact]
    public void A_budget_wins_over_a_volume()
    {
        var amount = AssignmentAmount.InYear(D("2018-01-01"), D("2018-12-31"), 1_000m, 5m, 5m, Frequency.PerDay, 2018);

        Assert.Equal(1_000m, amount);
    }

    [Fact]
    public void Amounts_are_not_rounded()
    {
        var amount = AssignmentAmount.InYear(D("2018-12-31"), D("2019-01-02"), 100m, null, null, null, 2018); // 1 of 3 days

        Assert.Equal(100m / 3, amount);
        Assert.NotEqual(Math.Round(amount, 2), amount);
    }

    [Theory]
    [InlineData(Frequency.PerDay, 365)]
    [InlineData(Frequency.PerWeek, 52)]
    [InlineData(Frequency.Per4Weeks, 13)]
    [InlineData(Frequency.PerMonth, 12)]
    [InlineData(Frequency.PerYear, 1)]
    public void Each_frequency_occurs_a_fixed_number_of_times_per_year(Frequency frequency, int perYear) =>
        Assert.Equal(perYear, AssignmentAmount.PerYear(frequency));

    // ---- The price list (docs/domain.md §4): an assignment without budget and without a tariff of its own ----

    private static TariffPeriod Entry(string from, string? to, decimal amount, bool forProvider = false) =>
        new(D(from), to is null ? null : D(to), amount, forProvider);

    private static PricedAmount Priced(string start, string? end, decimal? tariff, Frequency frequency, int year, params TariffPeriod[] priceList) =>
        AssignmentAmount.Priced(D(start), end is null ? null : D(end), null, 2m, tariff, frequency, year, priceList);

    [Fact]
    public void An_own_tariff_wins_over_the_price_list()
    {
        var amount = Priced("2018-01-01", "2018-12-31", 50m, Frequency.PerWeek, 2018, Entry("2010-01-01", null, 80m, forProvider: true));

        Assert.Equal(new PricedAmount(2m * 50m * 52, false), amount);
    }

    [Fact]
    public void Without_an_own_tariff_the_price_list_gives_it()
    {
        var amount = Priced("2018-01-01", "2018-12-31", null, Frequency.PerWeek, 2018, Entry("2010-01-01", null, 80m));

        Assert.Equal(2m * 80m * 52, amount.Amount);
        Assert.False(amount.PartlyPriced);
    }

    [Fact]
    public void The_entry_for_the_provider_beats_the_entry_for_all_providers()
    {
        var amount = Priced("2018-01-01", "2018-12-31", null, Frequency.PerWeek, 2018,
            Entry("2010-01-01", null, 80m), Entry("2015-01-01", null, 65m, forProvider: true), Entry("2016-01-01", null, 90m));

        Assert.Equal(2m * 65m * 52, amount.Amount);
    }

    [Fact]
    public void A_provider_entry_starting_mid_year_takes_over_from_the_generic_one_from_that_day()
    {
        // 1 Jan … 30 Jun (181 days) at the generic 80, 1 Jul … 31 Dec (184 days) at the provider's 70
        var amount = Priced("2018-01-01", null, null, Frequency.PerDay, 2018,
            Entry("2010-01-01", null, 80m), Entry("2018-07-01", null, 70m, forProvider: true));

        Assert.Equal(2m * (80m * 181 + 70m * 184) * 365 / 365, amount.Amount);
    }

    [Fact]
    public void A_change_of_price_mid_year_splits_the_year_and_adds_the_parts()
    {
        // from 1 March 2018 (59 days before, 306 after), an assignment from 1 February 2018 (28 days at the old price)
        var amount = Priced("2018-02-01", "2019-06-30", null, Frequency.PerMonth, 2018,
            Entry("2017-01-01", "2018-02-28", 60m), Entry("2018-03-01", null, 63.5m));

        Assert.Equal(2m * (60m * 28 + 63.5m * 306) * 12 / 365, amount.Amount);
        Assert.False(amount.PartlyPriced);
    }

    [Fact]
    public void Days_in_a_gap_of_the_price_list_count_zero_and_the_assignment_is_partly_priced()
    {
        // priced until 31 March (90 days), nothing from 1 April to 30 September, priced again from 1 October (92 days)
        var amount = Priced("2018-01-01", "2018-12-31", null, Frequency.PerWeek, 2018,
            Entry("2017-01-01", "2018-03-31", 50m), Entry("2018-10-01", null, 55m));

        Assert.Equal(2m * (50m * 90 + 55m * 92) * 52 / 365, amount.Amount);
        Assert.True(amount.PartlyPriced);
    }

    [Fact]
    public void Frequency_total_with_a_price_list_spreads_volume_times_price_over_the_period()
    {
        // 2 units in total over 2018–2019 (730 days); the price is 100 in 2018 and 120 from 2019
        var prices = new[] { Entry("2018-01-01", "2018-12-31", 100m), Entry("2019-01-01", null, 120m) };

        var in2018 = Priced("2018-01-01", "2019-12-31", null, Frequency.Total, 2018, prices);
        var in2019 = Priced("2018-01-01", "2019-12-31", null, Frequency.Total, 2019, prices);

        Assert.Equal(2m * 100m * 365 / 730, in2018.Amount);
        Assert.Equal(2m * 120m * 365 / 730, in2019.Amount);
    }

    [Fact]
    public void Without_any_tariff_there_is_no_amount_rather_than_zero()
    {
        Assert.Null(Priced("2018-01-01", "2018-12-31", null, Frequency.PerWeek, 2018).Amount);
        // an entry that does not cover any day of the overlap with the year is no price either
        Assert.Null(Priced("2018-01-01", "2018-12-31", null, Frequency.PerWeek, 2018, Entry("2019-01-01", null, 80m)).Amount);
        Assert.Null(AssignmentAmount.InYear(D("2018-01-01"), null, null, null, null, null, 2018, [Entry("2010-01-01", null, 80m)]));
        Assert.Null(AssignmentAmount.InYear(D("2018-01-01"), null, null, 2m, 30m, null, 2018, []));
    }

    [Fact]
    public void A_period_outside_the_year_has_amount_zero_in_it_priced_or_not()
    {
        Assert.Equal(0m, Priced("2017-01-01", "2017-12-31", null, Frequency.PerWeek, 2018).Amount);
    }

    [Fact]
    public void A_budget_needs_no_price()
    {
        var amount = AssignmentAmount.InYear(D("2018-01-01"), D("2018-12-31"), 1_000m, 2m, null, Frequency.PerWeek, 2018, []);

        Assert.Equal(1_000m, amount);
    }

    [Fact]
    public void The_price_list_picks_the_entries_of_the_product_for_the_provider_and_for_all()
    {
        var list = new PriceList([
            new PriceListEntry("02A06", null, D("2018-01-01"), null, 50m),
            new PriceListEntry("02A06", "12345678", D("2018-01-01"), null, 45m),
            new PriceListEntry("02A06", "87654321", D("2018-01-01"), null, 40m),
            new PriceListEntry("02A07", null, D("2018-01-01"), null, 70m),
        ]);

        Assert.Equal(
            [new TariffPeriod(D("2018-01-01"), null, 50m, false), new TariffPeriod(D("2018-01-01"), null, 45m, true)],
            list.For("02A06", "12345678"));
        Assert.Equal([new TariffPeriod(D("2018-01-01"), null, 70m, false)], list.For("02A07", "12345678"));
        Assert.Empty(list.For("02A09", "12345678"));
    }
}
