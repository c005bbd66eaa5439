using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Reports;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>
/// Issue 11's "done when" in the browser, on the demo data: the demo controller opens the forecast per budget line as of
/// 30-09-2017 and sees for LVB (JGD-03) the linear forecast short of the outcome by about € 1,8 mln (the seed's story:
/// Zwolle's Q3 2017) and the lag-adjusted one close to it; the line's accuracy names the method that has been best, with its
/// chart; and the quarterly workbook for Q3 2017, downloaded on the Begroting page, opens in LibreOffice (headless) with the
/// figures the pages showed. Every figure is read from the pages; the outcome is LVB's 2017 actual on the Begroting page.
/// </summary>
public sealed class ForecastDoneWhenTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Lvb = "JGD-03";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_controller_sees_LVB_linear_short_lag_adjusted_close_the_best_method_and_the_Q3_2017_workbook_opens_in_LibreOffice_with_those_figures()
    {
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout((float)Slow.TotalMilliseconds);
        await BrowserFixture.LoginAsync(page, DemoAccounts.All.First(a => a.Role == Roles.Controller).Email, DemoAccounts.Password);

        // The forecast per budget line, 2017, as of 30-09-2017, in exact euros.
        await page.GetByRole(AriaRole.Link, new() { Name = "Prognose & scenario's" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Per begrotingspost", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("prognose-totaalregel")).ToBeVisibleAsync(new() { Timeout = (float)Slow.TotalMilliseconds });
        await ChooseAsync(page, page.GetByTestId("prognose-jaar"), "2017");
        await ChooseAsync(page, page.GetByTestId("prognose-peildatum"), "30-09-2017");
        await Expect(page.GetByTestId("prognose-stand")).ToContainTextAsync("Stand per 30-09-2017 (9 van de 12 maanden)",
            new() { Timeout = (float)Slow.TotalMilliseconds }); // computed on request when not stored yet
        await page.GetByLabel("Exacte bedragen per post").CheckAsync();
        var row = page.GetByTestId($"prognose-regel-{Lvb}");
        await Expect(row.Locator("td").First).ToContainTextAsync("€", new() { Timeout = (float)Slow.TotalMilliseconds });

        var forecastBudget = Euros(await row.Locator("td").Nth(0).InnerTextAsync());
        var actualToDate = Euros(await row.Locator("td").Nth(1).InnerTextAsync());
        var linear = Euros(await row.GetByTestId($"methode-{ForecastMethod.Linear}").InnerTextAsync());
        var lagAdjusted = Euros(await row.GetByTestId($"methode-{ForecastMethod.LagAdjusted}").InnerTextAsync());
        var recommended = await RecommendedAsync(row);

        // LVB's accuracy: the sentence names the method that has been best, with its chart of each method's error.
        await row.GetByTestId("prognose-regelknop").ClickAsync();
        var accuracy = page.GetByTestId($"prognose-detail-{Lvb}").GetByTestId("aanbeveling");
        await Expect(accuracy).ToBeVisibleAsync(new() { Timeout = (float)Slow.TotalMilliseconds });
        var best = (await browser.App.Services.GetRequiredService<ForecastService>().AccuracyAsync(Lvb)).Value!.Recommendation.Method!.Value;
        await Expect(accuracy).ToContainTextAsync(new Regex($"^Aanbevolen: {Regex.Escape(best.DutchName())} — doorgaans binnen ± € \\d+,\\d mln"),
            new() { Timeout = (float)Slow.TotalMilliseconds });
        Assert.Equal(ForecastMethod.LagAdjusted, best); // the demo's story: the chain ladder has been best for LVB
        Assert.Equal(ForecastMethod.LagAdjusted, recommended); // and the forecast of 2017 marks it too
        var chart = page.GetByTestId($"nauwkeurigheidsgrafiek-{Lvb}");
        await Expect(chart.GetByRole(AriaRole.Img)).ToBeVisibleAsync();
        await Expect(chart.Locator("path.lijn")).ToHaveCountAsync(ForecastMethods.All.Count);
        await chart.GetByText("Tabel bij de grafiek").ClickAsync();
        await Expect(chart.GetByRole(AriaRole.Row, new() { Name = best.DutchName() })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("klaar-als-prognose-lvb"), FullPage = true });

        // The outcome: LVB's actual of 2017 on the Begroting page (in whole euros), and its budget there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Begroting", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begroting en realisatie 2017", Level = 2 })).ToBeVisibleAsync();
        await page.GetByLabel("Bedragen in hele euro's").CheckAsync();
        var budgetRow = page.GetByTestId($"regel-{Lvb}");
        await Expect(budgetRow.GetByTestId("werkelijk")).ToContainTextAsync("€");
        var outcome = Euros(await budgetRow.GetByTestId("werkelijk").InnerTextAsync());
        var budget = Euros(await budgetRow.GetByTestId("actueel").InnerTextAsync());

        // Linear falls short by about € 1,8 mln; lag-adjusted lands within € 0,3 mln (issue 11 point 7).
        Assert.InRange(outcome - linear, 1_500_000m, 2_100_000m);
        Assert.InRange(Math.Abs(lagAdjusted - outcome), 0m, 300_000m);
        Assert.InRange(Math.Abs(forecastBudget - budget), 0m, 0.5m); // the same budget on both pages (whole euros there)

        // The quarterly workbook of Q3 2017 through the page's control.
        var report = page.GetByTestId("kwartaalrapportage");
        await Expect(report.GetByRole(AriaRole.Heading, new() { Name = "Kwartaalrapportage 2017" })).ToBeVisibleAsync();
        await ChooseAsync(page, report.GetByTestId("kwartaalkeuze"), "Kwartaal 3 (t/m 30-09-2017)");
        await Accessibility.AssertNoViolationsAsync(page, "Begroting, kwartaalrapportage Q3 2017 gekozen, controller");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("klaar-als-begroting-kwartaalrapportage") });
        var download = await page.RunAndWaitForDownloadAsync(() => report.GetByTestId("kwartaalrapportage-download").ClickAsync());
        Assert.Equal(QuarterlyReport.FileName(2017, 3), download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());

        var folder = Directory.CreateTempSubdirectory("sd-klaar-als-");
        try
        {
            var workbook = Path.Combine(folder.FullName, download.SuggestedFilename);
            await download.SaveAsAsync(workbook);
            var sheets = await LibreOffice.SheetsAsync(folder.FullName, workbook);

            // "Prognose per post": LVB's budget, actual to date and forecasts as the forecast page showed them (to the cent).
            var forecastRow = sheets[QuarterlyReport.ForecastSheet].Single(c => c[QuarterlyReport.CodeColumn - 1] == Lvb);
            Assert.Equal(
                (forecastBudget, actualToDate, linear, lagAdjusted),
                (LibreOffice.Euros(forecastRow[QuarterlyReport.BudgetColumn - 1]), LibreOffice.Euros(forecastRow[QuarterlyReport.ActualColumn - 1]),
                    LibreOffice.Euros(forecastRow[QuarterlyReport.LinearColumn - 1]), LibreOffice.Euros(forecastRow[QuarterlyReport.LagColumn - 1])));
            Assert.Equal(recommended.DutchName(), forecastRow[QuarterlyReport.MethodColumn - 1]);

            // "Begroting 2017": LVB's current budget and actual as the Begroting page showed them (in whole euros), the
            // actual computed by LibreOffice from the sheet of monthly actuals.
            var budgetLine = sheets[BudgetExcelExport.BudgetSheet(2017)].Single(c => c.Length > 0 && c[0] == Lvb);
            Assert.InRange(Math.Abs(LibreOffice.Euros(budgetLine[4]) - budget), 0m, 0.5m); // Actueel
            Assert.InRange(Math.Abs(LibreOffice.Euros(budgetLine[5]) - outcome), 0m, 0.5m); // Werkelijk
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>Opens a MudSelect and picks the option of that text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(select).ToContainTextAsync(option);
    }

    /// <summary>The method whose cell on the line carries "✓ aanbevolen".</summary>
    private static async Task<ForecastMethod> RecommendedAsync(ILocator row)
    {
        var marked = new List<ForecastMethod>();
        foreach (var method in ForecastMethods.All)
        {
            if ((await row.GetByTestId($"methode-{method}").InnerTextAsync()).Contains("aanbevolen", StringComparison.Ordinal))
            {
                marked.Add(method);
            }
        }

        return Assert.Single(marked);
    }

    /// <summary>The amount in a cell as the page writes it ("€ 9.851.234,56", "€ 11.731.235", "€ -1.234"; a chip or note
    /// number after it is ignored) → euros.</summary>
    private static decimal Euros(string text)
    {
        var match = Regex.Match(text, @"€\s*([-−]?)\s*(\d{1,3}(?:\.\d{3})*(?:,\d+)?)");
        Assert.True(match.Success, $"Geen bedrag in '{text}'.");
        var amount = decimal.Parse(match.Groups[2].Value.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture);
        return match.Groups[1].Length > 0 ? -amount : amount;
    }
}
