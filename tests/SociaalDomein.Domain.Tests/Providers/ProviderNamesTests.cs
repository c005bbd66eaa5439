using SociaalDomein.Domain.Providers;

namespace SociaalDomein.Domain.Tests.Providers;

public class ProviderNamesTests
{
    [Theory]
    [InlineData(ProviderType.MentalHealthCare, "GGZ")]
    [InlineData(ProviderType.Psychosocial, "Psychische kwetsbaarheid / psychosociaal")]
    [InlineData(ProviderType.HomeCareAndSocialServices, "Thuiszorg en maatschappelijke dienstverlening")]
    public void A_type_has_a_Dutch_name_that_parses_back(ProviderType type, string name)
    {
        Assert.Equal(name, type.DutchName());
        Assert.True(ProviderNames.TryParseType(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void Every_type_model_and_status_has_a_distinct_Dutch_name_that_parses_back()
    {
        Assert.All(Enum.GetValues<ProviderType>(), t => Assert.True(ProviderNames.TryParseType(t.DutchName(), out var p) && p == t));
        Assert.All(Enum.GetValues<FundingModel>(), m => Assert.True(ProviderNames.TryParseFundingModel(m.DutchName(), out var p) && p == m));
        Assert.All(Enum.GetValues<ClaimStatus>(), s => Assert.True(ProviderNames.TryParseClaimStatus(s.DutchName(), out var p) && p == s));
        Assert.Equal(6, Enum.GetValues<ProviderType>().Select(t => t.DutchName()).Distinct().Count());
    }

    [Theory]
    [InlineData("MentalHealthCare", true)]
    [InlineData(" autisme ", true)]
    [InlineData("2", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Jeugdzorg", false)]
    public void Parsing_accepts_the_Dutch_or_code_name_but_not_a_number(string? text, bool ok) =>
        Assert.Equal(ok, ProviderNames.TryParseType(text, out _));

    [Fact]
    public void Funding_models_and_statuses_are_in_Dutch() =>
        Assert.Equal(("Inspanningsgericht (P×Q)", "Goedgekeurd"), (FundingModel.EffortBased.DutchName(), ClaimStatus.Approved.DutchName()));
}
