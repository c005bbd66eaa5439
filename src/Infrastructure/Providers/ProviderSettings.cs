using Microsoft.Extensions.Configuration;

namespace SociaalDomein.Infrastructure.Providers;

/// <summary>The municipality's choices for providers (configuration section <c>Providers</c>).</summary>
/// <param name="WarningThresholdPercent">A ceiling used at or above this percentage raises a warning (docs/domain.md §9:
/// the VNG contract standard's 70 % is the default).</param>
public sealed record ProviderSettings(int WarningThresholdPercent = ProviderSettings.DefaultWarningThresholdPercent)
{
    public const int DefaultWarningThresholdPercent = 70;
    public const string ThresholdKey = "Providers:WarningThresholdPercent";

    /// <summary>Reads the section; a threshold that is not a whole number from 1 to 100 stops the start with a Dutch message.</summary>
    public static ProviderSettings From(IConfiguration configuration)
    {
        var text = configuration[ThresholdKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ProviderSettings();
        }

        if (!int.TryParse(text, out var percent) || percent is < 1 or > 100)
        {
            throw new StartupException(
                $"De instelling {ThresholdKey} is '{text}'; dat moet een geheel getal van 1 tot en met 100 zijn (het percentage van een " +
                "budgetplafond waarbij een signalering ontstaat).");
        }

        return new ProviderSettings(percent);
    }
}
