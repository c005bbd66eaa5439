using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Web.Components.Providers.Editing;
using SociaalDomein.Web.Formatting;
using static Microsoft.Playwright.Assertions;

namespace SociaalDomein.EndToEnd.Tests;

/// <summary>
/// Issue 10's "done when" on the demo data: a contract manager imports a claims file in the browser that takes a provider
/// over 70 % of its budget ceiling, and the warning appears for that provider — and only for it among those under 70 %
/// before. The provider, the ceiling and the amount needed come from the database (<see cref="CeilingService"/>), never
/// from constants; the warning is raised by the job the import queues. Runs alone, after the other classes: the import
/// also queues the recompute of every provider filter (minutes of CPU on two cores), which would slow their pages.
/// </summary>
[Collection(Alone)]
public sealed class ClaimsWarningTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public const string Alone = "Alleen";
    private const int Year = 2019;

    [Fact]
    public async Task A_claims_file_that_takes_a_provider_over_70_percent_raises_its_warning_on_the_provider_page()
    {
        var ceilings = browser.App.Services.GetRequiredService<CeilingService>();
        var before = await ceilings.StatusesAsync(Year, CancellationToken.None);
        // The whole-provider ceiling closest under 70 %: a modest file takes it over.
        var target = before.Where(s => s.Law is null && s.ProductCode is null && s.Spent * 100 < s.Ceiling * 70)
            .OrderByDescending(s => s.Spent / s.Ceiling).First();
        var untouched = before.Where(s => s.ProviderAgb != target.ProviderAgb && s.Spent * 100 < s.Ceiling * 70).Select(s => s.CeilingId).ToList();
        Assert.Empty(await WarningsAsync(target.CeilingId));
        var missing = Math.Ceiling(target.Ceiling * 0.70m - target.Spent) + 1_000m;
        var file = ClaimsFile(target.ProviderAgb, target.AsOf, missing);

        var page = await browser.NewPageAsync();
        var manager = DemoAccounts.All.First(a => a.Role == Roles.Contractmanager);
        await BrowserFixture.LoginAsync(page, manager.Email, DemoAccounts.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Imports" }).ClickAsync();
        await ImportAndStackingTests.ChooseKindAsync(page, "Declaraties (aanbieders)");
        await ImportAndStackingTests.UploadAsync(page, "declaraties-plafond.csv", file);
        var report = page.GetByTestId("importverslag");
        await Expect(report.GetByTestId("importstatus")).ToHaveTextAsync("Geslaagd", new() { Timeout = 90_000 });
        await Expect(ImportAndStackingTests.ReportCell(report.GetByRole(AriaRole.Table, new() { Name = "Verslag van de import" }), "Afgekeurd"))
            .ToHaveTextAsync("0");

        var after = (await ceilings.StatusesAsync(Year, CancellationToken.None)).Single(s => s.CeilingId == target.CeilingId);
        Assert.Equal(target.Spent + missing, after.Spent);
        Assert.True(after.Spent * 100 >= after.Ceiling * 70);

        await page.GotoAsync($"/aanbieders/{target.ProviderAgb}");
        var panel = page.GetByTestId("signaleringen");
        var warning = panel.GetByRole(AriaRole.Row).Filter(new() { HasText = "Drempel 70 % bereikt" }) // (its 2018 ceiling, passed long
            .Filter(new() { HasText = $"{Year}, {ProviderAccess.Scope(null, null)}" });                     // ago, is warned about too)
        for (var attempt = 0; attempt < 30 && await warning.CountAsync() == 0; attempt++)
        {
            await Task.Delay(1_000); // the warning job runs after the import; the panel reads on opening
            await page.ReloadAsync();
            await panel.WaitForAsync();
        }

        await Expect(warning).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(warning).ToContainTextAsync($": {Dutch.WholeEuro(target.Ceiling)}");
        await Expect(warning).ToContainTextAsync(Dutch.Euro(after.Spent));
        await Expect(page.GetByTestId("plafonds").GetByTestId($"plafond-{target.CeilingId}").GetByTestId("percentage"))
            .ToHaveTextAsync(ProviderAccess.Percent(after.Used), new() { Timeout = 30_000 });
        await Accessibility.AssertNoViolationsAsync(page, $"/aanbieders/{target.ProviderAgb} met een signalering");

        Assert.Single(await WarningsAsync(target.CeilingId), w => w.Level == WarningLevel.ThresholdReached);
        var warned = await WarningCeilingsAsync();
        Assert.All(untouched, id => Assert.DoesNotContain(id, warned));
        await page.Context.CloseAsync();
    }

    /// <summary>Claims of <paramref name="agb"/> adding up to <paramref name="total"/>, for the last month up to the
    /// ceiling's as-of date, spread over a few generated clients.</summary>
    private static byte[] ClaimsFile(string agb, DateOnly asOf, decimal total)
    {
        var end = asOf;
        var start = new DateOnly(end.Year, end.Month, 1);
        const int clients = 4;
        var each = Math.Floor(total / clients);
        var csv = new StringBuilder("bsn;aanbieder_agb;wet;productcode;periode_start;periode_eind;bedrag;ingediend_op;status;declaratienummer\n");
        for (var i = 0; i < clients; i++)
        {
            var amount = i < clients - 1 ? each : total - each * (clients - 1);
            csv.Append(CultureInfo.InvariantCulture, $"{TestBsn.Number(8100 + i)};{agb};Jeugdwet;45A12;{D(start)};{D(end)};")
               .Append(amount.ToString("0.00", CultureInfo.GetCultureInfo("nl-NL")))
               .Append(CultureInfo.InvariantCulture, $";{D(end.AddDays(5))};goedgekeurd;E2E-PLAFOND-{i + 1}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string D(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private async Task<List<ProviderWarning>> WarningsAsync(int ceilingId)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.ProviderWarnings.Where(w => w.BudgetCeilingId == ceilingId).ToListAsync();
    }

    private async Task<List<int>> WarningCeilingsAsync()
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.ProviderWarnings.Select(w => w.BudgetCeilingId).ToListAsync();
    }
}

/// <summary>The classes that run after all others, one at a time (see <see cref="ClaimsWarningTests"/>).</summary>
[CollectionDefinition(ClaimsWarningTests.Alone, DisableParallelization = true)]
public sealed class AloneCollection;
