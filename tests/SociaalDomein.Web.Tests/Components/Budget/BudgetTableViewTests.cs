using Bunit;
using Microsoft.AspNetCore.Components;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Web.Components.Budget;
using SociaalDomein.Web.Formatting;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The Bijlage-1 table of a year (<see cref="BudgetTableView"/>), the year's note (<see cref="YearNote"/>) and the
/// multi-year table (<see cref="MultiYearTable"/>), on tables built here.</summary>
public sealed class BudgetTableViewTests : MudBunitContext
{
    /// <summary>Wmo overspent (two lines, one with a mutation), Jeugd one line within budget.</summary>
    public static BudgetTable Table(int year = 2017, bool estimate = false) => BudgetTable.Build(year,
    [
        new BudgetRow("WMO-01", "Huishoudelijke hulp", BudgetDomain.Wmo, 1, 10_000_000m, 500_000m, estimate ? null : 11_200_000m, estimate),
        new BudgetRow("WMO-04", "Individuele begeleiding (IB)", BudgetDomain.Wmo, 2, 20_000_000m, 0m, estimate ? null : 19_000_000m, estimate),
        new BudgetRow("JGD-01", "Jeugdhulp ambulant", BudgetDomain.Jeugd, 1, 8_000_000m, -250_000m, estimate ? null : 6_000_000m, estimate),
    ]);

    private IRenderedComponent<BudgetTableView> View(BudgetTable table, bool thousands = true, RenderFragment<BudgetTableLine>? detail = null) =>
        Render<BudgetTableView>(p => p.Add(c => c.Table, table).Add(c => c.InThousands, thousands).Add(c => c.Detail, detail));

    private static string Cell(IRenderedComponent<BudgetTableView> view, string row, string column) =>
        view.Find($"[data-testid={row}] [data-testid={column}]").TextContent.Trim();

    [Fact]
    public void The_table_has_the_six_columns_of_Bijlage_1_and_a_row_per_line()
    {
        var view = View(Table());

        Assert.Equal(["Product", "Oorspronkelijk", "Mutaties", "Actueel", "Werkelijk", "Saldo", "% besteed"],
            view.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("10.000", Cell(view, "regel-WMO-01", "oorspronkelijk"));
        Assert.Equal("500", Cell(view, "regel-WMO-01", "mutaties"));
        Assert.Equal("10.500", Cell(view, "regel-WMO-01", "actueel"));
        Assert.Equal("11.200", Cell(view, "regel-WMO-01", "werkelijk"));
        Assert.Equal("106,7 %", Cell(view, "regel-WMO-01", "besteed"));
        Assert.Equal("Jeugdhulp ambulant", view.Find("[data-testid=regel-JGD-01] th").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=subtotaal-Jeugd]")); // one line: no subtotal, as before
    }

    [Fact]
    public void A_subtotal_is_the_sum_of_its_lines_and_the_total_the_sum_of_the_domains()
    {
        var view = View(Table(), thousands: false);

        Assert.Equal("Subtotaal Wmo", view.Find("[data-testid=subtotaal-Wmo] th").TextContent.Trim());
        Assert.Equal(Dutch.WholeEuro(30_000_000m), Cell(view, "subtotaal-Wmo", "oorspronkelijk"));
        Assert.Equal(Dutch.WholeEuro(500_000m), Cell(view, "subtotaal-Wmo", "mutaties"));
        Assert.Equal(Dutch.WholeEuro(30_500_000m), Cell(view, "subtotaal-Wmo", "actueel"));
        Assert.Equal(Dutch.WholeEuro(30_200_000m), Cell(view, "subtotaal-Wmo", "werkelijk"));
        Assert.Equal(Dutch.WholeEuro(300_000m), Cell(view, "subtotaal-Wmo", "saldo"));
        Assert.Equal(Dutch.WholeEuro(38_250_000m), Cell(view, "totaal", "actueel"));
        Assert.Equal(Dutch.WholeEuro(36_200_000m), Cell(view, "totaal", "werkelijk"));
    }

    [Fact]
    public void A_negative_balance_is_red_and_carries_a_sign_and_a_word_while_a_positive_one_has_neither()
    {
        var view = View(Table());

        var overspent = view.Find("[data-testid=regel-WMO-01] [data-testid=saldo]");
        Assert.Contains("negatief", overspent.ClassList);
        Assert.Equal("▼ -700 (overschrijding)", overspent.TextContent.Trim());
        Assert.Equal("true", overspent.QuerySelector("span[aria-hidden]")!.GetAttribute("aria-hidden"));
        Assert.Contains("visually-hidden", overspent.QuerySelector("span:last-child")!.ClassList);

        var within = view.Find("[data-testid=regel-WMO-04] [data-testid=saldo]");
        Assert.DoesNotContain("negatief", within.ClassList);
        Assert.Equal("1.000", within.TextContent.Trim());
    }

    [Fact]
    public void A_line_opens_its_detail_below_it_by_a_button_that_says_whether_it_is_open()
    {
        var view = View(Table(), detail: line => builder => builder.AddMarkupContent(0, $"<p class=\"proef\">{line.Code}</p>"));

        var button = view.Find("[data-testid=regel-WMO-04] button");
        Assert.Equal("Individuele begeleiding (IB)", button.TextContent.Trim());
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Empty(view.FindAll("p.proef"));

        button.Click();

        button = view.Find("[data-testid=regel-WMO-04] button");
        Assert.Equal("true", button.GetAttribute("aria-expanded"));
        Assert.Equal("detail-WMO-04", button.GetAttribute("aria-controls"));
        Assert.Equal("WMO-04", view.Find("#detail-WMO-04 p.proef").TextContent);

        button.Click();
        Assert.Empty(view.FindAll("p.proef"));
        Assert.Equal("false", view.Find("[data-testid=regel-WMO-04] button").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void An_estimate_year_and_a_closed_year_say_so_and_an_ordinary_year_says_nothing()
    {
        var estimate = Render<YearNote>(p => p.Add(c => c.Year, 2019).Add(c => c.IsEstimate, true));
        Assert.Contains("2019 is een jaar van de meerjarenraming", estimate.Find("[data-testid=jaaruitleg]").TextContent);

        var closed = Render<YearNote>(p => p.Add(c => c.Year, 2016).Add(c => c.ClosedAt, new DateTimeOffset(2017, 6, 30, 10, 0, 0, TimeSpan.Zero)));
        Assert.Contains("Dit jaar is afgesloten; er verandert niets meer aan", closed.Find("[data-testid=jaaruitleg]").TextContent);
        Assert.Contains("30-06-2017", closed.Find("[data-testid=jaaruitleg]").TextContent);

        var ordinary = Render<YearNote>(p => p.Add(c => c.Year, 2017));
        Assert.Empty(ordinary.FindAll("[data-testid=jaaruitleg]"));
    }

    [Fact]
    public void The_multi_year_table_puts_the_years_side_by_side_with_budget_and_actual_and_no_actual_for_an_estimate()
    {
        var table = Render<MultiYearTable>(p => p.Add(c => c.Tables, [Table(2016), Table(2017), Table(2018, estimate: true)]));

        Assert.Equal(["2016", "2017", "2018 (raming)"], table.FindAll("thead th[scope=colgroup]").Select(th => th.TextContent.Trim()));
        Assert.Equal(6, table.FindAll("thead th[scope=col].bedrag").Count);
        var wmo = table.Find("[data-testid=subtotaal-Wmo]");
        Assert.Equal("30.500", wmo.QuerySelector("[data-testid=actueel-2017]")!.TextContent.Trim());
        Assert.Equal("30.200", wmo.QuerySelector("[data-testid=werkelijk-2017]")!.TextContent.Trim());
        Assert.Equal("30.500", wmo.QuerySelector("[data-testid=actueel-2018]")!.TextContent.Trim());
        Assert.Equal("—", wmo.QuerySelector("[data-testid=werkelijk-2018]")!.TextContent.Trim());
        Assert.Equal(["Huishoudelijke hulp", "Individuele begeleiding (IB)", "Subtotaal Wmo", "Jeugdhulp ambulant", "Totaal"],
            table.FindAll("tbody th").Select(th => th.TextContent.Trim()));
    }
}
