using SociaalDomein.Domain.Budgets;

namespace SociaalDomein.Domain.Tests.Budgets;

public class BudgetTableTests
{
    private static BudgetRow Row(string line, BudgetDomain domain, int sortOrder, decimal budget, decimal? actual) =>
        new(line.ToUpperInvariant(), line, domain, sortOrder, budget, 0m, actual);

    [Fact]
    public void Domains_follow_the_enum_order_whatever_the_order_of_the_rows()
    {
        var table = BudgetTable.Build(2017,
        [
            Row("Armoede", BudgetDomain.Armoede, 1, 10m, 10m),
            Row("Dagbesteding", BudgetDomain.Wmo, 1, 10m, 10m),
            Row("Bijstand", BudgetDomain.Bijstand, 1, 10m, 10m),
            Row("Beschermd wonen (BW)", BudgetDomain.BeschermdWonen, 1, 10m, 10m),
            Row("Jeugd-GGZ", BudgetDomain.Jeugd, 1, 10m, 10m),
            Row("Participatie", BudgetDomain.Participatie, 1, 10m, 10m),
        ]);

        Assert.Equal(
            [BudgetDomain.BeschermdWonen, BudgetDomain.Wmo, BudgetDomain.Jeugd, BudgetDomain.Participatie, BudgetDomain.Bijstand, BudgetDomain.Armoede],
            table.Domains.Select(d => d.Domain));
    }

    [Fact]
    public void Lines_follow_their_sort_order_within_a_domain()
    {
        var table = BudgetTable.Build(2017,
        [
            Row("Opvang", BudgetDomain.Wmo, 6, 1m, 1m),
            Row("Dagbesteding", BudgetDomain.Wmo, 1, 1m, 1m),
            Row("Individuele begeleiding (IB)", BudgetDomain.Wmo, 4, 1m, 1m),
            Row("Eigen bijdrage", BudgetDomain.Wmo, 2, 1m, 1m),
        ]);

        Assert.Equal(
            ["Dagbesteding", "Eigen bijdrage", "Individuele begeleiding (IB)", "Opvang"],
            table[BudgetDomain.Wmo]!.Lines.Select(l => l.Line));
    }

    [Fact]
    public void Lines_keep_their_own_figures()
    {
        var table = BudgetTable.Build(2017,
        [
            Row("Huishoudelijke hulp (HH)", BudgetDomain.Wmo, 3, 8_084_000m, 7_354_000m),
            Row("Individuele begeleiding (IB)", BudgetDomain.Wmo, 4, 9_985_000m, 13_439_000m),
        ]);

        var ib = Assert.Single(table[BudgetDomain.Wmo]!.Lines, l => l.Line == "Individuele begeleiding (IB)");
        Assert.Equal(new BudgetFigures(9_985_000m, 0m, 13_439_000m), ib.Figures);
        Assert.Equal(-3_454_000m, ib.Figures.Balance);
    }

    [Fact]
    public void A_subtotal_sums_the_lines_of_its_own_domain_only()
    {
        var table = BudgetTable.Build(2017,
        [
            Row("Dagbesteding", BudgetDomain.Wmo, 1, 100m, 90m),
            Row("Eigen bijdrage", BudgetDomain.Wmo, 2, -30m, -20m),
            Row("Opvang", BudgetDomain.Wmo, 3, 50.25m, 60.50m),
            Row("Jeugd-GGZ", BudgetDomain.Jeugd, 1, 1_000m, 2_000m),
        ]);

        Assert.Equal(new BudgetFigures(120.25m, 0m, 130.50m), table[BudgetDomain.Wmo]!.Subtotal);
        Assert.Equal(-10.25m, table[BudgetDomain.Wmo]!.Subtotal.Balance);
        Assert.Equal(new BudgetFigures(1_000m, 0m, 2_000m), table[BudgetDomain.Jeugd]!.Subtotal);
    }

    [Fact]
    public void The_total_sums_all_domains()
    {
        var table = BudgetTable.Build(2016,
        [
            Row("Beschermd wonen (BW)", BudgetDomain.BeschermdWonen, 1, 500m, 400m),
            Row("Dagbesteding", BudgetDomain.Wmo, 1, 100m, 150m),
            Row("Opvang", BudgetDomain.Wmo, 2, 20m, 10m),
            Row("Armoede", BudgetDomain.Armoede, 1, 7m, 3m),
        ]);

        Assert.Equal(new BudgetFigures(627m, 0m, 563m), table.Total);
        Assert.Equal(64m, table.Total.Balance);
        Assert.Equal(table.Domains.Sum(d => d.Subtotal.Budget), table.Total.Budget);
    }

    [Theory]
    [InlineData(100, 80, 20)]
    [InlineData(100, 120, -20)]
    [InlineData(0, 49_142, -49_142)]
    [InlineData(-3_283_057, -3_181_970, -101_087)]
    [InlineData(45_318_000.10, 48_538_000.35, -3_220_000.25)]
    public void Balance_is_budget_minus_actual(decimal budget, decimal actual, decimal balance)
    {
        var table = BudgetTable.Build(2017, [Row("Dagbesteding", BudgetDomain.Wmo, 1, budget, actual)]);

        Assert.Equal(balance, table[BudgetDomain.Wmo]!.Lines[0].Figures.Balance);
        Assert.Equal(balance, table[BudgetDomain.Wmo]!.Subtotal.Balance);
        Assert.Equal(balance, table.Total.Balance);
    }

    [Theory]
    [InlineData(1_000, 1_000)]
    [InlineData(-250, -250)]
    [InlineData(0, 0)]
    public void A_missing_actual_counts_as_zero(decimal budget, decimal expectedBalance)
    {
        var table = BudgetTable.Build(2018,
        [
            Row("Dagbesteding", BudgetDomain.Wmo, 1, budget, null),
            Row("Opvang", BudgetDomain.Wmo, 2, 10m, 4m),
        ]);

        var line = table[BudgetDomain.Wmo]!.Lines[0];
        Assert.Equal(0m, line.Figures.Actual);
        Assert.Equal(expectedBalance, line.Figures.Balance);
        Assert.Equal(new BudgetFigures(budget + 10m, 0m, 4m), table[BudgetDomain.Wmo]!.Subtotal);
    }

    [Fact]
    public void A_domain_without_rows_is_left_out()
    {
        var table = BudgetTable.Build(2017,
        [
            Row("Jeugd-GGZ", BudgetDomain.Jeugd, 1, 1m, 1m),
            Row("Armoede", BudgetDomain.Armoede, 1, 1m, 1m),
        ]);

        Assert.Equal([BudgetDomain.Jeugd, BudgetDomain.Armoede], table.Domains.Select(d => d.Domain));
        Assert.Null(table[BudgetDomain.Wmo]);
        Assert.Equal(2017, table.Year);
    }

    [Fact]
    public void No_rows_give_an_empty_table_with_a_zero_total()
    {
        var table = BudgetTable.Build(2015, []);

        Assert.Empty(table.Domains);
        Assert.Equal(new BudgetFigures(0m, 0m, 0m), table.Total);
    }

    [Fact]
    public void The_current_budget_is_the_original_plus_the_approved_mutations_and_the_balance_follows()
    {
        var table = BudgetTable.Build(2019,
        [
            new BudgetRow("WMO-04", "Individuele begeleiding (IB)", BudgetDomain.Wmo, 4, 9_985_000m, 500_000m, 10_000_000m, IsEstimate: true),
            new BudgetRow("WMO-03", "Huishoudelijke hulp (HH)", BudgetDomain.Wmo, 3, 8_000_000m, -100_000m, null, IsEstimate: true),
        ]);

        var ib = table[BudgetDomain.Wmo]!.Lines.Single(l => l.Code == "WMO-04").Figures;
        Assert.Equal((10_485_000m, 485_000m), (ib.Budget, ib.Balance));
        Assert.Equal(10_000_000m / 10_485_000m, ib.Spent);
        Assert.Equal(new BudgetFigures(17_985_000m, 400_000m, 10_000_000m), table.Total);
        Assert.Equal(18_385_000m, table.Total.Budget);
        Assert.True(table.IsEstimate);
        Assert.Null(BudgetFigures.Zero.Spent);
        Assert.Null(new BudgetFigures(-8_500m, 0m, -7_000m).Spent); // an income line: "spent" means nothing
    }
}
