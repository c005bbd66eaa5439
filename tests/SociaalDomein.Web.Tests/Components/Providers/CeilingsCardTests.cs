using Bunit;
using MudBlazor;
using SociaalDomein.Infrastructure.Tests.Fixtures;
using SociaalDomein.Web.Components.Providers.Editing;
using static SociaalDomein.Infrastructure.Tests.Providers.CeilingData;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The ceilings card and its dialog: the use of each ceiling in figures and text, editing only for who may, and
/// Dutch messages under their fields.</summary>
public sealed class CeilingsCardTests(DatabaseFixture database) : ProviderEditingTestContext(database), IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_ceiling_shows_spent_the_percentage_in_text_the_projection_and_the_projected_date()
    {
        var id = await AddCeilingAsync(B, 2019, 50_000m);
        var status = Assert.Single(await Services.GetService<SociaalDomein.Infrastructure.Providers.CeilingService>()!.ForProviderAsync(B, CancellationToken.None));

        var card = Render<CeilingsCard>(p => p.Add(c => c.Agb, B).Add(c => c.CanEdit, false));

        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll($"[data-testid=plafond-{id}]")), Wait);
        var row = card.Find($"[data-testid=plafond-{id}]");
        Assert.Contains("€ 40.000,00", row.TextContent.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Equal("80 %", row.QuerySelector("[data-testid=percentage]")!.TextContent.Trim());
        Assert.Contains("80 % van het plafond besteed", row.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(SociaalDomein.Web.Formatting.Dutch.Date(status.ProjectedDate!.Value), row.QuerySelector("[data-testid=datum]")!.TextContent.Trim());
        Assert.Contains(SociaalDomein.Web.Formatting.Dutch.Euro(status.Projection), row.TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=plafond-toevoegen]"));
        Assert.Empty(card.FindAll($"[data-testid=wijzig-{id}]"));
    }

    [Fact]
    public async Task Without_ceilings_the_card_says_so_and_an_editor_may_add_one()
    {
        var card = Render<CeilingsCard>(p => p.Add(c => c.Agb, A).Add(c => c.CanEdit, true));

        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll("[data-testid=geen-plafonds]")), Wait);
        Assert.NotEmpty(card.FindAll("[data-testid=plafond-toevoegen]"));
    }

    [Fact]
    public async Task A_second_ceiling_for_the_same_year_is_refused_under_the_year_and_a_wrong_amount_before_anything_is_sent()
    {
        await AddCeilingAsync(B, 2019, 50_000m);
        var (provider, dialog) = await OpenAsync(new DialogParameters<CeilingDialog> { { d => d.Agb, B }, { d => d.ProviderName, "Jeugdhulp Oost" } });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=opslaan]")), Wait);

        Input(provider, "veld-jaar").Change("2019");
        Input(provider, "veld-bedrag").Change("1.5");
        provider.Find("[data-testid=opslaan]").Click();
        provider.WaitForAssertion(() => Assert.StartsWith("'1.5' is geen bedrag.", Description(provider, "[data-testid=veld-bedrag] input, input[data-testid=veld-bedrag]"), StringComparison.Ordinal), Wait);

        Input(provider, "veld-bedrag").Change("60.000");
        provider.Find("[data-testid=opslaan]").Click();
        provider.WaitForAssertion(() => Assert.Contains("heeft voor 2019 al een budgetplafond", Description(provider, "[data-testid=veld-jaar] input, input[data-testid=veld-jaar]"), StringComparison.Ordinal), Wait);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Single(await Providers.CeilingsAsync(B));

        Input(provider, "veld-jaar").Change("2020");
        provider.Find("[data-testid=opslaan]").Click();
        var result = await dialog.Result.WaitAsync(Wait);
        Assert.False(result!.Canceled);
        var added = (await Providers.CeilingsAsync(B)).Single(c => c.Year == 2020);
        Assert.Equal((60_000m, (int)result.Data!), (added.Amount, added.Id));
    }
}
