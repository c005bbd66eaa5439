using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Analysis;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using static SociaalDomein.Infrastructure.Tests.Imports.DeclaratiesTestFiles;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The declaraties import through ImportService, ImportJob and ClaimsLoader against PostgreSQL: identities,
/// duplicates, resubmissions, credits, assignment links, providers, all or nothing and privacy (docs/import-formats.md,
/// record kind 2).</summary>
public sealed class DeclaratiesImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly RecordingJobClient _jobs = new();
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);

    public void Dispose() => _dataSource.Dispose();

    private (ImportService Service, ImportJob Job) Pipeline()
    {
        var files = TestImportFiles.Create(_dataSource);
        return (new ImportService(fixture.ContextFactory, files, _jobs, TimeProvider.System),
            new ImportJob(_dataSource, files, Pseudonymiser, _jobs, NullLogger<ImportJob>.Instance));
    }

    private async Task<ImportSummary> ImportAsync(string content, string fileName = "declaraties.csv", bool onlyValidRows = false,
        ImportKind kind = ImportKind.Declaraties)
    {
        var (service, job) = Pipeline();
        var id = await service.StartAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName, kind, onlyValidRows, "contractmanager@test");
        await job.RunAsync(id, CancellationToken.None);
        return (await service.GetAsync(id))!;
    }

    private Task<List<Claim>> ClaimsAsync() => fixture.QueryAsync(db => db.Claims.AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    [Fact]
    public async Task A_csv_file_is_loaded_pseudonymised_and_creates_its_providers()
    {
        await fixture.ResetAsync();
        var bsn = TestBsn.Number(11);

        var run = await ImportAsync(Csv(
            Row(bsn: bsn, number: "D-1"),
            Row(bsn: bsn, agb: "75750009", name: "", amount: "250,00", status: "ingediend")));

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Equal((2, 2, 0, 0, 2, 0), (run.RowsRead, run.RowsImported, run.RowsRejected, run.Duplicates, run.Inserted, run.Updated));
        var claims = await ClaimsAsync();
        Assert.Equal([500m, 250m], claims.Select(c => c.Amount));
        Assert.Equal([ClaimStatus.Approved, ClaimStatus.Submitted], claims.Select(c => c.Status));
        Assert.All(claims, c => Assert.Equal(Pseudonymiser.ClientKeyForBsn(bsn), c.ClientKey));
        Assert.All(claims, c => Assert.Equal(run.Id, c.ImportRunId));
        var providers = await fixture.QueryAsync(db => db.Providers.OrderBy(p => p.Agb).Select(p => new { p.Agb, p.Name }).ToListAsync());
        Assert.Equal([("75750001", "Zorg Zwolle BV"), ("75750009", "Aanbieder 75750009")], providers.Select(p => (p.Agb, p.Name)));
        Assert.Contains("2 nieuwe aanbieders zijn aangemaakt", run.Message);
        Assert.Equal(1, await fixture.QueryAsync(db => db.InputChanges.CountAsync(c => c.Affects == StoredAnalysis.Providers)));
        // Nothing in clear: no text column of any claim holds the BSN.
        var clear = await fixture.QueryAsync(db => db.Database.SqlQueryRaw<long>(
            """SELECT count(*) AS "Value" FROM "Claims" c WHERE c::text LIKE '%' || {0} || '%'""", bsn).SingleAsync());
        Assert.Equal(0, clear);
    }

    [Fact]
    public async Task The_same_file_twice_adds_nothing_and_a_resubmitted_claim_with_another_amount_replaces_it()
    {
        await fixture.ResetAsync();
        var file = Csv(Row(number: "D-1"), Row(bsn: TestBsn.Number(12), amount: "75,00"));
        await ImportAsync(file);

        var again = await ImportAsync(file);
        var resubmitted = await ImportAsync(Csv(Row(number: "D-1", amount: "450,00", submitted: "20-04-2019")));

        Assert.Equal((2, 0, 0, 2), (again.RowsRead, again.Inserted, again.Updated, again.Duplicates));
        Assert.Equal((0, 1, 0), (resubmitted.Inserted, resubmitted.Updated, resubmitted.Duplicates));
        var claims = await ClaimsAsync();
        Assert.Equal([450m, 75m], claims.Select(c => c.Amount));
        Assert.Equal(new DateOnly(2019, 4, 20), claims[0].SubmittedOn);
        Assert.Equal(resubmitted.Id, claims[0].ImportRunId);
    }

    [Fact]
    public async Task The_same_claim_number_twice_in_one_file_keeps_the_later_row()
    {
        await fixture.ResetAsync();

        var run = await ImportAsync(Csv(Row(number: "D-1", amount: "100,00"), Row(number: "D-2"), Row(number: "D-1", amount: "120,00")));

        Assert.Equal((3, 2, 1, 2), (run.RowsRead, run.RowsImported, run.Duplicates, run.Inserted));
        Assert.Equal([120m, 500m], (await ClaimsAsync()).OrderBy(c => c.ClaimNumber).Select(c => c.Amount));
    }

    [Fact]
    public async Task A_credit_and_its_original_add_up_to_zero_whether_matched_by_content_or_by_number()
    {
        await fixture.ResetAsync();
        await ImportAsync(Csv(Row(number: "D-1")));

        // In one file: an original without number and its credit (matched by content); a credit of D-1 by number.
        var csv = Header + ";vorig_declaratienummer\r\n" +
                  Row(bsn: TestBsn.Number(13), amount: "80,00") + ";\r\n" +
                  Row(bsn: TestBsn.Number(13), amount: "-80,00") + ";\r\n" +
                  Row(amount: "-500,00", number: "C-1") + ";D-1\r\n";
        var run = await ImportAsync(csv);

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        var claims = await ClaimsAsync();
        Assert.Equal(0m, claims.Sum(c => c.Amount));
        var byNumber = claims.Single(c => c.ClaimNumber == "C-1");
        Assert.Equal(claims.Single(c => c.ClaimNumber == "D-1").Id, byNumber.CreditOfId);
        var byContent = claims.Single(c => c.Amount == -80m);
        Assert.Equal(claims.Single(c => c.Amount == 80m).Id, byContent.CreditOfId);
        Assert.All(claims.Where(c => c.Amount > 0), c => Assert.Null(c.CreditOfId));
    }

    [Fact]
    public async Task A_credit_without_original_rejects_the_file_naming_row_and_claim_number_and_loads_nothing()
    {
        await fixture.ResetAsync();

        var run = await ImportAsync(Csv(Row(number: "D-1"), Row(bsn: TestBsn.Number(14), amount: "-60,00", number: "C-9")));

        Assert.Equal(ImportStatus.Rejected, run.Status);
        Assert.Contains("Eén creditregel verwijst naar een declaratie die niet in de database en niet in het bestand staat: rij 3 (declaratienummer 'C-9')", run.Message);
        Assert.Contains("Er is niets ingelezen", run.Message);
        Assert.Empty(await ClaimsAsync());
        Assert.Empty(await fixture.QueryAsync(db => db.Providers.ToListAsync()));
    }

    [Fact]
    public async Task An_unknown_assignment_number_is_loaded_unlinked_and_counted_and_a_known_one_is_linked()
    {
        await fixture.ResetAsync();
        var toewijzingen = "bsn;dossiernummer;postcode;huisnummer;wet;productcode;aanbieder_agb;aanbieder_naam;leveringsvorm;ingangsdatum;toewijzingsnummer;budget\n" +
            $"{TestBsn.Number(1)};D-1;8011AB;12;Wmo;02A06;75750077;Thuishulp Test;ZIN;01-01-2019;T-100;1.000,00";
        var assignments = await ImportAsync(toewijzingen, "toewijzingen.csv", kind: ImportKind.Toewijzingen);
        Assert.Equal(ImportStatus.Succeeded, assignments.Status);

        var run = await ImportAsync(Csv(Row(assignment: "T-100", number: "D-1"), Row(assignment: "T-404", number: "D-2")));

        Assert.Equal((ImportStatus.Succeeded, 2), (run.Status, run.Inserted));
        Assert.Contains("1 declaratie noemt een toewijzingsnummer dat niet bestaat", run.Message);
        var claims = await ClaimsAsync();
        var assignmentId = await fixture.QueryAsync(db => db.Assignments.Where(a => a.AssignmentNumber == "T-100").Select(a => a.Id).SingleAsync());
        Assert.Equal(assignmentId, claims.Single(c => c.ClaimNumber == "D-1").AssignmentId);
        Assert.Null(claims.Single(c => c.ClaimNumber == "D-2").AssignmentId);
        // The toewijzingen import created its provider too, with the name from the file.
        Assert.Equal("Thuishulp Test", await fixture.QueryAsync(db => db.Providers.Where(p => p.Agb == "75750077").Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_claim_over_two_calendar_months_is_accepted_and_counted()
    {
        await fixture.ResetAsync();

        var run = await ImportAsync(Csv(Row(start: "15-03-2019", end: "14-04-2019"), Row(bsn: TestBsn.Number(15))));

        Assert.Equal((ImportStatus.Succeeded, 2), (run.Status, run.Inserted));
        Assert.Contains("1 declaratie beslaat meer dan één kalendermaand", run.Message);
    }

    [Fact]
    public async Task A_rejected_row_loads_nothing_and_keeps_no_bsn_in_the_rejected_rows()
    {
        await fixture.ResetAsync();
        var bsn = TestBsn.Number(16);

        var run = await ImportAsync(Csv(Row(bsn: bsn, number: "D-1"), Row(bsn: bsn, agb: "7575", amount: "1,2,3")));
        var (service, _) = Pipeline();
        var errors = await service.ErrorsAsync(run.Id);
        var rejectedCsv = Encoding.UTF8.GetString(await service.RejectedRowsCsvAsync(run.Id));

        Assert.Equal((ImportStatus.Rejected, 1), (run.Status, run.RowsRejected));
        Assert.Empty(await ClaimsAsync());
        Assert.Equal([(3, "aanbieder_agb"), (3, "bedrag")], errors.Select(e => (e.Row, e.Column)));
        Assert.DoesNotContain(bsn, rejectedCsv);
        Assert.Contains("***;7575;", rejectedCsv);
    }

    [Fact]
    public async Task Only_valid_rows_loads_the_good_claims()
    {
        await fixture.ResetAsync();

        var run = await ImportAsync(Csv(Row(number: "D-1"), Row(status: "betaald", number: "D-2")), onlyValidRows: true);

        Assert.Equal((ImportStatus.Succeeded, 1, 1), (run.Status, run.RowsImported, run.RowsRejected));
        Assert.Equal(["D-1"], (await ClaimsAsync()).Select(c => c.ClaimNumber));
    }

    [Fact]
    public async Task A_wmo323_and_a_later_jw323_credit_are_loaded_and_the_credit_reverses_its_original()
    {
        await fixture.ResetAsync();
        var bsn = TestBsn.Number(17);
        var wmo = await ImportAsync(Message("wmo323", Client(bsn, Prestatie("RN1", "5000"), Prestatie("RN2", "7500", start: "2019-03-20", end: "2019-04-10"))),
            "wmo323.xml");
        var jw = await ImportAsync(Message("jw323", Client(TestBsn.Number(18), Prestatie("JN1", "20000", code: "45A12", category: "45")), provider: "75750003"),
            "jw323.xml");

        var credit = await ImportAsync(Message("wmo323", Client(bsn, Prestatie("RN3", "5000", "C", previous: "RN1")), number: "DEC2"), "wmo323-credit.xml");
        var orphan = await ImportAsync(Message("wmo323", Client(bsn, Prestatie("RN4", "100", "C", previous: "RN0")), number: "DEC3"), "wmo323-wees.xml");

        Assert.Equal((ImportStatus.Succeeded, 2), (wmo.Status, wmo.Inserted));
        Assert.Contains("1 declaratie beslaat meer dan één kalendermaand", wmo.Message);
        Assert.Equal((ImportStatus.Succeeded, 1), (jw.Status, jw.Inserted));
        Assert.Equal(ImportStatus.Succeeded, credit.Status);
        Assert.Equal(ImportStatus.Rejected, orphan.Status);
        Assert.Contains("rij ", orphan.Message);
        Assert.Contains("(declaratienummer 'RN4')", orphan.Message);
        var claims = await ClaimsAsync();
        Assert.Equal(4, claims.Count);
        var original = claims.Single(c => c.ClaimNumber == "RN1");
        Assert.Equal(original.Id, claims.Single(c => c.ClaimNumber == "RN3").CreditOfId);
        Assert.Equal(0m, claims.Where(c => c.ClaimNumber is "RN1" or "RN3").Sum(c => c.Amount));
        Assert.All(claims, c => Assert.Equal(ClaimStatus.Approved, c.Status));
        Assert.Equal(200m, claims.Single(c => c.ClaimNumber == "JN1").Amount);
    }
}
