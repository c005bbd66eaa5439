using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Web.Formatting;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>/begroting with the demo data as the wethouder reads it: Bijlage 1 of 2017 (the figures), a line's
/// drill-down with its monthly actuals, the multi-year view, and WCAG 2.1 AA in those states.</summary>
public sealed class BudgetTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Ib = "Individuele begeleiding (IB)";

    private async Task<IPage> OpenAsync(string role)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.LoginAsync(page, DemoAccounts.All.First(a => a.Role == role).Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Begroting" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begroting", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("begrotingstabel")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }

    [Fact]
    public async Task The_wethouder_sees_2017_by_default_with_the_Wmo_subtotal_of_Bijlage_1_and_its_overspend_marked()
    {
        var page = await OpenAsync(Roles.Wethouder);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begroting en realisatie 2017", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("jaaruitleg")).ToHaveCountAsync(0);

        // Bijlage 1 of 2017, × € 1.000: Wmo 45.318 budgeted, 48.538 spent, a deficit of 3.220.
        var wmo = page.GetByRole(AriaRole.Row, new() { Name = "Subtotaal Wmo" });
        await Expect(wmo.GetByTestId("actueel")).ToHaveTextAsync("45.318");
        await Expect(wmo.GetByTestId("werkelijk")).ToHaveTextAsync("48.538");
        await Expect(wmo.GetByTestId("saldo")).ToHaveTextAsync("▼ -3.220 (overschrijding)");
        await Expect(wmo.GetByTestId("saldo")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("negatief"));
        await Expect(wmo.GetByTestId("besteed")).ToHaveTextAsync("107,1 %");

        var table = (await browser.App.Services.GetRequiredService<BudgetService>().TableAsync(2017))!;
        await Expect(page.GetByTestId("totaal").GetByTestId("actueel")).ToHaveTextAsync(Dutch.Thousands(table.Total.Budget));
        await Expect(page.GetByTestId("domeingrafiek").Locator("rect.balk-begroot")).ToHaveCountAsync(table.Domains.Count);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download Excel" })).ToHaveAttributeAsync("href", "api/budget/export.xlsx?year=2017");

        // An estimate year says so.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Jaar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToContainTextAsync(["2015", "2016", "2017", "2018 (raming)", "2019 (raming)", "2020 (raming)", "2021 (raming)", "2022 (raming)"]);
        await Accessibility.AssertNoViolationsAsync(page, "Begroting, keuzelijst Jaar open");
        await page.GetByRole(AriaRole.Option, new() { Name = "2019 (raming)" }).ClickAsync();
        await Expect(page.GetByTestId("jaaruitleg")).ToContainTextAsync("2019 is een jaar van de meerjarenraming");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begroting en realisatie 2019", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download Excel" })).ToHaveAttributeAsync("href", "api/budget/export.xlsx?year=2019");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_drill_down_of_Individuele_begeleiding_shows_twelve_months_that_add_up_to_its_actual_and_meets_WCAG_21_AA()
    {
        var page = await OpenAsync(Roles.Wethouder);
        var line = (await browser.App.Services.GetRequiredService<BudgetService>().TableAsync(2017))![BudgetDomain.Wmo]!.Lines.Single(l => l.Line == Ib);
        var months = await browser.App.Services.GetRequiredService<BudgetService>().MonthsAsync(line.Code, 2017);
        Assert.Equal(12, months.Count);
        Assert.Equal(line.Figures.Actual, months.Sum(m => m.Amount));

        var button = page.GetByRole(AriaRole.Button, new() { Name = Ib });
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");

        await page.GetByLabel("Bedragen in hele euro's").CheckAsync();
        var detail = page.GetByTestId($"detail-{line.Code}");
        var rows = detail.GetByTestId("maandtabel").Locator("tbody tr[data-testid^=maand-]");
        await Expect(rows).ToHaveCountAsync(12);
        await Expect(rows.Locator("[data-testid=werkelijk]")).ToHaveTextAsync(months.Select(m => Dutch.WholeEuro(m.Amount)).ToArray());
        await Expect(detail.GetByTestId("maandtotaal").GetByTestId("werkelijk")).ToHaveTextAsync(Dutch.WholeEuro(line.Figures.Actual));
        await Expect(page.GetByTestId($"regel-{line.Code}").GetByTestId("werkelijk")).ToHaveTextAsync(Dutch.WholeEuro(line.Figures.Actual));
        await Expect(detail.GetByTestId("maandgrafiek").Locator("path.lijn")).ToHaveCountAsync(2);
        await Expect(detail.GetByRole(AriaRole.Link, new() { Name = "Alle mutaties" })).ToHaveAttributeAsync("href", "begroting/mutaties");

        await detail.GetByText("Tabel bij de grafiek").ClickAsync();
        await page.GetByTestId("domeingrafiek").GetByText("Tabel bij de grafiek").ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Begroting, drill-down Individuele begeleiding open");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("begroting-drilldown"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_multi_year_view_shows_2015_to_2017_and_the_estimate_years_side_by_side_and_meets_WCAG_21_AA()
    {
        var page = await OpenAsync(Roles.Wethouder);
        var budgets = browser.App.Services.GetRequiredService<BudgetService>();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Meerjarig" }).ClickAsync();

        var table = page.GetByTestId("meerjarig");
        await Expect(table).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var years = await budgets.YearSummariesAsync();
        await Expect(table.Locator("thead th[scope=colgroup]"))
            .ToHaveTextAsync(years.Select(y => y.IsEstimate ? $"{y.Year} (raming)" : $"{y.Year}").ToArray());
        Assert.Equal([2015, 2016, 2017], years.Where(y => !y.IsEstimate).Select(y => y.Year));

        var wmo = table.GetByTestId("subtotaal-Wmo");
        foreach (var year in new[] { 2015, 2016, 2017 })
        {
            var subtotal = (await budgets.TableAsync(year))![BudgetDomain.Wmo]!.Subtotal;
            await Expect(wmo.GetByTestId($"actueel-{year}")).ToHaveTextAsync(Dutch.Thousands(subtotal.Budget));
            await Expect(wmo.GetByTestId($"werkelijk-{year}")).ToHaveTextAsync(Dutch.Thousands(subtotal.Actual));
        }

        await Expect(wmo.GetByTestId("actueel-2017")).ToHaveTextAsync("45.318");
        await Expect(wmo.GetByTestId("werkelijk-2017")).ToHaveTextAsync("48.538");
        await Expect(wmo.GetByTestId("werkelijk-2019")).ToHaveTextAsync("—");

        await Accessibility.AssertNoViolationsAsync(page, "Begroting, meerjarig");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("begroting-meerjarig"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
