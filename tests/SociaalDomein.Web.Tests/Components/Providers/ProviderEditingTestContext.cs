using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Infrastructure.Tests.Providers;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The provider editing components with their real services on a real database, as the signed-in contract
/// manager, on 1 December 2019. Provider B ("Jeugdhulp Oost") spent € 40.000 in the first half of 2019.</summary>
public abstract class ProviderEditingTestContext : MudBunitContext
{
    protected const string Manager = "contractmanager@demo.local";
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected ProviderEditingTestContext(DatabaseFixture database)
    {
        Database = database;
        AddAuthorization().SetAuthorized(Manager).SetRoles(Roles.Contractmanager).SetPolicies("Contractbeheer");
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton<TimeProvider>(CeilingData.On("2019-12-01"));
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>();
        Services.AddSingleton(new ProviderSettings());
        Services.AddSingleton<CeilingService>();
        Services.AddSingleton<ProviderEditService>();
        Services.AddSingleton<ProviderWarningService>();
    }

    protected DatabaseFixture Database { get; }

    protected ProviderEditService Providers => Services.GetRequiredService<ProviderEditService>();

    public override async Task InitializeAsync()
    {
        await CeilingData.ProvidersAsync(Database);
        await Database.InsertAsync(CeilingData.Claim(CeilingData.B, "2019-01-01", "2019-06-30", 40_000m));
    }

    protected static AngleSharp.Dom.IElement Input<T>(IRenderedComponent<T> rendered, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        rendered.Find($"[data-testid={testId}] input, input[data-testid={testId}], textarea[data-testid={testId}]");

    /// <summary>Adds a ceiling through the service; its id.</summary>
    protected async Task<int> AddCeilingAsync(string agb, int year, decimal amount, string? law = null)
    {
        var (result, id) = await Providers.AddCeilingAsync(agb, new CeilingDraft(year, law, null, amount), Manager);
        Assert.True(result.Succeeded, result.Message);
        return id!.Value;
    }
}
