using Microsoft.Extensions.Configuration;
using SociaalDomein.Infrastructure.Providers;

namespace SociaalDomein.Infrastructure.Tests.Providers;

/// <summary>Providers:WarningThresholdPercent: 70 unless set, a whole number from 1 to 100, otherwise the app does not start.</summary>
public class ProviderSettingsTests
{
    private static IConfiguration Configuration(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ProviderSettings.ThresholdKey] = value }).Build();

    [Theory]
    [InlineData(null, 70)]
    [InlineData("", 70)]
    [InlineData("80", 80)]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    public void The_threshold_is_read_with_70_as_default(string? value, int expected) =>
        Assert.Equal(expected, ProviderSettings.From(Configuration(value)).WarningThresholdPercent);

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("70%")]
    [InlineData("zeventig")]
    public void A_threshold_outside_1_to_100_stops_the_start_with_a_Dutch_message(string value)
    {
        var error = Assert.Throws<StartupException>(() => ProviderSettings.From(Configuration(value)));
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("van 1 tot en met 100", error.Message, StringComparison.Ordinal);
    }
}
