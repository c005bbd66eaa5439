using Microsoft.EntityFrameworkCore;
using Npgsql;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Audit;

public sealed class AuditLogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private AuditLog Log(DateTimeOffset now) => new(fixture.ContextFactory, new FixedClock(now));

    /// <summary>Five entries an hour apart from <see cref="Start"/>: two users, three actions.</summary>
    private async Task RecordFiveAsync()
    {
        await Log(Start).RecordAsync("beheerder@gemeente.nl", AuditAction.DistrictsReplaced, "Wijkindeling uit wijken.csv");
        await Log(Start.AddHours(1)).RecordAsync("bi-wethouder", AuditAction.Export, "Stapeling 01-11-2018, alle wetten, alle wijken, exacte aantallen");
        await Log(Start.AddHours(2)).RecordAsync("beheerder@gemeente.nl", AuditAction.Export, "Wijkindeling (CSV)");
        await Log(Start.AddHours(3)).RecordAsync("Beheerder@Gemeente.nl", AuditAction.StackingRecomputeRequested, "Stapeling peildatum 01-11-2018");
        await Log(Start.AddHours(4)).RecordAsync("bi-wethouder", AuditAction.Export, "Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus", "stapeling-2018-11-01.xlsx");
    }

    [Fact]
    public async Task A_recorded_entry_is_stored_with_user_time_action_subject_and_details()
    {
        await fixture.ResetAsync();
        var at = new DateTimeOffset(2026, 11, 23, 15, 4, 5, TimeSpan.FromHours(1));

        await Log(at).RecordAsync("bi-wethouder", AuditAction.Export, "Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus", "stapeling-2018-11-01.xlsx");

        var entry = Assert.Single(await fixture.QueryAsync(db => db.AuditEntries.ToListAsync()));
        Assert.Equal(at, entry.OccurredAt);
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
        Assert.Equal(("bi-wethouder", AuditAction.Export), (entry.UserName, entry.Action));
        Assert.Equal("Stapeling 01-11-2018, Wmo, alle wijken, publicatiemodus", entry.Subject);
        Assert.Equal("stapeling-2018-11-01.xlsx", entry.Details);
        Assert.Equal("Export", await fixture.QueryAsync(db => db.Database.SqlQueryRaw<string>("""SELECT "Action" AS "Value" FROM "AuditEntries" """).SingleAsync()));
    }

    [Fact]
    public async Task Entries_are_listed_newest_first_a_page_at_a_time_with_the_total()
    {
        await fixture.ResetAsync();
        await RecordFiveAsync();

        var first = await Log(Start).ListAsync(new AuditQuery(PageSize: 2));
        var last = await Log(Start).ListAsync(new AuditQuery(Page: 3, PageSize: 2));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal([Start.AddHours(4), Start.AddHours(3)], first.Entries.Select(e => e.OccurredAt));
        Assert.Equal(5, last.TotalCount);
        Assert.Equal([Start], last.Entries.Select(e => e.OccurredAt));
        Assert.Equal(AuditAction.DistrictsReplaced, last.Entries[0].Action);
    }

    [Fact]
    public async Task Entries_are_filtered_by_part_of_the_user_name_by_action_and_by_period()
    {
        await fixture.ResetAsync();
        await RecordFiveAsync();
        var log = Log(Start);

        var byUser = await log.ListAsync(new AuditQuery(User: "BEHEERDER@"));
        var byAction = await log.ListAsync(new AuditQuery(Action: AuditAction.Export));
        var byBoth = await log.ListAsync(new AuditQuery(User: "wethouder", Action: AuditAction.Export));
        var byPeriod = await log.ListAsync(new AuditQuery(From: Start.AddHours(1), Until: Start.AddHours(3)));

        Assert.Equal([Start.AddHours(3), Start.AddHours(2), Start], byUser.Entries.Select(e => e.OccurredAt));
        Assert.Equal(3, byAction.TotalCount);
        Assert.All(byAction.Entries, e => Assert.Equal(AuditAction.Export, e.Action));
        Assert.Equal(["bi-wethouder", "bi-wethouder"], byBoth.Entries.Select(e => e.UserName));
        Assert.Equal([Start.AddHours(2), Start.AddHours(1)], byPeriod.Entries.Select(e => e.OccurredAt));
    }

    [Fact]
    public async Task Wildcards_in_the_user_filter_are_taken_literally()
    {
        await fixture.ResetAsync();
        await RecordFiveAsync();
        await Log(Start).RecordAsync("script_beheer", AuditAction.Export, "Wijkindeling (CSV)");

        var page = await Log(Start).ListAsync(new AuditQuery(User: "_"));
        var none = await Log(Start).ListAsync(new AuditQuery(User: "%"));

        Assert.Equal(["script_beheer"], page.Entries.Select(e => e.UserName));
        Assert.Equal(0, none.TotalCount);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_entry()
    {
        await fixture.ResetAsync();
        await Log(Start).RecordAsync("beheerder@gemeente.nl", AuditAction.Export, "Wijkindeling (CSV)");

        var update = await Assert.ThrowsAsync<PostgresException>(() => fixture.QueryAsync(db =>
            db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, "iemand anders"))));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => fixture.QueryAsync(db => db.AuditEntries.ExecuteDeleteAsync()));
        var remove = await Assert.ThrowsAsync<DbUpdateException>(() => fixture.QueryAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("alleen worden aangevuld", update.MessageText);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
        Assert.IsType<PostgresException>(remove.InnerException);
        var entry = Assert.Single(await fixture.QueryAsync(db => db.AuditEntries.ToListAsync()));
        Assert.Equal("beheerder@gemeente.nl", entry.UserName);
    }

    [Fact]
    public async Task Starting_an_import_records_who_uploaded_which_file_with_the_run()
    {
        await fixture.ResetAsync();
        var service = new ImportService(fixture.ContextFactory, TestImportFiles.Create(fixture.ConnectionString), new RecordingJobClient(), new FixedClock(Start));

        var id = await service.StartAsync(new MemoryStream("bsn;dossiernummer\n"u8.ToArray()), "toewijzingen-2018.csv", ImportKind.Toewijzingen,
            onlyValidRows: true, "contractmanager@gemeente.nl");

        var entry = Assert.Single(await fixture.QueryAsync(db => db.AuditEntries.ToListAsync()));
        var run = await service.GetAsync(id);
        Assert.Equal((Start, "contractmanager@gemeente.nl", AuditAction.ImportStarted), (entry.OccurredAt, entry.UserName, entry.Action));
        Assert.Equal("Toewijzingen uit toewijzingen-2018.csv", entry.Subject);
        Assert.Equal("alleen geldige rijen", entry.Details);
        Assert.Equal(run!.UploadedAt, entry.OccurredAt);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
