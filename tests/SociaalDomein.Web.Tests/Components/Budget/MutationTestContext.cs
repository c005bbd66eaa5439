using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Components.Budget;

/// <summary>The mutation components with their real services on a real database holding the demo data, as the signed-in
/// controller controller@demo.local.</summary>
public abstract class MutationTestContext : MudBunitContext
{
    protected const string Controller = "controller@demo.local";
    protected const string Other = "controller2@demo.local";
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected MutationTestContext(DatabaseFixture database)
    {
        Database = database;
        AddAuthorization().SetAuthorized(Controller).SetRoles(Roles.Controller).SetPolicies("Financieel");
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>();
        Services.AddSingleton<MutationService>();
        Services.AddSingleton<BudgetService>();
    }

    protected DatabaseFixture Database { get; }

    protected MutationService Mutations => Services.GetRequiredService<MutationService>();

    public override Task InitializeAsync() => Database.ResetAndSeedDemoDataAsync();

    /// <summary>A mutation of € 500.000 on IB from 2019 by <paramref name="author"/>, submitted when asked.</summary>
    protected async Task<MutationSummary> CreateAsync(string author, bool submit)
    {
        var (result, id) = await Mutations.CreateAsync(new MutationDraft("WMO-04", 2019, 500_000m, "berap1", true, "Meer cliënten"), author);
        Assert.True(result.Succeeded, result.Message);
        if (submit)
        {
            Assert.True((await Mutations.SubmitAsync(id!.Value, 1, author)).Succeeded);
        }

        return await ReadAsync(id!.Value);
    }

    protected async Task<MutationSummary> ReadAsync(int id) => (await Mutations.ListAsync()).Single(m => m.Id == id);

}
