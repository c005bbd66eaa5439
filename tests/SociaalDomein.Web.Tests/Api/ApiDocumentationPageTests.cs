using System.Net;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Web.Api;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Api;

/// <summary>The page /api-documentatie: rendered from the OpenAPI document, for every role, behind the login.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiDocumentationPageTests(AppFactory app)
{
    [Theory]
    [InlineData("wethouder@demo.local")]
    [InlineData("beheerder@demo.local")]
    public async Task The_page_lists_every_api_route_with_its_method_and_summary(string email)
    {
        var browser = app.Client();
        await app.LoginAsync(browser, email, DemoAccounts.Password);

        var response = await browser.GetAsync("/api-documentatie");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", html);
        Assert.Contains("API-documentatie", html);
        Assert.Contains("X-Api-Key", html);
        Assert.Contains($"href=\"{OpenApiSetup.DocumentPath.TrimStart('/')}\"", html);
        var routes = OpenApiTests.ApiRoutes(app.Services);
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains($"Antwoorden van {route.Method} {route.Path}", html));
        Assert.Contains("Stapeling op een peildatum", html);
        Assert.Contains("Parameters van GET /api/stacking", html);
        Assert.Contains("Peildatum als JJJJ-MM-DD", html);
        Assert.Contains("Velden van StackingDto", html);
    }

    [Fact]
    public async Task The_page_names_the_role_an_operation_needs()
    {
        var browser = app.Client();
        await app.LoginAsync(browser, "controller@demo.local", DemoAccounts.Password);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/api-documentatie"));

        Assert.Matches(@"/api/audit</code>.*?Toegang:</strong> Beheerder<", System.Text.RegularExpressions.Regex.Replace(html, @"\s+", " "));
        Assert.Contains("Contractmanager, Beheerder; alleen met een API-sleutel", html);
        Assert.Contains("alle rollen", html);
    }

    [Fact]
    public async Task Without_a_login_the_page_sends_the_browser_to_the_login()
    {
        var response = await app.Client().GetAsync("/api-documentatie");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }
}
