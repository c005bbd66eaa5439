using System.Globalization;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.DemoData;

namespace SociaalDomein.Infrastructure.Tests.Forecasts;

/// <summary>
/// Zwolle's LVB story of 2017 in the demo (issue 11 point 7; docs/domain.md §7, "The demo's lag story"): the ledger of
/// JGD-03 is made of its claims, booked when they come in, so that as of 30 September 2017 the linear forecast falls some
/// € 1,8 mln short of the year and the lag-adjusted forecast, which learns the lag from 2015 and 2016, lands close. Every
/// figure is read from the demo database: the forecasts from <see cref="ForecastService"/>, the outcome and the ledger with
/// plain SQL.
/// </summary>
public sealed class DemoLagStoryTests(SeededDemoFixture demo) : IClassFixture<SeededDemoFixture>
{
    private const string Line = "JGD-03";
    private const decimal Million = 1_000_000m;

    /// <summary>Approved claims of the line's claim group (its law and product categories, as stored), per service year.</summary>
    private const string LineClaims =
        """
        FROM "Claims" c
        JOIN "ClaimGroupCategories" g ON g."Law" = c."Law" AND g."ProductCategory" = c."ProductCategory"
        JOIN "BudgetLines" l ON l."Id" = g."BudgetLineId" AND l."Code" = 'JGD-03'
        WHERE c."Status" = 2
        """;

    private ForecastService Service() =>
        new(demo.Database.ContextFactory, new BudgetService(demo.Database.ContextFactory), TimeProvider.System);

    private async Task<decimal> OutcomeAsync(int year) => (decimal)(await demo.RowsAsync(
        $"""SELECT y."Actual" FROM "BudgetLineYears" y JOIN "BudgetLines" l ON l."Id" = y."BudgetLineId" WHERE l."Code" = '{Line}' AND y."Year" = {year}"""))[0][0];

    [Fact]
    public async Task As_of_30_September_2017_linear_falls_about_1_8_million_short_of_LVB_and_lag_adjusted_lands_within_0_3_million()
    {
        var outcome = await OutcomeAsync(2017);

        var report = (await Service().ForecastAsync(2017, new DateOnly(2017, 9, 30))).Value!;

        var lvb = report.Lines.Single(l => l.Code == Line).Figures;
        var linear = lvb.Linear.Amount!.Value;
        var lagAdjusted = lvb.LagAdjusted.Amount!.Value;
        Assert.InRange(outcome - linear, 1.5m * Million, 2.1m * Million);
        Assert.InRange(Math.Abs(lagAdjusted - outcome), 0m, 0.3m * Million);
        Assert.Equal(ForecastMethod.LagAdjusted, lvb.Method); // the backtest of 2015 and 2016 has it as the best
        Assert.Equal(lagAdjusted, lvb.Recommended.Amount);
    }

    [Fact]
    public async Task LVB_monthly_actuals_are_its_claims_by_submission_month_with_what_came_in_after_the_year_in_December()
    {
        var ledger = (await demo.RowsAsync(
                $"""
                SELECT a."Year", a."Month", a."Amount" FROM "ActualMonths" a JOIN "BudgetLines" l ON l."Id" = a."BudgetLineId"
                WHERE l."Code" = '{Line}'
                """))
            .ToDictionary(r => ((int)r[0], (int)r[1]), r => (decimal)r[2]);
        var booked = (await demo.RowsAsync(
                $"""
                SELECT extract(year FROM c."PeriodStart")::int,
                       CASE WHEN extract(year FROM c."SubmittedOn") > extract(year FROM c."PeriodStart") THEN 12
                            ELSE extract(month FROM c."SubmittedOn")::int END,
                       sum(c."Amount")
                {LineClaims} AND c."PeriodStart" < DATE '2018-01-01'
                GROUP BY 1, 2
                """))
            .ToDictionary(r => ((int)r[0], (int)r[1]), r => (decimal)r[2]);
        var expected = Enumerable.Range(2015, 3).SelectMany(y => Enumerable.Range(1, 12).Select(m => (Key: (y, m), Amount: booked.GetValueOrDefault((y, m)))));

        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Amount), ledger);
        foreach (var year in new[] { 2015, 2016, 2017 })
        {
            Assert.Equal(await OutcomeAsync(year), Enumerable.Range(1, 12).Sum(m => ledger[(year, m)])); // Bijlage 1, to the cent
        }
    }

    [Fact]
    public async Task LVB_claims_come_mostly_the_next_month_with_a_tail_of_up_to_nine_months_and_later_in_2017_than_before()
    {
        var rows = (await demo.RowsAsync(
                $"""
                SELECT extract(year FROM c."PeriodStart")::int,
                       sum(c."Amount") FILTER (WHERE (extract(year FROM c."SubmittedOn") * 12 + extract(month FROM c."SubmittedOn"))
                           - (extract(year FROM c."PeriodStart") * 12 + extract(month FROM c."PeriodStart")) <= 1) / sum(c."Amount"),
                       max(c."SubmittedOn" - (date_trunc('month', c."PeriodStart") + interval '1 month - 1 day')::date)
                {LineClaims} AND c."PeriodStart" < DATE '2018-01-01' AND c."CreditOfId" IS NULL
                GROUP BY 1 ORDER BY 1
                """))
            .ToDictionary(r => (int)r[0], r => (NextMonth: (decimal)r[1], LongestDays: (int)r[2]));

        Assert.Equal([2015, 2016, 2017], rows.Keys);
        Assert.All(rows.Values, r => Assert.InRange(r.NextMonth, 0.6m, 0.9m));
        Assert.All(rows.Values, r => Assert.InRange(r.LongestDays, 150, 366)); // a tail, and nothing a year late
        Assert.True(rows[2017].NextMonth < Math.Min(rows[2015].NextMonth, rows[2016].NextMonth) - 0.04m,
            string.Create(CultureInfo.InvariantCulture, $"2017's claims come later: {rows[2017].NextMonth:P1} in the next month against {rows[2016].NextMonth:P1} in 2016"));
    }
}
