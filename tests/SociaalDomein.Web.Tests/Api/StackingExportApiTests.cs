using System.Net;
using ClosedXML.Excel;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>GET /api/stacking/export.xlsx on the demo data (reference date 1 November 2018).</summary>
[Collection(AppCollection.Name)]
public sealed class StackingExportApiTests(AppFactory app)
{
    private const string Url = "/api/stacking/export.xlsx?referenceDate=2018-11-01";

    private async Task<(HttpResponseMessage Response, XLWorkbook Book)> ExportAsync(string apiKey, string url = Url)
    {
        var response = await app.Client(apiKey).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task A_wethouder_gets_the_tables_as_an_excel_file_without_the_most_expensive_households()
    {
        var (response, book) = await ExportAsync(AppFactory.WethouderKey);
        using (book)
        {
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("stapeling-2018-11-01.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal(["Toelichting", "Huishoudens", "Voorzieningen", "Combinaties", "Wmo en Jeugd", "Verloop"], book.Worksheets.Select(s => s.Name));
            Assert.True(book.Worksheet("Huishoudens").Cell(2, 2).GetValue<int>() > 0);
            Assert.Contains(book.Worksheet("Toelichting").CellsUsed(), c => c.GetString().Contains("demonstratiegegevens", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_beheerder_also_gets_the_most_expensive_households()
    {
        var (_, book) = await ExportAsync(AppFactory.BeheerderKey, Url + "&law=Wmo&district=noord");
        using (book)
        {
            Assert.Contains("Duurste huishoudens", book.Worksheets.Select(s => s.Name));
            Assert.Equal("Noord", book.Worksheet("Toelichting").RowsUsed().Single(r => r.Cell(1).GetString() == "Wijk").Cell(2).GetString());
        }
    }

    [Fact]
    public async Task In_publication_mode_not_even_a_beheerder_gets_the_most_expensive_households_and_counts_are_multiples_of_5()
    {
        var (_, book) = await ExportAsync(AppFactory.BeheerderKey, Url + "&publicatie=true");
        using (book)
        {
            Assert.DoesNotContain("Duurste huishoudens", book.Worksheets.Select(s => s.Name));
            var addresses = book.Worksheet("Huishoudens").Cell(2, 2);
            Assert.True(addresses.GetString() == "geheim" || addresses.GetValue<int>() % 5 == 0);
        }
    }

    [Theory]
    [InlineData(Url + "&law=Wlz", HttpStatusCode.BadRequest)]
    [InlineData("/api/stacking/export.xlsx", HttpStatusCode.BadRequest)]
    public async Task Bad_filters_answer_400(string url, HttpStatusCode status)
    {
        var response = await app.Client(AppFactory.WethouderKey).GetAsync(url);

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_login_or_key_the_export_answers_401()
    {
        var response = await app.Client().GetAsync(Url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
