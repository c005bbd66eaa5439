using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Budgets;

/// <summary>Budget mutations: concept → ingediend → goedgekeurd / afgewezen, four eyes, closed years, conflicts, audit,
/// and the prognosis component they feed (docs/domain.md §6–7).</summary>
public class MutationServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Anna = "anna@demo", Bert = "bert@demo";
    private const string Ib = "WMO-04"; // Individuele begeleiding (IB)

    private static MutationDraft Draft(int year = 2019, decimal amount = 500_000m, bool structural = true, string? line = Ib, string? kind = "berap1",
        string? reason = "Meer cliënten met begeleiding") => new(line, year, amount, kind, structural, reason);

    private async Task<(MutationService Mutations, ScenarioServices Scenarios, BudgetService Budget)> SeededAsync()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var scenarios = new ScenarioServices(fixture, DateTimeOffset.UtcNow);
        return (new MutationService(fixture.ContextFactory, scenarios.Clock, scenarios.Jobs), scenarios, new BudgetService(fixture.ContextFactory));
    }

    private static async Task<int> ApprovedAsync(MutationService mutations, MutationDraft draft)
    {
        var (created, id) = await mutations.CreateAsync(draft, Anna);
        Assert.True(created.Succeeded, created.Message);
        Assert.True((await mutations.SubmitAsync(id!.Value, 1, Anna)).Succeeded);
        var approved = await mutations.ApproveAsync(id.Value, 2, Bert);
        Assert.True(approved.Succeeded, approved.Message);
        return id.Value;
    }

    private static decimal IbBudget(BudgetTable table) => table[BudgetDomain.Wmo]!.Lines.Single(l => l.Code == Ib).Figures.Budget;

    [Fact]
    public async Task An_approved_structural_mutation_raises_the_current_budget_of_its_year_and_every_later_year_only()
    {
        var (mutations, _, budget) = await SeededAsync();
        var before = await Task.WhenAll(new[] { 2018, 2019, 2022 }.Select(y => budget.TableAsync(y)));

        await ApprovedAsync(mutations, Draft());

        var after = await Task.WhenAll(new[] { 2018, 2019, 2022 }.Select(y => budget.TableAsync(y)));
        Assert.Equal(IbBudget(before[0]!), IbBudget(after[0]!));
        Assert.Equal(IbBudget(before[1]!) + 500_000m, IbBudget(after[1]!));
        Assert.Equal(IbBudget(before[2]!) + 500_000m, IbBudget(after[2]!));
        Assert.Equal(500_000m, after[1]!.Total.Mutations);
        Assert.Equal(before[1]!.Total.Original, after[1]!.Total.Original);
    }

    [Fact]
    public async Task A_one_off_mutation_counts_in_its_year_only_and_a_concept_counts_nowhere()
    {
        var (mutations, _, budget) = await SeededAsync();

        await ApprovedAsync(mutations, Draft(year: 2020, amount: -75_000.50m, structural: false));
        await mutations.CreateAsync(Draft(year: 2020, amount: 1_000_000m), Anna); // stays a concept

        Assert.Equal(-75_000.50m, (await budget.TableAsync(2020))!.Total.Mutations);
        Assert.Equal(0m, (await budget.TableAsync(2021))!.Total.Mutations);
    }

    [Fact]
    public async Task Approving_after_the_prognosis_moves_the_scenarios_by_the_mutation_in_every_year_it_applies_to()
    {
        var (mutations, scenarios, _) = await SeededAsync();
        var before = (await scenarios.Store.ComputeAsync()).Figures;

        await ApprovedAsync(mutations, Draft());
        await new ScenarioRecomputeJob(scenarios.Store).RunAsync(CancellationToken.None);

        var after = (await scenarios.Scenarios.GetAsync()).Figures;
        foreach (var scenario in new[] { "Doorgaan", "Optimaliseren", "Hervormen" })
        {
            Assert.Equal(
                [0m, 0m, 500_000m, 500_000m, 500_000m, 500_000m],
                after.Years.Select(y => after.Scenario(scenario)!.Deficits[after.YearIndex(y)] - before.Scenario(scenario)!.Deficits[before.YearIndex(y)]));
        }

        var component = (await scenarios.Components.ListAsync()).Components.Where(c => c.Name == DeficitComponentService.BudgetChangesName).ToList();
        Assert.Equal([0m, 0m, 500_000m, 500_000m, 500_000m, 500_000m], component.OrderBy(c => c.Year).Select(c => c.Amount));
        Assert.Equal(1, scenarios.RecomputesQueued);
    }

    [Fact]
    public async Task The_author_cannot_approve_or_reject_their_own_mutation()
    {
        var (mutations, _, _) = await SeededAsync();
        var (_, id) = await mutations.CreateAsync(Draft(), Anna);
        await mutations.SubmitAsync(id!.Value, 1, Anna);

        var approve = await mutations.ApproveAsync(id.Value, 2, "ANNA@demo");
        var reject = await mutations.RejectAsync(id.Value, 2, "mag niet", Anna);

        Assert.Equal(ChangeOutcome.Forbidden, approve.Outcome);
        Assert.Contains("vier ogen", approve.Message);
        Assert.Equal(ChangeOutcome.Forbidden, reject.Outcome);
        Assert.Equal(MutationStatus.Submitted, (await mutations.ListAsync()).Single().Status);
    }

    [Fact]
    public async Task Approving_twice_is_refused_and_an_approved_mutation_cannot_be_edited()
    {
        var (mutations, _, _) = await SeededAsync();
        var id = await ApprovedAsync(mutations, Draft());

        var again = await mutations.ApproveAsync(id, 3, "carla@demo");
        var edit = await mutations.UpdateAsync(id, Draft(amount: 1m), 3, Anna);

        Assert.Contains("al goedgekeurd", again.Errors["status"]);
        Assert.Contains("Corrigeer met een nieuwe mutatie", edit.Errors["status"]);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_keeps_it()
    {
        var (mutations, _, budget) = await SeededAsync();
        var (_, id) = await mutations.CreateAsync(Draft(), Anna);
        await mutations.SubmitAsync(id!.Value, 1, Anna);

        var withoutReason = await mutations.RejectAsync(id.Value, 2, " ", Bert);
        var rejected = await mutations.RejectAsync(id.Value, 2, "Dekking ontbreekt", Bert);

        Assert.Contains("reden", withoutReason.Errors["reason"]);
        Assert.True(rejected.Succeeded);
        var stored = (await mutations.ListAsync()).Single();
        Assert.Equal((MutationStatus.Rejected, Bert, "Dekking ontbreekt"), (stored.Status, stored.DecidedBy, stored.DecisionReason));
        Assert.Equal(0m, (await budget.TableAsync(2019))!.Total.Mutations);
    }

    public static TheoryData<MutationDraft, string, string> BadDrafts => new()
    {
        { Draft(reason: ""), "reason", "Geef een reden" },
        { Draft(line: "XX-99"), "lineCode", "geen begrotingspost met code 'XX-99'" },
        { Draft(year: 2031), "year", "geen begroting voor 2031" },
        { Draft(amount: 0.001m), "amount", "hoogstens twee decimalen" },
        { Draft(amount: 0m), "amount", "€ 0" },
        { Draft(kind: "begroting"), "kind", "berap1, berap2, voorjaarsnota, najaarsnota, raadsbesluit, overig" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task A_wrong_mutation_gets_a_Dutch_message_on_its_field_and_nothing_is_stored(MutationDraft draft, string field, string message)
    {
        var (mutations, _, _) = await SeededAsync();

        var (result, id) = await mutations.CreateAsync(draft, Anna);

        Assert.Null(id);
        Assert.Contains(message, result.Errors[field]);
        Assert.Equal(0, await fixture.QueryAsync(db => db.BudgetMutations.CountAsync()));
        Assert.Equal(0, await fixture.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_closed_year_takes_no_mutation()
    {
        var (mutations, _, _) = await SeededAsync();

        Assert.True((await mutations.CloseYearAsync(2017, Bert)).Succeeded);
        var (result, _) = await mutations.CreateAsync(Draft(year: 2017, structural: false), Anna);

        Assert.Contains("2017 is afgesloten", result.Errors["year"]);
        Assert.NotNull((await new BudgetService(fixture.ContextFactory).YearSummariesAsync()).Single(y => y.Year == 2017).ClosedAt);
    }

    [Fact]
    public async Task Closing_a_year_waits_for_a_running_import_to_commit()
    {
        var (mutations, _, _) = await SeededAsync();
        await using var import = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await import.OpenAsync();
        await using var running = await import.BeginTransactionAsync();
        await using (var lockCommand = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({SociaalDomein.Infrastructure.Imports.ImportLocks.Serial})", import, running))
        {
            await lockCommand.ExecuteNonQueryAsync(); // as an import holds it from its first read to its commit
        }

        var closing = mutations.CloseYearAsync(2016, Bert);
        while (!closing.IsCompleted && await fixture.QueryAsync(db => db.Database
                   .SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted""").SingleAsync()) == 0)
        {
            await Task.Delay(20); // until the close waits for the import's lock (or, wrongly, did not wait at all)
        }

        var closedWhileImporting = await fixture.QueryAsync(db => db.BudgetYears.AnyAsync(y => y.Year == 2016 && y.ClosedAt != null));
        await running.CommitAsync();

        Assert.False(closedWhileImporting);
        Assert.True((await closing).Succeeded);
        Assert.True(await fixture.QueryAsync(db => db.BudgetYears.AnyAsync(y => y.Year == 2016 && y.ClosedAt != null)));
    }

    [Fact]
    public async Task Two_people_editing_the_same_concept_the_second_gets_a_conflict_and_nothing_is_overwritten()
    {
        var (mutations, _, _) = await SeededAsync();
        var (_, id) = await mutations.CreateAsync(Draft(), Anna);

        var first = await mutations.UpdateAsync(id!.Value, Draft(amount: 600_000m), 1, Anna);
        var second = await mutations.UpdateAsync(id.Value, Draft(amount: 700_000m), 1, Bert);

        Assert.True(first.Succeeded);
        Assert.Equal(ChangeOutcome.Conflict, second.Outcome);
        Assert.Equal(600_000m, (await mutations.ListAsync()).Single().Amount);
    }

    [Fact]
    public async Task Every_step_is_in_the_audit_log_with_before_and_after()
    {
        var (mutations, scenarios, _) = await SeededAsync();
        var id = await ApprovedAsync(mutations, Draft());

        var entries = (await new AuditLog(fixture.ContextFactory, scenarios.Clock).ListAsync(new AuditQuery(SubjectPrefix: MutationService.Subject(id)))).Entries;

        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(AuditAction.BudgetMutationChanged, e.Action));
        Assert.Equal(["Ingediend → Goedgekeurd", "Concept → Ingediend"], entries.Take(2).Select(e => e.Details));
        Assert.Equal([Bert, Anna, Anna], entries.Select(e => e.UserName));
        Assert.Contains("Individuele begeleiding (IB) 2019, € 500.000, Berap 1, structureel", entries[2].Details);
    }

    [Fact]
    public async Task The_waiting_list_counts_submitted_mutations()
    {
        var (mutations, _, _) = await SeededAsync();
        var (_, a) = await mutations.CreateAsync(Draft(), Anna);
        await mutations.CreateAsync(Draft(amount: 1m), Anna);
        await mutations.SubmitAsync(a!.Value, 1, Anna);

        Assert.Equal(1, await mutations.PendingCountAsync());
        Assert.Equal([a.Value], (await mutations.ListAsync(MutationStatus.Submitted)).Select(m => m.Id));
    }
}
