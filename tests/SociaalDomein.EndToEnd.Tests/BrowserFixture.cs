using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>The app on a real loopback port.</summary>
public class ServedApp : AppFactory
{
    protected override bool RealPort => true;
}

/// <summary>The app on a real loopback port for a municipality that has imported nothing yet: the demo accounts exist,
/// but no demonstration municipality, districts or assignments are seeded. What a test then imports is all there is.</summary>
public sealed class EmptyServedApp : ServedApp
{
    protected override bool WithDemoData => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(DatabaseInitializer.SeedDemoDataKey, "false");
    }
}

/// <summary>
/// The app served on a real port plus headless Chromium from the machine (Debian's chromium package; Playwright
/// cannot download its own browser here). A missing browser fails the tests: it never skips them.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPathVariable = "CHROMIUM_PATH";

    public BrowserFixture()
        : this(new ServedApp())
    {
    }

    protected BrowserFixture(ServedApp app) => App = app;

    public ServedApp App { get; }
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumPathVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium niet gevonden op '{chromium}'. Installeer het Debian-pakket 'chromium' of zet {ChromiumPathVariable}.");
        }

        await ((IAsyncLifetime)App).InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies) with Dutch locale.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.RootUri.ToString(),
            Locale = "nl-NL",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the login form and waits until the page is interactive (Blazor circuit up).</summary>
    public static async Task LoginAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Where screenshots go, for people to look at after a run.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}

/// <summary>A browser and an app of its own on an empty database (<see cref="EmptyServedApp"/>).</summary>
public sealed class EmptyMunicipalityBrowserFixture() : BrowserFixture(new EmptyServedApp());
