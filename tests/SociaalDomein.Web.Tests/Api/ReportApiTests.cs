using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Reports;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>GET /api/reports/kwartaal.xlsx on the demo: the workbook of a quarter for every role, audited, and a Dutch 400
/// naming the parameter for a question that cannot be answered.</summary>
public sealed class ReportApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_wethouder_downloads_the_Q3_2017_workbook_and_the_download_is_in_the_audit_log()
    {
        var response = await app.Client(AppFactory.WethouderKey).GetAsync("/api/reports/kwartaal.xlsx?year=2017&quarter=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("kwartaalrapportage-2017-K3.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(QuarterlyReport.ExplanationSheet, book.Worksheets.First().Name);
        Assert.Contains(book.Worksheets, w => w.Name == QuarterlyReport.ForecastSheet);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Export && e.Subject == "Kwartaalrapportage 2017 K3 (Excel)" && e.UserName == "bi-wethouder"));
    }

    [Theory]
    [InlineData("year=2017&quarter=5", "quarter", "Kwartaal 5 bestaat niet")]
    [InlineData("year=2017&quarter=drie", "quarter", "Geef het kwartaal als 1, 2, 3 of 4 op")]
    [InlineData("year=twintig&quarter=3", "year", "Geef een jaar van 2000 tot en met 2100 op")]
    [InlineData("year=2014&quarter=4", "year", "Voor 2014 is geen begroting ingelezen")]
    public async Task A_quarter_that_cannot_be_reported_is_a_Dutch_400_on_its_parameter(string query, string parameter, string message)
    {
        var response = await app.Client(AppFactory.ControllerKey).GetAsync($"/api/reports/kwartaal.xlsx?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.StartsWith(message, errors.GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_report_is_refused()
    {
        var response = await app.CreateClient().GetAsync("/api/reports/kwartaal.xlsx?year=2017&quarter=3");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
