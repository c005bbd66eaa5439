using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>The price list: entries added, changed and ended (never deleted) with audit, input changes and the stacking
/// recompute; overlaps refused; CSV and Excel imports all or nothing (docs/domain.md §4, import-formats.md "Prijslijst").</summary>
public class TariffServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Carla = "carla@demo";
    private readonly RecordingJobClient _jobs = new();

    private TariffService Service() => new(fixture.ContextFactory, TimeProvider.System, _jobs);

    private static TariffInput Input(string from, string? to, decimal amount, string product = "02A07", string? agb = null, string? unit = "uur") =>
        new(product, agb, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), amount, unit);

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private Task<long> InputVersionAsync(StoredAnalysis of) => fixture.QueryAsync(db => InputChanges.VersionAsync(db, of, CancellationToken.None));

    [Fact]
    public async Task An_entry_is_added_with_its_audit_entry_input_changes_and_a_queued_recompute()
    {
        await fixture.ResetAsync();

        var (result, id) = await Service().AddAsync(Input("2019-01-01", null, 64.50m, agb: "12345678"), Carla);

        Assert.True(result.Succeeded, result.Message);
        var row = Assert.Single(await Service().ListAsync());
        Assert.Equal((id!.Value, "02A07", "12345678", 64.50m, "uur", 1, true), (row.Id, row.ProductCode, row.ProviderAgb, row.Amount, row.Unit, row.Version, row.IsCurrent));
        var history = (await new AuditLog(fixture.ContextFactory, TimeProvider.System).ListAsync(new AuditQuery(SubjectPrefix: TariffService.Subject(id.Value)))).Entries;
        Assert.Contains("Toegevoegd: 01-01-2019 t/m nader bericht: € 64,50 per uur", Assert.Single(history).Details);
        Assert.Equal((1, 1), (await InputVersionAsync(StoredAnalysis.Stacking), await InputVersionAsync(StoredAnalysis.Providers)));
        Assert.Single(_jobs.Enqueued, j => j.Type.Name == "StackingRecomputeJob");
    }

    [Fact]
    public async Task A_new_price_ends_the_open_ended_one_the_day_before_and_an_overlap_is_refused()
    {
        await fixture.ResetAsync();
        var (_, first) = await Service().AddAsync(Input("2018-01-01", null, 60m), Carla);

        var (later, _) = await Service().AddAsync(Input("2019-07-01", null, 63m), Carla);
        var (overlapping, _) = await Service().AddAsync(Input("2019-01-01", "2019-03-31", 61m), Carla);
        var (otherProvider, _) = await Service().AddAsync(Input("2019-01-01", "2019-03-31", 58m, agb: "12345678"), Carla);

        Assert.True(later.Succeeded, later.Message);
        Assert.False(overlapping.Succeeded);
        Assert.Contains("overlapt tarief", overlapping.Errors["validFrom"]);
        Assert.True(otherProvider.Succeeded, otherProvider.Message);
        var rows = await Service().ListAsync();
        var ended = rows.Single(r => r.Id == first);
        Assert.Equal((new DateOnly(2019, 6, 30), 2), (ended.ValidTo!.Value, ended.Version));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task Update_checks_the_version_and_end_never_deletes()
    {
        await fixture.ResetAsync();
        var (_, id) = await Service().AddAsync(Input("2018-01-01", null, 60m), Carla);

        var changed = await Service().UpdateAsync(id!.Value, Input("2018-01-01", null, 61.25m), 1, Carla);
        var stale = await Service().UpdateAsync(id.Value, Input("2018-01-01", null, 99m), 1, Carla);
        var endedBeforeStart = await Service().EndAsync(id.Value, new DateOnly(2017, 12, 31), 2, Carla);
        var ended = await Service().EndAsync(id.Value, new DateOnly(2018, 12, 31), 2, Carla);
        var missing = await Service().UpdateAsync(id.Value + 1000, Input("2018-01-01", null, 1m), 1, Carla);

        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal(Editing.ChangeOutcome.Conflict, stale.Outcome);
        Assert.Equal(Editing.ChangeOutcome.Invalid, endedBeforeStart.Outcome);
        Assert.True(ended.Succeeded, ended.Message);
        Assert.Equal(Editing.ChangeOutcome.NotFound, missing.Outcome);
        var row = Assert.Single(await Service().ListAsync());
        Assert.Equal((61.25m, new DateOnly(2018, 12, 31), 3, false), (row.Amount, row.ValidTo!.Value, row.Version, row.IsCurrent));
        var history = (await new AuditLog(fixture.ContextFactory, TimeProvider.System).ListAsync(new AuditQuery(SubjectPrefix: TariffService.Subject(id.Value)))).Entries;
        Assert.Equal(3, history.Count);
        Assert.Contains("€ 60,00 per uur → 01-01-2018 t/m nader bericht: € 61,25 per uur", history[^2].Details);
    }

    [Theory]
    [InlineData("", "02A07", null, 1.0, "productCode")]
    [InlineData("2018-01-01", "02A07", "1234", 1.0, "providerAgb")]
    [InlineData("2018-01-01", "02A07", null, 0.0, "amount")]
    [InlineData("2018-01-01", "02A07", null, 1.00001, "amount")]
    [InlineData("2018-01-01", "02 A07", null, 1.0, "productCode")]
    public async Task Wrong_input_is_refused_per_field_and_nothing_is_stored(string from, string product, string? agb, double amount, string field)
    {
        await fixture.ResetAsync();
        var input = new TariffInput(from.Length == 0 ? "" : product, agb, from.Length == 0 ? new DateOnly(2018, 1, 1) : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), null, (decimal)amount, null);

        var (result, _) = await Service().AddAsync(input, Carla);

        Assert.Equal(Editing.ChangeOutcome.Invalid, result.Outcome);
        Assert.True(result.Errors.ContainsKey(field), result.Message);
        Assert.Empty(await Service().ListAsync());
    }

    [Fact]
    public async Task A_csv_price_list_is_imported_whole_with_provider_entries_and_changes()
    {
        await fixture.ResetAsync();
        await Service().AddAsync(Input("2017-01-01", null, 55m), Carla);
        var csv = Csv("""
            productcode;aanbieder_agb;ingangsdatum;einddatum;tarief;eenheid
            02A07;;01-01-2019;;"60,50";uur
            02A07;12345678;01-07-2019;31-12-2019;58;uur
            02A09;;1-1-2019;;1.234,5678;etmaal
            """);

        var result = await Service().ImportAsync(csv, "prijslijst.csv", Carla);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal((3, 1, 0), (result.Added, result.Ended, result.Unchanged));
        var rows = await Service().ListAsync();
        Assert.Equal(4, rows.Count);
        Assert.Equal(new DateOnly(2018, 12, 31), rows.Single(r => r.Amount == 55m).ValidTo);
        Assert.Equal(1_234.5678m, rows.Single(r => r.ProductCode == "02A09").Amount);
        Assert.Equal("12345678", rows.Single(r => r.Amount == 58m).ProviderAgb);

        var again = await Service().ImportAsync(Csv("productcode;aanbieder_agb;ingangsdatum;einddatum;tarief;eenheid\n02A07;;01-01-2019;;60,50;uur\n"), "prijslijst.csv", Carla);
        Assert.Equal((true, 0, 1), (again.Succeeded, again.Added, again.Unchanged));
    }

    [Fact]
    public async Task A_price_list_with_a_bad_row_or_an_overlap_changes_nothing_and_names_row_and_column()
    {
        await fixture.ResetAsync();
        var bad = Csv("""
            productcode;ingangsdatum;tarief
            02A07;31-02-2019;60
            02A07;01-01-2019;nul
            """);
        var overlapping = Csv("""
            productcode;ingangsdatum;einddatum;tarief
            02A07;01-01-2019;31-12-2019;60
            02A07;01-06-2019;;62
            """);

        var badResult = await Service().ImportAsync(bad, "prijslijst.csv", Carla);
        var overlapResult = await Service().ImportAsync(overlapping, "prijslijst.csv", Carla);
        var missingColumn = await Service().ImportAsync(Csv("productcode;tarief\n02A07;60\n"), "prijslijst.csv", Carla);

        Assert.False(badResult.Succeeded);
        Assert.Equal(
            [(2, "ingangsdatum", "ingangsdatum '31-02-2019' is geen geldige datum"), (3, "tarief", "tarief 'nul' is geen bedrag")],
            badResult.Errors.Select(e => (e.Row, e.Column, e.Message)));
        Assert.False(overlapResult.Succeeded);
        Assert.Equal((3, "ingangsdatum"), (Assert.Single(overlapResult.Errors).Row, overlapResult.Errors[0].Column));
        Assert.Contains("rij 2", overlapResult.Errors[0].Message);
        Assert.False(missingColumn.Succeeded);
        Assert.Equal("Kolom 'ingangsdatum' ontbreekt in 'prijslijst.csv'.", missingColumn.Problem);
        Assert.Empty(await Service().ListAsync());
        Assert.Equal(0, await InputVersionAsync(StoredAnalysis.Stacking));
    }

    [Fact]
    public async Task An_excel_price_list_is_read_with_its_date_and_number_cells()
    {
        await fixture.ResetAsync();
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Prijslijst");
        sheet.Cell(1, 1).Value = "Productcode";
        sheet.Cell(1, 2).Value = "Ingangsdatum";
        sheet.Cell(1, 3).Value = "Tarief";
        sheet.Cell(2, 1).Value = "45A48";
        sheet.Cell(2, 2).Value = new DateTime(2020, 1, 1);
        sheet.Cell(2, 3).Value = 88.25;
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;

        var result = await Service().ImportAsync(stream, "prijslijst.xlsx", Carla);

        Assert.True(result.Succeeded, result.Problem);
        var row = Assert.Single(await Service().ListAsync());
        Assert.Equal(("45A48", new DateOnly(2020, 1, 1), 88.25m, (string?)null), (row.ProductCode, row.ValidFrom, row.Amount, row.ProviderAgb));
    }
}
