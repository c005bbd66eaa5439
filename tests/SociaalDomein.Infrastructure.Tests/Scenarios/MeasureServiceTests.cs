using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Scenarios;

/// <summary>Measures are added, edited, withdrawn and realised with checks, audit and conflicts (docs/domain.md §8).</summary>
public class MeasureServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Controller = "controller@demo";

    private static MeasureDraft NewMeasure(string code = "W5", decimal? yield2019 = 1_000_000m) => new(
        code, "Inzet praktijkondersteuner jeugd", "Jeugd", "Optimaliseren", "Team jeugd", "Vastgesteld", null,
        [new MeasureYearDraft(2019, yield2019, 0m), new MeasureYearDraft(2020, 500_000m, 50_000m)]);

    private async Task<(ScenarioServices Services, ScenarioFigures Before)> SeededAsync()
    {
        await fixture.ResetAndSeedDemoDataAsync();
        var services = new ScenarioServices(fixture);
        return (services, (await services.Store.ComputeAsync()).Figures);
    }

    [Fact]
    public async Task An_added_measure_moves_its_scenarios_by_its_yield_less_its_costs_after_the_recompute()
    {
        var (services, before) = await SeededAsync();

        var result = await services.Measures.AddAsync(NewMeasure(), Controller);
        await new ScenarioRecomputeJob(services.Store).RunAsync(CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(1, services.RecomputesQueued);
        var after = (await services.Scenarios.GetAsync()).Figures;
        decimal Delta(string scenario, int year) =>
            after.Scenario(scenario)!.Deficits[after.YearIndex(year)] - before.Scenario(scenario)!.Deficits[before.YearIndex(year)];
        Assert.Equal(1_000_000m, Delta("Optimaliseren", 2019));
        Assert.Equal(450_000m, Delta("Hervormen", 2020));
        Assert.Equal(0m, Delta("Doorgaan", 2019));
        Assert.Equal(0m, Delta("Optimaliseren", 2021));
        Assert.Contains("W5", after.Scenario("Optimaliseren")!.Measures);
    }

    [Fact]
    public async Task An_added_measure_is_in_the_audit_log_in_the_same_transaction()
    {
        var (services, _) = await SeededAsync();

        await services.Measures.AddAsync(NewMeasure(), Controller);

        var entry = Assert.Single((await new AuditLog(fixture.ContextFactory, services.Clock).ListAsync(MeasureService.HistoryQuery("w5"))).Entries);
        Assert.Equal(AuditAction.MeasureAdded, entry.Action);
        Assert.Equal(Controller, entry.UserName);
        Assert.StartsWith("Maatregel W5:", entry.Subject);
        Assert.Contains("2019: € 1.000.000", entry.Details);
    }

    public static TheoryData<MeasureDraft, string, string> BadDrafts => new()
    {
        { NewMeasure(code: ""), "code", "Vul een code in" },
        { NewMeasure(code: "5W"), "code", "geen geldige code" },
        { NewMeasure() with { Title = "  " }, "title", "titel" },
        { NewMeasure() with { Domain = "Zorg" }, "domain", "Onbekend domein 'Zorg'" },
        { NewMeasure() with { FirstScenario = "Doorgaan" }, "firstScenario", "Doorgaan heeft geen maatregelen" },
        { NewMeasure() with { FirstScenario = "Herstructureren" }, "firstScenario", "indicatief" },
        { NewMeasure() with { Status = "Klaar" }, "status", "Onbekende status" },
        { NewMeasure() with { Years = [new MeasureYearDraft(2030, 1m, 0m)] }, "years[0].year", "2030 valt buiten de prognoseperiode 2017–2022" },
        { NewMeasure() with { Years = [new MeasureYearDraft(2019, 1m, 0m), new MeasureYearDraft(2019, 2m, 0m)] }, "years[1].year", "twee keer" },
        { NewMeasure() with { Years = [new MeasureYearDraft(2019, 0.001m, 0m)] }, "years[0].yield", "geen geldig bedrag" },
        { NewMeasure() with { Years = [new MeasureYearDraft(2019, 1m, -5m)] }, "years[0].implementationCost", "0 of meer" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task A_wrong_measure_gets_a_Dutch_message_on_its_field_and_nothing_is_stored(MeasureDraft draft, string field, string message)
    {
        var (services, _) = await SeededAsync();
        var measuresBefore = await fixture.QueryAsync(db => db.Measures.CountAsync());

        var result = await services.Measures.AddAsync(draft, Controller);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.Errors[field]);
        Assert.Equal(measuresBefore, await fixture.QueryAsync(db => db.Measures.CountAsync()));
        Assert.Equal(0, await fixture.QueryAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, services.RecomputesQueued);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_whatever_its_case()
    {
        var (services, _) = await SeededAsync();

        var result = await services.Measures.AddAsync(NewMeasure(code: "w1"), Controller);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains("Er is al een maatregel met code W1", result.Errors["code"]);
    }

    [Fact]
    public async Task An_edit_records_before_and_after_and_raises_the_version()
    {
        var (services, before) = await SeededAsync();
        var w2 = before.Measure("W2")!;
        var draft = new MeasureDraft("W2", w2.Title, "Wmo", "Optimaliseren", "Afdeling Wmo", "In uitvoering", w2.Note,
            w2.Years.Select(y => new MeasureYearDraft(y.Year, y.Year == 2019 ? 300_000m : y.Yield, y.ImplementationCost)).ToList());

        var result = await services.Measures.UpdateAsync("W2", draft, w2.Version, Controller);

        Assert.True(result.Succeeded, result.Message);
        var stored = (await services.Measures.ListAsync()).Single(m => m.Code == "W2");
        Assert.Equal(w2.Version + 1, stored.Version);
        Assert.Equal(300_000m, stored.YieldIn(2019));
        Assert.Equal(MeasureStatus.InProgress, stored.Status);
        var entry = Assert.Single((await new AuditLog(fixture.ContextFactory, services.Clock).ListAsync(MeasureService.HistoryQuery("W2"))).Entries);
        Assert.Equal(AuditAction.MeasureChanged, entry.Action);
        Assert.Contains("Opbrengst 2019: € 200.000 → € 300.000", entry.Details);
        Assert.Contains("Status: Voorgesteld → In uitvoering", entry.Details);
        Assert.Contains("Eigenaar: (leeg) → Afdeling Wmo", entry.Details);
    }

    [Fact]
    public async Task The_second_of_two_controllers_saving_the_same_version_gets_a_conflict_and_overwrites_nothing()
    {
        var (services, before) = await SeededAsync();
        var w2 = before.Measure("W2")!;
        MeasureDraft Draft(string owner) => new("W2", w2.Title, "Wmo", "Optimaliseren", owner, null, null,
            w2.Years.Select(y => new MeasureYearDraft(y.Year, y.Yield, y.ImplementationCost)).ToList());

        var first = await services.Measures.UpdateAsync("W2", Draft("Anna"), w2.Version, "anna");
        var second = await services.Measures.UpdateAsync("W2", Draft("Bert"), w2.Version, "bert");

        Assert.True(first.Succeeded);
        Assert.Equal(ChangeOutcome.Conflict, second.Outcome);
        Assert.Contains("intussen door iemand anders gewijzigd", second.Errors["version"]);
        Assert.Equal("Anna", (await services.Measures.ListAsync()).Single(m => m.Code == "W2").Owner);
        Assert.Single((await new AuditLog(fixture.ContextFactory, services.Clock).ListAsync(MeasureService.HistoryQuery("W2"))).Entries);
    }

    [Fact]
    public async Task Two_controllers_saving_at_the_same_moment_end_with_one_change_and_one_conflict()
    {
        var (services, before) = await SeededAsync();
        var w2 = before.Measure("W2")!;
        MeasureDraft Draft(string owner) => new("W2", w2.Title, "Wmo", "Optimaliseren", owner, null, null,
            w2.Years.Select(y => new MeasureYearDraft(y.Year, y.Yield, y.ImplementationCost)).ToList());

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => services.Measures.UpdateAsync("W2", Draft("Eigenaar " + i), w2.Version, "c" + i)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ChangeOutcome.Conflict, r.Outcome));
        Assert.Equal(w2.Version + 1, (await services.Measures.ListAsync()).Single(m => m.Code == "W2").Version);
    }

    [Fact]
    public async Task The_code_of_a_measure_cannot_change()
    {
        var (services, before) = await SeededAsync();
        var w2 = before.Measure("W2")!;

        var result = await services.Measures.UpdateAsync("W2", NewMeasure(code: "W9"), w2.Version, Controller);

        Assert.Contains("De code van een maatregel verandert niet", result.Errors["code"]);
    }

    [Fact]
    public async Task A_withdrawn_measure_stops_counting_keeps_its_history_and_can_be_put_back()
    {
        var (services, before) = await SeededAsync();
        var w3 = before.Measure("W3")!;

        var withoutReason = await services.Measures.SetRetiredAsync("W3", true, w3.Version, " ", Controller);
        var withdrawn = await services.Measures.SetRetiredAsync("W3", true, w3.Version, "Beschermd wonen valt tegen", Controller);
        var afterWithdrawal = (await services.Store.ComputeAsync()).Figures;
        var restored = await services.Measures.SetRetiredAsync("W3", false, w3.Version + 1, "Toch doorzetten", Controller);
        var afterRestore = (await services.Store.ComputeAsync()).Figures;

        Assert.Contains("reden", withoutReason.Errors["reason"]);
        Assert.True(withdrawn.Succeeded && restored.Succeeded);
        Assert.True(afterWithdrawal.Measure("W3")!.Retired);
        Assert.Equal(before.Scenario("Optimaliseren")!.Deficits[1] - 2_700_000m, afterWithdrawal.Scenario("Optimaliseren")!.Deficits[1]);
        Assert.Equal(before.Scenario("Optimaliseren")!.Deficits, afterRestore.Scenario("Optimaliseren")!.Deficits);
        Assert.Equal(
            [AuditAction.MeasureRestored, AuditAction.MeasureRetired],
            (await new AuditLog(fixture.ContextFactory, services.Clock).ListAsync(MeasureService.HistoryQuery("W3"))).Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task A_realisation_is_recorded_corrected_and_audited()
    {
        var (services, _) = await SeededAsync();

        var first = await services.Measures.RecordRealisationAsync("W1", new RealisationDraft(2019, 1, 50_000m, "Eerste kwartaal, minder aanvragen"), Controller);
        var correction = await services.Measures.RecordRealisationAsync("W1", new RealisationDraft(2019, 1, 62_500m, "Na controle"), Controller);

        Assert.True(first.Succeeded && correction.Succeeded);
        var realisation = Assert.Single((await services.Measures.ListAsync()).Single(m => m.Code == "W1").Realisations);
        Assert.Equal((2019, 1, 62_500m, "Na controle", Controller), (realisation.Year, realisation.Quarter, realisation.Amount, realisation.Explanation, realisation.RecordedBy));
        var entries = (await new AuditLog(fixture.ContextFactory, services.Clock).ListAsync(MeasureService.HistoryQuery("W1"))).Entries;
        Assert.Equal(2, entries.Count);
        Assert.Contains("Realisatie 2019 K1: € 50.000 → € 62.500", entries[0].Details);
        Assert.Equal(2, services.RecomputesQueued);
    }

    [Theory]
    [InlineData(2019, 4, 1, "quarter", "nog niet begonnen")]   // the clock stands at 15 August 2019: Q4 is in the future
    [InlineData(2019, 5, 1, "quarter", "1, 2, 3 of 4")]
    [InlineData(2030, 1, 1, "year", "buiten de prognoseperiode")]
    [InlineData(2019, 1, 0.005, "amount", "twee decimalen")]
    public async Task A_wrong_realisation_is_refused_on_its_field(int year, int quarter, decimal amount, string field, string message)
    {
        var (services, _) = await SeededAsync();

        var result = await services.Measures.RecordRealisationAsync("W1", new RealisationDraft(year, quarter, amount, "toelichting"), Controller);

        Assert.Equal(ChangeOutcome.Invalid, result.Outcome);
        Assert.Contains(message, result.Errors[field]);
        Assert.Equal(0, await fixture.QueryAsync(db => db.MeasureRealisations.CountAsync()));
    }

    [Fact]
    public async Task The_running_quarter_can_be_realised_and_an_explanation_is_required()
    {
        var (services, _) = await SeededAsync();

        var running = await services.Measures.RecordRealisationAsync("W1", new RealisationDraft(2019, 3, 10m, "Loopt"), Controller);
        var unexplained = await services.Measures.RecordRealisationAsync("W1", new RealisationDraft(2019, 2, 10m, ""), Controller);

        Assert.True(running.Succeeded, running.Message);
        Assert.Contains("toelichting", unexplained.Errors["explanation"]);
    }

    [Fact]
    public async Task An_unknown_measure_is_not_found()
    {
        var (services, _) = await SeededAsync();

        Assert.Equal(ChangeOutcome.NotFound, (await services.Measures.UpdateAsync("X1", NewMeasure(), 0, Controller)).Outcome);
        Assert.Equal(ChangeOutcome.NotFound, (await services.Measures.RecordRealisationAsync("X1", new RealisationDraft(2019, 1, 1m, "x"), Controller)).Outcome);
    }
}
