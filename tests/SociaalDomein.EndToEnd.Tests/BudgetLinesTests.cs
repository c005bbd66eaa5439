using Microsoft.Playwright;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>/begroting/posten: a controller changes the original budget of WMO-04 for 2019 in its dialog; a wrong amount
/// and a missing reason are told under their fields and nothing is stored. Its own app and database, since it changes
/// the budget.</summary>
public sealed class BudgetLinesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_controller_changes_an_original_budget_with_errors_under_the_fields_first()
    {
        var page = await browser.NewPageAsync();
        var controller = DemoAccounts.All.First(a => a.Role == Roles.Controller);
        await BrowserFixture.LoginAsync(page, controller.Email, DemoAccounts.Password);
        await page.GotoAsync("/begroting/posten");
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = page.GetByTestId("post-WMO-04");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await row.GetByRole(AriaRole.Button, new() { Name = "Oorspronkelijke begroting WMO-04 2019 wijzigen" }).ClickAsync();
        var dialog = page.GetByTestId("oorspronkelijk-dialoog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Bedrag (in euro's)").FillAsync("1.5");
        await page.GetByTestId("opslaan").ClickAsync();
        await Expect(dialog).ToContainTextAsync("is geen bedrag");
        await dialog.GetByLabel("Bedrag (in euro's)").FillAsync("1.250.000,50");
        await page.GetByTestId("opslaan").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Geef een reden");
        await Accessibility.AssertNoViolationsAsync(page, "/begroting/posten, dialoog met fouten");

        await dialog.GetByLabel("Reden").FillAsync("Raadsbesluit 12 november");
        await page.GetByTestId("opslaan").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("€ 1.250.000,50");
        await page.Context.CloseAsync();
    }
}
