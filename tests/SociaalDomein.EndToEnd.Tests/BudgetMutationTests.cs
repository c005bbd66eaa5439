using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>The four-eyes path on /begroting/mutaties: controller A adds and submits a structural mutation of
/// € 500.000 on Individuele begeleiding (IB) from 2019, controller B approves it; it shows as Goedgekeurd with a history
/// naming both, the menu's count goes 1 → 0, and the page and the dialog meet WCAG 2.1 AA. Its own app and database,
/// since it changes the budget.</summary>
public sealed class BudgetMutationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string A = "controller@demo.local", B = "controller2@demo.local";

    private static ILocator MenuLink(IPage page) => page.GetByTestId("menu-mutaties");

    private static async Task OpenAsync(IPage page, string email)
    {
        await BrowserFixture.LoginAsync(page, email, DemoAccounts.Password);
        await MenuLink(page).ClickAsync(); // within the live circuit, as from the menu
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Begrotingsmutaties", new() { Timeout = 15_000 });
        await Expect(page.Locator(".mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    private static async Task ChooseAsync(IPage page, ILocator dialog, string label, string option)
    {
        await dialog.GetByRole(AriaRole.Combobox, new() { Name = label }).ClickAsync();
        await page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    private static ILocator Shown(IPage page, string testId) => page.GetByRole(AriaRole.Tabpanel).GetByTestId(testId);

    [Fact]
    public async Task Controller_A_submits_a_structural_mutation_controller_B_approves_it_and_the_count_goes_from_one_to_zero()
    {
        var mutations = browser.App.Services.GetRequiredService<MutationService>();

        // Controller A adds the mutation as a concept and submits it.
        var pageA = await browser.NewPageAsync();
        await OpenAsync(pageA, A);
        await Expect(MenuLink(pageA)).Not.ToContainTextAsync("wacht");
        await Accessibility.AssertNoViolationsAsync(pageA, "/begroting/mutaties als controller");
        await pageA.GetByTestId("mutatie-toevoegen").ClickAsync();
        var dialog = pageA.GetByTestId("mutatie-dialoog");
        await Expect(dialog).ToBeVisibleAsync();
        await ChooseAsync(pageA, dialog, "Jaar", "2019 (raming)");
        await ChooseAsync(pageA, dialog, "Begrotingspost", "WMO-04 — Individuele begeleiding (IB)");
        await ChooseAsync(pageA, dialog, "Soort", "Berap 1");
        await dialog.GetByLabel("Bedrag (in euro's)").FillAsync("500.000");
        await dialog.GetByLabel($"Structureel: {SociaalDomein.Web.Components.Budget.MutationAccess.StructuralHint}").CheckAsync();
        await dialog.GetByLabel("Reden", new() { Exact = true }).FillAsync("Meer cliënten met begeleiding (berap 1)");
        await Accessibility.AssertNoViolationsAsync(pageA, "/begroting/mutaties, dialoog mutatie toevoegen");
        await pageA.GetByRole(AriaRole.Dialog).GetByTestId("opslaan").ClickAsync();
        await Expect(pageA.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync(new() { Timeout = 15_000 });

        var created = Assert.Single(await mutations.ListAsync());
        Assert.Equal(("WMO-04", 2019, 500_000m, true, MutationStatus.Concept), (created.LineCode, created.Year, created.Amount, created.Structural, created.Status));
        await pageA.GetByRole(AriaRole.Tab, new() { Name = "Alle mutaties" }).ClickAsync();
        await Shown(pageA, $"mutatie-{created.Id}").GetByTestId("indienen").ClickAsync();
        await Expect(Shown(pageA, $"mutatie-{created.Id}").GetByTestId("status")).ToHaveTextAsync("Ingediend", new() { Timeout = 15_000 });
        await Expect(MenuLink(pageA)).ToContainTextAsync("1 wacht op goedkeuring", new() { Timeout = 15_000 });

        // A is its author: no approve button, the reason instead.
        await pageA.GetByRole(AriaRole.Tab, new() { Name = "Wacht op goedkeuring (1)" }).ClickAsync();
        var waitingA = Shown(pageA, $"mutatie-{created.Id}");
        await Expect(waitingA.GetByTestId("eigen-mutatie")).ToBeVisibleAsync();
        await Expect(waitingA.GetByTestId("goedkeuren")).ToHaveCountAsync(0);

        // Controller B sees the count and approves.
        var pageB = await browser.NewPageAsync();
        await OpenAsync(pageB, B);
        await Expect(MenuLink(pageB)).ToContainTextAsync("1 wacht op goedkeuring");
        await pageB.GetByRole(AriaRole.Button, new() { Name = $"Goedkeuren mutatie {created.Id}" }).ClickAsync();
        await Expect(MenuLink(pageB)).Not.ToContainTextAsync("wacht", new() { Timeout = 15_000 });
        await Expect(pageB.GetByRole(AriaRole.Tab, new() { Name = "Wacht op goedkeuring (0)" })).ToBeVisibleAsync();
        Assert.Equal(0, await mutations.PendingCountAsync());

        // Approved, with its history naming both controllers.
        await pageB.GetByRole(AriaRole.Tab, new() { Name = "Alle mutaties" }).ClickAsync();
        var row = Shown(pageB, $"mutatie-{created.Id}");
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Goedgekeurd");
        await Expect(row).ToContainTextAsync(B);
        await row.GetByTestId("details").ClickAsync();
        var history = Shown(pageB, $"mutatie-detail-{created.Id}");
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        await Expect(history.Locator("tbody tr").Nth(0)).ToContainTextAsync(A);
        await Expect(history.Locator("tbody tr").Nth(1)).ToContainTextAsync("Concept → Ingediend");
        await Expect(history.Locator("tbody tr").Nth(2)).ToContainTextAsync(B);
        await Expect(history.Locator("tbody tr").Nth(2)).ToContainTextAsync("Ingediend → Goedgekeurd");
        await Accessibility.AssertNoViolationsAsync(pageB, "/begroting/mutaties, goedgekeurde mutatie met geschiedenis");
        await pageB.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("begrotingsmutaties-controller"), FullPage = true });

        // A's menu follows B's approval in the other circuit, without a reload.
        await Expect(MenuLink(pageA)).Not.ToContainTextAsync("wacht", new() { Timeout = 15_000 });

        // The current budget and the balance of IB rose by € 500.000 from 2019 on, in the API and in the Excel export
        // (with the download in the audit log) — read with B's login, as the page's "Download Excel" does.
        var budgets = browser.App.Services.GetRequiredService<BudgetService>();
        foreach (var year in new[] { 2019, 2022 })
        {
            var ib = (await budgets.TableAsync(year))![BudgetDomain.Wmo]!.Lines.Single(l => l.Code == "WMO-04").Figures;
            Assert.Equal((500_000m, ib.Original + 500_000m, ib.Budget - ib.Actual), (ib.Mutations, ib.Budget, ib.Balance));
            var json = await (await pageB.APIRequest.GetAsync($"api/budget?year={year}")).JsonAsync();
            var line = json!.Value.GetProperty("domains").EnumerateArray().SelectMany(d => d.GetProperty("lines").EnumerateArray())
                .Single(l => l.GetProperty("code").GetString() == "WMO-04");
            Assert.Equal(ib.Budget, line.GetProperty("budget").GetDecimal());
        }

        Assert.Equal(0m, (await budgets.TableAsync(2018))![BudgetDomain.Wmo]!.Lines.Single(l => l.Code == "WMO-04").Figures.Mutations);
        var download = await pageB.APIRequest.GetAsync("api/budget/export.xlsx?year=2019");
        Assert.Equal(200, download.Status);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await download.BodyAsync())))
        {
            workbook.RecalculateAllFormulas();
            var sheet = workbook.Worksheet(BudgetExcelExport.BudgetSheet(2019));
            var ibRow = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "WMO-04");
            Assert.Contains(ibRow.CellsUsed(), c => c.HasFormula && c.TryGetValue<double>(out var value) && value == 500_000d);
        }

        var audit = browser.App.Services.GetRequiredService<SociaalDomein.Infrastructure.Audit.AuditLog>();
        Assert.Contains((await audit.ListAsync(new(User: B))).Entries, e => e.Action == SociaalDomein.Domain.Audit.AuditAction.Export && e.Subject == "Begroting 2019 (Excel)");

        // The wethouder's scenario chart: every scenario +0,5 M in 2019–2022 once the app's recompute job ran (Doorgaan
        // −9,0 → −8,5 in 2019, −8,7 → −8,2 in 2022; 2018 unchanged).
        var wethouder = await browser.NewPageAsync();
        await BrowserFixture.LoginAsync(wethouder, "wethouder@demo.local", DemoAccounts.Password);
        await wethouder.GetByRole(AriaRole.Link, new() { Name = "Prognose & scenario's" }).ClickAsync();
        var years = (await browser.App.Services.GetRequiredService<SociaalDomein.Infrastructure.Scenarios.ScenarioService>().GetAsync()).Figures;
        var doorgaan = wethouder.GetByTestId("rij-Doorgaan").Locator("td");
        await Expect(doorgaan.Nth(years.YearIndex(2019))).ToHaveTextAsync("−8,5", new() { Timeout = 30_000 });
        await Expect(doorgaan.Nth(years.YearIndex(2022))).ToHaveTextAsync("−8,2");
        await Expect(doorgaan.Nth(years.YearIndex(2018))).ToHaveTextAsync("−10,5");
        await Expect(wethouder.GetByTestId("rij-Hervormen").Locator("td").Nth(years.YearIndex(2022))).ToHaveTextAsync("−2,8");
        await wethouder.Context.CloseAsync();
        await pageA.Context.CloseAsync();
        await pageB.Context.CloseAsync();
    }
}
