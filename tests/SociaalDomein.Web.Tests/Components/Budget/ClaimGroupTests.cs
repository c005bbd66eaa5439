using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Budget;
using BudgetLinesPage = SociaalDomein.Web.Components.Pages.BudgetLines;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The claims of a budget line on /begroting/posten (docs/domain.md §7) with the real services on the demo data: the
/// column "Declaraties" for every role, the edit dialog for Controller and Beheerder with the service's Dutch messages
/// under their fields, a conflict that overwrites nothing and offers the stored link, and a save that stores.</summary>
public sealed class ClaimGroupTests : MudBunitContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly DatabaseFixture _database;

    public ClaimGroupTests(DatabaseFixture database)
    {
        _database = database;
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<BudgetService>();
        Services.AddSingleton<BudgetLineService>();
        Services.AddSingleton<ClaimGroupService>();
    }

    public override Task InitializeAsync() => _database.ResetAndSeedDemoDataAsync();

    private ClaimGroupService Groups => Services.GetRequiredService<ClaimGroupService>();

    private async Task<ClaimGroupSummary> GroupAsync(string code) => (await Groups.ListAsync()).Single(g => g.Code == code);

    private void As(string role, params string[] policies) =>
        AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@demo.local").SetRoles(role).SetPolicies(policies);

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    [Fact]
    public void The_page_shows_each_lines_claims_and_the_controller_an_edit_button_per_line()
    {
        As(Roles.Controller, "Financieel");
        var page = Render<BudgetLinesPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=post-JGD-03]")), Wait);
        Assert.Contains("Declaraties", page.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("Jeugdwet 45", page.Find("[data-testid=post-JGD-03] [data-testid=declaraties]").TextContent.Trim());
        Assert.Equal("Jeugdwet 40, 43", page.Find("[data-testid=post-JGD-02] [data-testid=declaraties]").TextContent.Trim());
        Assert.Equal("niet gekoppeld", page.Find("[data-testid=post-WMO-06] [data-testid=declaraties]").TextContent.Trim());
        Assert.Equal("Declaraties van JGD-03 wijzigen", page.Find("[data-testid=declaraties-wijzigen-JGD-03]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_wethouder_sees_the_claims_but_no_button_to_change_them()
    {
        As(Roles.Wethouder);
        var page = Render<BudgetLinesPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=post-JGD-03]")), Wait);
        Assert.Equal("Jeugdwet 45", page.Find("[data-testid=post-JGD-03] [data-testid=declaraties]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid^=declaraties-wijzigen]"));
    }

    [Fact]
    public async Task Wrong_categories_and_a_missing_law_are_told_under_their_fields_and_nothing_is_stored()
    {
        As(Roles.Controller, "Financieel");
        var read = await GroupAsync("JGD-03");
        var (provider, dialog) = await OpenAsync(new DialogParameters<ClaimGroupDialog> { { d => d.Group, read } });
        provider.WaitForAssertion(() => Assert.Equal("45", Input(provider, "veld-categorieen").GetAttribute("value")), Wait);

        await provider.InvokeAsync(() => Input(provider, "veld-categorieen").Change("45, 4"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());
        provider.WaitForAssertion(() => Assert.StartsWith("Een productcategorie is twee cijfers", Description(provider, "input[data-testid=veld-categorieen]"), StringComparison.Ordinal), Wait);

        await provider.InvokeAsync(() => Input(provider, "veld-categorieen").Change("45 40"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());
        provider.WaitForAssertion(() => Assert.Contains("Productcategorie 40 (Jeugdwet) is al gekoppeld aan JGD-02", Description(provider, "input[data-testid=veld-categorieen]"), StringComparison.Ordinal), Wait);

        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(provider.FindAll("[data-testid=conflict]"));
        Assert.Equal(read, await GroupAsync("JGD-03"), ClaimGroupComparer.Instance);
    }

    [Fact]
    public async Task A_link_someone_else_changed_meanwhile_is_a_conflict_overwrites_nothing_and_reloads_theirs()
    {
        As(Roles.Controller, "Financieel");
        var read = await GroupAsync("JGD-03");
        var (provider, dialog) = await OpenAsync(new DialogParameters<ClaimGroupDialog> { { d => d.Group, read } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=opslaan]")), Wait);
        Assert.True((await Groups.SetAsync("JGD-03", "Jeugdwet", ["45", "46"], read.Version, "controller2@demo.local")).Succeeded);

        await provider.InvokeAsync(() => Input(provider, "veld-categorieen").Change("45, 47"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());

        provider.WaitForAssertion(() => Assert.Contains("intussen door iemand anders gewijzigd", provider.Find("[data-testid=conflict]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(["45", "46"], (await GroupAsync("JGD-03")).ProductCategories);

        await provider.InvokeAsync(() => provider.Find("[data-testid=conflict] button").Click());
        provider.WaitForAssertion(() => Assert.Equal("45, 46", Input(provider, "veld-categorieen").GetAttribute("value")), Wait);
        Assert.Empty(provider.FindAll("[data-testid=conflict]"));
    }

    [Fact]
    public async Task A_controller_links_an_unlinked_line_and_the_dialog_closes_with_the_stored_link()
    {
        As(Roles.Controller, "Financieel");
        var (provider, dialog) = await OpenAsync(new DialogParameters<ClaimGroupDialog> { { d => d.Group, await GroupAsync("WMO-06") } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=opslaan]")), Wait);

        await provider.InvokeAsync(() => Input(provider, "veld-categorieen").Change("08"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());
        provider.WaitForAssertion(() => Assert.StartsWith("Kies de wet van de declaraties", Description(provider, "[data-testid=veld-wet][role=combobox]"), StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);

        await provider.InvokeAsync(() => provider.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("Wmo"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());

        var result = await dialog.Result.WaitAsync(Wait);
        var saved = Assert.IsType<ClaimGroupSummary>(result!.Data);
        Assert.Equal("Wmo 08", ClaimGroupAccess.Describe(saved));
        Assert.Equal(saved, await GroupAsync("WMO-06"), ClaimGroupComparer.Instance);
    }

    /// <summary>Two links are the same when every field is (the record holds a list, compared by reference otherwise).</summary>
    private sealed class ClaimGroupComparer : IEqualityComparer<ClaimGroupSummary>
    {
        public static readonly ClaimGroupComparer Instance = new();

        public bool Equals(ClaimGroupSummary? x, ClaimGroupSummary? y) =>
            x is not null && y is not null && (x.Code, x.Law, x.Version) == (y.Code, y.Law, y.Version) && x.ProductCategories.SequenceEqual(y.ProductCategories);

        public int GetHashCode(ClaimGroupSummary obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
