using System.Text;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Districts;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Infrastructure.Tests.Districts;

public sealed class DistrictServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private DistrictService Service => new(fixture.ContextFactory);

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_csv_replaces_the_whole_mapping()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord"), "oud.csv");

        var result = await Service.ImportAsync(Csv("Postcode,Stadsdeel\n8011,Centrum\n8021,Zuid\n8022,Zuid\n"), "nieuw.csv");

        Assert.True(result.Succeeded);
        var districts = await Service.ListAsync();
        Assert.Equal(["Centrum", "Zuid"], districts.Select(d => d.Name));
        Assert.Equal(["8021", "8022"], districts.Single(d => d.Name == "Zuid").Postcodes);
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_changes_nothing_and_names_row_and_column()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "oud.csv");

        var result = await Service.ImportAsync(Csv("postcode;wijk\n8021;Zuid\n80AB;Zuid\n8021;West\n8033;"), "fout.csv");

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

        var result = await Service.ImportAsync(Csv("pc;naam\n8011;Stad"), "kolommen.csv");

        Assert.False(result.Succeeded);
        Assert.Contains("'postcode' en 'wijk'", result.Errors![0].Message);
    }

    [Fact]
    public async Task A_postcode_moves_to_another_district_and_an_emptied_district_disappears()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord"), "start.csv");

        var result = await Service.AssignAsync("8033", "Stad", expectedDistrict: "Noord");

        Assert.True(result.Succeeded);
        var district = Assert.Single(await Service.ListAsync());
        Assert.Equal("Stad", district.Name);
        Assert.Equal(["8011", "8033"], district.Postcodes);
    }

    [Fact]
    public async Task An_edit_based_on_an_outdated_view_is_refused()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad"), "start.csv");
        await Service.AssignAsync("8011", "Oost", expectedDistrict: "Stad");

        var late = await Service.AssignAsync("8011", "West", expectedDistrict: "Stad");

        Assert.False(late.Succeeded);
        Assert.Contains("intussen door iemand anders gewijzigd (nu: Oost)", late.Problem);
        Assert.Equal(["Oost"], (await Service.ListAsync()).Select(d => d.Name));
    }

    [Fact]
    public async Task Changing_the_mapping_drops_the_stored_results_per_district()
    {
        await fixture.ResetAsync();
        await fixture.InsertAsync(
            new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "Stad", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow },
            new StackingSnapshot { ReferenceDate = new DateOnly(2018, 11, 1), District = "", ResultJson = "{}", ComputedAt = DateTimeOffset.UtcNow });

        await Service.AssignAsync("8011", "Stad", expectedDistrict: null);

        Assert.Equal([""], await fixture.QueryAsync(db => db.StackingSnapshots.Select(s => s.District).ToListAsync()));
    }

    [Theory]
    [InlineData("801")]
    [InlineData("0801")]
    [InlineData("80111")]
    public async Task A_postcode_must_have_four_digits(string postcode)
    {
        await fixture.ResetAsync();

        var result = await Service.AssignAsync(postcode, "Stad", null);

        Assert.False(result.Succeeded);
        Assert.Contains("geen postcode van 4 cijfers", result.Problem);
    }

    [Fact]
    public async Task The_export_reads_back_as_the_same_mapping()
    {
        await fixture.ResetAsync();
        await Service.ImportAsync(Csv("postcode;wijk\n8011;Stad\n8033;Noord\n8034;Noord"), "start.csv");
        var before = await Service.ListAsync();

        var export = await Service.ExportCsvAsync();
        await Service.ImportAsync(new MemoryStream(export), "export.csv");

        Assert.Equal(before.Select(d => (d.Name, string.Join(",", d.Postcodes))), (await Service.ListAsync()).Select(d => (d.Name, string.Join(",", d.Postcodes))));
    }
}
