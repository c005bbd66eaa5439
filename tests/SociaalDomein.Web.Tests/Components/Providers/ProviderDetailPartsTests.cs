using Bunit;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Providers;
using SociaalDomein.Web.Components.Providers;

namespace SociaalDomein.Web.Tests.Components.Providers;

/// <summary>The parts of the provider page: its years, client profile, product mix, and the paged assignments and claims.</summary>
public sealed class ProviderDetailPartsTests : MudBunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static ProviderDetail Detail(params ProviderYearFigures[] years) => new(
        new Provider { Agb = "75750001", Name = "Zorg Noord" }, years,
        [new ProductMixEntry(2018, "02A06", "IB licht", 30, 90_000m), new ProductMixEntry(2019, "02A06", "IB licht", 40, 120_000m),
            new ProductMixEntry(2019, "02A07", "IB middel", 60, 280_000m)],
        [new ClientProfileEntry(2019, "18-25", "V", 7), new ClientProfileEntry(2019, "18-25", "M", 5), new ClientProfileEntry(2019, "81+", "V", 2),
            new ClientProfileEntry(2018, "26-45", "M", 9)],
        null) { FigureYears = years.Select((_, i) => 2019 - years.Length + 1 + i).ToList() };

    [Fact]
    public void The_figures_are_paired_with_their_years_oldest_first()
    {
        var detail = Detail(FakeOverviews.Figures("75750001", "Zorg Noord", 80, null), FakeOverviews.Figures("75750001", "Zorg Noord", 100, 0.25m));

        var years = ProviderYears.Of(detail);

        Assert.Equal([(2018, 80), (2019, 100)], years.Select(y => (y.Year, y.Figures.Clients)));
    }

    [Fact]
    public void The_trends_are_bars_per_year_with_a_text_alternative_and_a_table()
    {
        var detail = Detail(FakeOverviews.Figures("75750001", "Zorg Noord", 80, null), FakeOverviews.Figures("75750001", "Zorg Noord", 100, 0.25m));

        var trends = Render<ProviderTrends>(p => p.Add(c => c.Years, ProviderYears.Of(detail)));

        Assert.Equal("Cliënten per jaar. Staafdiagram: 2018 80; 2019 100 (+25,0 %).",
            trends.Find("[data-testid=verloop-clienten] svg").GetAttribute("aria-label"));
        Assert.Equal(["2018", "2019"], trends.FindAll("[data-testid=verloop-uitgaven-tabel] tbody th").Select(th => th.TextContent));
    }

    [Fact]
    public void The_client_profile_shows_the_latest_year_by_age_band_and_sex_with_totals()
    {
        var profile = Render<ClientProfileTable>(p => p.Add(c => c.Profile, Detail().ClientProfile));

        Assert.Equal(["Leeftijd", "Man", "Vrouw", "Totaal"], profile.FindAll("[data-testid=profiel] thead th").Select(th => th.TextContent.Trim()));
        var rows = profile.FindAll("[data-testid=profiel] tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["18 tot en met 25 jaar", "5", "7", "12"], rows[0]);
        Assert.Equal(["81 jaar en ouder", "0", "2", "2"], rows[1]);
        Assert.Equal(["Totaal", "5", "9", "14"], rows[2]);
    }

    [Fact]
    public void The_product_mix_shows_clients_per_product_per_year_with_the_share_of_the_year()
    {
        var mix = Render<ProductMixTable>(p => p.Add(c => c.Mix, Detail().ProductMix));

        var rows = mix.FindAll("[data-testid=productmix] tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["02A06 IB licht", "30 (100 %)", "40 (40 %)"], rows[0]);
        Assert.Equal(["02A07 IB middel", "—", "60 (60 %)"], rows[1]);
    }

    [Fact]
    public void Assignments_and_claims_are_read_a_page_at_a_time_and_show_only_the_pseudonymous_client_reference()
    {
        var asked = new List<(string, int, int)>();
        var page = Render<ProviderRecords>(p => p
            .Add(c => c.Assignments, (pageIndex, size, _) =>
            {
                asked.Add(("toewijzingen", pageIndex, size));
                return Task.FromResult(new Paged<ProviderAssignmentRow>(
                    [new ProviderAssignmentRow("K-3F9A", "02A07", "IB middel", new DateOnly(2019, 1, 1), null, 4m, "uur", 61.5m, null, "T-001")], 60));
            })
            .Add(c => c.Claims, (pageIndex, size, _) =>
            {
                asked.Add(("declaraties", pageIndex, size));
                return Task.FromResult(new Paged<ProviderClaimRow>(
                    [new ProviderClaimRow("K-3F9A", "02A07", new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 31), -984m, new DateOnly(2019, 3, 2), ClaimStatus.Approved, "D-9", true)], 1));
            }));

        page.WaitForAssertion(() => Assert.Contains(("toewijzingen", 0, 25), asked), Wait);
        var cells = page.FindAll("[data-testid=toewijzingen] tbody td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["K-3F9A", "02A07 IB middel", "01-01-2019", "lopend", "4 uur", "€ 61,50", "—", "T-001"], cells);
        Assert.Contains("1-25 van 60", page.Find("[data-testid=toewijzingen]").TextContent);

        page.FindAll("[role=tab]").Single(t => t.TextContent.Contains("Declaraties")).Click();

        page.WaitForAssertion(() => Assert.Contains(("declaraties", 0, 25), asked), Wait);
        page.WaitForAssertion(() => Assert.Equal(["K-3F9A", "02A07", "01-01-2019 t/m 31-01-2019", "€ -984,00 (credit)", "02-03-2019", "Goedgekeurd", "D-9"],
            page.FindAll("[data-testid=declaraties] tbody td").Select(td => td.TextContent.Trim())), Wait);
    }

    [Fact]
    public void Utilisation_shows_assigned_claimed_and_the_ratio_with_a_sign_and_words_below_80_percent()
    {
        var asked = new List<int>();
        IReadOnlyList<UtilisationRow> rows =
        [
            new("02A06", "IB licht", 10_000m, 7_999m, 0.7999m, true, 0),
            new("02A07", "IB middel", 5_000m, 4_000m, 0.8m, false, 2),
            new("45A48", null, 0m, 300m, null, false, 0),
        ];

        var table = Render<UtilisationTable>(p => p.Add(c => c.Years, [2018, 2019])
            .Add(c => c.Source, (year, _) => { asked.Add(year); return Task.FromResult(rows); }));

        table.WaitForAssertion(() => Assert.Equal(3, table.FindAll("[data-testid=uitputting] tbody tr").Count), Wait);
        Assert.Equal([2019], asked);
        Assert.Equal(["Product", "Toegewezen", "Gedeclareerd", "Uitputting", "Toewijzingen zonder bedrag"],
            table.FindAll("[data-testid=uitputting] thead th").Select(th => th.TextContent.Trim()));
        Assert.All(table.FindAll("[data-testid=uitputting] th"), th => Assert.NotNull(th.GetAttribute("scope")));
        var cells = table.FindAll("[data-testid=uitputting] tbody tr")
            .Select(tr => tr.Children.Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim()).ToArray()).ToArray();
        Assert.Equal(["02A06 IB licht", "€ 10.000", "€ 7.999", "79,9 % ⚠ onder 80 %", "0"], cells[0]);
        Assert.Equal(["02A07 IB middel", "€ 5.000", "€ 4.000", "80,0 %", "2"], cells[1]);
        Assert.Equal(["45A48", "€ 0", "€ 300", "—", "0"], cells[2]);
        Assert.Single(table.FindAll("[data-testid=onder-drempel]"));
        Assert.Equal("true", table.Find("[data-testid=onder-drempel] [aria-hidden]").GetAttribute("aria-hidden"));
        Assert.Contains("gedeeld door toegewezen", table.Find("[data-testid=uitputting] caption").TextContent);
    }
}
