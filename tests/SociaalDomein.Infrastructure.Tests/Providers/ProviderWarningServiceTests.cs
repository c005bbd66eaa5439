using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>The raised warnings: listed with provider and ceiling, acknowledged with a note (required, versioned,
/// audited), and as a letter-ready workbook read back with ClosedXML.</summary>
public class ProviderWarningServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly FixedClock _clock = On("2019-12-01");

    private ProviderWarningService Service => new(fixture.ContextFactory, _clock);

    /// <summary>B spends € 40.000 in the first half of 2019 against a Wmo ceiling of € 50.000 (80 %, overrun); A € 10.000
    /// of product 02A07 against € 12.000 (83 %, overrun). The job raises four warnings.</summary>
    private async Task<(BudgetCeiling OfA, BudgetCeiling OfB)> RaisedAsync()
    {
        await ProvidersAsync(fixture);
        await fixture.InsertAsync(Claim(A, "2019-01-01", "2019-06-30", 10_000m, product: "02A07"), Claim(B, "2019-01-01", "2019-06-30", 40_000m));
        var ofA = Ceiling(A, 2019, 12_000m, product: "02A07");
        var ofB = Ceiling(B, 2019, 50_000m, Domain.Assignments.Law.Wmo);
        await fixture.InsertAsync(ofA, ofB);
        var job = new ProviderWarningJob(new CeilingService(fixture.ContextFactory, _clock), new ProviderSettings(), fixture.ContextFactory, _clock);
        Assert.Equal(4, await job.RunAsync(CancellationToken.None));
        return (ofA, ofB);
    }

    [Fact]
    public async Task Warnings_are_listed_with_provider_and_ceiling_and_per_provider()
    {
        var (ofA, ofB) = await RaisedAsync();

        var all = await Service.ListAsync();
        var ofProviderB = await Service.ListAsync(B);

        Assert.Equal(4, all.Count);
        Assert.Equal([WarningLevel.ThresholdReached, WarningLevel.ProjectedOverrun], ofProviderB.Select(w => w.Level));
        var first = ofProviderB[0];
        Assert.Equal((ofB.Id, "Jeugdhulp Oost", 2019, (Domain.Assignments.Law?)Domain.Assignments.Law.Wmo, (string?)null, 50_000m, 40_000m),
            (first.CeilingId, first.ProviderName, first.Year, first.Law, first.ProductCode, first.Ceiling, first.Spent));
        Assert.Equal(0.8m, first.Used);
        Assert.True(first.IsOpen);
        Assert.Equal(2, all.Count(w => w.CeilingId == ofA.Id && w.ProviderName == "Zorg Aan Huis"));
    }

    [Fact]
    public async Task Acknowledging_needs_a_note_and_the_version_read_and_is_audited()
    {
        await RaisedAsync();
        var warning = (await Service.ListAsync(B))[0];

        var noNote = await Service.AcknowledgeAsync(warning.Id, "  ", warning.Version, "anna@demo");
        var done = await Service.AcknowledgeAsync(warning.Id, " Brief verstuurd op 2-12-2019 ", warning.Version, "anna@demo");
        var stale = await Service.AcknowledgeAsync(warning.Id, "Nog een keer", warning.Version, "bert@demo");
        var again = await Service.AcknowledgeAsync(warning.Id, "Nog een keer", warning.Version + 1, "bert@demo");
        var unknown = await Service.AcknowledgeAsync(987654, "Notitie", 1, "bert@demo");

        Assert.Equal(ChangeOutcome.Invalid, noNote.Outcome);
        Assert.Contains("Geef een notitie", noNote.Errors["note"]);
        Assert.True(done.Succeeded, done.Message);
        Assert.Equal(ChangeOutcome.Conflict, stale.Outcome);
        Assert.Equal(ChangeOutcome.Invalid, again.Outcome);
        Assert.Equal(ChangeOutcome.NotFound, unknown.Outcome);
        var now = (await Service.ListAsync()).Single(w => w.Id == warning.Id);
        Assert.Equal((_clock.Now, "anna@demo", "Brief verstuurd op 2-12-2019", warning.Version + 1), (now.AcknowledgedAt!.Value, now.AcknowledgedBy, now.AcknowledgementNote, now.Version));
        Assert.Equal(now, (await Service.ListAsync()).Last());
        Assert.DoesNotContain(await Service.ListAsync(includeAcknowledged: false), w => w.Id == warning.Id);
        var entry = await fixture.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.ProviderWarningAcknowledged));
        Assert.Equal(($"Aanbieder {B}: Jeugdhulp Oost", "anna@demo"), (entry.Subject, entry.UserName));
        Assert.Contains("Brief verstuurd op 2-12-2019", entry.Details);
    }

    [Fact]
    public async Task The_workbook_holds_one_letter_ready_row_per_warning_with_euro_and_percent_formats()
    {
        await RaisedAsync();
        var warnings = await Service.ListAsync();
        var acknowledged = warnings[0];
        Assert.True((await Service.AcknowledgeAsync(acknowledged.Id, "Gebeld", acknowledged.Version, "anna@demo")).Succeeded);
        warnings = await Service.ListAsync();

        using var book = new XLWorkbook(new MemoryStream(await new ProviderWarningExcelExport(Service).CreateAsync(null, false, CancellationToken.None)));

        var sheet = book.Worksheet(ProviderWarningExcelExport.SheetName);
        Assert.Equal(ProviderWarningExcelExport.Columns, Enumerable.Range(1, 12).Select(c => sheet.Cell(ProviderWarningExcelExport.HeaderRow, c).GetString()));
        Assert.Equal(ProviderWarningExcelExport.HeaderRow, sheet.SheetView.SplitRow);
        Assert.Equal(ProviderWarningExcelExport.HeaderRow + warnings.Count, sheet.LastRowUsed()!.RowNumber());
        for (var i = 0; i < warnings.Count; i++)
        {
            var w = warnings[i];
            var row = sheet.Row(ProviderWarningExcelExport.HeaderRow + 1 + i);
            Assert.Equal((w.ProviderName, w.ProviderAgb, w.Year), (row.Cell(1).GetString(), row.Cell(2).GetString(), (int)row.Cell(3).GetDouble()));
            Assert.Equal(ProviderEditService.Scope(w.Law, w.ProductCode), row.Cell(4).GetString());
            Assert.Equal((w.Ceiling, w.Spent, w.Projection), ((decimal)row.Cell(5).GetDouble(), (decimal)row.Cell(6).GetDouble(), (decimal)row.Cell(8).GetDouble()));
            Assert.Equal(decimal.Round(w.Used, 4), decimal.Round((decimal)row.Cell(7).GetDouble(), 4));
            Assert.Equal(ProviderWarningExcelExport.EuroFormat, row.Cell(5).Style.NumberFormat.Format);
            Assert.Equal(ProviderWarningExcelExport.PercentFormat, row.Cell(7).Style.NumberFormat.Format);
            Assert.Equal(w.ProjectedDate?.ToDateTime(TimeOnly.MinValue), row.Cell(9).DataType == XLDataType.DateTime ? row.Cell(9).GetDateTime() : null);
            Assert.Equal(ProviderWarningService.LevelName(w.Level, 70), row.Cell(10).GetString());
            Assert.Equal(w.IsOpen ? "open" : "afgehandeld op 01-12-2019: Gebeld", row.Cell(12).GetString());
        }

        Assert.Equal(1, warnings.Count(w => !w.IsOpen));
    }
}
