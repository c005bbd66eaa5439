using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Imports;

public sealed class ImportJobTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Header =
        "bsn;dossiernummer;postcode;huisnummer;huisnummertoevoeging;wet;productcode;productomschrijving;aanbieder_agb;aanbieder_naam;leveringsvorm;ingangsdatum;einddatum;volume;eenheid;frequentie;tarief;budget";

    private static readonly string Bsn1 = TestBsn.Number(1);
    private static readonly string Bsn2 = TestBsn.Number(2);

    private static string Row(string bsn, string dossier, string product, string start, string end = "", string budget = "3.120,00") =>
        $"{bsn};{dossier};8011AB;12;;Wmo;{product};Omschrijving;75750001;Zorg Zwolle BV;ZIN;{start};{end};;;;;{budget}";

    private readonly RecordingJobClient _jobs = new();

    private (ImportService Service, ImportJob Job) Pipeline()
    {
        var pseudonymiser = new Pseudonymiser(new byte[32]);
        var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var files = TestImportFiles.Create(dataSource);
        return (new ImportService(fixture.ContextFactory, files, _jobs, TimeProvider.System),
            new ImportJob(dataSource, files, pseudonymiser, _jobs, NullLogger<ImportJob>.Instance));
    }

    private async Task<ImportSummary> ImportAsync(string csv, bool onlyValidRows = false, string fileName = "toewijzingen.csv")
    {
        var (service, job) = Pipeline();
        var id = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), fileName, ImportKind.Toewijzingen, onlyValidRows, "controller@test");
        await job.RunAsync(id, CancellationToken.None);
        return (await service.GetAsync(id))!;
    }

    private Task<int> AssignmentCountAsync() => fixture.QueryAsync(db => db.Assignments.CountAsync());

    [Fact]
    public async Task A_valid_file_is_imported_completely_and_the_stacking_is_recomputed()
    {
        await fixture.ResetAsync();
        var csv = string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018", "28-02-2019"), Row(Bsn1, "D-1", "01A01", "15-01-2018"), Row(Bsn2, "D-2", "02A07", "2018-05-01"));

        var run = await ImportAsync(csv);

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((3, 3, 0, 3, 0), (run.RowsRead, run.RowsImported, run.RowsRejected, run.Inserted, run.Updated));
        Assert.Equal(3, run.RowsDone);
        Assert.Equal(3, await AssignmentCountAsync());
        Assert.Contains(_jobs.Enqueued, j => j.Type.Name == "StackingRecomputeJob");
    }

    [Theory]
    [InlineData(65001, true)]
    [InlineData(1252, false)]
    public async Task The_text_is_learnt_as_it_is_received_and_the_job_reads_it_in_that_encoding(int codePage, bool utf8)
    {
        await fixture.ResetAsync();
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var encoding = System.Text.Encoding.GetEncoding(codePage);
        // Blank and delimiter-only lines do not count; the rows a quoted line break spans count twice (progress only).
        var csv = string.Join("\r\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018").Replace("Zorg Zwolle BV", "Zorggroep Ééndracht"), "",
            ";;;;", Row(Bsn2, "D-2", "02A07", "2018-05-01").Replace("Omschrijving", "\"Cliënt € \n begeleiding\""), "");
        var (service, job) = Pipeline();
        var id = await service.StartAsync(new MemoryStream(encoding.GetBytes(csv)), "toewijzingen.csv", ImportKind.Toewijzingen, false, "controller@test");

        var learnt = await fixture.QueryAsync(db => db.ImportRuns.Where(r => r.Id == id).Select(r => new { r.TextIsUtf8, r.TextLines }).SingleAsync());
        Assert.Equal(utf8, learnt.TextIsUtf8);
        Assert.Equal(4, learnt.TextLines);

        await job.RunAsync(id, CancellationToken.None);
        var run = (await service.GetAsync(id))!;
        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal(3, run.RowsTotal);
        Assert.Equal(2, run.RowsImported);
        var names = await fixture.QueryAsync(db => db.Assignments.OrderBy(a => a.CaseNumber).Select(a => a.ProviderName + "|" + a.ProductDescription).ToListAsync());
        Assert.Equal(["Zorggroep Ééndracht|Omschrijving", "Zorg Zwolle BV|Cliënt € \n begeleiding"], names);
    }

    [Fact]
    public async Task No_BSN_is_stored_in_clear()
    {
        await fixture.ResetAsync();
        await ImportAsync(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018")));

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM "Assignments" a WHERE a::text LIKE '%' || @bsn || '%' OR encode(a."ClientKey", 'escape') LIKE '%' || @bsn || '%'""", connection);
        command.Parameters.AddWithValue("bsn", Bsn1);

        Assert.Equal(1, await AssignmentCountAsync());
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        await fixture.ResetAsync();
        var csv = string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018"), Row(Bsn2, "D-2", "02A07", "01-05-2018"));
        await ImportAsync(csv);

        var second = await ImportAsync(csv);

        Assert.Equal(ImportStatus.Succeeded, second.Status);
        Assert.Equal((0, 0), (second.Inserted, second.Updated));
        Assert.Equal(2, await AssignmentCountAsync());
    }

    [Fact]
    public async Task A_newer_export_updates_an_assignment_by_its_identity()
    {
        await fixture.ResetAsync();
        await ImportAsync(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018"), Row(Bsn2, "D-2", "02A07", "01-05-2018")));

        var newer = await ImportAsync(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018", end: "31-12-2018"), Row(Bsn2, "D-2", "02A07", "01-05-2018")));

        Assert.Equal((0, 1), (newer.Inserted, newer.Updated));
        Assert.Equal(2, await AssignmentCountAsync());
        Assert.Equal(new DateOnly(2018, 12, 31), await fixture.QueryAsync(db => db.Assignments.Where(a => a.CaseNumber == "D-1").Select(a => a.EndDate).SingleAsync()));
    }

    [Fact]
    public async Task A_file_with_a_rejected_row_loads_nothing_and_says_where()
    {
        await fixture.ResetAsync();
        var csv = string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018"), Row(Bsn2, "D-2", "02A07", "31-02-2018"));

        var run = await ImportAsync(csv);

        Assert.Equal(ImportStatus.Rejected, run.Status);
        Assert.Equal(0, await AssignmentCountAsync());
        Assert.Contains("niets ingelezen", run.Message);
        var (service, _) = Pipeline();
        var error = Assert.Single(await service.ErrorsAsync(run.Id));
        Assert.Equal(3, error.Row);
        Assert.Equal("ingangsdatum", error.Column);
        Assert.Contains("31-02-2018", error.Message);
    }

    [Fact]
    public async Task Only_valid_rows_loads_the_good_rows_and_offers_the_rejected_rows_for_download()
    {
        await fixture.ResetAsync();
        var bad = Row(Bsn2, "D-2", "02A07", "31-02-2018");
        var csv = string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018"), bad);

        var run = await ImportAsync(csv, onlyValidRows: true);

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((2, 1, 1), (run.RowsRead, run.RowsImported, run.RowsRejected));
        Assert.Equal(1, await AssignmentCountAsync());
        var (service, _) = Pipeline();
        var download = System.Text.Encoding.UTF8.GetString(await service.RejectedRowsCsvAsync(run.Id));
        Assert.StartsWith("\uFEFFrij;fouten;oorspronkelijke rij", download);
        Assert.Contains("3;\"ingangsdatum:", download);
        Assert.Contains("31-02-2018", download);
    }

    [Fact]
    public async Task Duplicate_rows_are_counted_and_loaded_once()
    {
        await fixture.ResetAsync();
        var row = Row(Bsn1, "D-1", "02A06", "01-03-2018");

        var run = await ImportAsync(string.Join("\n", Header, row, row, Row(Bsn2, "D-2", "02A07", "01-05-2018")));

        Assert.Equal((3, 1, 2), (run.RowsRead, run.Duplicates, run.RowsImported));
        Assert.Equal(2, await AssignmentCountAsync());
    }

    [Fact]
    public async Task Within_a_file_the_last_row_of_an_identity_wins_for_new_and_for_stored_assignments()
    {
        await fixture.ResetAsync();
        await ImportAsync(string.Join("\n", Header, Row(Bsn2, "D-2", "02A07", "01-05-2018")));

        // D-1 is new and comes three times, D-2 is stored and comes twice: each time with another end date
        var run = await ImportAsync(string.Join("\n", Header,
            Row(Bsn1, "D-1", "02A06", "01-03-2018", end: "30-06-2018"),
            Row(Bsn2, "D-2", "02A07", "01-05-2018", end: "31-07-2018"),
            Row(Bsn1, "D-1", "02A06", "01-03-2018", end: "30-09-2018"),
            Row(Bsn2, "D-2", "02A07", "01-05-2018", end: "31-10-2018"),
            Row(Bsn1, "D-1", "02A06", "01-03-2018", end: "31-12-2018")));

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((5, 3, 2), (run.RowsRead, run.Duplicates, run.RowsImported));
        Assert.Equal((1, 1), (run.Inserted, run.Updated)); // D-1 is new, however often it changed within the file
        var ends = await fixture.QueryAsync(db => db.Assignments.OrderBy(a => a.CaseNumber).Select(a => a.EndDate).ToListAsync());
        Assert.Equal([new DateOnly(2018, 12, 31), new DateOnly(2018, 10, 31)], ends);
    }

    [Fact]
    public async Task Two_imports_at_once_with_the_same_new_assignment_both_succeed_and_store_it_once()
    {
        await fixture.ResetAsync();
        var (service, job) = Pipeline();
        var shared = Row(Bsn1, "D-1", "02A06", "01-03-2018");
        var first = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Header, shared, Row(Bsn2, "D-2", "02A07", "01-05-2018")))),
            "eerste.csv", ImportKind.Toewijzingen, onlyValidRows: false, "controller@test");
        var second = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Header, shared, Row(Bsn2, "D-3", "02A08", "01-06-2018")))),
            "tweede.csv", ImportKind.Toewijzingen, onlyValidRows: false, "controller@test");

        await Task.WhenAll(Task.Run(() => job.RunAsync(first, CancellationToken.None)), Task.Run(() => job.RunAsync(second, CancellationToken.None)));

        var runs = new[] { (await service.GetAsync(first))!, (await service.GetAsync(second))! };
        Assert.All(runs, r => Assert.Equal(ImportStatus.Succeeded, r.Status));
        Assert.Equal(3, runs.Sum(r => r.Inserted)); // D-1 once, D-2, D-3
        Assert.Equal(3, await AssignmentCountAsync());
    }

    [Fact]
    public async Task Revoked_assignments_are_counted_and_kept_for_the_analysis_to_exclude()
    {
        await fixture.ResetAsync();

        var run = await ImportAsync(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018", end: "01-03-2018"), Row(Bsn2, "D-2", "02A07", "01-05-2018")));

        Assert.Equal(1, run.Revoked);
        Assert.Equal(2, await AssignmentCountAsync());
    }

    [Fact]
    public async Task An_empty_file_is_rejected_with_one_clear_message()
    {
        await fixture.ResetAsync();

        var run = await ImportAsync("", fileName: "leeg.csv");

        Assert.Equal(ImportStatus.Rejected, run.Status);
        Assert.Contains("leeg.csv", run.Message);
        Assert.Contains("leeg", run.Message);
        Assert.Equal(0, await AssignmentCountAsync());
    }

    [Fact]
    public async Task A_failure_during_the_load_leaves_nothing_and_marks_the_import_failed()
    {
        await fixture.ResetAsync();
        await ExecuteAsync("""ALTER TABLE "Assignments" ADD CONSTRAINT test_weiger CHECK ("CaseNumber" <> 'D-BOEM')""");
        try
        {
            var run = await ImportAsync(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018"), Row(Bsn2, "D-BOEM", "02A07", "01-05-2018")));

            Assert.Equal(ImportStatus.Failed, run.Status);
            Assert.Contains("niets ingelezen", run.Message);
            Assert.Equal(0, await AssignmentCountAsync());
        }
        finally
        {
            await ExecuteAsync("""ALTER TABLE "Assignments" DROP CONSTRAINT test_weiger""");
        }
    }

    [Fact]
    public async Task An_import_whose_process_died_shows_as_failed_and_is_not_run_again()
    {
        await fixture.ResetAsync();
        var (service, job) = Pipeline();
        var id = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018")))),
            "onderbroken.csv", ImportKind.Toewijzingen, false, "beheerder@test");
        // Running, but no connection holds its lock: what a killed process leaves behind.
        await ExecuteAsync($"""UPDATE "ImportRuns" SET "Status" = {(int)ImportStatus.Running} WHERE "Id" = {id}""");

        Assert.Equal(1, await Watchdog().CheckAsync(CancellationToken.None));
        await job.RunAsync(id, CancellationToken.None);

        var run = (await service.GetAsync(id))!;
        Assert.Equal(ImportStatus.Failed, run.Status);
        Assert.Equal(ImportWatchdog.InterruptedMessage, run.Message);
        Assert.Equal(0, await AssignmentCountAsync());
    }

    [Fact]
    public async Task An_import_that_is_really_running_is_left_alone_by_the_watchdog_and_succeeds()
    {
        await fixture.ResetAsync();
        var (service, job) = Pipeline();
        var id = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", Header, Row(Bsn1, "D-1", "02A06", "01-03-2018")))),
            "loopt.csv", ImportKind.Toewijzingen, false, "beheerder@test");

        // Hold the lock that serialises imports, so the job is claimed and running but cannot finish yet.
        await using var hold = await HeldImportLock.TakeAsync(fixture.ConnectionString);

        var running = job.RunAsync(id, CancellationToken.None);
        await WaitForStatusAsync(service, id, ImportStatus.Running);

        Assert.Equal(0, await Watchdog().CheckAsync(CancellationToken.None));
        Assert.Equal(ImportStatus.Running, (await service.GetAsync(id))!.Status);

        await hold.ReleaseAsync();
        await running;
        Assert.Equal(ImportStatus.Succeeded, (await service.GetAsync(id))!.Status);
        Assert.Equal(1, await AssignmentCountAsync());
    }

    private ImportWatchdog Watchdog() => new(NpgsqlDataSource.Create(fixture.ConnectionString),
        Microsoft.Extensions.Options.Options.Create(new ImportSettings()), NullLogger<ImportWatchdog>.Instance);

    private static async Task WaitForStatusAsync(ImportService service, long id, ImportStatus status)
    {
        for (var i = 0; i < 200 && (await service.GetAsync(id))!.Status != status; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(status, (await service.GetAsync(id))!.Status);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
