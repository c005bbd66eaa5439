// PLACEHOLDER — replaced by the figures branch
namespace SociaalDomein.Domain.Providers;

/// <summary>Dutch names of the provider enums (placeholder with the agreed names and signatures).</summary>
public static class ProviderNames
{
    public static string DutchName(this ProviderType type) => type switch
    {
        ProviderType.DisabilityCare => "Gehandicaptenzorg",
        ProviderType.MentalHealthCare => "GGZ",
        ProviderType.Psychosocial => "Psychische kwetsbaarheid / psychosociaal",
        ProviderType.Autism => "Autisme",
        ProviderType.HomeCareAndSocialServices => "Thuiszorg en maatschappelijke dienstverlening",
        ProviderType.ElderlyCare => "Ouderenzorg",
        _ => type.ToString(),
    };

    public static string DutchName(this FundingModel model) => model switch
    {
        FundingModel.EffortBased => "Inspanningsgericht (P×Q)",
        FundingModel.OutputBased => "Outputgericht",
        FundingModel.TaskBased => "Taakgericht",
        _ => model.ToString(),
    };

    public static string DutchName(this ClaimStatus status) => status switch
    {
        ClaimStatus.Submitted => "Ingediend",
        ClaimStatus.Approved => "Goedgekeurd",
        ClaimStatus.Rejected => "Afgekeurd",
        _ => status.ToString(),
    };

    public static bool TryParseType(string text, out ProviderType type)
    {
        foreach (var candidate in Enum.GetValues<ProviderType>())
        {
            if (string.Equals(candidate.DutchName(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
