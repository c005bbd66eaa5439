using Microsoft.Playwright;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>The app on a real loopback port.</summary>
public sealed class ServedApp : AppFactory
{
    protected override bool RealPort => true;
}

/// <summary>
/// The app served on a real port plus headless Chromium from the machine (Debian's chromium package; Playwright
/// cannot download its own browser here). A missing browser fails the tests: it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPathVariable = "CHROMIUM_PATH";

    public ServedApp App { get; } = new();
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

    /// <summary>Where screenshots go, for people to look at after a run.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
