using Bunit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Web.Components.Scenarios.Editing;

namespace SociaalDomein.Web.Tests.Components.Scenarios.Editing;

/// <summary>The prognosis table, rendered from data alone.</summary>
public sealed class PrognosisTableTests : MudBunitContext
{
    private static readonly int[] Years = [2018, 2019, 2020];

    /// <summary>Three components; the transformation yield has nothing in 2018.</summary>
    private static PrognosisInputs Inputs()
    {
        var id = 0;
        var rows = new List<DeficitComponentRow>();
        void Add(string name, DeficitComponentKind kind, int order, params (int Year, decimal Amount)[] amounts) =>
            rows.AddRange(amounts.Select(a => new DeficitComponentRow(++id, a.Year, name, kind, a.Amount, $"bron {name}", order, 1 + id % 3)));
        Add("Wmo", DeficitComponentKind.StructuralDeficit, 1, (2018, -4_000_000m), (2019, -4_000_000m), (2020, -3_750_000.50m));
        Add("Jeugd", DeficitComponentKind.StructuralDeficit, 2, (2018, -5_000_000m), (2019, -5_200_000m), (2020, -5_100_000m));
        Add("Transformatieopbrengst", DeficitComponentKind.TransformationYield, 3, (2019, 1_000_000m), (2020, 2_200_000m));
        return new PrognosisInputs(rows, [new YearAmount(2019, 2_000_000m), new YearAmount(2020, 2_500_000m)],
            new Dictionary<string, IReadOnlyList<YearAmount>> { ["Herstructureren"] = [new YearAmount(2020, -1_000_000m)] });
    }

    private IRenderedComponent<PrognosisTable> Table(PrognosisInputs inputs, bool canEdit, Action<PrognosisCell>? onEdit = null) =>
        Render<PrognosisTable>(p => p.Add(c => c.Inputs, inputs).Add(c => c.IndicativeScenarios, ["Herstructureren"]).Add(c => c.CanEdit, canEdit)
            .Add(c => c.OnEdit, cell => onEdit?.Invoke(cell)));

    private static string[] Amounts(IRenderedComponent<PrognosisTable> table, string row) =>
        Years.Select(y => table.Find($"[data-testid={row}] [data-testid=bedrag-{y}]").TextContent.Trim()).ToArray();

    [Fact]
    public void The_baseline_row_is_bold_and_per_year_the_sum_of_the_components()
    {
        var inputs = Inputs();

        var table = Table(inputs, canEdit: false);

        var expected = Years.Select(y => AmountInput.Money(inputs.Components.Where(c => c.Year == y).Sum(c => c.Amount))).ToArray();
        Assert.Equal(expected, Amounts(table, "basistekort"));
        Assert.Equal("Basistekort (som)", table.Find("[data-testid=basistekort] th").TextContent.Trim());
        Assert.Contains("font-weight: 700", table.Find("[data-testid=basistekort] [data-testid=bedrag-2019]").GetAttribute("style"));
        Assert.Contains("totaal", table.Find("[data-testid=basistekort]").ClassList);
        Assert.All(table.FindAll("[data-testid=basistekort] .negatief"), e => Assert.StartsWith("€ -", e.TextContent.Trim()));
    }

    [Fact]
    public void Every_component_is_a_row_with_its_kind_in_Dutch_and_a_dash_where_it_has_no_amount_then_margin_and_path()
    {
        var table = Table(Inputs(), canEdit: false);

        Assert.Equal(["Wmo", "Jeugd", "Transformatieopbrengst", "Basistekort (som)", "Behoedzaamheidsmarge", "Indicatief pad Herstructureren"],
            table.FindAll("tbody th[scope=row]").Select(th => th.TextContent.Trim()));
        Assert.Equal(["Structureel tekort", "Structureel tekort", "Transformatieopbrengst"],
            Enumerable.Range(0, 3).Select(i => table.Find($"[data-testid=component-{i}] td").TextContent.Trim()));
        Assert.Equal(["€ -4.000.000", "€ -4.000.000", "€ -3.750.000,50"], Amounts(table, "component-0"));
        Assert.Equal(["–", "€ 1.000.000", "€ 2.200.000"], Amounts(table, "component-2"));
        Assert.Equal(["–", "€ 2.000.000", "€ 2.500.000"], Amounts(table, "marge"));
        Assert.Equal(["€ 0", "€ 0", "€ -1.000.000"], Amounts(table, "pad-Herstructureren"));
        Assert.Equal(["Component", "Soort", "2018", "2019", "2020", "Toelichting"], table.FindAll("thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public void Without_edit_rights_no_amount_is_a_button()
    {
        var table = Table(Inputs(), canEdit: false);

        Assert.Empty(table.FindAll("button"));
    }

    [Fact]
    public void A_controller_edits_each_amount_with_a_named_button_but_never_the_sum_or_a_missing_year()
    {
        var inputs = Inputs();
        PrognosisCell? edited = null;
        var table = Table(inputs, canEdit: true, cell => edited = cell);

        var wmo2019 = table.Find("[data-testid=component-0] [data-testid=bedrag-2019] button");
        Assert.Equal("Wmo 2019 wijzigen: € -4.000.000", wmo2019.GetAttribute("aria-label"));
        Assert.Empty(table.FindAll("[data-testid=basistekort] button"));
        Assert.Empty(table.FindAll("[data-testid=component-2] [data-testid=bedrag-2018] button"));
        Assert.Equal(3 + 3 + 2 + 3 + 3, table.FindAll("button").Count); // components, margin years, path years

        wmo2019.Click();
        var row = inputs.Components.Single(c => c.Name == "Wmo" && c.Year == 2019);
        Assert.Equal((PrognosisCellKind.Component, 2019, row.Amount, row.Version), (edited!.Kind, edited.Year, edited.Amount, edited.Component!.Version));

        table.Find("[data-testid=marge] [data-testid=bedrag-2018] button").Click();
        Assert.Equal((PrognosisCellKind.Margin, 2018, (decimal?)null), (edited.Kind, edited.Year, edited.Amount));
    }
}
