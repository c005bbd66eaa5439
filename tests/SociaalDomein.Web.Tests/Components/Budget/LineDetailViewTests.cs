using Bunit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Web.Components.Budget;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>A line's drill-down (<see cref="LineDetailView"/>): actual per month against the budget's cumulative pace, and
/// its mutations read-only.</summary>
public sealed class LineDetailViewTests : MudBunitContext
{
    private static readonly BudgetTableLine Line = new("WMO-04", "Individuele begeleiding (IB)", new BudgetFigures(12_000_000m, 1_200_000m, 6_000_000m));

    /// <summary>Four months booked, March empty.</summary>
    private static readonly MonthAmount[] Months = [new(1, 1_000_000m), new(2, 1_500_000m), new(4, 3_500_000m)];

    private static MutationSummary Mutation(int id, MutationStatus status, decimal amount, bool structural, string? decision = null) => new(
        id, "WMO-04", "Individuele begeleiding (IB)", 2017, amount, MutationKind.Berap1, structural, "Meer cliënten", status,
        "controller@demo.local", DateTimeOffset.UnixEpoch, null, null, null, decision, 1);

    private IRenderedComponent<LineDetailView> Detail(IReadOnlyList<MonthAmount> months, IReadOnlyList<MutationSummary>? mutations = null) =>
        Render<LineDetailView>(p => p.Add(c => c.Line, Line).Add(c => c.Year, 2017).Add(c => c.Months, months).Add(c => c.Mutations, mutations ?? []));

    [Fact]
    public void The_pace_is_the_current_budget_times_the_month_over_twelve_and_the_actual_adds_up_until_the_last_booked_month()
    {
        var pace = MonthlyPace.Build(13_200_000m, Months);

        Assert.Equal(Enumerable.Range(1, 12).Select(m => 1_100_000m * m), pace.Select(p => p.Pace));
        Assert.Equal([1_000_000m, 2_500_000m, 2_500_000m, 6_000_000m, null, null, null, null, null, null, null, null], pace.Select(p => p.Cumulative));
        Assert.Equal([1_000_000m, 1_500_000m, null, 3_500_000m], pace.Take(4).Select(p => p.Actual));
    }

    [Fact]
    public void The_chart_draws_the_cumulative_actual_against_the_pace_with_a_table_and_the_months_add_up_to_the_actual()
    {
        var detail = Detail(Months);

        var lines = detail.FindAll("[data-testid=maandgrafiek] path.lijn");
        Assert.Equal(["Werkelijk (cumulatief)", "Begrotingstempo"], lines.Select(l => l.GetAttribute("data-serie")));
        Assert.Equal(4, lines[0].GetAttribute("d")!.Split('L').Length); // jan–apr
        Assert.Equal(12, lines[1].GetAttribute("d")!.Split('L').Length);
        Assert.Contains("Begrotingstempo van 1,1 naar 13,2", detail.Find("[data-testid=maandgrafiek] svg").GetAttribute("aria-label"));

        Assert.Equal(12, detail.FindAll("[data-testid=maandtabel] tbody tr[data-testid^=maand-]").Count);
        string Cell(string row, string column) => detail.Find($"[data-testid={row}] [data-testid={column}]").TextContent.Trim();
        Assert.Equal("1.100", Cell("maand-1", "tempo"));
        Assert.Equal("3.300", Cell("maand-3", "tempo"));
        Assert.Equal("—", Cell("maand-3", "werkelijk"));
        Assert.Equal("2.500", Cell("maand-3", "cumulatief"));
        Assert.Equal("▼ -1.600 (overschrijding)", Cell("maand-4", "verschil")); // 4.400 pace − 6.000 spent
        Assert.Equal("—", Cell("maand-5", "cumulatief"));
        Assert.Equal("6.000", Cell("maandtotaal", "werkelijk"));
        Assert.Equal("13.200", Cell("maandtotaal", "tempo"));
    }

    [Fact]
    public void Without_monthly_actuals_it_says_so_and_draws_no_chart()
    {
        var detail = Detail([]);

        Assert.Contains("Voor 2017 zijn nog geen maandcijfers geboekt.", detail.Find("[data-testid=geen-maanden]").TextContent);
        Assert.Empty(detail.FindAll("[data-testid=maandgrafiek]"));
        Assert.Contains("geen mutaties", detail.Find("[data-testid=geen-mutaties]").TextContent);
    }

    [Fact]
    public void The_mutations_are_listed_read_only_with_status_kind_amount_term_author_and_reason_and_a_link_to_all()
    {
        var detail = Detail(Months, [Mutation(7, MutationStatus.Approved, 1_200_000m, true), Mutation(8, MutationStatus.Rejected, -50_000.5m, false, "Dubbel")]);

        Assert.Equal(["Goedgekeurd", "Berap 1", Dutch.WholeEuro(1_200_000m), "Structureel vanaf 2017", "controller@demo.local", "Meer cliënten"],
            detail.FindAll("[data-testid=mutatie-7] td").Select(td => td.TextContent.Trim()));
        var rejected = detail.FindAll("[data-testid=mutatie-8] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Afgewezen", Dutch.Euro(-50_000.5m), "Incidenteel 2017", "Meer cliënten (afgewezen: Dubbel)"], [rejected[0], rejected[2], rejected[3], rejected[5]]);
        Assert.Empty(detail.FindAll("[data-testid=mutatietabel] button, [data-testid=mutatietabel] input"));
        Assert.Equal("begroting/mutaties", detail.Find("[data-testid=alle-mutaties]").GetAttribute("href"));
        Assert.Equal("Alle mutaties", detail.Find("[data-testid=alle-mutaties]").TextContent.Trim());
    }
}
