using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SociaalDomein.Domain.Imports;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Infrastructure.Tests.Imports;
using W = SociaalDomein.Infrastructure.Tests.Imports.ToewijzingenReaderIwmo301Tests;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>The toewijzingen import report says how many assignments have no price at all (docs/domain.md §4).</summary>
public sealed class UnpricedImportNoteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    /// <summary>A WMO301 (no prices, as every 301) with one client per product: 3 hours a week from 1 January 2018.</summary>
    private static string Wmo301(params string[] products) =>
        W.Message("wmo301", string.Concat(products.Select((code, i) =>
            W.Client(TestBsn.Number(i + 1), W.Contact("01", "8011AB", "12"),
                W.Product($"{1000 + i}", "02", code, "2018-01-01", null, W.Omvang("3", "04", "2"))))));

    private async Task<ImportSummary> ImportAsync(string csv)
    {
        var jobs = new RecordingJobClient();
        var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var files = TestImportFiles.Create(dataSource);
        var service = new ImportService(fixture.ContextFactory, files, jobs, TimeProvider.System);
        var id = await service.StartAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "wmo301.xml", ImportKind.Toewijzingen, false, "carla@test");
        await new ImportJob(dataSource, files, new Pseudonymiser(new byte[32]), jobs, NullLogger<ImportJob>.Instance).RunAsync(id, CancellationToken.None);
        return (await service.GetAsync(id))!;
    }

    [Fact]
    public async Task The_report_counts_the_assignments_with_neither_an_own_tariff_nor_a_price_list_entry()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(
            new Tariff { ProductCode = "02A07", ValidFrom = new DateOnly(2017, 1, 1), Amount = 60m },
            new Tariff { ProductCode = "02A09", ProviderAgb = "99999999", ValidFrom = new DateOnly(2017, 1, 1), Amount = 80m }, // another provider's
            new Tariff { ProductCode = "02A06", ValidFrom = new DateOnly(2015, 1, 1), ValidTo = new DateOnly(2016, 12, 31), Amount = 50m }); // ended before

        var run = await ImportAsync(Wmo301(
            "02A07",   // priced by the price list
            "02A09",   // no price: the entry is for another provider
            "02A06")); // no price: the entry ended before the assignment started

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.StartsWith("2 toewijzingen hebben geen tarief (geen eigen tarief en niet in de prijslijst)", run.Message);
    }

    [Fact]
    public async Task Without_unpriced_assignments_the_report_says_nothing_about_it()
    {
        await fixture.ResetAsync();

        await fixture.InsertAsync(new Tariff { ProductCode = "02A07", ValidFrom = new DateOnly(2017, 1, 1), Amount = 60m });

        var run = await ImportAsync(Wmo301("02A07"));

        Assert.Equal(ImportStatus.Succeeded, run.Status);
        Assert.Null(run.Message);
    }
}
