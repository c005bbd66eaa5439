using Microsoft.Extensions.Configuration;
using SociaalDomein.Domain.Stacking;

namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>The municipality's choices for the stacking analysis (configuration section <c>Stacking</c>).</summary>
/// <param name="InstitutionThreshold">An address with more distinct clients than this is an institution (care
/// location), reported apart from the households (docs/domain.md §5 rule 4; the council used 4).</param>
public sealed record StackingSettings(int InstitutionThreshold = StackingOptions.DefaultInstitutionThreshold)
{
    public const int MaxInstitutionThreshold = 50;

    /// <summary>Reads the section; a threshold that is not a whole number from 1 to 50 stops the start with a Dutch
    /// message rather than producing tables nobody asked for.</summary>
    public static StackingSettings From(IConfiguration configuration)
    {
        var text = configuration["Stacking:InstitutionThreshold"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new StackingSettings();
        }

        if (!int.TryParse(text, out var threshold) || threshold is < 1 or > MaxInstitutionThreshold)
        {
            throw new StartupException(
                $"De instelling Stacking:InstitutionThreshold is '{text}'; dat moet een geheel getal van 1 tot en met " +
                $"{MaxInstitutionThreshold} zijn (het aantal cliënten op één adres waarboven het adres een zorglocatie is).");
        }

        return new StackingSettings(threshold);
    }
}
