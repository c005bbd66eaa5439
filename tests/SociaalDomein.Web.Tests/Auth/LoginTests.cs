using System.Net;
using SociaalDomein.Infrastructure.Identity;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Auth;

[Collection(AppCollection.Name)]
public sealed class LoginTests(AppFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/begroting")]
    [InlineData("/beheer")]
    public async Task An_anonymous_page_request_goes_to_the_login_page(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_login_page_is_in_Dutch()
    {
        var html = await app.Client().GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"nl\"", html);
        Assert.Contains("Inloggen", html);
        Assert.Contains("E-mailadres", html);
        Assert.Contains("Wachtwoord", html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Dutch_message()
    {
        var client = app.Client();

        var response = await app.LoginAsync(client, "controller@demo.local", "niet-het-wachtwoord");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_demo_wethouder_logs_in_and_sees_the_overview()
    {
        var client = app.Client();

        var login = await app.LoginAsync(client, "wethouder@demo.local", DemoAccounts.Password);
        var overview = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var html = await overview.Content.ReadAsStringAsync();
        Assert.Contains("Overzicht", html);
        Assert.Contains("Demonstratiegegevens", html);
    }

    [Fact]
    public async Task A_wethouder_is_refused_the_beheer_page()
    {
        var client = app.Client();
        await app.LoginAsync(client, "wethouder@demo.local", DemoAccounts.Password);

        var response = await client.GetAsync("/beheer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/geen-toegang", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_refused_to_a_logged_in_wethouder_and_open_to_the_beheerder()
    {
        var wethouder = app.Client();
        await app.LoginAsync(wethouder, "wethouder@demo.local", DemoAccounts.Password);
        var beheerder = app.Client();
        await app.LoginAsync(beheerder, "beheerder@demo.local", DemoAccounts.Password);

        var refused = await wethouder.GetAsync("/hangfire");
        var allowed = await beheerder.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/geen-toegang", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("achtergrondtaken", await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        var client = app.Client();
        await app.LoginAsync(client, "controller@demo.local", DemoAccounts.Password);
        var token = AppFactory.AntiforgeryToken(await client.GetStringAsync("/"));

        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
