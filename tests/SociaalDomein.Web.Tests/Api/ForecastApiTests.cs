using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>/api/forecast and /api/forecast/accuracy on the demo (docs/domain.md §7): the shape, the figures as the
/// service computes them, read from the stored figures with the moment they were computed, who may read them, and a Dutch
/// 400 naming the parameter for every bad question.</summary>
public sealed class ForecastApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string September2017 = "/api/forecast?year=2017&asOf=2017-09-30";

    private static decimal? Amount(JsonElement e, string field) =>
        e.GetProperty(field).ValueKind == JsonValueKind.Null ? null : e.GetProperty(field).GetDecimal();

    [Fact]
    public async Task The_forecast_as_of_September_2017_lists_every_line_domain_and_the_total_as_the_service_computes_them()
    {
        var json = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(September2017);
        var report = (await app.Services.GetRequiredService<ForecastService>().ForecastAsync(2017, new DateOnly(2017, 9, 30))).Value!;
        var budget = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/budget?year=2017");

        Assert.Equal((2017, "2017-09-30"), (json.GetProperty("year").GetInt32(), json.GetProperty("asOf").GetString()));
        Assert.True(json.TryGetProperty("computedAt", out _));
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(report.Lines.Select(l => l.Code), lines.Select(l => l.GetProperty("code").GetString()));
        foreach (var (line, expected) in lines.Zip(report.Lines))
        {
            Assert.Equal(
                (expected.Name, expected.Figures.Budget, expected.Figures.ActualToDate, expected.Figures.Linear.Amount, expected.Figures.LagAdjusted.Amount,
                    expected.Figures.Commitment.Amount, expected.Figures.Recommended.Amount, expected.Figures.Balance),
                (line.GetProperty("name").GetString(), line.GetProperty("budget").GetDecimal(), line.GetProperty("actualToDate").GetDecimal(),
                    Amount(line, "linear"), Amount(line, "lagAdjusted"), Amount(line, "commitment"), Amount(line, "recommended"), Amount(line, "balance")));
            Assert.Equal(ForecastEndpointsCode(expected.Figures.Method), line.GetProperty("method").GetString());
        }

        var unlinked = lines.Single(l => l.GetProperty("code").GetString() == "WMO-06");
        Assert.Equal(JsonValueKind.Null, unlinked.GetProperty("lagAdjusted").ValueKind);
        Assert.Equal("Geen declaraties gekoppeld aan deze post", unlinked.GetProperty("lagAdjustedReason").GetString());
        Assert.Equal("linear", unlinked.GetProperty("method").GetString());
        var lvb = lines.Single(l => l.GetProperty("code").GetString() == "JGD-03");
        Assert.NotNull(Amount(lvb, "lagAdjusted"));
        Assert.NotNull(Amount(lvb, "commitment"));

        var domains = json.GetProperty("domains").EnumerateArray().ToList();
        Assert.Equal(["Beschermd wonen", "Wmo", "Jeugd", "Participatie", "Bijstand", "Armoede"], domains.Select(d => d.GetProperty("name").GetString()));
        var jeugd = domains.Single(d => d.GetProperty("name").GetString() == "Jeugd");
        Assert.Equal(report.Domains.Single(d => d.Domain == Domain.Budgets.BudgetDomain.Jeugd).Figures.LagAdjusted.Amount, Amount(jeugd, "lagAdjusted"));
        Assert.Contains("daar telt de aanbevolen prognose mee", jeugd.GetProperty("lagAdjustedNote").GetString());
        var total = json.GetProperty("total");
        Assert.Equal(budget.GetProperty("total").GetProperty("budget").GetDecimal(), total.GetProperty("budget").GetDecimal());
        Assert.Equal(lines.Sum(l => l.GetProperty("recommended").GetDecimal()), total.GetProperty("recommended").GetDecimal());
        Assert.Equal(total.GetProperty("budget").GetDecimal() - total.GetProperty("recommended").GetDecimal(), total.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task ComputedAt_is_when_the_stored_figures_were_computed_and_the_next_request_reads_them_stored()
    {
        var first = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(September2017);
        var again = await app.Client(AppFactory.ControllerKey).GetFromJsonAsync<JsonElement>(September2017);
        var accuracy = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/forecast/accuracy?line=JGD-03");
        var accuracyAgain = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>("/api/forecast/accuracy?line=JGD-03");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = await db.ForecastFigureSets.SingleAsync(s => s.Year == 2017 && s.AsOf == new DateOnly(2017, 9, 30));
        var storedAccuracy = await db.ForecastAccuracySets.SingleAsync(s => db.BudgetLines.Any(l => l.Id == s.BudgetLineId && l.Code == "JGD-03"));
        Assert.Equal(stored.ComputedAt, first.GetProperty("computedAt").GetDateTimeOffset());
        Assert.Equal(stored.ComputedAt, again.GetProperty("computedAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("total").GetRawText(), again.GetProperty("total").GetRawText());
        Assert.Equal(storedAccuracy.ComputedAt, accuracy.GetProperty("computedAt").GetDateTimeOffset());
        Assert.Equal(storedAccuracy.ComputedAt, accuracyAgain.GetProperty("computedAt").GetDateTimeOffset());
    }

    private static string? ForecastEndpointsCode(Domain.Forecasts.ForecastMethod? method) =>
        method is { } m ? SociaalDomein.Web.Api.ForecastEndpoints.Code(m) : null;

    [Fact]
    public async Task Accuracy_gives_per_year_and_month_end_the_three_forecasts_the_outcome_and_the_errors_and_the_recommendation()
    {
        var json = await app.Client(AppFactory.ControllerKey).GetFromJsonAsync<JsonElement>("/api/forecast/accuracy?line=JGD-03");
        var accuracy = (await app.Services.GetRequiredService<ForecastService>().AccuracyAsync("JGD-03")).Value!;

        Assert.Equal(("JGD-03", true), (json.GetProperty("code").GetString(), json.GetProperty("linked").GetBoolean()));
        Assert.Equal(accuracy.Years, json.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        var points = json.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(accuracy.Years.Count * 12, points.Count);
        var september2016 = points.Single(p => p.GetProperty("asOf").GetString() == "2016-09-30");
        var linear = accuracy.Points.Single(p => p.Year == 2016 && p.AsOfMonth == 9 && p.Method == Domain.Forecasts.ForecastMethod.Linear);
        Assert.Equal((linear.Outcome, linear.Forecast.Amount, linear.Error, linear.RelativeError),
            (september2016.GetProperty("outcome").GetDecimal(), Amount(september2016, "linear"), Amount(september2016, "linearError"),
                Amount(september2016, "linearRelativeError")));
        var recommendation = json.GetProperty("recommendation");
        Assert.Equal(ForecastEndpointsCode(accuracy.Recommendation.Method), recommendation.GetProperty("method").GetString());
        Assert.Equal(accuracy.Recommendation.Recommended!.TypicalAbsoluteError, Amount(recommendation, "typicalAbsoluteError"));
        Assert.Equal(3, recommendation.GetProperty("methods").GetArrayLength());
    }

    [Theory]
    [InlineData(AppFactory.WethouderKey)]
    [InlineData(AppFactory.ControllerKey)]
    [InlineData(AppFactory.ContractmanagerKey)]
    [InlineData(AppFactory.BeheerderKey)]
    public async Task Every_role_reads_the_accuracy(string key)
    {
        var response = await app.Client(key).GetAsync("/api/forecast/accuracy?line=WMO-04");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_the_answer_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(September2017)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/forecast/accuracy?line=WMO-04")).StatusCode);
    }

    [Theory]
    [InlineData("/api/forecast?year=2017&asOf=2099-12-31", "asOf", "in de toekomst")]
    [InlineData("/api/forecast?year=2017&asOf=30-09-2017", "asOf", "JJJJ-MM-DD")]
    [InlineData("/api/forecast?year=2017&asOf=2017-09-15", "asOf", "geen maandeinde")]
    [InlineData("/api/forecast?year=2017", "asOf", "JJJJ-MM-DD")]
    [InlineData("/api/forecast?year=2031&asOf=2017-09-30", "year", "Voor 2031 is geen begroting")]
    [InlineData("/api/forecast?year=volgend&asOf=2017-09-30", "year", "Geef een jaar")]
    [InlineData("/api/forecast?year=2017&asOf=2016-09-30", "asOf", "ligt niet in 2017")]
    [InlineData("/api/forecast/accuracy?line=XX-99", "line", "geen begrotingspost met code 'XX-99'")]
    [InlineData("/api/forecast/accuracy", "line", "Geef de code")]
    public async Task A_bad_question_gets_a_Dutch_400_naming_the_parameter(string url, string parameter, string message)
    {
        var response = await app.Client(AppFactory.ContractmanagerKey).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }
}
