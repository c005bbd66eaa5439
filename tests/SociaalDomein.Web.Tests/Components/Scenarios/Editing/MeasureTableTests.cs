using Bunit;
using MudBlazor;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>The measures table, rendered from data alone.</summary>
public sealed class MeasureTableTests : MudBunitContext
{
    private static readonly int[] Years = [2018, 2019, 2020];

    private static readonly MeasureFigures Active = MeasureFormModelTests.Measure("W1", retired: false,
        new MeasureYearFigure(2019, 250_000m, 50_000m), new MeasureYearFigure(2020, null, 0m));

    private static readonly MeasureFigures Withdrawn = MeasureFormModelTests.Measure("J2", retired: true, new MeasureYearFigure(2019, 100_000m, 0m));

    private IRenderedComponent<MeasureTable> Table(bool canEdit, Action<MeasureFigures>? onEdit = null) =>
        Render<MeasureTable>(p => p
            .Add(c => c.Measures, [Active, Withdrawn])
            .Add(c => c.Years, Years)
            .Add(c => c.CanEdit, canEdit)
            .Add(c => c.OnEdit, m => onEdit?.Invoke(m)));

    private static string[] Codes(IRenderedComponent<MeasureTable> table) =>
        table.FindAll("[data-testid=maatregelen] tbody th[scope=row]").Select(th => th.TextContent.Trim()).ToArray();

    [Fact]
    public void Yields_are_Dutch_euros_PM_is_p_m_a_year_without_a_yield_is_a_dash_and_costs_show_under_the_yield()
    {
        var table = Table(canEdit: false);

        var cells = Years.Select(y => table.Find($"[data-testid=maatregel-W1] [data-testid=opbrengst-{y}]").TextContent.Trim()).ToArray();
        Assert.Equal("–", cells[0]);
        Assert.StartsWith("€ 250.000", cells[1]);
        Assert.EndsWith("kosten € 50.000", cells[1]);
        Assert.Equal("p.m.", cells[2]);
        Assert.Equal(["Code", "Titel", "Domein", "Eerste scenario", "Eigenaar", "Status", "2018", "2019", "2020", "Toelichting", "Acties"],
            table.FindAll("thead th").Select(th => th.TextContent.Trim()));
        var row = table.FindAll("[data-testid=maatregel-W1] td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["Maatregel W1", "Wmo", "Optimaliseren", "Team Wmo", "Vastgesteld"], row[..5]);
    }

    [Fact]
    public void A_withdrawn_measure_is_hidden_until_asked_for_then_shown_greyed_with_the_word_ingetrokken()
    {
        var table = Table(canEdit: false);
        Assert.Equal(["W1"], Codes(table));

        table.FindComponent<MudSwitch<bool>>().Find("input").Change(true);

        Assert.Equal(["W1", "J2"], Codes(table));
        var withdrawn = table.Find("[data-testid=maatregel-J2]");
        Assert.Equal("ingetrokken", withdrawn.QuerySelector("[data-testid=ingetrokken]")!.TextContent.Trim());
        Assert.Contains("color: #5f6b7a", withdrawn.QuerySelector("th")!.GetAttribute("style"));
        Assert.DoesNotContain("#5f6b7a", table.Find("[data-testid=maatregel-W1] th").GetAttribute("style") ?? "", StringComparison.Ordinal);
        Assert.Contains("Toon ingetrokken maatregelen (1)", table.Find("input[data-testid=toon-ingetrokken]").Closest("label")!.TextContent);
    }

    [Fact]
    public void Without_edit_rights_there_is_no_edit_control_only_the_details()
    {
        var table = Table(canEdit: false);
        table.FindComponent<MudSwitch<bool>>().Find("input").Change(true);

        Assert.Equal(["Details W1", "Details J2"], table.FindAll("[data-testid=maatregelen] button").Select(b => b.GetAttribute("aria-label")));
    }

    [Fact]
    public void A_controller_gets_edit_realise_and_withdraw_per_row_and_put_back_for_a_withdrawn_one()
    {
        MeasureFigures? edited = null;
        var table = Table(canEdit: true, m => edited = m);
        table.FindComponent<MudSwitch<bool>>().Find("input").Change(true);

        Assert.Equal(["Details W1", "Bewerken W1", "Realisatie vastleggen W1", "Intrekken W1", "Details J2", "Bewerken J2", "Terugzetten J2"],
            table.FindAll("[data-testid=maatregelen] button").Select(b => b.GetAttribute("aria-label")));
        Assert.All(table.FindAll("[data-testid=maatregelen] button"), b => Assert.Contains(b.TextContent.Trim(), b.GetAttribute("aria-label")!, StringComparison.OrdinalIgnoreCase));

        table.Find("[data-testid=maatregel-J2] [data-testid=bewerken]").Click();
        Assert.Same(Withdrawn, edited);
    }

    [Fact]
    public void The_details_button_says_whether_the_detail_is_open()
    {
        var table = Table(canEdit: false);
        var button = table.Find("[data-testid=maatregel-W1] [data-testid=details]");

        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("detail-W1", button.GetAttribute("aria-controls"));
        Assert.Empty(table.FindAll("#detail-W1"));
    }
}
