using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Scenarios;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>The acceptance path for a controller on /prognose: a new measure of € 1,0 mln in 2019 from
/// Optimaliseren moves that scenario's 2019 point by +1,0 once the recompute job (the app's own Hangfire server) ran,
/// and the measure's history in the audit log shows who added it. Its own app and database, since it changes the plan.</summary>
public sealed class ForecastEditingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_controller_adds_a_measure_and_after_the_job_Optimaliseren_2019_moves_by_one_million()
    {
        var page = await browser.NewPageAsync();
        var controller = DemoAccounts.All.First(a => a.Role == Roles.Controller);
        await BrowserFixture.LoginAsync(page, controller.Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Prognose & scenario's" }).ClickAsync(); // within the live circuit: tabs respond at once
        var before = (await browser.App.Services.GetRequiredService<ScenarioService>().GetAsync()).Figures;
        var column = before.YearIndex(2019);
        var optimaliseren2019 = page.GetByTestId("rij-Optimaliseren").Locator("td").Nth(column);
        await Expect(optimaliseren2019).ToHaveTextAsync("−6,0", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("rij-Doorgaan").Locator("td").Nth(column)).ToHaveTextAsync("−9,0");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Maatregelen", Exact = true }).ClickAsync();
        await page.GetByTestId("maatregel-toevoegen").ClickAsync();
        var dialog = page.GetByTestId("maatregel-dialoog");
        await Expect(dialog).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "/prognose, dialoog maatregel toevoegen");
        await dialog.GetByLabel("Code").FillAsync("W5");
        await dialog.GetByLabel("Titel").FillAsync("Vroegsignalering huishoudelijke hulp");
        await dialog.GetByLabel("Opbrengst 2019").FillAsync("1.000.000");
        await page.GetByTestId("opslaan").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync(new() { Timeout = 15_000 });

        // The job ran in the app: the stored figures hold the new measure, and the page, which polls while a change is
        // not yet in them, shows Optimaliseren 2019 at −6,007 + 1,000 = −5,0 while Doorgaan stays where it was.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Scenario's", Exact = true }).ClickAsync();
        await Expect(optimaliseren2019).ToHaveTextAsync("−5,0", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("rij-Doorgaan").Locator("td").Nth(column)).ToHaveTextAsync("−9,0");
        var after = (await browser.App.Services.GetRequiredService<ScenarioService>().GetAsync()).Figures;
        Assert.Equal(1_000_000m, after.Scenario("Optimaliseren")!.Deficits[column] - before.Scenario("Optimaliseren")!.Deficits[column]);

        // Who added it, in the measure's history (the audit log).
        await page.GetByRole(AriaRole.Tab, new() { Name = "Maatregelen", Exact = true }).ClickAsync();
        var row = page.GetByTestId("maatregel-W5");
        await row.GetByTestId("details").ClickAsync();
        var detail = page.GetByTestId("detail-W5");
        await Expect(detail).ToContainTextAsync("Maatregel toegevoegd");
        await Expect(detail).ToContainTextAsync(controller.Email);
        await Expect(detail).ToContainTextAsync("2019: € 1.000.000");
        await Accessibility.AssertNoViolationsAsync(page, "/prognose, maatregel met geschiedenis");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("prognose-controller"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
