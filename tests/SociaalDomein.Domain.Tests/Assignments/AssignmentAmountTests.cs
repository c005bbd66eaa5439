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
}
