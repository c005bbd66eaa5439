using Microsoft.Extensions.Configuration;
using SociaalDomein.Domain.Stacking;
using SociaalDomein.Infrastructure.Stacking;

namespace SociaalDomein.Infrastructure.Tests.Stacking;

public class StackingSettingsTests
{
    private static IConfiguration Configuration(string? threshold) => new ConfigurationBuilder()
        .AddInMemoryCollection(threshold is null ? [] : [new("Stacking:InstitutionThreshold", threshold)])
        .Build();

    [Fact]
    public void Without_a_setting_the_council_s_threshold_of_four_applies() =>
        Assert.Equal(StackingOptions.DefaultInstitutionThreshold, StackingSettings.From(Configuration(null)).InstitutionThreshold);

    [Fact]
    public void A_configured_threshold_is_used() =>
        Assert.Equal(6, StackingSettings.From(Configuration("6")).InstitutionThreshold);

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("vier")]
    [InlineData("4,5")]
    public void A_threshold_that_is_not_a_whole_number_from_1_to_50_stops_the_start_with_a_Dutch_message(string value)
    {
        var error = Assert.Throws<StartupException>(() => StackingSettings.From(Configuration(value)));
        Assert.Contains($"Stacking:InstitutionThreshold is '{value}'", error.Message);
        Assert.Contains("geheel getal van 1 tot en met 50", error.Message);
    }
}
