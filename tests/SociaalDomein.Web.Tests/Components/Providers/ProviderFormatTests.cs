using SociaalDomein.Domain.Providers;
using SociaalDomein.Web.Components.Providers;

namespace SociaalDomein.Web.Tests.Components.Providers;

public sealed class ProviderFormatTests
{
    [Theory]
    [InlineData("0.123", "+12,3 %")]
    [InlineData("-0.04", "−4,0 %")]
    [InlineData("6.865", "+686,5 %")]
    [InlineData("0", "0,0 %")]
    [InlineData(null, "—")]
    public void Growth_is_a_signed_percentage_with_one_decimal_and_a_real_minus(string? fraction, string expected) =>
        Assert.Equal(expected, ProviderFormat.Growth(fraction is null ? null : decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(700, "6.865", 611)] // GGZ 89 → 700 (Table 1 of the Drechtsteden study)
    [InlineData(765, "0.0145", 11)] // 754 → 765
    [InlineData(101, "-0.0196", -2)] // 103 → 101
    [InlineData(40, null, 40)] // no clients the year before
    public void A_providers_growth_in_clients_is_recovered_from_its_growth_fraction(int clients, string? growth, int expected) =>
        Assert.Equal(expected, ProviderFormat.ClientGrowth(FakeOverviews.Figures("75750001", "A", clients,
            growth is null ? null : decimal.Parse(growth, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void The_top_five_sentence_names_the_share_of_the_growth_and_each_provider_with_its_growth()
    {
        var figures = new[]
        {
            FakeOverviews.Figures("1", "Zorg Noord", 300, 1m), FakeOverviews.Figures("2", "Begeleiding Oost", 150, 0.5m),
            FakeOverviews.Figures("3", "GGZ West", 120, 0.2m), FakeOverviews.Figures("4", "Thuis Zuid", 110, 0.1m),
            FakeOverviews.Figures("5", "Autisme Centraal", 105, 0.05m),
        };
        var top = new TopGrowers(["1", "2", "3", "4", "5"], 300, 500, 0.6m);

        var sentence = ProviderFormat.TopGrowersSentence(2019, top, figures);

        Assert.Equal("De vijf snelst groeiende aanbieders namen 60 % van de groei in cliënten van 2018 op 2019 voor hun rekening (+300 van +500): " +
                     "Zorg Noord (+150 cliënten), Begeleiding Oost (+50 cliënten), GGZ West (+20 cliënten), Thuis Zuid (+10 cliënten) en Autisme Centraal (+5 cliënten).",
            sentence);
    }

    [Fact]
    public void Without_total_growth_the_sentence_says_the_total_did_not_grow()
    {
        var top = new TopGrowers(["1"], 10, -20, null);

        var sentence = ProviderFormat.TopGrowersSentence(2019, top, [FakeOverviews.Figures("1", "Zorg Noord", 110, 0.1m)]);

        Assert.Equal("Het totale aantal cliënten groeide niet van 2018 op 2019 (−20). De snelst groeiende aanbieder: Zorg Noord (+10 cliënten).", sentence);
    }

    [Theory]
    [InlineData(ProviderType.MentalHealthCare, "GGZ")]
    [InlineData(null, "Type onbekend")]
    public void A_type_has_its_Dutch_name_and_an_unknown_type_says_so(ProviderType? type, string expected) =>
        Assert.Equal(expected, ProviderFormat.TypeName(type));
}
