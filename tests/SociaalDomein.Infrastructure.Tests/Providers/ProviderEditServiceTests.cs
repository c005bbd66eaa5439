using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>A contract manager completes a provider and keeps its ceilings: checked per field in Dutch, versions against
/// overwriting, audited in the same save, and the warning job queued after a ceiling change.</summary>
public class ProviderEditServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Anna = "anna@demo", Bert = "bert@demo";

    private readonly RecordingJobClient _jobs = new();
    private readonly FixedClock _clock = On("2019-06-15");

    private ProviderEditService Service => new(fixture.ContextFactory, _clock, _jobs);

    private int WarningRunsQueued => _jobs.Enqueued.Count(j => j.Type == typeof(ProviderWarningJob));

    private Task<List<AuditEntrySummary>> AuditAsync(AuditAction action) =>
        fixture.QueryAsync(db => db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Id)
            .Select(e => new AuditEntrySummary(e.Id, e.OccurredAt, e.UserName, e.Action, e.Subject, e.Details)).ToListAsync());

    [Fact]
    public async Task Master_data_is_completed_with_its_version_audited_before_and_after_and_a_stale_version_is_a_conflict()
    {
        await ProvidersAsync(fixture);
        var read = (await Service.FindAsync(A))!;

        var done = await Service.UpdateProviderAsync(A, " Zorg Aan Huis BV ", "GGZ", "outputgericht", new DateOnly(2019, 1, 1), new DateOnly(2022, 12, 31), read.Version, Anna);
        var stale = await Service.UpdateProviderAsync(A, "Te laat", null, null, null, null, read.Version, Bert);

        Assert.True(done.Succeeded, done.Message);
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        var now = (await Service.FindAsync(A))!;
        Assert.Equal(new ProviderMasterData(A, "Zorg Aan Huis BV", ProviderType.MentalHealthCare, FundingModel.OutputBased, new DateOnly(2019, 1, 1),
            new DateOnly(2022, 12, 31), read.Version + 1), now);
        var entry = Assert.Single(await AuditAsync(AuditAction.ProviderChanged));
        Assert.Equal((Anna, $"Aanbieder {A}: Zorg Aan Huis"), (entry.UserName, entry.Subject));
        Assert.Contains("type onbekend", entry.Details);
        Assert.Contains("→ Zorg Aan Huis BV, type GGZ, financiering Outputgericht, contract 01-01-2019 t/m 31-12-2022", entry.Details);
    }

    [Fact]
    public async Task Wrong_master_data_is_refused_per_field_and_an_unknown_provider_is_not_found()
    {
        await ProvidersAsync(fixture);
        var read = (await Service.FindAsync(A))!;

        var bad = await Service.UpdateProviderAsync(A, " ", "Tandarts", "Lumpsum", new DateOnly(2020, 1, 1), new DateOnly(2019, 12, 31), read.Version, Anna);
        var unknown = await Service.UpdateProviderAsync("99999999", "Naam", null, null, null, null, 1, Anna);

        Assert.Equal(["contractEnd", "fundingModel", "name", "type"], bad.Errors.Keys.Order());
        Assert.Contains("vóór het begin", bad.Errors["contractEnd"]);
        Assert.Equal(ChangeOutcome.NotFound, unknown.Outcome);
        Assert.Equal(read, await Service.FindAsync(A));
        Assert.Empty(await AuditAsync(AuditAction.ProviderChanged));
    }

    [Fact]
    public async Task A_ceiling_is_added_changed_and_removed_each_audited_and_followed_by_a_warning_run()
    {
        await ProvidersAsync(fixture);

        var (added, id) = await Service.AddCeilingAsync(A, new CeilingDraft(2019, "wmo", " 02a06 ", 250_000m), Anna);
        Assert.True(added.Succeeded, added.Message);
        var ceiling = Assert.Single(await Service.CeilingsAsync(A));
        Assert.Equal(new BudgetCeilingSummary(id!.Value, A, 2019, Law.Wmo, "02A06", 250_000m, 1), ceiling);
        Assert.Equal(1, WarningRunsQueued);

        var changed = await Service.UpdateCeilingAsync(A, id.Value, new CeilingDraft(2019, "Wmo", "02A06", 300_000m), 1, Anna);
        var stale = await Service.UpdateCeilingAsync(A, id.Value, new CeilingDraft(2019, "Wmo", "02A06", 1m), 1, Bert);
        var wrongProvider = await Service.UpdateCeilingAsync(B, id.Value, new CeilingDraft(2019, null, null, 1m), 2, Bert);
        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, wrongProvider.Outcome);
        Assert.Equal(300_000m, Assert.Single(await Service.CeilingsAsync(A)).Amount);
        Assert.Equal(2, WarningRunsQueued);

        var staleDelete = await Service.DeleteCeilingAsync(A, id.Value, 1, Anna);
        var deleted = await Service.DeleteCeilingAsync(A, id.Value, 2, Anna);
        Assert.Equal(ChangeOutcome.Conflict, staleDelete.Outcome);
        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.Empty(await Service.CeilingsAsync(A));
        Assert.Equal(3, WarningRunsQueued);

        var details = (await AuditAsync(AuditAction.BudgetCeilingChanged)).Select(e => e.Details).ToList();
        Assert.Equal(3, details.Count);
        Assert.StartsWith("Budgetplafond toegevoegd: 2019, Wmo, product 02A06, € 250.000,00", details[0]);
        Assert.Equal($"Budgetplafond {id}: 2019, Wmo, product 02A06, € 250.000,00 → 2019, Wmo, product 02A06, € 300.000,00", details[1]);
        Assert.StartsWith($"Budgetplafond {id} verwijderd", details[2]);
    }

    [Fact]
    public async Task A_second_ceiling_for_the_same_year_law_and_product_and_wrong_fields_are_refused_in_Dutch()
    {
        await ProvidersAsync(fixture);
        Assert.True((await Service.AddCeilingAsync(A, new CeilingDraft(2019, null, null, 100_000m), Anna)).Result.Succeeded);
        Assert.True((await Service.AddCeilingAsync(A, new CeilingDraft(2019, "Wmo", null, 50_000m), Anna)).Result.Succeeded);

        var (duplicate, _) = await Service.AddCeilingAsync(A, new CeilingDraft(2019, "", " ", 5m), Anna);
        var (bad, _) = await Service.AddCeilingAsync(A, new CeilingDraft(1999, "Zorgwet", "02-A06", 0m), Anna);
        var (cents, _) = await Service.AddCeilingAsync(A, new CeilingDraft(null, null, null, 1.005m), Anna);
        var (unknown, _) = await Service.AddCeilingAsync("99999999", new CeilingDraft(2019, null, null, 5m), Anna);
        var otherYear = await Service.AddCeilingAsync(A, new CeilingDraft(2020, null, null, 100_000m), Anna);

        Assert.Equal(ChangeOutcome.Invalid, duplicate.Outcome);
        Assert.Equal("Zorg Aan Huis heeft voor 2019 al een budgetplafond voor alle wetten, alle producten. Wijzig dat plafond in plaats van een tweede toe te voegen.",
            duplicate.Errors["year"]);
        Assert.Equal(["amount", "law", "productCode", "year"], bad.Errors.Keys.Order());
        Assert.Equal(["amount", "year"], cents.Errors.Keys.Order());
        Assert.Equal(ChangeOutcome.NotFound, unknown.Outcome);
        Assert.True(otherYear.Result.Succeeded);
        Assert.Equal(3, (await Service.CeilingsAsync(A)).Count);
        Assert.Equal(3, WarningRunsQueued);
    }

    [Fact]
    public async Task Removing_a_ceiling_removes_its_warnings_too()
    {
        await ProvidersAsync(fixture);
        var ceiling = Ceiling(A, 2019, 1_000m);
        await fixture.InsertAsync(ceiling);
        await fixture.InsertAsync(new ProviderWarning { BudgetCeilingId = ceiling.Id, Level = WarningLevel.ThresholdReached, ThresholdPercent = 70, RaisedAt = _clock.Now, Version = 1 });

        Assert.True((await Service.DeleteCeilingAsync(A, ceiling.Id, 1, Anna)).Succeeded);

        Assert.Equal(0, await fixture.QueryAsync(db => db.ProviderWarnings.CountAsync()));
    }
}
