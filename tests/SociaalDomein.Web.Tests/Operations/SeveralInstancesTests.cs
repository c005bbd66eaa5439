using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Infrastructure.Tests.Imports;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Operations;

/// <summary>A second app instance in this test process, on the database another instance already uses.</summary>
public sealed class SecondInstance(string connectionString) : AppFactory(connectionString);

/// <summary>
/// Two app instances on one database, as behind a load balancer: instance A is a separate process that imports a file,
/// instance B runs in this process. To catch the import in the act, the test holds the lock that serialises imports
/// (<see cref="HeldImportLock"/>): A's job has claimed the run and waits, alive, until the test lets go.
/// </summary>
public sealed class SeveralInstancesTests
{
    private static string Csv(string dossier) =>
        "bsn;dossiernummer;postcode;huisnummer;wet;productcode;aanbieder_agb;leveringsvorm;ingangsdatum;budget\n" +
        $"{TestBsn.Number(71)};{dossier};8011 AB;3;Wmo;02A06;75750001;ZIN;01-02-2019;1.200,00";

    private static async Task<long> LoadedAsync(string connectionString, long run)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var count = database.CreateCommand($"""SELECT count(*) FROM "Assignments" WHERE "ImportRunId" = {run}""");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_second_instance_starting_during_an_import_leaves_it_running_and_it_succeeds()
    {
        var database = await PostgresServer.CreateDemoDatabaseAsync("twee");
        await using var a = await AppProcess.StartAsync(database);
        await using var hold = await HeldImportLock.TakeAsync(database);
        var id = await ImportUploads.UploadAsync(a.Client(AppFactory.BeheerderKey), Csv("TWEE-1"));
        await ImportUploads.WaitForAsync(a.Client(AppFactory.BeheerderKey), id, "Running");

        await using var b = new SecondInstance(database);
        await ((IAsyncLifetime)b).InitializeAsync(); // starts B: migrations, seed check, its watchdog's first round
        var failedByB = await b.Services.GetRequiredService<ImportWatchdog>().CheckAsync(CancellationToken.None);

        Assert.Equal(0, failedByB);
        Assert.Equal("Running", await ImportUploads.StatusAsync(b.Client(AppFactory.BeheerderKey), id));
        await hold.ReleaseAsync();
        var report = await ImportUploads.WaitUntilFinishedAsync(b.Client(AppFactory.BeheerderKey), id);
        Assert.Equal("Succeeded", report.GetProperty("status").GetString());
        Assert.Equal(1L, await LoadedAsync(database, id));
    }

    [Fact]
    public async Task When_the_importing_instance_is_killed_the_other_marks_the_import_failed_and_keeps_serving()
    {
        var database = await PostgresServer.CreateDemoDatabaseAsync("twee");
        await using var a = await AppProcess.StartAsync(database);
        await using var hold = await HeldImportLock.TakeAsync(database);
        var id = await ImportUploads.UploadAsync(a.Client(AppFactory.BeheerderKey), Csv("TWEE-2"));
        await ImportUploads.WaitForAsync(a.Client(AppFactory.BeheerderKey), id, "Running");
        await using var b = new SecondInstance(database);
        await ((IAsyncLifetime)b).InitializeAsync();

        await a.KillAsync();
        // B's own watchdog notices: the killed process's connection, and with it the run's lock, is gone.
        var report = await ImportUploads.WaitForAsync(b.Client(AppFactory.BeheerderKey), id, "Failed", "Succeeded");

        Assert.Equal("Failed", report.GetProperty("status").GetString());
        Assert.Equal(ImportWatchdog.InterruptedMessage, report.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await b.Client().GetAsync("/health")).StatusCode);
        await hold.ReleaseAsync();
        Assert.Equal(0L, await LoadedAsync(database, id));
    }
}
