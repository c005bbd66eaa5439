using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Scenarios;
using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>The prognosis tab and its dialogs on the demo data: reason required, amounts in Dutch, conflicts.</summary>
public sealed class PrognosisEditingTests(DatabaseFixture database) : EditingTestContext(database), IClassFixture<DatabaseFixture>
{
    private async Task<PrognosisCell> CellAsync(string name, int year) =>
        PrognosisCell.Of((await Components.ListAsync()).Components.Single(c => c.Name == name && c.Year == year));

    private Task<decimal> StoredAsync(string name, int year) =>
        Database.QueryAsync(db => db.DeficitComponents.Where(c => c.Name == name && c.Year == year).Select(c => c.Amount).SingleAsync());

    private Task<(IRenderedComponent<IComponent> Root, Func<int> Changed)> TabAsync(bool canEdit) => RenderTabAsync<PrognosisTab>(canEdit, "basistekort");

    [Fact]
    public async Task A_change_without_a_reason_is_refused_under_the_reason_and_with_one_it_is_stored_with_its_reason_in_the_audit_log()
    {
        var (provider, dialog) = await OpenAsync(new DialogParameters<PrognosisCellDialog> { { d => d.Cell, await CellAsync("Wmo", 2019) } });
        var before = await StoredAsync("Wmo", 2019);
        Assert.Equal("Wmo 2019 wijzigen", provider.Find(".mud-dialog-title h2").TextContent.Trim());

        Input(provider, "veld-bedrag").Change("-4.250.000");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.Equal("Geef een reden voor de wijziging; die komt in het auditlog.",
            Description(provider, "textarea[data-testid=veld-reden]")), Wait);
        Assert.Equal(before, await StoredAsync("Wmo", 2019));

        provider.Find("textarea[data-testid=veld-reden]").Change("Nieuwe raming na de tweede bestuursrapportage");
        provider.Find("[data-testid=opslaan]").Click();

        Assert.False((await dialog.Result.WaitAsync(Wait))!.Canceled);
        Assert.Equal(-4_250_000m, await StoredAsync("Wmo", 2019));
        var entry = await Database.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.PrognosisChanged));
        Assert.Equal("controller@demo.local", entry.UserName);
        Assert.Contains("Nieuwe raming na de tweede bestuursrapportage", entry.Details);
    }

    [Fact]
    public async Task An_amount_that_is_not_a_number_gets_a_Dutch_message_under_the_amount_and_nothing_is_stored()
    {
        var (provider, dialog) = await OpenAsync(new DialogParameters<PrognosisCellDialog> { { d => d.Cell, await CellAsync("Jeugd", 2020) } });
        var before = await StoredAsync("Jeugd", 2020);

        Input(provider, "veld-bedrag").Change("vijf miljoen");
        provider.Find("textarea[data-testid=veld-reden]").Change("Raming");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.StartsWith("'vijf miljoen' is geen bedrag.", Description(provider, "input[data-testid=veld-bedrag]")), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(before, await StoredAsync("Jeugd", 2020));
    }

    [Fact]
    public async Task A_component_someone_else_changed_meanwhile_is_not_overwritten_and_reload_shows_their_amount()
    {
        var read = await CellAsync("Wmo", 2020);
        var (provider, dialog) = await OpenAsync(new DialogParameters<PrognosisCellDialog> { { d => d.Cell, read } });
        Assert.True((await Components.UpdateAsync(read.Component!.Id, -3_900_000m, null, "Collega", read.Component.Version, "collega@demo.local")).Succeeded);

        Input(provider, "veld-bedrag").Change("-4.100.000");
        provider.Find("textarea[data-testid=veld-reden]").Change("Mijn raming");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Wmo 2020 is intussen door iemand anders gewijzigd", provider.Find("[data-testid=conflict]").TextContent), Wait);
        Assert.Equal(-3_900_000m, await StoredAsync("Wmo", 2020));
        Assert.False(dialog.Result.IsCompleted);

        provider.Find("[data-testid=conflict] button").Click();
        provider.WaitForAssertion(() => Assert.Equal("-3.900.000", Input(provider, "veld-bedrag").GetAttribute("value")), Wait);
        Assert.Equal("Mijn raming", provider.Find("textarea[data-testid=veld-reden]").GetAttribute("value"));
    }

    [Fact]
    public async Task The_tab_shows_the_baseline_as_the_sum_of_the_stored_components_and_a_controller_opens_a_cell_by_its_button()
    {
        var (root, _) = await TabAsync(canEdit: true);
        var inputs = await Components.ListAsync();

        foreach (var year in inputs.Components.Select(c => c.Year).Distinct())
        {
            Assert.Equal(AmountInput.Money(inputs.Components.Where(c => c.Year == year).Sum(c => c.Amount)),
                root.Find($"[data-testid=basistekort] [data-testid=bedrag-{year}]").TextContent.Trim());
        }

        Assert.Contains("Begrotingswijziging", root.Find("[data-testid=uitleg-begrotingswijziging]").TextContent);
        _ = root.FindAll("button[aria-label^='Jeugd 2019 wijzigen']").Single().ClickAsync(new()); // completes when the dialog closes
        root.WaitForAssertion(() => Assert.Equal("Jeugd 2019 wijzigen", root.Find(".mud-dialog-title h2").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task A_wethouder_reads_the_prognosis_without_any_edit_control()
    {
        SignIn("wethouder@demo.local", Roles.Wethouder);

        var (root, _) = await TabAsync(canEdit: false);

        Assert.Empty(root.FindAll("button"));
        Assert.NotEmpty(root.FindAll("[data-testid=prognose] tbody tr"));
    }

    [Fact]
    public async Task Adding_a_component_stores_one_row_per_year_given_and_the_tab_shows_it_after_the_save()
    {
        var (root, changed) = await TabAsync(canEdit: true);

        _ = root.Find("[data-testid=component-toevoegen]").ClickAsync(new()); // completes when the dialog closes
        root.WaitForAssertion(() => Assert.Equal("Component toevoegen", root.Find(".mud-dialog-title h2").TextContent.Trim()), Wait);
        Input(root, "veld-naam").Change("Begrotingswijziging voorjaarsnota");
        await root.InvokeAsync(() => root.FindComponents<MudSelect<DeficitComponentKind>>().Single().Instance.ValueChanged.InvokeAsync(DeficitComponentKind.BudgetChange));
        Input(root, "veld-bedrag-2019").Change("-300.000");
        Input(root, "veld-bedrag-2020").Change("-250.000,50");
        root.Find("textarea[data-testid=veld-reden]").Change("Voorjaarsnota 2019 vastgesteld");
        root.Find("[data-testid=opslaan]").Click();

        root.WaitForAssertion(() => Assert.Equal(1, changed()), Wait);
        var rows = await Database.QueryAsync(db => db.DeficitComponents.Where(c => c.Name == "Begrotingswijziging voorjaarsnota").OrderBy(c => c.Year)
            .Select(c => new { c.Year, c.Amount, c.Kind }).ToListAsync());
        Assert.Equal([new { Year = 2019, Amount = -300_000m, Kind = DeficitComponentKind.BudgetChange }, new { Year = 2020, Amount = -250_000.50m, Kind = DeficitComponentKind.BudgetChange }], rows);
        root.WaitForAssertion(() => Assert.Contains(root.FindAll("[data-testid=prognose] tbody th"), th => th.TextContent.Trim() == "Begrotingswijziging voorjaarsnota"), Wait);
    }
}
