using SociaalDomein.Infrastructure.Forecasts;

namespace SociaalDomein.Web.Components.Budget;

/// <summary>How the budget structure page writes a line's claims (docs/domain.md §7) and who may change them (policy
/// Financieel: controller and beheerder).</summary>
public static class ClaimGroupAccess
{
    public const string NotAllowed = "Alleen een controller of beheerder mag de koppeling van posten aan declaraties wijzigen.";

    public const string NotLinked = "niet gekoppeld";

    /// <summary>"Jeugdwet 45", "Jeugdwet 40, 43" or "niet gekoppeld".</summary>
    public static string Describe(ClaimGroupSummary? group) =>
        group is { IsLinked: true } ? ClaimGroupService.Describe(group.Law, group.ProductCategories) : NotLinked;

    /// <summary>The accessible name of a line's edit button: "Declaraties van JGD-03 wijzigen".</summary>
    public static string EditLabel(string code) => $"Declaraties van {code} wijzigen";

    /// <summary>What a user typed in the categories field ("40, 43" or "40 43") as the separate categories; the service
    /// checks each.</summary>
    public static IReadOnlyList<string> Categories(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
