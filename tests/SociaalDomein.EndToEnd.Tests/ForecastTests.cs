using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Web.Components.Scenarios;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>/prognose with the demo data: the plan's scenario table, the chart with its text alternative, the eigen
/// scenario, WCAG 2.1 AA on every tab, and what a role without edit rights does not see.</summary>
public sealed class ForecastTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Tabs = ["Scenario's", "Maatregelen", "Kwartaalrapportage", "Eigen scenario", "Tekortprognose", "Per begrotingspost"];

    private async Task<IPage> OpenAsync(string role)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.LoginAsync(page, DemoAccounts.All.First(a => a.Role == role).Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Prognose & scenario's" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prognose & scenario's", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("scenariotabel")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }

    private static Task OpenTabAsync(IPage page, string tab) =>
        page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();

    /// <summary>The cells of a row for the plan's years 2018–2022, wherever they stand among the prognosis years.</summary>
    private static async Task ExpectPlanYearsAsync(ILocator row, IReadOnlyList<int> years, string[] expected)
    {
        for (var year = 2018; year <= 2022; year++)
        {
            await Expect(row.Locator("td").Nth(years.ToList().IndexOf(year))).ToHaveTextAsync(expected[year - 2018]);
        }
    }

    [Fact]
    public async Task The_demo_wethouder_sees_the_plans_scenario_table_and_the_chart_with_its_table()
    {
        var page = await OpenAsync(Roles.Wethouder);

        // The plan's table 'Effect scenario's', 2018–2022, in € M (the acceptance figures); the prognosis also holds 2017.
        var figures = (await browser.App.Services.GetRequiredService<ScenarioService>().GetAsync()).Figures;
        await Expect(page.GetByTestId("scenariotabel").Locator("thead th"))
            .ToHaveTextAsync(["Scenario", .. figures.Years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        await ExpectPlanYearsAsync(page.GetByTestId("rij-Doorgaan"), figures.Years, ["−10,5", "−9,0", "−9,3", "−9,2", "−8,7"]);
        await ExpectPlanYearsAsync(page.GetByTestId("rij-Optimaliseren"), figures.Years, ["−7,1", "−6,0", "−5,9", "−5,5", "−4,8"]);
        await ExpectPlanYearsAsync(page.GetByTestId("rij-Hervormen"), figures.Years, ["−7,1", "−6,0", "−5,4", "−4,5", "−3,3"]);
        await ExpectPlanYearsAsync(page.GetByTestId("rij-marge"), figures.Years, ["1,0", "2,0", "2,5", "2,5", "2,5"]);

        // Exact euros on hover and with the toggle, as the stored figures hold them.
        var doorgaan = figures.Scenario("Doorgaan")!.Deficits;
        await Expect(page.GetByTestId("rij-Doorgaan").Locator("td").First).ToHaveAttributeAsync("title", ScenarioAmounts.Exact(doorgaan[0]));
        await page.GetByLabel("Exacte bedragen", new() { Exact = true }).CheckAsync();
        await Expect(page.GetByTestId("rij-Doorgaan").Locator("td")).ToHaveTextAsync(doorgaan.Select(ScenarioAmounts.Exact).ToArray());
        await page.GetByLabel("Exacte bedragen", new() { Exact = true }).UncheckAsync();

        // The chart: an image with a text alternative, a line per scenario, and its table.
        var chart = page.GetByTestId("scenariografiek");
        await Expect(chart.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new Regex("Doorgaan van −[0-9,]+ naar −8,7;.*Hervormen van −[0-9,]+ naar −3,3;.*begroting in evenwicht"));
        await Expect(chart.Locator("path.lijn")).ToHaveCountAsync(figures.Scenarios.Count);
        await chart.GetByText("Tabel bij de grafiek").ClickAsync();
        await ExpectPlanYearsAsync(chart.GetByRole(AriaRole.Row, new() { Name = "Hervormen" }), figures.Years, ["−7,1", "−6,0", "−5,4", "−4,5", "−3,3"]);
        await Expect(page.GetByTestId("berekend-op")).ToContainTextAsync("Berekend op ");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download Excel" })).ToHaveAttributeAsync("href", "api/scenarios/export.xlsx");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("prognose-wethouder"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_eigen_scenario_without_W1_differs_from_Optimaliseren_by_W1s_net_effect_in_every_year_shifts_W2_and_is_saved()
    {
        var page = await OpenAsync(Roles.Wethouder);
        var figures = (await browser.App.Services.GetRequiredService<ScenarioService>().GetAsync()).Figures;
        var optimaliseren = figures.Scenario("Optimaliseren")!;
        var w1 = figures.Measure("W1")!;
        Assert.Equal(5, figures.Years.Count(year => w1.NetIn(year) != 0m)); // 2018–2022, so the check below can fail

        await OpenTabAsync(page, "Eigen scenario");
        var choice = page.GetByTestId("eigen-maatregelen").GetByRole(AriaRole.Checkbox, new() { Name = "W1 " });
        await Expect(choice).ToBeCheckedAsync(); // it starts as Optimaliseren
        foreach (var (year, i) in figures.Years.Select((y, i) => (y, i)))
        {
            await Expect(page.GetByTestId($"verschil-{year}")).ToHaveAttributeAsync("title", ScenarioAmounts.Exact(0m));
            await Expect(page.GetByTestId($"basis-{year}")).ToHaveAttributeAsync("title", ScenarioAmounts.Exact(optimaliseren.Deficits[i]));
        }

        await choice.UncheckAsync();

        foreach (var (year, i) in figures.Years.Select((y, i) => (y, i)))
        {
            var net = (w1.YieldIn(year) ?? 0m) - w1.CostIn(year);
            await Expect(page.GetByTestId($"verschil-{year}")).ToHaveAttributeAsync("title", ScenarioAmounts.Exact(-net));
            await Expect(page.GetByTestId($"eigen-{year}")).ToHaveAttributeAsync("title", ScenarioAmounts.Exact(optimaliseren.Deficits[i] - net));
        }

        await Expect(page.GetByTestId("eigen-grafiek").Locator("path.lijn")).ToHaveCountAsync(figures.Scenarios.Count + 1);
        await Expect(page.GetByLabel("W1: jaren later")).ToBeDisabledAsync();

        // W2 one year later as well: in each year it brings what it would have brought the year before.
        var w2 = figures.Measure("W2")!;
        await page.GetByLabel("W2: jaren later").FillAsync("1");
        await page.GetByLabel("W2: jaren later").PressAsync("Tab");
        foreach (var year in figures.Years)
        {
            var change = -w1.NetIn(year) + w2.NetIn(year - 1) - w2.NetIn(year);
            await Expect(page.GetByTestId($"verschil-{year}")).ToHaveAttributeAsync("title", ScenarioAmounts.Exact(change));
        }

        // Saved under a name; saving again under that name asks before it replaces.
        await page.GetByLabel("Naam van het eigen scenario").FillAsync("Zonder W1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Eigen scenario opslaan" }).ClickAsync();
        await Expect(page.GetByText("Het eigen scenario 'Zonder W1' is opgeslagen.")).ToBeVisibleAsync();
        var measures = page.GetByTestId("opgeslagen-Zonder W1").Locator("td").First;
        await Expect(measures).ToContainTextAsync("W2 (+1 jr), W3");
        await Expect(measures).Not.ToContainTextAsync("W1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Eigen scenario opslaan" }).ClickAsync();
        await Expect(page.GetByTestId("eigen-vervangen")).ToContainTextAsync("Er is al een eigen scenario 'Zonder W1'");
        await Accessibility.AssertNoViolationsAsync(page, "Prognose, eigen scenario, vraag om te vervangen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vervangen", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("eigen-vervangen")).ToHaveCountAsync(0);

        // A plan scenario's name is refused on the field, in Dutch.
        await page.GetByLabel("Naam van het eigen scenario").FillAsync("Hervormen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Eigen scenario opslaan" }).ClickAsync();
        await Expect(page.GetByText("'Hervormen' is een scenario uit het plan; kies een andere naam.")).ToBeVisibleAsync();
        var saved = await browser.App.Services.GetRequiredService<ScenarioService>().CustomScenariosAsync();
        Assert.DoesNotContain(saved, s => s.Name == "Hervormen");
        Assert.DoesNotContain(saved.Single(s => s.Name == "Zonder W1").Measures, m => m.Code == "W1");
        Assert.Contains(("W2", 1), saved.Single(s => s.Name == "Zonder W1").Measures);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("prognose-eigen-scenario"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_tab_meets_WCAG_21_AA_for_the_wethouder()
    {
        var page = await OpenAsync(Roles.Wethouder);
        await page.GetByTestId("scenariografiek").GetByText("Tabel bij de grafiek").ClickAsync();
        await page.GetByTestId("maatregelen-Optimaliseren").Locator("summary").ClickAsync();

        foreach (var tab in Tabs)
        {
            await OpenTabAsync(page, tab);
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true })).ToHaveAttributeAsync("aria-selected", "true");
            await Accessibility.AssertNoViolationsAsync(page, $"Prognose, tabblad {tab}, wethouder");
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"prognose-tabblad-{Array.IndexOf(Tabs, tab) + 1}"), FullPage = true });
        }

        // The forecast per budget line by keyboard alone: from the tab before it to the tab, into a line, its chart's table.
        await OpenTabAsync(page, "Tekortprognose");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Tekortprognose", Exact = true }).FocusAsync();
        var perLine = page.GetByRole(AriaRole.Tab, new() { Name = "Per begrotingspost", Exact = true });
        await page.Keyboard.PressAsync("ArrowRight"); // the tab list moves its focus with the arrow keys
        await Expect(perLine).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(perLine).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByTestId("prognose-totaalregel")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var lvb = page.GetByTestId("prognose-regel-JGD-03").GetByTestId("prognose-regelknop");
        await TabToAsync(page, lvb);
        await page.Keyboard.PressAsync("Enter");
        await Expect(lvb).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("aanbeveling")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByTestId("prognosegrafiek-JGD-03").GetByText("Tabel bij de grafiek").ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Prognose, tabblad Per begrotingspost met LVB geopend, wethouder");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("prognose-per-begrotingspost-lvb"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 80 times).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80 && !await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync(new() { Timeout = 1 });
    }

    [Fact]
    public async Task The_contractmanager_sees_the_figures_and_saved_scenarios_but_no_control_to_change_or_save()
    {
        await browser.App.Services.GetRequiredService<ScenarioService>()
            .SaveCustomAsync("Alleen W3", [("W3", 0)], replace: true, "controller@demo.local");
        var page = await OpenAsync(Roles.Contractmanager);
        var changing = new Regex("opslaan|toevoegen|bewerken|wijzigen|verwijderen|intrekken|vastleggen|vervangen", RegexOptions.IgnoreCase);

        foreach (var tab in Tabs)
        {
            await OpenTabAsync(page, tab);
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true })).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = changing })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Naam van het eigen scenario" })).ToHaveCountAsync(0);
        }

        // The eigen scenario can be composed and a saved one shown, only not saved or deleted.
        await OpenTabAsync(page, "Eigen scenario");
        await page.GetByRole(AriaRole.Button, new() { Name = "Alleen W3 tonen" }).ClickAsync();
        await Expect(page.GetByTestId("eigen-getoond")).ToContainTextAsync("Getoond: eigen scenario 'Alleen W3'.");
        await Expect(page.GetByTestId("eigen-maatregelen").GetByRole(AriaRole.Checkbox, new() { Name = "W3 " })).ToBeCheckedAsync();
        await Expect(page.GetByTestId("eigen-maatregelen").GetByRole(AriaRole.Checkbox, new() { Name = "W1 " })).Not.ToBeCheckedAsync();
        await page.Context.CloseAsync();
    }
}
