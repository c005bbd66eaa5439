using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>
/// WCAG 2.1 AA in the browser tests: axe-core (embedded in Deque.AxeCore.Playwright, no network needed) on the page as it
/// is now. A failure names, per rule, what to fix and where, so a CI log is enough to repair it.
/// </summary>
public static class Accessibility
{
    /// <summary>The WCAG 2.0 and 2.1 success criteria of levels A and AA; nothing else (no best practices).</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Stops transitions and animations, so axe sees every element at its final colour and place (a popover
    /// that is still fading in has the contrast of half its opacity).</summary>
    private const string NoMotion =
        "*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }";

    /// <summary>Waits until the page is stable and asserts that axe finds no WCAG 2.1 AA violation on it.</summary>
    /// <param name="page">The page in the state to check (open popovers, expanded sections and so on count).</param>
    /// <param name="context">What is checked, for the failure message ("Stapeling, controller, publicatiemodus").</param>
    public static async Task AssertNoViolationsAsync(IPage page, string context)
    {
        await WaitUntilStableAsync(page);
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            ResultTypes = [ResultType.Violations],
            Iframes = false,
        };
        // axe.run in the page itself ("legacy" in this package): RunAxe runs axe per frame and then opens a new browser
        // context to merge the results, three to four times slower here; the app has no frames to merge.
#pragma warning disable CS0618
        var result = await page.RunAxeLegacy(null, options);
#pragma warning restore CS0618

        if (result.Violations.Length > 0)
        {
            await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("a11y-" + FileName(context)), FullPage = true });
            Assert.Fail(Describe(context, page.Url, result.Violations));
        }
    }

    /// <summary>Waits until the page is stable: interactive (<see cref="WaitUntilInteractiveAsync"/>), motion switched
    /// off, and two frames for the browser to lay out what that changed.</summary>
    public static async Task WaitUntilStableAsync(IPage page)
    {
        await WaitUntilInteractiveAsync(page);
        await page.AddStyleTagAsync(new() { Content = NoMotion });
        await page.EvaluateAsync("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))");
    }

    /// <summary>A page of the main layout is interactive once its Blazor circuit is (the layout then renders
    /// <c>[data-testid=interactief]</c>); the server-rendered account pages are once loaded.</summary>
    public static async Task WaitUntilInteractiveAsync(IPage page)
    {
        // The document itself, not the load event: after a form post Playwright may never report "load" for the page.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        if (await page.Locator(".mud-layout").CountAsync() > 0)
        {
            await page.Locator("[data-testid=interactief]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
    }

    internal static string Describe(string context, string url, IEnumerable<AxeResultItem> violations)
    {
        var list = violations.ToList();
        var text = new StringBuilder()
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"{list.Count} WCAG 2.1 AA-overtreding(en) op '{context}' ({url}):")
            .AppendLine();
        foreach (var v in list)
        {
            text.AppendLine()
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"[{v.Id}] ({v.Impact}) {v.Help} — {v.HelpUrl}")
                .AppendLine();
            foreach (var node in v.Nodes)
            {
                text.Append("    ").Append(node.Target).AppendLine();
                text.Append("      ").Append(Shorten(node.Html)).AppendLine();
                foreach (var check in node.Any.Concat(node.All).Concat(node.None).Where(c => !string.IsNullOrEmpty(c.Message)).Take(3))
                {
                    text.Append("      - ").Append(check.Message).AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string Shorten(string html) => html.Length <= 300 ? html : html[..300] + "…";

    private static string FileName(string context) =>
        new(context.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
}
