using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The realisatie import through ImportService and ImportJob against PostgreSQL: replace semantics, summing,
/// rejected rows and all or nothing (docs/import-formats.md, record kind 3).</summary>
public sealed class RealisatieImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private const string Header = "jaar;maand;budgetpost;bedrag";

    private readonly RecordingJobClient _jobs = new();

    /// <summary>One pool per test, closed at its end: the test classes run in parallel on one server.</summary>
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);

    public void Dispose() => _dataSource.Dispose();

    private (ImportService Service, ImportJob Job) Pipeline()
    {
        var dataSource = _dataSource;
        var files = TestImportFiles.Create(dataSource);
        return (new ImportService(fixture.ContextFactory, files, _jobs, TimeProvider.System),
            new ImportJob(dataSource, files, new Pseudonymiser(new byte[32]), _jobs, NullLogger<ImportJob>.Instance));
    }

    private async Task<ImportSummary> ImportAsync(bool onlyValidRows, params string[] rows)
    {
        var (service, job) = Pipeline();
        var csv = string.Join("\n", [Header, .. rows]);
        var id = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "grootboek.csv", ImportKind.Realisatie,
            onlyValidRows, "controller@test");
        await job.RunAsync(id, CancellationToken.None);
        return (await service.GetAsync(id))!;
    }

    private Task<ImportSummary> ImportAsync(params string[] rows) => ImportAsync(false, rows);

    /// <summary>Two lines (one with a name two domains do not share) and a closed year 2016.</summary>
    private async Task<(int Hh, int Bg)> ResetWithLinesAsync()
    {
        await fixture.ResetAsync();
        var hh = new BudgetLine { Code = "WMO-HH", Name = "Huishoudelijke hulp", Domain = BudgetDomain.Wmo, SortOrder = 1 };
        var bg = new BudgetLine { Code = "JW-BG", Name = "Begeleiding jeugd", Domain = BudgetDomain.Jeugd, SortOrder = 1 };
        await fixture.InsertAsync(hh, bg);
        await fixture.InsertAsync(new BudgetYear { Year = 2016, ClosedAt = DateTimeOffset.UtcNow, ClosedBy = "controller@test" });
        return (hh.Id, bg.Id);
    }

    private Task<List<(int Line, int Year, int Month, decimal Amount)>> ActualsAsync() => fixture.QueryAsync(async db =>
        (await db.ActualMonths.OrderBy(a => a.Year).ThenBy(a => a.Month).ThenBy(a => a.BudgetLineId)
            .Select(a => new { a.BudgetLineId, a.Year, a.Month, a.Amount }).ToListAsync())
        .Select(a => (a.BudgetLineId, a.Year, a.Month, a.Amount)).ToList());

    [Fact]
    public async Task Bookings_of_one_line_and_month_are_added_up_and_the_budget_input_changes()
    {
        var (hh, bg) = await ResetWithLinesAsync();

        var run = await ImportAsync("2018;1;WMO-HH;1.000,00", "2018;1;huishoudelijke hulp;250,50", "2018;1;WMO-HH;-50,50", "2018;2;Begeleiding jeugd;300");

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((4, 4, 0, 0, 2, 0), (run.RowsRead, run.RowsImported, run.RowsRejected, run.Duplicates, run.Inserted, run.Updated));
        Assert.Equal([(hh, 2018, 1, 1200.00m), (bg, 2018, 2, 300m)], await ActualsAsync());
        Assert.Equal(1, await fixture.QueryAsync(db => db.InputChanges.CountAsync(c => c.Affects == StoredAnalysis.Budget)));
        Assert.Equal(0, await fixture.QueryAsync(db => db.InputChanges.CountAsync(c => c.Affects == StoredAnalysis.Stacking)));
        Assert.DoesNotContain(_jobs.Enqueued, j => j.Type.Name == "StackingRecomputeJob");
        Assert.Contains("2 maanden is vervangen", run.Message);
    }

    [Fact]
    public async Task The_months_in_the_file_are_replaced_whole_and_other_months_stay()
    {
        var (hh, bg) = await ResetWithLinesAsync();
        await ImportAsync("2018;1;WMO-HH;100", "2018;1;JW-BG;200", "2018;2;WMO-HH;300", "2018;2;JW-BG;400");

        // A corrected January: only Huishoudelijke hulp booked; Begeleiding jeugd of January is gone, February stays.
        var again = await ImportAsync("2018;1;WMO-HH;110");

        Assert.Equal(ImportStatus.Succeeded, again.Status);
        Assert.Equal((0, 1), (again.Inserted, again.Updated));
        Assert.Equal([(hh, 2018, 1, 110m), (hh, 2018, 2, 300m), (bg, 2018, 2, 400m)], await ActualsAsync());
        Assert.Contains("1 eerder ingelezen maandbedrag van die maanden zonder boeking in dit bestand is vervallen", again.Message);
        var runs = await fixture.QueryAsync(db => db.ActualMonths.Where(a => a.Month == 1).Select(a => a.ImportRunId).SingleAsync());
        Assert.Equal(again.Id, runs);
    }

    [Fact]
    public async Task An_unknown_line_rejects_the_file_and_loads_nothing()
    {
        var (hh, _) = await ResetWithLinesAsync();
        await ImportAsync("2018;1;WMO-HH;100");

        var run = await ImportAsync("2018;1;WMO-HH;999", "2018;2;Leerlingenvervoer;5");

        Assert.Equal(ImportStatus.Rejected, run.Status);
        Assert.Contains("niets ingelezen", run.Message);
        Assert.Equal([(hh, 2018, 1, 100m)], await ActualsAsync());
        var error = Assert.Single(await Pipeline().Service.ErrorsAsync(run.Id));
        Assert.Equal(new RowError(3, "budgetpost", "budgetpost 'Leerlingenvervoer' is onbekend: geen code of naam van een budgetpost"), error);
    }

    [Fact]
    public async Task A_closed_year_is_rejected_and_only_valid_rows_loads_the_rest()
    {
        var (hh, _) = await ResetWithLinesAsync();

        var run = await ImportAsync(onlyValidRows: true, "2016;12;WMO-HH;5", "2017;1;WMO-HH;7");

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((2, 1, 1), (run.RowsRead, run.RowsImported, run.RowsRejected));
        Assert.Equal([(hh, 2017, 1, 7m)], await ActualsAsync());
        var error = Assert.Single(await Pipeline().Service.ErrorsAsync(run.Id));
        Assert.Equal((2, "jaar", "het jaar 2016 is afgesloten; er kan geen realisatie meer in worden ingelezen"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public async Task A_bad_file_leaves_the_stored_actuals_as_they_were()
    {
        var (hh, _) = await ResetWithLinesAsync();
        await ImportAsync("2018;1;WMO-HH;100");

        var run = await ImportAsync("2018;1;WMO-HH;1,005", "2018;13;WMO-HH;5");

        Assert.Equal(ImportStatus.Rejected, run.Status);
        Assert.Equal(2, run.RowsRejected);
        Assert.Equal([(hh, 2018, 1, 100m)], await ActualsAsync());
        Assert.Equal(1, await fixture.QueryAsync(db => db.InputChanges.CountAsync(c => c.Affects == StoredAnalysis.Budget)));
    }
}
