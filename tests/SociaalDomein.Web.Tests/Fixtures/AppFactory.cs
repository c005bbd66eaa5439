using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Fixtures;

/// <summary>
/// The whole app on a database of its own (real PostgreSQL), in Development: demo data and demo accounts are seeded
/// at start-up exactly as for a user. Four API keys are configured, one per role.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string WethouderKey = "test-sleutel-wethouder-6f1d2c";
    public const string BeheerderKey = "test-sleutel-beheerder-93ab07";
    public const string ControllerKey = "test-sleutel-controller-4c8e51";
    public const string ContractmanagerKey = "test-sleutel-contractmanager-d27a90";

    /// <summary>A second controller's key: a controller never approves their own budget mutation.</summary>
    public const string SecondControllerKey = "test-sleutel-controller2-71b3fa";

    /// <summary>A fixed key for tests only (32 bytes, base64).</summary>
    public const string TestPseudonymisationKey = "dGVzdC1zbGV1dGVsLXBzZXVkb25pZW0tMzItYnl0ZXM=";

    public string ConnectionString { get; private set; } = "";

    private readonly string? _database;

    public AppFactory()
    {
    }

    /// <summary>An app on a database that already exists, e.g. a second instance beside another app.</summary>
    protected AppFactory(string connectionString) => _database = connectionString;

    /// <summary>Whether the app starts on the demonstration municipality (as in Development); false for a subclass
    /// that turns the seed off.</summary>
    protected virtual bool WithDemoData => true;

    /// <summary>Serve on a real loopback port (for the browser tests) instead of the in-memory test server.</summary>
    protected virtual bool RealPort => false;

    public async Task InitializeAsync()
    {
        ConnectionString = _database ?? (WithDemoData
            ? await PostgresServer.CreateDemoDatabaseAsync("web") // as the app's first start would seed it, without its seconds
            : await PostgresServer.CreateDatabaseAsync("web"));
        if (RealPort)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            _ = Server; // starts the app, so start-up (migrations, seed) happens here and not inside a test
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Where versions before ADR 11 kept uploads in clear; nothing may appear there any more.</summary>
    public string LegacyUploadFolder { get; } = Path.Combine(Path.GetTempPath(), "sociaaldomein-uploads-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The address the browser should use (only with a real port).</summary>
    public Uri RootUri => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:SociaalDomein", ConnectionString);
        builder.UseSetting("Pseudonymisation:Key", TestPseudonymisationKey);
        builder.UseSetting(ImportFileRetentionJob.LegacyDirectoryKey, LegacyUploadFolder);
        builder.UseSetting("Imports:WatchdogSeconds", "1"); // an import whose process died shows as failed within a second
        builder.UseSetting("Api:Keys:0:Name", "bi-wethouder");
        builder.UseSetting("Api:Keys:0:Key", WethouderKey);
        builder.UseSetting("Api:Keys:0:Role", Roles.Wethouder);
        builder.UseSetting("Api:Keys:1:Name", "script-beheer");
        builder.UseSetting("Api:Keys:1:Key", BeheerderKey);
        builder.UseSetting("Api:Keys:1:Role", Roles.Beheerder);
        builder.UseSetting("Api:Keys:2:Name", "script-controller");
        builder.UseSetting("Api:Keys:2:Key", ControllerKey);
        builder.UseSetting("Api:Keys:2:Role", Roles.Controller);
        builder.UseSetting("Api:Keys:3:Name", "bi-contractmanager");
        builder.UseSetting("Api:Keys:3:Key", ContractmanagerKey);
        builder.UseSetting("Api:Keys:3:Role", Roles.Contractmanager);
        builder.UseSetting("Api:Keys:4:Name", "script-controller-2");
        builder.UseSetting("Api:Keys:4:Key", SecondControllerKey);
        builder.UseSetting("Api:Keys:4:Role", Roles.Controller);
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Logs in through the real login form (antiforgery token included); the client keeps the cookie.</summary>
    public async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
    {
        var token = AntiforgeryToken(await client.GetStringAsync("/account/login"));
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFactory>
{
    public const string Name = "app";
}
