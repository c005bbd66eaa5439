using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Web.Api;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>/openapi/v1.json: behind the login, and a complete description of every /api route the app maps.</summary>
[Collection(AppCollection.Name)]
public sealed partial class OpenApiTests(AppFactory app)
{
    [Fact]
    public async Task The_document_is_served_to_an_api_key_and_to_a_logged_in_user()
    {
        var browser = app.Client();
        await app.LoginAsync(browser, "wethouder@demo.local", DemoAccounts.Password);

        var withKey = await app.Client(AppFactory.WethouderKey).GetAsync(OpenApiSetup.DocumentPath);
        var withLogin = await browser.GetAsync(OpenApiSetup.DocumentPath);

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withLogin.StatusCode);
        var document = await withKey.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("SociaalDomein API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("X-Api-Key", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Without_a_login_or_key_the_document_answers_401_not_a_redirect()
    {
        var anonymous = await app.Client().GetAsync(OpenApiSetup.DocumentPath);
        var unknownKey = await app.Client("geen-geldige-sleutel").GetAsync(OpenApiSetup.DocumentPath);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
    }

    [Fact]
    public async Task Every_api_route_is_in_the_document_with_a_summary_a_Dutch_description_and_typed_responses()
    {
        var document = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(OpenApiSetup.DocumentPath);
        var routes = ApiRoutes(app.Services);

        Assert.True(routes.Count >= 13, $"Maar {routes.Count} /api-routes gevonden: {string.Join(", ", routes)}");
        Assert.Empty(Undescribed(routes, document));
    }

    [Fact]
    public async Task Only_api_routes_are_in_the_document()
    {
        var document = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(OpenApiSetup.DocumentPath);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.All(paths, path => Assert.StartsWith("/api/", path + "/"));
        Assert.Equal(ApiRoutes(app.Services).Select(r => r.Path).Distinct().Order(), paths.Order());
    }

    [Fact]
    public async Task Each_operation_says_who_may_call_it_and_how_to_authenticate()
    {
        var document = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<JsonElement>(OpenApiSetup.DocumentPath);
        JsonElement Operation(string path, string method) => document.GetProperty("paths").GetProperty(path).GetProperty(method);
        string[] RolesOf(JsonElement operation) => operation.GetProperty(OpenApiSetup.RolesExtension).EnumerateArray().Select(r => r.GetString()!).ToArray();
        string[] SchemesOf(JsonElement operation) => operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToArray();

        Assert.Equal(["Wethouder", "Controller", "Contractmanager", "Beheerder"], RolesOf(Operation("/api/stacking", "get")));
        Assert.Equal(["Beheerder"], RolesOf(Operation("/api/audit", "get")));
        Assert.Equal(["Beheerder"], RolesOf(Operation("/api/districts/export.csv", "get")));
        Assert.Equal(["Contractmanager", "Beheerder"], RolesOf(Operation("/api/imports/toewijzingen", "post")));
        Assert.Equal(["Controller", "Beheerder"], RolesOf(Operation("/api/imports/realisatie", "post")));
        Assert.Equal(["Controller", "Contractmanager", "Beheerder"], RolesOf(Operation("/api/imports", "get")));
        Assert.Equal(["Wethouder", "Controller", "Contractmanager", "Beheerder"], RolesOf(Operation("/api/measures", "get")));
        Assert.Equal(["Controller", "Beheerder"], RolesOf(Operation("/api/measures", "post")));
        Assert.Equal(["Controller", "Beheerder"], RolesOf(Operation("/api/measures/{code}/realisations", "post")));
        Assert.Equal(["Controller", "Beheerder"], RolesOf(Operation("/api/deficit-components/{id}", "put")));
        Assert.Equal(["Wethouder", "Controller", "Beheerder"], RolesOf(Operation("/api/scenarios/custom/{name}", "put")));
        Assert.Equal(["Wethouder", "Controller", "Contractmanager", "Beheerder"], RolesOf(Operation("/api/scenarios/custom", "get")));
        Assert.Equal([OpenApiSetup.ApiKeyScheme, OpenApiSetup.CookieScheme], SchemesOf(Operation("/api/budget/years", "get")));
        Assert.Equal([OpenApiSetup.ApiKeyScheme], SchemesOf(Operation("/api/imports/toewijzingen", "post")));
        Assert.True(Operation("/api/imports/toewijzingen", "post").GetProperty(OpenApiSetup.ApiKeyOnlyExtension).GetBoolean());
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (schemes.GetProperty(OpenApiSetup.ApiKeyScheme).GetProperty("type").GetString(),
            schemes.GetProperty(OpenApiSetup.ApiKeyScheme).GetProperty("in").GetString(), schemes.GetProperty(OpenApiSetup.ApiKeyScheme).GetProperty("name").GetString()));
        Assert.True(Operation("/api/audit", "get").GetProperty("responses").TryGetProperty("403", out _));
    }

    [Fact]
    public async Task The_upload_is_described_as_a_multipart_form_with_the_file_and_onlyValidRows()
    {
        var document = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>(OpenApiSetup.DocumentPath);

        var upload = document.GetProperty("paths").GetProperty("/api/imports/toewijzingen").GetProperty("post");
        var form = Resolve(document, upload.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema"));

        var parts = form.TryGetProperty("allOf", out var allOf) ? allOf.EnumerateArray().Select(p => Resolve(document, p)).Prepend(form) : [form];
        var fields = parts.Where(p => p.TryGetProperty("properties", out _))
            .SelectMany(p => p.GetProperty("properties").EnumerateObject()).ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(["file", "onlyValidRows"], fields.Keys.Order());
        Assert.Equal("binary", Resolve(document, fields["file"]).GetProperty("format").GetString());
        Assert.Equal("boolean", Resolve(document, fields["onlyValidRows"]).GetProperty("type").GetString());
        Assert.All(fields.Values, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("description").GetString())));
        Assert.True(upload.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(upload.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task An_edit_describes_its_JSON_body_field_by_field_and_its_answers_in_Dutch()
    {
        var document = await app.Client(AppFactory.ControllerKey).GetFromJsonAsync<JsonElement>(OpenApiSetup.DocumentPath);

        var put = document.GetProperty("paths").GetProperty("/api/measures/{code}").GetProperty("put");
        var body = Resolve(document, put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var fields = body.GetProperty("properties").EnumerateObject().ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(["code", "domain", "firstScenario", "note", "owner", "status", "title", "version", "years"], fields.Keys.Order());
        Assert.All(fields.Values, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("description").GetString())));
        var responses = put.GetProperty("responses");
        Assert.Equal(["200", "400", "401", "403", "404", "409"], responses.EnumerateObject().Select(r => r.Name).Order());
        Assert.StartsWith("Intussen door iemand anders gewijzigd", responses.GetProperty("409").GetProperty("description").GetString());
        Assert.Equal("Aangemaakt of vastgelegd.", document.GetProperty("paths").GetProperty("/api/measures").GetProperty("post")
            .GetProperty("responses").GetProperty("201").GetProperty("description").GetString());
    }

    /// <summary>The check of <see cref="Every_api_route_is_in_the_document_with_a_summary_a_Dutch_description_and_typed_responses"/>
    /// itself: on a small app with one route that has no summary, description or typed response, it names that route.</summary>
    [Fact]
    public async Task The_check_fails_for_an_api_route_without_a_description()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        builder.Services.AddSociaalDomeinOpenApi();
        await using var small = builder.Build();
        var api = small.MapGroup(ApiEndpoints.Prefix);
        api.MapGet("/beschreven", () => TypedResults.Ok(1)).WithSummary("Beschreven").WithDescription("Een route met een uitleg in het Nederlands.");
        api.MapGet("/zonder-uitleg/{id:int}", (int id) => Results.Ok(id));
        small.MapSociaalDomeinOpenApi();
        await small.StartAsync();

        var document = await small.GetTestClient().GetFromJsonAsync<JsonElement>(OpenApiSetup.DocumentPath);
        var problems = Undescribed(ApiRoutes(small.Services), document);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("GET /api/zonder-uitleg/{id}", p));
        await small.StopAsync();
    }

    /// <summary>The schema a <c>$ref</c> points to (#/components/schemas/Name), or the schema itself.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    internal sealed record ApiRoute(string Method, string Path)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>Every method and path the app maps under /api, with the path as OpenAPI writes it ({id:long} → {id}).</summary>
    internal static List<ApiRoute> ApiRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw + "/").StartsWith(ApiEndpoints.Prefix + "/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(elke methode)"])
                .Select(method => new ApiRoute(method, OpenApiPath(e.RoutePattern.RawText!))))
            .OrderBy(r => r.Path).ThenBy(r => r.Method)
            .ToList();

    private static string OpenApiPath(string rawText)
    {
        var path = RouteParameter().Replace(rawText, m => "{" + m.Groups["name"].Value + "}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>Words of which a Dutch sentence has at least one.</summary>
    [GeneratedRegex(@"\b(de|het|een|en|van|met|op|als|per|voor|naar|alle|wie)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DutchWord();

    /// <summary>What is missing for each route: the operation itself, its summary, a Dutch description, or a 2xx response
    /// with a typed body.</summary>
    internal static List<string> Undescribed(IEnumerable<ApiRoute> routes, JsonElement document)
    {
        var problems = new List<string>();
        var paths = document.GetProperty("paths");
        foreach (var route in routes)
        {
            if (!paths.TryGetProperty(route.Path, out var pathItem) || !pathItem.TryGetProperty(route.Method.ToLowerInvariant(), out var operation))
            {
                problems.Add($"{route}: staat niet in het OpenAPI-document");
                continue;
            }

            if (Text(operation, "summary") is null)
            {
                problems.Add($"{route}: geen samenvatting (WithSummary)");
            }

            if (Text(operation, "description") is not { } description || !DutchWord().IsMatch(description))
            {
                problems.Add($"{route}: geen Nederlandse beschrijving (WithDescription)");
            }

            var success = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            if (!success.Any(r => r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _))))
            {
                problems.Add($"{route}: geen 2xx-antwoord met een beschreven inhoud (getypeerd resultaat of Produces)");
            }

            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => Text(r.Value, "description") is null))
            {
                problems.Add($"{route}: antwoord {response.Name} zonder beschrijving");
            }
        }

        return problems;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.GetString() is { Length: > 0 } text ? text : null;
}
