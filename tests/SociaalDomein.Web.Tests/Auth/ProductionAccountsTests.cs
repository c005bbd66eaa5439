using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using SociaalDomein.Web.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Auth;

/// <summary>The app outside Development: no demo accounts, no demo data, the first beheerder from configuration.</summary>
public sealed class ProductionApp : AppFactory
{
    protected override bool WithDemoData => false;

    public const string AdminEmail = "functioneel.beheer@gemeente.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("SociaalDomein:InitialAdmin:Email", AdminEmail);
        builder.UseSetting("SociaalDomein:InitialAdmin:Password", "Eerste-Beheerder-2026!");
    }
}

public sealed class ProductionAccountsTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Outside_development_the_only_account_is_the_configured_first_beheerder()
    {
        var users = await app.Client(AppFactory.BeheerderKey).GetFromJsonAsync<JsonElement>("/api/users");

        var user = Assert.Single(users.EnumerateArray());
        Assert.Equal(ProductionApp.AdminEmail, user.GetProperty("userName").GetString());
        Assert.Equal(["Beheerder"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Outside_development_no_demonstration_data_is_loaded()
    {
        var years = await app.Client(AppFactory.WethouderKey).GetFromJsonAsync<int[]>("/api/budget/years");

        Assert.Empty(years!);
    }
}
