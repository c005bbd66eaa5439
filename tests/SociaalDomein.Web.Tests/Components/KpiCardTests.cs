using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SociaalDomein.Web.Components.Shared;

namespace SociaalDomein.Web.Tests.Components;

public sealed class KpiCardTests : MudBunitContext
{
    [Fact]
    public void Shows_label_value_and_hint()
    {
        var card = Render<KpiCard>(p => p
            .Add(c => c.Label, "Saldo 2017")
            .Add(c => c.Value, "€ -5.196.000")
            .Add(c => c.Hint, "Begroot min werkelijk"));

        Assert.Equal("Saldo 2017", card.Find("h3").TextContent.Trim());
        Assert.Equal("€ -5.196.000", card.Find("[data-testid=kpi-waarde]").TextContent.Trim());
        Assert.Contains("Begroot min werkelijk", card.Markup);
        Assert.Equal("Saldo 2017", card.Find("[role=group]").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_negative_value_is_marked_red(bool negative, bool red)
    {
        var card = Render<KpiCard>(p => p.Add(c => c.Label, "Tekort").Add(c => c.Value, "x").Add(c => c.Negative, negative));

        Assert.Equal(red, card.Find("[data-testid=kpi-waarde]").ClassList.Contains("negatief"));
    }

    [Fact]
    public void Without_a_hint_no_hint_is_rendered()
    {
        var card = Render<KpiCard>(p => p.Add(c => c.Label, "Inwoners").Add(c => c.Value, "126.138"));

        Assert.Empty(card.FindAll(".kpi-hint"));
    }
}
