using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Budget;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The mutation list on the demo data: status in words, four eyes in the buttons, the steps and their messages.</summary>
public sealed class MutationTableTests(DatabaseFixture database) : MutationTestContext(database), IClassFixture<DatabaseFixture>
{
    private IRenderedComponent<IComponent> Table(IReadOnlyList<MutationSummary> mutations, bool canEdit, Action? changed = null) =>
        Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MutationTable>(1);
            builder.AddAttribute(2, nameof(MutationTable.Mutations), mutations);
            builder.AddAttribute(3, nameof(MutationTable.CanEdit), canEdit);
            builder.AddAttribute(4, nameof(MutationTable.UserName), Controller);
            builder.AddAttribute(5, nameof(MutationTable.Changed), EventCallback.Factory.Create(this, () => changed?.Invoke()));
            builder.CloseComponent();
        });

    private static string[] Buttons(IRenderedComponent<IComponent> table, int id) =>
        table.FindAll($"[data-testid=mutatie-{id}] button").Select(b => b.GetAttribute("aria-label") ?? "").ToArray();

    [Fact]
    public async Task Every_status_is_written_as_a_word_with_kind_term_and_amount_in_Dutch()
    {
        var concept = await CreateAsync(Controller, submit: false);
        var submitted = await CreateAsync(Controller, submit: true);
        var approved = await CreateAsync(Other, submit: true);
        Assert.True((await Mutations.ApproveAsync(approved.Id, approved.Version, Controller)).Succeeded);
        var rejected = await CreateAsync(Other, submit: true);
        Assert.True((await Mutations.RejectAsync(rejected.Id, rejected.Version, "Dubbel ingevoerd", Controller)).Succeeded);

        var table = Table(await Mutations.ListAsync(), canEdit: false);

        Assert.Equal(["Concept", "Ingediend", "Goedgekeurd", "Afgewezen"],
            new[] { concept, submitted, approved, rejected }.Select(m => table.Find($"[data-testid=mutatie-{m.Id}] [data-testid=status]").TextContent.Trim()));
        var cells = table.FindAll($"[data-testid=mutatie-{approved.Id}] td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["WMO-04 — Individuele begeleiding (IB)", "2019", "€ 500.000", "Berap 1", "structureel"], cells[..5]);
        Assert.StartsWith(Controller, cells[8], StringComparison.Ordinal);
        Assert.Contains("Dubbel ingevoerd", table.Find($"[data-testid=mutatie-{rejected.Id}]").TextContent, StringComparison.Ordinal);
        Assert.Equal([$"Geschiedenis mutatie {concept.Id}"], Buttons(table, concept.Id));
    }

    [Fact]
    public async Task The_author_of_a_submitted_mutation_gets_no_approve_button_but_the_reason_and_another_controller_gets_both()
    {
        var own = await CreateAsync(Controller, submit: true);
        var theirs = await CreateAsync(Other, submit: true);
        var concept = await CreateAsync(Other, submit: false);

        var table = Table(await Mutations.ListAsync(), canEdit: true);

        Assert.Equal([$"Geschiedenis mutatie {own.Id}"], Buttons(table, own.Id));
        Assert.Equal(MutationAccess.OwnMutation, table.Find($"[data-testid=mutatie-{own.Id}] [data-testid=eigen-mutatie]").TextContent.Trim());
        Assert.Equal([$"Geschiedenis mutatie {theirs.Id}", $"Goedkeuren mutatie {theirs.Id}", $"Afwijzen mutatie {theirs.Id}"], Buttons(table, theirs.Id));
        Assert.Equal([$"Geschiedenis mutatie {concept.Id}", $"Bewerken mutatie {concept.Id}", $"Indienen mutatie {concept.Id}"], Buttons(table, concept.Id));
    }

    [Fact]
    public async Task Approving_stores_the_decision_raises_Changed_and_the_history_names_both_controllers()
    {
        var theirs = await CreateAsync(Other, submit: true);
        var changed = 0;
        var table = Table([theirs], canEdit: true, () => changed++);

        table.Find($"[data-testid=mutatie-{theirs.Id}] [data-testid=goedkeuren]").Click();

        table.WaitForAssertion(() => Assert.Equal(1, changed), Wait);
        var stored = await ReadAsync(theirs.Id);
        Assert.Equal((MutationStatus.Approved, Controller), (stored.Status, stored.DecidedBy));
        var reread = Table([stored], canEdit: false);
        reread.Find($"[data-testid=mutatie-{theirs.Id}] [data-testid=details]").Click();
        reread.WaitForAssertion(() =>
        {
            var rows = reread.FindAll("[data-testid=geschiedenis] tbody tr").Select(r => r.TextContent).ToList();
            Assert.Equal(3, rows.Count);
            Assert.Contains(Other, rows[0], StringComparison.Ordinal);
            Assert.Contains("Ingediend → Goedgekeurd", rows[2], StringComparison.Ordinal);
            Assert.Contains(Controller, rows[2], StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task A_stale_approval_is_a_conflict_in_Dutch_and_changes_nothing()
    {
        var read = await CreateAsync(Other, submit: true);
        Assert.True((await Mutations.RejectAsync(read.Id, read.Version, "Te hoog", "derde@demo.local")).Succeeded);
        var table = Table([read], canEdit: true);

        table.Find($"[data-testid=mutatie-{read.Id}] [data-testid=goedkeuren]").Click();

        table.WaitForAssertion(() => Assert.Contains($"Mutatie {read.Id} is al afgewezen", table.Find("[data-testid=melding]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(MutationStatus.Rejected, (await ReadAsync(read.Id)).Status);
    }

    [Fact]
    public async Task On_the_page_the_signed_in_author_sees_the_reason_instead_of_approve_in_the_waiting_list()
    {
        var own = await CreateAsync(Controller, submit: true);

        var page = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<SociaalDomein.Web.Components.Pages.BudgetMutations>(1);
            builder.CloseComponent();
        });

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=mutatie-{own.Id}] [data-testid=eigen-mutatie]")), Wait);
        Assert.Empty(page.FindAll($"[data-testid=mutatie-{own.Id}] [data-testid=goedkeuren]"));
        Assert.Equal("Begrotingsmutaties", page.Find("h1").TextContent.Trim());
    }
}
