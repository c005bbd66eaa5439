using Bunit;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Providers.Editing;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The warnings panel: the open warnings with their figures, acknowledging with a required note, the Excel link.</summary>
public sealed class WarningsPanelTests(DatabaseFixture database) : ProviderEditingTestContext(database), IClassFixture<DatabaseFixture>
{
    private async Task<IReadOnlyList<ProviderWarningRow>> RaiseAsync()
    {
        await AddCeilingAsync(B, 2019, 50_000m); // 80 % used and projected past the ceiling: two warnings
        var job = new ProviderWarningJob(Services.GetService<CeilingService>()!, new ProviderSettings(), Database.ContextFactory, Services.GetService<TimeProvider>()!);
        Assert.Equal(2, await job.RunAsync(CancellationToken.None));
        return await Services.GetService<ProviderWarningService>()!.ListAsync();
    }

    [Fact]
    public async Task Open_warnings_are_listed_with_their_figures_and_the_Excel_link_of_the_provider()
    {
        var warnings = await RaiseAsync();

        var panel = Render<WarningsPanel>(p => p.Add(c => c.Agb, B).Add(c => c.CanAcknowledge, false));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid^=signalering-]").Count), Wait);
        var threshold = panel.Find($"[data-testid=signalering-{warnings.Single(w => w.Level == Domain.Providers.WarningLevel.ThresholdReached).Id}]");
        Assert.Contains("Drempel 70 % bereikt", threshold.TextContent, StringComparison.Ordinal);
        Assert.Contains("(80 %)", threshold.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/api/providers/warnings/export.xlsx?agb={B}", panel.Find("[data-testid=excel]").GetAttribute("href"));
        Assert.Empty(panel.FindAll("[data-testid^=afhandelen-]"));
    }

    [Fact]
    public async Task Acknowledging_needs_a_note_and_then_the_warning_leaves_the_open_list()
    {
        var warning = (await RaiseAsync())[0];
        var provider = Render<MudBlazor.MudDialogProvider>();
        var panel = Render<WarningsPanel>(p => p.Add(c => c.CanAcknowledge, true));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid=afhandelen-{warning.Id}]")), Wait);

        panel.Find($"[data-testid=afhandelen-{warning.Id}]").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=afhandelen]")), Wait);
        provider.Find("[data-testid=afhandelen]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Geef een notitie", Description(provider, "textarea[data-testid=veld-notitie]"), StringComparison.Ordinal), Wait);

        Input(provider, "veld-notitie").Change("Brief verstuurd op 2-12-2019");
        provider.Find("[data-testid=afhandelen]").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll($"[data-testid=signalering-{warning.Id}]")), Wait);
        Assert.Single(panel.FindAll("[data-testid^=signalering-]"));
        Assert.Contains("1 signalering is afgehandeld", panel.Find("[data-testid=afgehandeld]").TextContent, StringComparison.Ordinal);
        var stored = (await Services.GetService<ProviderWarningService>()!.ListAsync()).Single(w => w.Id == warning.Id);
        Assert.Equal((Manager, "Brief verstuurd op 2-12-2019"), (stored.AcknowledgedBy, stored.AcknowledgementNote));
    }
}
