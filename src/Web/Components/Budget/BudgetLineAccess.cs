namespace SociaalDomein.Web.Components.Budget;

/// <summary>Texts about who may change the budget's structure (policy Financieel: controller and beheerder).</summary>
public static class BudgetLineAccess
{
    public const string NotAllowed = "Alleen een controller of beheerder mag begrotingsposten wijzigen.";

    /// <summary>The accessible name of a cell's edit button: "Oorspronkelijke begroting WMO-04 2019 wijzigen".</summary>
    public static string EditLabel(string code, int year) => $"Oorspronkelijke begroting {code} {year} wijzigen";
}
