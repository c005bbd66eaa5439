using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Formatting;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

public sealed class OverviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_wethouder_logs_in_and_sees_the_overview_with_Dutch_figures()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByLabel("E-mailadres").FillAsync("wethouder@demo.local");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("demo-banner")).ToContainTextAsync("Demonstratiegegevens");
        await Expect(page.GetByTestId("ingelogd-als")).ToContainTextAsync("wethouder@demo.local (Wethouder)");

        // The figures the page must show, read from the database the app uses.
        var table = (await browser.App.Services.GetRequiredService<BudgetService>().TableAsync(2017))!;
        var doorgaan2018 = (await browser.App.Services.GetRequiredService<ScenarioService>().DeficitsAsync())
            .Single(d => d.Scenario == "Doorgaan" && d.Year == 2018);

        var saldo = page.GetByRole(AriaRole.Group, new() { Name = "Saldo 2017" });
        await Expect(saldo.GetByTestId("kpi-waarde")).ToHaveTextAsync(Dutch.EuroMillions(table.Total.Balance));
        await Expect(saldo).ToContainTextAsync(Dutch.WholeEuro(table.Total.Balance));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Begroot 2017" }).GetByTestId("kpi-waarde")).ToHaveTextAsync(Dutch.EuroMillions(table.Total.Budget));
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Wmo" })).ToContainTextAsync("-3.220");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Doorgaan" })).ToContainTextAsync(Dutch.EuroMillions(doorgaan2018.Deficit));
        Assert.Equal("€ -5,2 mln", Dutch.EuroMillions(table.Total.Balance));
        Assert.Equal("€ -10,5 mln", Dutch.EuroMillions(doorgaan2018.Deficit));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Saldo 2017" }).GetByTestId("kpi-waarde")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("negatief"));

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("overzicht-wethouder"), FullPage = true });
    }

    [Fact]
    public async Task The_wethouder_opens_the_budget_table_from_the_menu()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync("wethouder@demo.local");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByRole(AriaRole.Link, new() { Name = "Begroting" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begroting", Level = 1 })).ToBeVisibleAsync();
        var table = (await browser.App.Services.GetRequiredService<BudgetService>().TableAsync(2017))!;
        var wmo = table[SociaalDomein.Domain.Budgets.BudgetDomain.Wmo]!;
        var wmoRow = page.GetByRole(AriaRole.Row, new() { Name = "Subtotaal Wmo" });
        await Expect(wmoRow).ToContainTextAsync(Dutch.Thousands(wmo.Subtotal.Balance));
        await Expect(wmoRow).ToContainTextAsync("45.318");

        await page.GetByLabel("Bedragen in hele euro's").CheckAsync();

        await Expect(wmoRow).ToContainTextAsync(Dutch.WholeEuro(wmo.Subtotal.Balance));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Beheer" })).ToHaveCountAsync(0);

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("begroting-2017"), FullPage = true });
    }
}
