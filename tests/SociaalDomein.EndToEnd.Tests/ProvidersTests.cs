using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>/aanbieders and /aanbieders/{agb} on the demo data: a contract manager finds the fastest-growing providers and
/// their share of the growth, sorts by keyboard, opens one and sees its ceilings.</summary>
public sealed partial class ProvidersTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_contract_manager_sorts_by_growth_with_the_keyboard_opens_the_fastest_grower_and_sees_its_ceilings()
    {
        var page = await browser.NewPageAsync();
        var manager = DemoAccounts.All.First(a => a.Role == Roles.Contractmanager);
        await BrowserFixture.LoginAsync(page, manager.Email, DemoAccounts.Password);
        await page.GotoAsync("/aanbieders");
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var table = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Groei cliënten" }) });
        await Expect(table.GetByTestId("aanbieder-link").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Another column first, then growth in clients: a new column sorts from the largest. By keyboard only.
        await table.GetByRole(AriaRole.Button, new() { Name = "Groei uitgaven" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Groei uitgaven");
        await table.GetByRole(AriaRole.Button, new() { Name = "Groei cliënten" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Groei cliënten");

        var rows = table.Locator("tbody tr");
        await Expect(rows.First.GetByTestId("groei").First).ToBeVisibleAsync();
        var first = Growth(await rows.Nth(0).GetByTestId("groei").First.TextContentAsync());
        var second = Growth(await rows.Nth(1).GetByTestId("groei").First.TextContentAsync());
        Assert.True(first >= second, $"De eerste rij groeit {first} %, de tweede {second} %: niet aflopend gesorteerd.");

        await Expect(page.GetByTestId("top5-zin")).ToContainTextAsync("snelst groeiende");
        await Expect(page.GetByTestId("top5-zin")).ToContainTextAsync("% van de groei");
        await Expect(page.GetByTestId("top5-grafiek").Locator("svg[role=img]")).ToHaveAttributeAsync("aria-label", new Regex("Staafdiagram"));
        await Accessibility.AssertNoViolationsAsync(page, "/aanbieders, gesorteerd op groei");

        var link = rows.First.GetByTestId("aanbieder-link");
        var name = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name, new() { Timeout = 15_000 });
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Budgetplafonds" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Declaraties" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("verloop-clienten").Locator("svg[role=img]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>"▲ groei +12,3 %" → 12.3; "—" (undefined) → the smallest value.</summary>
    private static decimal Growth(string? text) =>
        Number().Match(text ?? "") is { Success: true } m
            ? decimal.Parse(m.Value.Replace(".", "", StringComparison.Ordinal).Replace('−', '-').Replace(',', '.'), CultureInfo.InvariantCulture)
            : decimal.MinValue;

    [GeneratedRegex(@"[+−]?\d[\d.]*,\d")]
    private static partial Regex Number();
}
