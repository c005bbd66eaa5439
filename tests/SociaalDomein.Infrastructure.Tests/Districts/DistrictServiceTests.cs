using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Districts;

public sealed class DistrictServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly RecordingJobClient _jobs = new();

    private DistrictService Service => new(fixture.ContextFactory, TimeProvider.System, _jobs);

    private const string User = "beheerder@test.local";

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_csv_replaces_the_whole_mapping()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord"), "oud.csv", User);

        var result = await Service.ImportAsync(Csv("Postcode,Stadsdeel\n8011,Centrum\n8021,Zuid\n8022,Zuid\n"), "nieuw.csv", User);

        Assert.True(result.Succeeded);
        var districts = await Service.ListAsync();
        Assert.Equal(["Centrum", "Zuid"], districts.Select(d => d.Name));
        Assert.Equal(["8021", "8022"], districts.Single(d => d.Name == "Zuid").Postcodes);
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_changes_nothing_and_names_row_and_column()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "oud.csv", User);

        var result = await Service.ImportAsync(Csv("postcode;wijk\n8021;Zuid\n80AB;Zuid\n8021;West\n8033;"), "fout.csv", User);

        Assert.False(result.Succeeded);
        Assert.Contains("fout.csv", result.Problem);
        Assert.Collection(result.Errors!,
            e => Assert.Equal((3, "postcode"), (e.Row, e.Column)),
            e => { Assert.Equal((4, "postcode"), (e.Row, e.Column)); Assert.Contains("rij 2", e.Message); },
            e => Assert.Equal((5, "wijk"), (e.Row, e.Column)));
        Assert.Equal(["Stad"], (await Service.ListAsync()).Select(d => d.Name));
    }

    [Fact]
    public async Task A_csv_without_the_columns_is_refused()
    {
        await fixture.ResetAsync();

        var result = await Service.ImportAsync(Csv("pc;naam\n8011;Stad"), "kolommen.csv", User);

        Assert.False(result.Succeeded);
        Assert.Contains("'postcode' en 'wijk'", result.Errors![0].Message);
    }

    [Fact]
    public async Task A_postcode_moves_to_another_district_and_an_emptied_district_disappears()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord"), "start.csv", User);

        var result = await Service.AssignAsync("8033", "Stad", expectedDistrict: "Noord", User);

        Assert.True(result.Succeeded);
        var district = Assert.Single(await Service.ListAsync());
        Assert.Equal("Stad", district.Name);
        Assert.Equal(["8011", "8033"], district.Postcodes);
    }

    [Fact]
    public async Task An_edit_based_on_an_outdated_view_is_refused()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "start.csv", User);
        await Service.AssignAsync("8011", "Oost", expectedDistrict: "Stad", User);

        var late = await Service.AssignAsync("8011", "West", expectedDistrict: "Stad", User);

        Assert.False(late.Succeeded);
        Assert.Contains("intussen door iemand anders gewijzigd (nu: Oost)", late.Problem);
        Assert.Equal(["Oost"], (await Service.ListAsync()).Select(d => d.Name));
    }

    [Fact]
    public async Task Changing_the_mapping_is_an_input_change_and_drops_the_stored_results_of_districts_that_are_gone()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(
            new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "Stad", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow },
            new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "Verdwenen", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow },
            new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow });

        await Service.AssignAsync("8011", "Stad", expectedDistrict: null, User);
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord"), "nieuw.csv", User);

        Assert.Equal(["", "Stad"], await fixture.QueryAsync(db => db.StackingSnapshots.Select(s => s.District).OrderBy(d => d).ToListAsync()));
        Assert.Equal(["wijkindeling uit nieuw.csv", "wijkindeling: postcode 8011"],
            await fixture.QueryAsync(db => db.InputChanges.Select(c => c.What).OrderBy(w => w).ToListAsync()));
        Assert.Equal(["StackingRecomputeJob", "StackingRecomputeJob"], _jobs.Enqueued.Select(j => j.Type.Name)); // fresh results without waiting
    }

    [Theory]
    [InlineData("801")]
    [InlineData("0801")]
    [InlineData("80111")]
    public async Task A_postcode_must_have_four_digits(string postcode)
    {
        await fixture.ResetAsync();

        var result = await Service.AssignAsync(postcode, "Stad", null, User);

        Assert.False(result.Succeeded);
        Assert.Contains("geen postcode van 4 cijfers", result.Problem);
    }

    [Fact]
    public async Task The_export_reads_back_as_the_same_mapping()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord\n8034;Noord"), "start.csv", User);
        var before = await Service.ListAsync();

        var export = await Service.ExportCsvAsync();
        await Service.ImportAsync(new MemoryStream(export), "export.csv", User);

        Assert.Equal(before.Select(d => (d.Name, string.Join(",", d.Postcodes))), (await Service.ListAsync()).Select(d => (d.Name, string.Join(",", d.Postcodes))));
    }

    private Task<List<AuditEntry>> AuditAsync() => fixture.QueryAsync(db => db.AuditEntries.OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task A_replacement_and_an_edit_are_in_the_audit_log_with_the_user()
    {
        await fixture.ResetAsync();

        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord\n8034;Noord"), "wijken-2026.csv", User);
        await Service.AssignAsync("8033", "Stad", expectedDistrict: "Noord", "andere.beheerder@test.local");
        await Service.AssignAsync("8034", null, expectedDistrict: "Noord", User);

        var entries = await AuditAsync();
        Assert.Equal([AuditAction.DistrictsReplaced, AuditAction.DistrictChanged, AuditAction.DistrictChanged], entries.Select(e => e.Action));
        Assert.Equal([User, "andere.beheerder@test.local", User], entries.Select(e => e.UserName));
        Assert.Equal("Wijkindeling uit wijken-2026.csv", entries[0].Subject);
        Assert.Equal("3 postcodes in 2 wijken", entries[0].Details);
        Assert.Equal("Postcode 8033: Noord → Stad", entries[1].Subject);
        Assert.Equal("Postcode 8034: Noord → geen wijk", entries[2].Subject);
        Assert.All(entries, e => Assert.True(DateTimeOffset.UtcNow - e.OccurredAt < TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_refused_or_unchanged_edit_writes_no_audit_entry()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "start.csv", User);

        await Service.AssignAsync("8011", "West", expectedDistrict: "Oost", User);
        await Service.AssignAsync("801", "West", expectedDistrict: null, User);
        await Service.AssignAsync("8011", "Stad", expectedDistrict: "Stad", User);

        Assert.Equal([AuditAction.DistrictsReplaced], (await AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_writes_neither_districts_nor_an_audit_entry()
    {
        await fixture.ResetAsync();

        var result = await Service.ImportAsync(Csv("postcode;wijk\n8021;Zuid\n80AB;Zuid"), "fout.csv", User);

        Assert.False(result.Succeeded);
        Assert.Empty(await Service.ListAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task A_replacement_that_fails_in_the_database_writes_neither_districts_nor_an_audit_entry()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "start.csv", User);
        await fixture.InsertAsync(new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "Stad", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow });

        // The last step of the replacement (dropping the stored results per district) fails: after the new mapping
        // and its audit entry have been saved in the transaction, before it commits.
        await FailingSnapshotCleanupAsync(async () =>
            await Assert.ThrowsAsync<PostgresException>(() => Service.ImportAsync(Csv("postcode;wijk\n8021;Zuid\n8022;Noord"), "nieuw.csv", User)));

        var district = Assert.Single(await Service.ListAsync());
        Assert.Equal("Stad", district.Name);
        Assert.Equal(["8011"], district.Postcodes);
        Assert.Equal(["Wijkindeling uit start.csv"], (await AuditAsync()).Select(e => e.Subject));
    }

    [Fact]
    public async Task An_edit_that_fails_in_the_database_writes_no_audit_entry()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "start.csv", User);
        await fixture.InsertAsync(new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "Stad", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow });

        await FailingSnapshotCleanupAsync(async () =>
            await Assert.ThrowsAsync<PostgresException>(() => Service.AssignAsync("8011", "Oost", expectedDistrict: "Stad", User)));

        Assert.Equal(["Stad"], (await Service.ListAsync()).Select(d => d.Name));
        Assert.Equal([AuditAction.DistrictsReplaced], (await AuditAsync()).Select(e => e.Action));
    }

    /// <summary>Runs <paramref name="act"/> while deleting a stored stacking result raises an error in PostgreSQL.</summary>
    private async Task FailingSnapshotCleanupAsync(Func<Task> act)
    {
        await fixture.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION test_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'testfout'; END $$;
            CREATE TRIGGER test_refuse_delete BEFORE DELETE ON "StackingSnapshots" FOR EACH ROW EXECUTE FUNCTION test_refuse_delete();
            """));
        try
        {
            await act();
        }
        finally
        {
            await fixture.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
                DROP TRIGGER test_refuse_delete ON "StackingSnapshots";
                DROP FUNCTION test_refuse_delete();
                """));
        }
    }
}
