namespace SociaalDomein.Domain.Providers;

/// <summary>The Dutch names users see for provider types, funding models and claim statuses, and parsing them back
/// (from the Dutch name or the code name, case-insensitive) for filters and forms.</summary>
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

    /// <summary>A provider type from its Dutch name ("GGZ", "Autisme", …) or its code name ("MentalHealthCare"); not a number.</summary>
    public static bool TryParseType(string? text, out ProviderType type) => TryParse(text, DutchName, out type);

    public static bool TryParseFundingModel(string? text, out FundingModel model) => TryParse(text, DutchName, out model);

    public static bool TryParseClaimStatus(string? text, out ClaimStatus status) => TryParse(text, DutchName, out status);

    private static bool TryParse<T>(string? text, Func<T, string> dutchName, out T value) where T : struct, Enum
    {
        var wanted = text?.Trim() ?? "";
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (wanted.Length > 0 && (string.Equals(dutchName(candidate), wanted, StringComparison.OrdinalIgnoreCase)
                                      || string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase)))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
