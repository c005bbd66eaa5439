using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Pages;

namespace SociaalDomein.Web.Tests.Components.Audit;

/// <summary>The Auditlog section of the Beheer page, rendered with its real services on a real database.</summary>
public sealed class AdminAuditLogTests : MudBunitContext, IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Winter = new(2026, 11, 23, 13, 5, 9, TimeSpan.Zero); // 14:05:09 in Zwolle

    private readonly DatabaseFixture _database;

    public AdminAuditLogTests(DatabaseFixture database)
    {
        _database = database;
        AddAuthorization().SetAuthorized("beheerder@demo.local").SetRoles(Roles.Beheerder);
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<UserDirectory>();
        Services.AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>();
        Services.AddSingleton<DistrictService>();
    }

    public override Task InitializeAsync() => _database.ResetAsync();

    private Task RecordAsync(DateTimeOffset at, string user, AuditAction action, string subject, string? details = null) =>
        new AuditLog(_database.ContextFactory, new FixedClock(at)).RecordAsync(user, action, subject, details);

    private static string[][] Rows(IRenderedComponent<Admin> page) =>
        page.FindAll("[data-testid=auditlog] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToArray();

    [Fact]
    public async Task The_beheer_page_lists_the_entries_newest_first_in_Dutch_time_with_the_action_in_Dutch()
    {
        await RecordAsync(Winter, "beheerder@demo.local", AuditAction.DistrictsReplaced, "Wijkindeling uit wijken.csv", "40 postcodes in 5 wijken");
        await RecordAsync(Winter.AddMinutes(1), "bi-wethouder", AuditAction.Export, "Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus");

        var page = Render<Admin>();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Length), TimeSpan.FromSeconds(10));
        var rows = Rows(page);
        Assert.Equal(["23-11-2026 14:06:09", "bi-wethouder", "Export", "Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus"], rows[0]);
        Assert.Equal(["23-11-2026 14:05:09", "beheerder@demo.local", "Wijkindeling vervangen"], rows[1][..3]);
        Assert.Contains("40 postcodes in 5 wijken", rows[1][3]);
        Assert.Equal("Auditlog", page.Find("h2#kop-auditlog").TextContent.Trim());
        Assert.Equal("Auditlog", page.Find("[data-testid=auditlog] table").GetAttribute("aria-label"));
        Assert.Equal(["Tijdstip", "Gebruiker", "Handeling", "Onderwerp"],
            page.FindAll("[data-testid=auditlog] thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task The_user_filter_has_a_label_and_narrows_the_list()
    {
        await RecordAsync(Winter, "beheerder@demo.local", AuditAction.DistrictChanged, "Postcode 8011: Stad → Noord");
        await RecordAsync(Winter.AddMinutes(1), "bi-wethouder", AuditAction.Export, "Wijkindeling (CSV)");
        var page = Render<Admin>();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Length), TimeSpan.FromSeconds(10));

        var input = page.Find("input[data-testid=auditlog-gebruiker]");
        var label = page.Find($"label[for='{input.Id}']");
        input.Input("BEHEERDER");

        Assert.Equal("Gebruiker", label.TextContent.Trim());
        page.WaitForAssertion(() => Assert.Equal(["beheerder@demo.local"], Rows(page).Select(r => r[1])), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_action_filter_narrows_the_list_to_one_action()
    {
        await RecordAsync(Winter, "beheerder@demo.local", AuditAction.StackingRecomputeRequested, "Stapeling peildatum 01-11-2018");
        await RecordAsync(Winter.AddMinutes(1), "bi-wethouder", AuditAction.Export, "Wijkindeling (CSV)");
        var page = Render<Admin>();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Length), TimeSpan.FromSeconds(10));

        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Handeling");
        Assert.Equal("combobox", page.Find("[data-testid=auditlog-handeling]").GetAttribute("role"));
        Assert.Equal("Handeling", page.Find("[data-testid=auditlog-handeling]").GetAttribute("aria-label"));
        await page.InvokeAsync(() => select.Instance.SelectOption(AuditAction.StackingRecomputeRequested.ToString()));

        page.WaitForAssertion(() => Assert.Equal([["Herberekening stapeling aangevraagd", "Stapeling peildatum 01-11-2018"]],
            Rows(page).Select(r => r[2..])), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_empty_log_says_so_in_Dutch()
    {

        var page = Render<Admin>();

        page.WaitForAssertion(() => Assert.Contains("Geen regels gevonden.", page.Find("[data-testid=auditlog]").TextContent), TimeSpan.FromSeconds(10));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
