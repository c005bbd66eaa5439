using Bunit;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Web.Components.Stacking;

namespace SociaalDomein.Web.Tests.Components.Stacking;

/// <summary>Table A (<see cref="HouseholdTable"/>) and Table B (<see cref="ProvisionTable"/>), exact and in publication mode.</summary>
public sealed class StackingTablesTests : MudBunitContext
{
    private static StackingResult Result() => new(
        new DateOnly(2018, 11, 1), 3, 12, 7_400, 7_295, 44_000_000m,
        [new HouseholdLine(1, 5_712, 30_000_000m), new HouseholdLine(2, 7, 140_000m), new HouseholdLine(3, 0, 0m), new HouseholdLine(4, 33, 1_980_000m)],
        new InstitutionLine(12, 80, 900_000m),
        [new ProvisionLine(1, 5_201, 26_000_000m), new ProvisionLine(2, 1_717, 9_000_000m), new ProvisionLine(3, 8, 160_000m),
            new ProvisionLine(4, 5, 100_000m), new ProvisionLine(5, 13, 390_000m)],
        [], new CrossLawLine(40, 400_000m), []);

    private IRenderedComponent<HouseholdTable> Households(StackingFigures f) =>
        Render<HouseholdTable>(p => p.Add(c => c.Households, f.Households).Add(c => c.Institutions, f.Institutions));

    private IRenderedComponent<ProvisionTable> Provisions(StackingFigures f) =>
        Render<ProvisionTable>(p => p.Add(c => c.Provisions, f.Provisions));

    private static string[] Cells(IRenderedComponent<HouseholdTable> table, string row) =>
        table.FindAll($"[data-testid={row}] td").Select(td => td.TextContent.Trim()).ToArray();

    private static string[] Cells(IRenderedComponent<ProvisionTable> table, string row) =>
        table.FindAll($"[data-testid={row}] td").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public void Table_A_shows_exact_counts_and_Dutch_euros_with_a_caption()
    {
        var table = Households(PublicationRule.Exact(Result()));

        Assert.Equal(["5.712", "€ 30.000.000", "€ 5.252"], Cells(table, "huishoudens-1"));
        Assert.Equal(["7", "€ 140.000", "€ 10.000"], Cells(table, "huishoudens-2"));
        Assert.Equal(["0", "€ 0", "€ 0"], Cells(table, "huishoudens-3"));
        Assert.Equal("1 cliënt", table.Find("[data-testid=huishoudens-1] th").TextContent.Trim());
        Assert.Contains("Zorglocaties (meer dan 4 cliënten), 80 cliënten", table.Find("[data-testid=zorglocaties] th").TextContent);
        Assert.Equal("12", table.Find("[data-testid=zorglocaties] [data-testid=adressen]").TextContent.Trim());
        Assert.Equal("Huishoudens naar aantal cliënten", table.Find("caption").TextContent.Trim());
        Assert.Equal(4, table.FindAll("thead th[scope=col]").Count);
        Assert.DoesNotContain("geheim", table.Markup);
    }

    [Fact]
    public void Table_A_in_publication_mode_hides_0_to_7_with_their_amounts_and_rounds_the_rest_to_5()
    {
        var table = Households(PublicationRule.Apply(Result()));

        Assert.Equal(["5.710", "€ 30.000.000", "€ 5.254"], Cells(table, "huishoudens-1"));
        Assert.Equal(["geheim", "geheim", "geheim"], Cells(table, "huishoudens-2"));
        Assert.Equal(["geheim", "geheim", "geheim"], Cells(table, "huishoudens-3"));
        Assert.Equal("35", Cells(table, "huishoudens-4")[0]);
        Assert.Equal("10", table.Find("[data-testid=zorglocaties] [data-testid=adressen]").TextContent.Trim());
        Assert.Contains("80 cliënten", table.Find("[data-testid=zorglocaties] th").TextContent);
        Assert.All(table.FindAll("td.geheim"), td => Assert.Equal("geheim", td.TextContent.Trim()));
    }

    [Fact]
    public void Table_B_shows_exact_counts_and_a_last_line_of_5_or_more()
    {
        var table = Provisions(PublicationRule.Exact(Result()));

        Assert.Equal(["5.201", "€ 26.000.000", "€ 4.999"], Cells(table, "voorzieningen-1"));
        Assert.Equal(["8", "€ 160.000", "€ 20.000"], Cells(table, "voorzieningen-3"));
        Assert.Equal("5 of meer", table.Find("[data-testid=voorzieningen-5] th").TextContent.Trim());
        Assert.Equal("Cliënten naar aantal unieke voorzieningen", table.Find("table caption").TextContent.Trim());
    }

    [Fact]
    public void Table_B_in_publication_mode_hides_small_counts_and_rounds_the_others()
    {
        var table = Provisions(PublicationRule.Apply(Result()));

        Assert.Equal(["5.200", "€ 26.000.000", "€ 5.000"], Cells(table, "voorzieningen-1"));
        Assert.Equal("1.715", Cells(table, "voorzieningen-2")[0]);
        Assert.Equal(["10", "€ 160.000", "€ 16.000"], Cells(table, "voorzieningen-3"));
        Assert.Equal(["geheim", "geheim", "geheim"], Cells(table, "voorzieningen-4"));
        Assert.Equal("15", Cells(table, "voorzieningen-5")[0]);
    }
}
