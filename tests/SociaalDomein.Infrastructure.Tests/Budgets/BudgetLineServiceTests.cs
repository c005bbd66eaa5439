using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Budgets;

/// <summary>The budget's structure: lines added and changed by a controller, original budgets per year, conflicts,
/// closed years and the audit log (docs/domain.md §6).</summary>
public class BudgetLineServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Anna = "anna@demo", Bert = "bert@demo";
    private const string Ib = "WMO-04"; // Individuele begeleiding (IB)

    private async Task<(BudgetLineService Lines, ScenarioServices Services)> SeededAsync()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture, DateTimeOffset.UtcNow);
        return (new BudgetLineService(fixture.ContextFactory, services.Clock), services);
    }

    private static async Task<BudgetLineSummary> LineAsync(BudgetLineService lines, string code) =>
        (await lines.ListAsync()).Single(l => l.Code == code);

    private async Task<IReadOnlyList<AuditEntrySummary>> AuditAsync(ScenarioServices services, string prefix) =>
        (await new AuditLog(fixture.ContextFactory, services.Clock).ListAsync(new AuditQuery(SubjectPrefix: prefix))).Entries;

    [Fact]
    public async Task A_new_line_lands_last_in_its_domain_with_its_taakveld_and_law_and_is_audited()
    {
        var (lines, services) = await SeededAsync();
        var wmoCount = (await lines.ListAsync()).Count(l => l.Domain == BudgetDomain.Wmo);

        var result = await lines.AddLineAsync(" WMO-99 ", "Mantelzorgwaardering", "wmo", "6.71", "Wmo", Anna);

        Assert.True(result.Succeeded, result.Message);
        var all = await lines.ListAsync();
        var added = all.Single(l => l.Code == "WMO-99");
        Assert.Equal(("Mantelzorgwaardering", BudgetDomain.Wmo, "6.71", (Law?)Law.Wmo, 1), (added.Name, added.Domain, added.Taakveld, added.Law, added.Version));
        Assert.Empty(added.Years);
        Assert.Equal(wmoCount + 1, all.Count(l => l.Domain == BudgetDomain.Wmo));
        Assert.Equal("WMO-99", all.Last(l => l.Domain == BudgetDomain.Wmo).Code);
        var entry = Assert.Single(await AuditAsync(services, "Begrotingspost WMO-99: Mantelzorgwaardering"));
        Assert.Equal((AuditAction.BudgetLineChanged, Anna), (entry.Action, entry.UserName));
        Assert.Contains("Toegevoegd", entry.Details);
    }

    [Fact]
    public async Task A_duplicate_code_a_duplicate_name_in_the_domain_and_bad_fields_are_refused_per_field_and_nothing_is_stored()
    {
        var (lines, _) = await SeededAsync();
        var ib = await LineAsync(lines, Ib);
        var before = (await lines.ListAsync()).Count;

        var duplicateCode = await lines.AddLineAsync("wmo-04", "Iets nieuws", "Wmo", null, null, Anna);
        var duplicateName = await lines.AddLineAsync("WMO-98", ib.Name.ToUpperInvariant(), "Wmo", null, null, Anna);
        var bad = await lines.AddLineAsync("", " ", "Zorg", "zes", "Wet", Anna);

        Assert.Equal(ChangeOutcome.Invalid, duplicateCode.Outcome);
        Assert.Contains("al een begrotingspost met code", duplicateCode.Errors["code"]);
        Assert.Equal(ChangeOutcome.Invalid, duplicateName.Outcome);
        Assert.Contains("heeft al een post", duplicateName.Errors["name"]);
        Assert.Equal(["code", "domain", "law", "name", "taakveld"], bad.Errors.Keys.Order());
        Assert.Equal(before, (await lines.ListAsync()).Count);
        Assert.Equal(0, await fixture.QueryAsync(db => db.AuditEntries.CountAsync()));
        // The same name in another domain is fine.
        Assert.True((await lines.AddLineAsync("JGD-99", ib.Name, "Jeugd", null, "Jeugdwet", Anna)).Succeeded);
    }

    [Fact]
    public async Task Editing_a_line_with_a_stale_version_is_a_conflict_and_keeps_the_first_change()
    {
        var (lines, services) = await SeededAsync();
        var read = await LineAsync(lines, Ib);

        var first = await lines.UpdateLineAsync(Ib, "Begeleiding individueel", "6.71", "Wmo", read.Version, Anna);
        var second = await lines.UpdateLineAsync(Ib, "Iets anders", null, null, read.Version, Bert);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(ChangeOutcome.Conflict, second.Outcome);
        Assert.Contains("intussen door iemand anders gewijzigd", second.Errors["version"]);
        var now = await LineAsync(lines, Ib);
        Assert.Equal(("Begeleiding individueel", "6.71", (Law?)Law.Wmo, read.Version + 1), (now.Name, now.Taakveld, now.Law, now.Version));
        Assert.Equal(Ib, now.Code);
        var entry = Assert.Single(await AuditAsync(services, $"Begrotingspost {Ib}:"));
        Assert.Equal(Anna, entry.UserName);
        Assert.Contains($"{read.Name}", entry.Details);
        Assert.Contains("→", entry.Details);
        Assert.Contains("Begeleiding individueel", entry.Details);
    }

    [Fact]
    public async Task Changing_an_original_budget_changes_the_budget_table_and_is_audited_with_before_after_and_reason()
    {
        var (lines, services) = await SeededAsync();
        var budgets = new BudgetService(fixture.ContextFactory);
        var year = (await LineAsync(lines, Ib)).Years.Single(y => y.Year == 2019);

        var noReason = await lines.SetOriginalBudgetAsync(Ib, 2019, 1_000_000m, " ", year.Version, Anna);
        var tooPrecise = await lines.SetOriginalBudgetAsync(Ib, 2019, 1_000_000.005m, "Raadsbesluit", year.Version, Anna);
        var done = await lines.SetOriginalBudgetAsync(Ib, 2019, 1_234_567.89m, "Raadsbesluit 12 nov", year.Version, Anna);
        var stale = await lines.SetOriginalBudgetAsync(Ib, 2019, 1m, "Te laat", year.Version, Bert);

        Assert.Equal(ChangeOutcome.Invalid, noReason.Outcome);
        Assert.True(noReason.Errors.ContainsKey("reason"));
        Assert.True(tooPrecise.Errors.ContainsKey("originalBudget"));
        Assert.True(done.Succeeded, done.Message);
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        var table = await budgets.TableAsync(2019);
        Assert.Equal(1_234_567.89m, table![BudgetDomain.Wmo]!.Lines.Single(l => l.Code == Ib).Figures.Original);
        var entry = Assert.Single(await AuditAsync(services, $"Begrotingspost {Ib}:"));
        Assert.Equal((AuditAction.BudgetLineChanged, Anna), (entry.Action, entry.UserName));
        Assert.Contains("Oorspronkelijke begroting 2019", entry.Details);
        Assert.Contains("→ € 1.234.567,89", entry.Details);
        Assert.Contains("Raadsbesluit 12 nov", entry.Details);
    }

    [Fact]
    public async Task A_new_line_gets_an_original_budget_for_a_year_without_version_and_a_second_create_is_a_conflict()
    {
        var (lines, _) = await SeededAsync();
        Assert.True((await lines.AddLineAsync("WMO-99", "Mantelzorgwaardering", "Wmo", null, null, Anna)).Succeeded);

        var created = await lines.SetOriginalBudgetAsync("WMO-99", 2020, 250_000m, "Nieuwe regeling", null, Anna);
        var again = await lines.SetOriginalBudgetAsync("WMO-99", 2020, 300_000m, "Ook nieuw", null, Bert);

        Assert.True(created.Succeeded, created.Message);
        Assert.Equal(ChangeOutcome.Conflict, again.Outcome);
        var year = Assert.Single((await LineAsync(lines, "WMO-99")).Years);
        Assert.Equal((2020, 250_000m, true, 1), (year.Year, year.OriginalBudget, year.IsEstimate, year.Version));
    }

    [Fact]
    public async Task The_original_budget_of_a_closed_year_is_refused_and_nothing_changes()
    {
        var (lines, services) = await SeededAsync();
        Assert.True((await new MutationService(fixture.ContextFactory, services.Clock, services.Jobs).CloseYearAsync(2017, Bert)).Succeeded);
        var year = (await LineAsync(lines, Ib)).Years.Single(y => y.Year == 2017);

        var result = await lines.SetOriginalBudgetAsync(Ib, 2017, year.OriginalBudget + 1m, "Correctie", year.Version, Anna);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains("afgesloten", result.Errors["year"]);
        Assert.Equal(year, (await LineAsync(lines, Ib)).Years.Single(y => y.Year == 2017));
        Assert.Empty(await AuditAsync(services, $"Begrotingspost {Ib}:"));
    }

    [Fact]
    public async Task An_unknown_line_is_not_found()
    {
        var (lines, _) = await SeededAsync();

        Assert.Equal(ChangeOutcome.NotFound, (await lines.UpdateLineAsync("XX-1", "Naam", null, null, 1, Anna)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await lines.SetOriginalBudgetAsync("XX-1", 2019, 1m, "Reden", null, Anna)).Outcome);
    }
}
