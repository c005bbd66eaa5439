using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SociaalDomein.Domain.Security;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Scenarios;
using SociaalDomein.Infrastructure.Tests.Fixtures;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>The editing components with their real services on a real database holding the demo municipality, as a
/// signed-in controller (or, with <see cref="SignIn"/>, another role).</summary>
public abstract class EditingTestContext : MudBunitContext
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected EditingTestContext(DatabaseFixture database)
    {
        Database = database;
        Authorization = AddAuthorization();
        SignIn("controller@demo.local", Roles.Controller, "Financieel");
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<Hangfire.IBackgroundJobClient, RecordingJobClient>();
        Services.AddSingleton<MeasureService>();
        Services.AddSingleton<DeficitComponentService>();
        Services.AddSingleton<ScenarioFigureStore>();
    }

    protected DatabaseFixture Database { get; }

    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    protected MeasureService Measures => Services.GetRequiredService<MeasureService>();

    protected DeficitComponentService Components => Services.GetRequiredService<DeficitComponentService>();

    public override Task InitializeAsync() => Database.ResetAndSeedDemoDataAsync();

    protected void SignIn(string name, string role, params string[] policies) =>
        Authorization.SetAuthorized(name).SetRoles(role).SetPolicies(policies);

    /// <summary>A tab of /prognose as the page places it (Figures, CanEdit, Changed) beside the dialog provider, once the
    /// element <paramref name="readyTestId"/> shows it has loaded; Changed counts how often the tab raised it.</summary>
    protected async Task<(IRenderedComponent<IComponent> Root, Func<int> Changed)> RenderTabAsync<TTab>(bool canEdit, string readyTestId)
        where TTab : IComponent
    {
        var figures = await Services.GetRequiredService<ScenarioFigureStore>().ReadAsync();
        var changed = 0;
        var root = Render(builder =>
        {
            builder.OpenComponent<MudDialogProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TTab>(1);
            builder.AddAttribute(2, "Figures", figures);
            builder.AddAttribute(3, "CanEdit", canEdit);
            builder.AddAttribute(4, "Changed", EventCallback.Factory.Create(this, () => changed++));
            builder.CloseComponent();
        });
        root.WaitForAssertion(() => Assert.NotEmpty(root.FindAll($"[data-testid={readyTestId}]")), Wait);
        return (root, () => changed);
    }

    protected static IElement Input<T>(IRenderedComponent<T> rendered, string testId) where T : IComponent => rendered.Find($"input[data-testid={testId}]");
}
