using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.DemoData;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Stacking;
using SociaalDomein.Web.Formatting;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

public sealed class StackingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_controller_opens_Stapeling_sees_table_A_and_switches_to_publication_mode()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync("controller@demo.local");
        await page.GetByLabel("Wachtwoord").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByRole(AriaRole.Link, new() { Name = "Stapeling" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stapeling", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByLabel("Peildatum")).ToHaveValueAsync("01-11-2018");

        // What the page must show, read from the database the app uses, for the same filters.
        var result = await browser.App.Services.GetRequiredService<StackingService>().GetAsync(DemoAssignments.ReferenceDate, null, null);
        var oneClient = result.Households.Single(h => h.Clients == 1).Addresses;
        Assert.True(oneClient > 0);

        var tableA = page.GetByTestId("tabel-huishoudens");
        await Expect(tableA).ToContainTextAsync("Huishoudens (adressen) naar aantal cliënten op 01-11-2018");
        var oneClientCell = page.Locator("[data-testid=huishoudens-1] [data-testid=adressen]");
        await Expect(oneClientCell).ToHaveTextAsync(Dutch.Number(oneClient));
        await Expect(page.GetByTestId("huishoudens-1")).ToContainTextAsync(Dutch.WholeEuro(result.Households[0].Amount));
        await Expect(page.GetByTestId("zorglocaties")).ToContainTextAsync("Zorglocaties (meer dan 4 cliënten)");
        await Expect(page.GetByTestId("tabel-voorzieningen")).ToContainTextAsync("5 of meer");
        await Expect(page.GetByTestId("opschoning")).ToContainTextAsync(Dutch.Number(result.Revoked));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Duurste huishoudens", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw berekenen" })).ToBeVisibleAsync();
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download Excel" });
        await Expect(download).ToHaveAttributeAsync("href", "api/stacking/export.xlsx?referenceDate=2018-11-01&law=&district=&publicatie=false");
        // The trend per quarter, loaded after the tables: a row per trend date, the last one as the analysis on that date.
        var service = browser.App.Services.GetRequiredService<StackingService>();
        var trendDates = await service.TrendDatesAsync();
        Assert.True(trendDates.Count >= 2, "the demo data should span several quarters");
        var trendRows = page.Locator("[data-testid=verloop] tbody tr");
        await Expect(trendRows).ToHaveCountAsync(trendDates.Count, new() { Timeout = 30_000 });
        var last = await service.GetAsync(trendDates[^1], null, null);
        await Expect(page.Locator($"[data-testid=verloop-{trendDates[^1]:yyyy-MM-dd}] td").First)
            .ToHaveTextAsync(Dutch.Number(last.Households[0].Addresses));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("stapeling-controller"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw berekenen" }).ClickAsync();
        await Expect(page.GetByText("De stapeling op peildatum 01-11-2018 wordt op de achtergrond opnieuw berekend")).ToBeVisibleAsync();

        await page.GetByLabel("Publicatiemodus (CBS-regel)").CheckAsync();

        var published = PublicationRule.Count(oneClient);
        await Expect(oneClientCell).ToHaveTextAsync(published is { } n ? Dutch.Number(n) : "geheim");
        Assert.True(published is null || published % 5 == 0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Duurste huishoudens" })).ToHaveCountAsync(0);
        await Expect(download).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("publicatie=true$"));
        var small = result.Households.Concat<object>(result.Provisions).Any(l => l switch
        {
            HouseholdLine h => h.Addresses <= PublicationRule.HiddenUpTo,
            ProvisionLine p => p.Clients <= PublicationRule.HiddenUpTo,
            _ => false,
        });
        if (small)
        {
            await Expect(page.Locator("td.geheim").First).ToHaveTextAsync("geheim");
        }

        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("stapeling-publicatiemodus"), FullPage = true });
    }
}
