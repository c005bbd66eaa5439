using Bunit;
using MudBlazor;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Providers.Editing;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The master data dialog: a wrong date in Dutch under its field, a save, and a conflict that overwrites nothing.</summary>
public sealed class ProviderEditDialogTests(DatabaseFixture database) : ProviderEditingTestContext(database), IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_wrong_date_is_refused_under_its_field_and_a_right_one_is_saved()
    {
        var read = (await Providers.FindAsync(A))!;
        var (provider, dialog) = await OpenAsync(new DialogParameters<ProviderEditDialog> { { d => d.Provider, read } });
        provider.WaitForAssertion(() => Assert.Equal("Zorg Aan Huis", Input(provider, "veld-naam").GetAttribute("value")), Wait);

        Input(provider, "veld-contract-begin").Change("32-1-2019");
        provider.Find("[data-testid=opslaan]").Click();
        provider.WaitForAssertion(() => Assert.StartsWith("'32-1-2019' is geen datum.", Description(provider, "[data-testid=veld-contract-begin] input, input[data-testid=veld-contract-begin]"), StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);

        Input(provider, "veld-contract-begin").Change("1-1-2019");
        Input(provider, "veld-naam").Change("Zorg Aan Huis BV");
        provider.Find("[data-testid=opslaan]").Click();

        Assert.False((await dialog.Result.WaitAsync(Wait))!.Canceled);
        var now = (await Providers.FindAsync(A))!;
        Assert.Equal(("Zorg Aan Huis BV", (DateOnly?)new DateOnly(2019, 1, 1), read.Version + 1), (now.Name, now.ContractStart, now.Version));
    }

    [Fact]
    public async Task Saving_a_provider_someone_else_changed_meanwhile_is_a_conflict_and_reloads_their_version()
    {
        var read = (await Providers.FindAsync(A))!;
        var (provider, dialog) = await OpenAsync(new DialogParameters<ProviderEditDialog> { { d => d.Provider, read } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=opslaan]")), Wait);
        Assert.True((await Providers.UpdateProviderAsync(A, "Collega's naam", "GGZ", null, null, null, read.Version, "collega@demo.local")).Succeeded);

        Input(provider, "veld-naam").Change("Mijn naam");
        provider.Find("[data-testid=opslaan]").Click();

        provider.WaitForAssertion(() => Assert.Contains("intussen door iemand anders gewijzigd", provider.Find("[data-testid=conflict]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal("Collega's naam", (await Providers.FindAsync(A))!.Name);
        provider.Find("[data-testid=conflict] button").Click();
        provider.WaitForAssertion(() => Assert.Equal("Collega's naam", Input(provider, "veld-naam").GetAttribute("value")), Wait);
        Assert.Equal(ProviderType.MentalHealthCare, (await Providers.FindAsync(A))!.Type);
    }
}
