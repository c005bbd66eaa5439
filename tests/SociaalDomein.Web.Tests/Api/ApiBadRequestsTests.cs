using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SociaalDomein.Web.Api;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>A request the framework cannot bind gets a Dutch 400 (or 415) with the field, never a 500 or an empty 400
/// (<see cref="ApiBadRequests"/>). None of these requests can store anything: they fail before the handler runs.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiBadRequestsTests(AppFactory app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<(string Field, string Message, JsonElement Problem)> SingleErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ApiBadRequests.Title, problem.GetProperty("title").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        return (error.Name, error.Value[0].GetString()!, problem);
    }

    [Theory]
    [InlineData("""{"code": "X1", "title": "T", "years": [{"year": 2019, "yield": "abc"}]}""", "years[0].yield", "Is geen getal")]
    [InlineData("""{"code": "X1", "title": "T", "years": [{"year": 2019}, {"year": "twee"}]}""", "years[1].year", "Is geen geheel getal")]
    [InlineData("""{"code": "X1", "title": "T", "years": [{"year": 2019, "implementationCost": true}]}""", "years[0].implementationCost", "Is geen getal")]
    [InlineData("""{"code": "X1", "title": "T", "years": {"year": 2019}}""", "years", "Is geen lijst")]
    [InlineData("""{"code": 12, "title": "T"}""", "code", "Is geen tekst")]
    [InlineData("""{"code": "X1", "title": "T", "version": 1.5}""", "version", "Is geen geheel getal")]
    public async Task A_value_of_the_wrong_type_is_named_by_its_field_in_Dutch(string json, string field, string message)
    {
        var response = await app.Client(AppFactory.ControllerKey).PostAsync("/api/measures", Json(json));

        var error = await SingleErrorAsync(response);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Message);
        Assert.Equal($"{field}: {error.Message}", error.Problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Text_that_is_not_JSON_says_where_it_went_wrong()
    {
        var response = await app.Client(AppFactory.ControllerKey).PostAsync("/api/measures", Json("""{"code": "X1", "title": "T",, }"""));

        var error = await SingleErrorAsync(response);
        Assert.StartsWith("Geen geldige JSON (regel 1, positie", error.Message);
    }

    [Fact]
    public async Task A_missing_body_asks_for_one()
    {
        var response = await app.Client(AppFactory.ControllerKey).PostAsync("/api/measures", Json(""));

        var error = await SingleErrorAsync(response);
        Assert.Equal("", error.Field);
        Assert.Contains("als JSON", error.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_gets_415_in_Dutch()
    {
        var response = await app.Client(AppFactory.ControllerKey).PostAsync("/api/measures", new StringContent("code=X1", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_query_parameter_that_is_not_a_number_is_named_in_Dutch()
    {
        var response = await app.Client(AppFactory.BeheerderKey).GetAsync("/api/audit?page=abc");

        var error = await SingleErrorAsync(response);
        Assert.Equal(("page", "Is geen geheel getal."), (error.Field, error.Message));
    }

    [Fact]
    public void The_field_is_found_in_the_body_type_through_lists_and_nested_records()
    {
        Assert.Equal("years[3].yield", ApiBadRequests.FieldOf("$.Years[3].Yield"));
        Assert.Equal("", ApiBadRequests.FieldOf("$"));
        Assert.Equal(typeof(decimal?), ApiBadRequests.TypeAt(typeof(MeasureEndpoints.MeasureBody), "years[3].yield"));
        Assert.Equal(typeof(int), ApiBadRequests.TypeAt(typeof(ScenarioEndpoints.CustomScenarioBody), "measures[0].shiftYears"));
        Assert.Null(ApiBadRequests.TypeAt(typeof(MeasureEndpoints.MeasureBody), "unknown"));
    }
}
