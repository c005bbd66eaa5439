using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Budget;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The add/edit dialog of a mutation on the demo data: every error under its own field, conflicts, nothing stored
/// unless it is right.</summary>
public sealed class MutationDialogTests(DatabaseFixture database) : MutationTestContext(database), IClassFixture<DatabaseFixture>
{
    private Task<int> CountAsync() => Database.QueryAsync(db => db.BudgetMutations.CountAsync());

    private async Task<IReadOnlyList<BudgetYearSummary>> OpenYearsAsync() =>
        (await Services.GetService<BudgetService>()!.YearSummariesAsync()).Where(y => y.ClosedAt is null).ToList();

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"[data-testid={testId}] input, input[data-testid={testId}], textarea[data-testid={testId}]");

    [Fact]
    public async Task Without_line_kind_and_reason_each_message_of_the_result_stands_under_its_own_field_and_nothing_is_stored()
    {
        var (provider, dialog) = await OpenAsync(new DialogParameters<MutationDialog> { { d => d.Years, await OpenYearsAsync() } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=opslaan]")), Wait);

        await provider.InvokeAsync(() => Input(provider, "veld-bedrag").Change("500.000"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());

        provider.WaitForAssertion(() => Assert.Contains("Kies de begrotingspost.", Description(provider, "[data-testid=veld-post] input, input[data-testid=veld-post]"), StringComparison.Ordinal), Wait);
        Assert.Contains("Kies de soort", Description(provider, "[data-testid=veld-soort] input, input[data-testid=veld-soort]"), StringComparison.Ordinal);
        Assert.Contains("Geef een reden voor de mutatie.", Description(provider, "textarea[data-testid=veld-reden]"), StringComparison.Ordinal);
        Assert.DoesNotContain("Kies", Description(provider, "input[data-testid=veld-bedrag]"), StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("[data-testid=fouten]"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task An_amount_with_a_dot_as_decimal_sign_is_refused_in_Dutch_under_the_amount_before_anything_is_sent()
    {
        var (provider, dialog) = await OpenAsync(new DialogParameters<MutationDialog> { { d => d.Years, await OpenYearsAsync() } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=opslaan]")), Wait);

        await provider.InvokeAsync(() => Input(provider, "veld-bedrag").Change("1.5"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());

        provider.WaitForAssertion(() => Assert.StartsWith("'1.5' is geen bedrag.", Description(provider, "input[data-testid=veld-bedrag]"), StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Saving_a_concept_someone_else_changed_meanwhile_is_a_conflict_overwrites_nothing_and_reloads_their_version()
    {
        var read = await CreateAsync(Controller, submit: false);
        var (provider, dialog) = await OpenAsync(new DialogParameters<MutationDialog> { { d => d.Mutation, read }, { d => d.Years, await OpenYearsAsync() } });
        provider.WaitForAssertion(() => Assert.Equal("500.000", Input(provider, "veld-bedrag").GetAttribute("value")), Wait);
        Assert.True((await Mutations.UpdateAsync(read.Id, new MutationDraft("WMO-04", 2019, 600_000m, "berap2", true, "Collega"), read.Version, Other)).Succeeded);

        await provider.InvokeAsync(() => Input(provider, "veld-bedrag").Change("700.000"));
        await provider.InvokeAsync(() => provider.Find("[data-testid=opslaan]").Click());

        provider.WaitForAssertion(() => Assert.Contains($"Mutatie {read.Id} is intussen door iemand anders gewijzigd", provider.Find("[data-testid=conflict]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(600_000m, (await ReadAsync(read.Id)).Amount);

        await provider.InvokeAsync(() => provider.Find("[data-testid=conflict] button").Click());
        provider.WaitForAssertion(() => Assert.Equal("600.000", Input(provider, "veld-bedrag").GetAttribute("value")), Wait);
        Assert.Empty(provider.FindAll("[data-testid=conflict]"));
    }
}
