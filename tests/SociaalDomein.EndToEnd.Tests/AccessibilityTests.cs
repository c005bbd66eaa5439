using Microsoft.Playwright;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>The app with demo data plus one logged-in browser state per role: each role logs in once. A test that
/// changes what the page shows opens a fresh context with that role's cookie (<see cref="PageAsAsync"/>); the pages
/// that are only visited share one page per role (<see cref="SharedPageAsAsync"/>) and are reached through the
/// router, as from the menu, so a visit costs no page load and no new circuit.</summary>
public sealed class AccessibilityFixture : BrowserFixture
{
    private readonly Dictionary<string, string> _loggedIn = [];
    private readonly Dictionary<string, IPage> _shared = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The page of this role that the visits share, and whether it is new (not loaded yet).</summary>
    public async Task<(IPage Page, bool IsNew)> SharedPageAsAsync(string role)
    {
        if (_shared.TryGetValue(role, out var page))
        {
            return (page, false);
        }

        page = await PageAsAsync(role);
        _shared[role] = page;
        return (page, true);
    }

    /// <summary>A new page in a context of its own, logged in as the demo account of <paramref name="role"/>, or
    /// anonymous for <c>null</c>.</summary>
    public async Task<IPage> PageAsAsync(string? role)
    {
        if (role is null)
        {
            return await NewPageAsync();
        }

        var state = await StorageStateAsync(role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.RootUri.ToString(),
            Locale = "nl-NL",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            StorageState = state,
        });
        return await context.NewPageAsync();
    }

    private async Task<string> StorageStateAsync(string role)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_loggedIn.TryGetValue(role, out var state))
            {
                var page = await NewPageAsync();
                await LoginAsync(page, DemoAccounts.All.First(a => a.Role == role).Email, DemoAccounts.Password);
                _loggedIn[role] = state = await page.Context.StorageStateAsync();
                await page.Context.CloseAsync();
            }

            return state;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// WCAG 2.1 AA (axe-core, <see cref="Accessibility"/>) on every page for every role that can see it, and on the states
/// that matter: open selects and date picker, publication mode, the report of a rejected import, the audit log, messages
/// (snackbars, alerts), the page a role may not see, and a page reached and used by keyboard only.
/// </summary>
public sealed class AccessibilityTests(AccessibilityFixture browser) : IClassFixture<AccessibilityFixture>
{
    private const string? Anoniem = null;

    /// <summary>Every page, for every role that may see it (NavMenu and the pages' [Authorize]). A new page gets the
    /// same check by one line here: its route, a role that sees it (or null: anonymous) and its h1. The account pages
    /// (server-rendered, outside the circuit) are loaded; the app's pages are reached through the router.</summary>
    [Theory]
    [InlineData("/account/login", Anoniem, "Inloggen")]
    [InlineData("/fout", Anoniem, "Er ging iets mis")]
    [InlineData("/account/geen-toegang", Roles.Contractmanager, "Geen toegang")] // where a page load of /beheer ends
    [InlineData("/imports", Roles.Wethouder, "Geen toegang")] // what the router shows for a page the role may not see
    [InlineData("/beheer", Roles.Controller, "Geen toegang")]
    [InlineData("/", Roles.Wethouder, "Overzicht")]
    [InlineData("/", Roles.Controller, "Overzicht")]
    [InlineData("/", Roles.Contractmanager, "Overzicht")]
    [InlineData("/", Roles.Beheerder, "Overzicht")]
    [InlineData("/begroting", Roles.Wethouder, "Begroting")]
    [InlineData("/begroting", Roles.Controller, "Begroting")]
    [InlineData("/begroting", Roles.Contractmanager, "Begroting")]
    [InlineData("/begroting", Roles.Beheerder, "Begroting")]
    [InlineData("/begroting/mutaties", Roles.Wethouder, "Begrotingsmutaties")]
    [InlineData("/begroting/mutaties", Roles.Controller, "Begrotingsmutaties")]
    [InlineData("/begroting/mutaties", Roles.Contractmanager, "Begrotingsmutaties")]
    [InlineData("/begroting/mutaties", Roles.Beheerder, "Begrotingsmutaties")]
    [InlineData("/begroting/posten", Roles.Wethouder, "Begrotingsposten")]
    [InlineData("/begroting/posten", Roles.Controller, "Begrotingsposten")]
    [InlineData("/begroting/posten", Roles.Contractmanager, "Begrotingsposten")]
    [InlineData("/begroting/posten", Roles.Beheerder, "Begrotingsposten")]
    [InlineData("/prognose", Roles.Wethouder, "Prognose & scenario's")]
    [InlineData("/prognose", Roles.Controller, "Prognose & scenario's")]
    [InlineData("/prognose", Roles.Contractmanager, "Prognose & scenario's")]
    [InlineData("/prognose", Roles.Beheerder, "Prognose & scenario's")]
    [InlineData("/aanbieders", Roles.Wethouder, "Aanbieders")]
    [InlineData("/aanbieders", Roles.Controller, "Aanbieders")]
    [InlineData("/aanbieders", Roles.Contractmanager, "Aanbieders")]
    [InlineData("/aanbieders/tarieven", Roles.Contractmanager, "Tarieven")]
    [InlineData("/aanbieders", Roles.Beheerder, "Aanbieders")]
    [InlineData("/aanbieders/75750001", Roles.Contractmanager, "Zorggroep IJsseldelta")] // the first demo provider
    [InlineData("/aanbieders/75750001", Roles.Wethouder, "Zorggroep IJsseldelta")]
    [InlineData("/aanbieders/99999999", Roles.Controller, "Aanbieder niet gevonden")]
    [InlineData("/stapeling", Roles.Wethouder, "Stapeling")]
    [InlineData("/stapeling", Roles.Controller, "Stapeling")]
    [InlineData("/stapeling", Roles.Contractmanager, "Stapeling")]
    [InlineData("/stapeling", Roles.Beheerder, "Stapeling")]
    [InlineData("/imports", Roles.Contractmanager, "Imports")]
    [InlineData("/imports", Roles.Beheerder, "Imports")]
    [InlineData("/beheer", Roles.Beheerder, "Beheer")]
    [InlineData("/api-documentatie", Roles.Wethouder, "API-documentatie")]
    [InlineData("/api-documentatie", Roles.Controller, "API-documentatie")]
    [InlineData("/api-documentatie", Roles.Contractmanager, "API-documentatie")]
    [InlineData("/api-documentatie", Roles.Beheerder, "API-documentatie")]
    public async Task The_page_meets_WCAG_21_AA_for_the_role(string route, string? role, string heading)
    {
        var context = $"{route} als {role ?? "anoniem"}";
        if (role is null || route.StartsWith("/account/", StringComparison.Ordinal))
        {
            var page = await browser.PageAsAsync(role);
            await page.GotoAsync(route);
            await ExpectLoadedAsync(page, heading);
            await Accessibility.AssertNoViolationsAsync(page, context);
            await page.Context.CloseAsync();
            return;
        }

        var (shared, isNew) = await browser.SharedPageAsAsync(role);
        if (isNew)
        {
            await shared.GotoAsync("/");
            await ExpectLoadedAsync(shared, "Overzicht");
        }

        await shared.EvaluateAsync("route => Blazor.navigateTo(route)", route);
        await Expect(shared).ToHaveURLAsync(new Uri(browser.App.RootUri, route).ToString());
        await ExpectLoadedAsync(shared, heading);
        await Accessibility.AssertNoViolationsAsync(shared, context);
    }

    /// <summary>The check itself: on a page with known violations it fails, and its message names the rules, the
    /// selectors and the HTML to fix (so the passing tests above are not passing because axe ran no rules).</summary>
    [Fact]
    public async Task The_check_fails_on_violations_and_says_what_to_fix()
    {
        var page = await browser.PageAsAsync(Anoniem);
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="nl"><head><title>Proef</title></head><body><main>
            <h1>Proef</h1><p style="color:#aaa;background:#fff">Lichtgrijze tekst</p><button id="leeg"></button>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => Accessibility.AssertNoViolationsAsync(page, "proefpagina"));

        Assert.Contains("2 WCAG 2.1 AA-overtreding(en) op 'proefpagina'", failure.Message);
        Assert.Contains("[color-contrast] (serious)", failure.Message);
        Assert.Contains("[button-name] (critical)", failure.Message);
        Assert.Contains("#leeg", failure.Message);
        Assert.Contains("<button id=\"leeg\"></button>", failure.Message);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_login_page_with_its_validation_and_error_messages_meets_WCAG_21_AA()
    {
        var page = await browser.PageAsAsync(Anoniem);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page.GetByText("Vul uw e-mailadres in.")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Inloggen, velden leeg");

        await page.GetByLabel("E-mailadres").FillAsync("onbekend@demo.local"); // no account: nothing is locked out
        await page.GetByLabel("Wachtwoord").FillAsync("fout-wachtwoord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Het e-mailadres of het wachtwoord klopt niet.");
        await Accessibility.AssertNoViolationsAsync(page, "Inloggen, verkeerd wachtwoord");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Stapeling_with_publication_mode_open_filters_and_the_date_picker_meets_WCAG_21_AA()
    {
        var page = await browser.PageAsAsync(Roles.Controller);
        await page.GotoAsync("/stapeling");
        await ExpectLoadedAsync(page, "Stapeling");

        await page.GetByLabel("Publicatiemodus (CBS-regel)").CheckAsync();
        await Expect(page.GetByTestId("uitleg-publicatie")).ToBeVisibleAsync();
        await ExpectLoadedAsync(page, "Stapeling");
        await Accessibility.AssertNoViolationsAsync(page, "Stapeling, controller, publicatiemodus");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Wet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Stapeling, keuzelijst Wet open");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Kalender openen" }).ClickAsync();
        await Expect(page.Locator(".mud-picker-calendar-container")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Stapeling, kalender van de peildatum open");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Imports_with_the_report_of_a_rejected_file_meets_WCAG_21_AA()
    {
        var page = await browser.PageAsAsync(Roles.Contractmanager);
        await page.GotoAsync("/imports");
        await ExpectLoadedAsync(page, "Imports");

        var original = RejectedFile().Bytes();
        await ImportAndStackingTests.UploadAsync(page, "afgekeurd-a11y.csv", original);

        var report = page.GetByTestId("importverslag");
        await Expect(report.GetByTestId("importstatus")).ToHaveTextAsync("Afgekeurd", new() { Timeout = 20_000 });
        await Expect(report.GetByRole(AriaRole.Table, new() { Name = "Afgekeurde rijen" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Imports, verslag van een afgekeurd bestand");

        await Expect(report.GetByTestId("origineel")).ToContainTextAsync("versleuteld bewaard tot");
        await Expect(report.GetByRole(AriaRole.Link, new() { Name = "Downloaden" })).ToHaveCountAsync(0); // the original is for the beheerder only

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Soort gegevens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Imports, keuzelijst Soort gegevens open");
        await page.Context.CloseAsync();

        // The beheerder opens the same report from the history and downloads the kept original, byte for byte.
        var beheerder = await browser.PageAsAsync(Roles.Beheerder);
        await beheerder.GotoAsync("/imports");
        await ExpectLoadedAsync(beheerder, "Imports");
        await beheerder.GetByRole(AriaRole.Row).Filter(new() { HasText = "afgekeurd-a11y.csv" }).First
            .GetByRole(AriaRole.Button, new() { Name = "Verslag" }).ClickAsync();
        var download = beheerder.GetByTestId("importverslag").GetByRole(AriaRole.Link, new() { Name = "Downloaden" });
        await Expect(download).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(beheerder, "Imports, verslag met het bewaarde bestand voor de beheerder");
        var file = await beheerder.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        await using (var content = await file.CreateReadStreamAsync())
        {
            var bytes = new MemoryStream();
            await content.CopyToAsync(bytes);
            Assert.Equal(original, bytes.ToArray());
        }

        Assert.Equal("afgekeurd-a11y.csv", file.SuggestedFilename);
        await beheerder.Context.CloseAsync();
    }

    [Fact]
    public async Task Beheer_with_the_audit_log_filtered_the_district_editor_and_its_messages_meets_WCAG_21_AA()
    {
        var page = await browser.PageAsAsync(Roles.Beheerder);
        await page.GotoAsync("/beheer");
        await ExpectLoadedAsync(page, "Beheer");

        // The audit log section: the action filter open, then a filter on the user.
        var auditLog = page.Locator("section[aria-labelledby=kop-auditlog]");
        await auditLog.GetByRole(AriaRole.Combobox, new() { Name = "Handeling" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Beheer, auditlog, keuzelijst Handeling open");
        await page.Keyboard.PressAsync("Escape");
        await auditLog.GetByLabel("Gebruiker").FillAsync("beheerder");
        await Expect(auditLog.GetByRole(AriaRole.Table, new() { Name = "Auditlog" })).ToBeVisibleAsync();
        await ExpectLoadedAsync(page, "Beheer");
        await Accessibility.AssertNoViolationsAsync(page, "Beheer, auditlog gefilterd op gebruiker");

        // The district editor: the district list open, then the message after a refused change.
        await page.GetByLabel("Postcode (4 cijfers)").FillAsync("12");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Wijk (leeg: uit de indeling halen)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Beheer, wijkeditor, keuzelijst Wijk open");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Beheer, melding na een geweigerde wijziging");

        // A district file with errors: the alert that lists them.
        var chooser = await page.RunAndWaitForFileChooserAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Hele indeling vervangen uit CSV (postcode;wijk)" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "wijken-fout.csv", MimeType = "text/csv", Buffer = "postcode;wijk\r\nabcd;Centrum\r\n"u8.ToArray() });
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "kolom" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "Beheer, fouten in een wijkbestand");
        await page.Context.CloseAsync();
    }

    /// <summary>From the overview to Stapeling and into publication mode with the keyboard alone. After every page
    /// change the focus is on the h1 (FocusOnNavigate); every focused control shows a visible focus indicator; Enter
    /// follows the menu link, Space switches the mode, and the skip link takes the focus past the menu to the content.</summary>
    [Fact]
    public async Task The_controller_reaches_Stapeling_and_switches_publication_mode_by_keyboard_only()
    {
        var page = await browser.PageAsAsync(Roles.Controller);
        await page.GotoAsync("/");
        await ExpectLoadedAsync(page, "Overzicht");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Stapeling" }), backwards: true);
        await ExpectFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await ExpectLoadedAsync(page, "Stapeling");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        var publication = page.GetByRole(AriaRole.Switch, new() { Name = "Publicatiemodus (CBS-regel)" });
        await TabToAsync(page, publication);
        await ExpectFocusVisibleAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("toetsenbord-publicatiemodus-focus") });
        await page.Keyboard.PressAsync("Space");

        await Expect(publication).ToBeCheckedAsync();
        await Expect(page.GetByTestId("uitleg-publicatie")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("selectie")).ToContainTextAsync("publicatiemodus");
        await Accessibility.AssertNoViolationsAsync(page, "Stapeling met het toetsenbord bereikt, publicatiemodus aan");

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Direct naar de inhoud" });
        await TabToAsync(page, skip, backwards: true);
        await Expect(skip).ToBeInViewportAsync();
        await ExpectFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#inhoud")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Peildatum")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>The page is interactive, its h1 is there and nothing is loading any more (indeterminate progress bars, table loading).</summary>
    private static async Task ExpectLoadedAsync(IPage page, string heading)
    {
        await Accessibility.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading, new() { Timeout = 15_000 });
        await Expect(page.Locator(".mud-progress-linear.mud-progress-indeterminate, .mud-table-loading"))
            .ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus (at most 60 times).</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        await Expect(target).ToBeFocusedAsync(new() { Timeout = 1 });
    }

    /// <summary>The focused element, or the control around it, draws a visible focus indicator: an outline of at
    /// least 2px that is not transparent.</summary>
    private static async Task ExpectFocusVisibleAsync(IPage page)
    {
        var indicator = await page.EvaluateAsync<string>("""
            () => {
              for (let e = document.activeElement, i = 0; e && i < 3; e = e.parentElement, i++) {
                const s = getComputedStyle(e);
                if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)')
                  return s.outlineWidth + ' ' + s.outlineStyle + ' ' + s.outlineColor;
              }
              return '';
            }
            """);
        Assert.False(string.IsNullOrEmpty(indicator), $"Geen zichtbare focus op {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200)")}");
    }

    /// <summary>Three rows of which two are wrong (an impossible date and a missing product code): a file that is
    /// rejected as a whole. The BSNs are generated test numbers that pass the 11-test.</summary>
    private static ToewijzingenFile RejectedFile()
    {
        var file = new ToewijzingenFile();
        var product = new Product("02A06", "02", "Begeleiding licht", Domain.Assignments.Law.Wmo);
        var provider = new Provider("75750001", "Zorg Zwolle BV");
        for (var i = 0; i < 3; i++)
        {
            file.Add(file.NewClient(), new Address("8011AB", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), product, provider,
                new DateOnly(2019, 1, 1), null, Amount.Of(2, "uur", Domain.Assignments.Frequency.PerWeek, 58.40m));
        }

        file.Spoil(2, "ingangsdatum", "31-02-2019");
        file.Spoil(4, "productcode", "");
        return file;
    }
}
