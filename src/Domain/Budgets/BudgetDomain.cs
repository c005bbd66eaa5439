namespace SociaalDomein.Domain.Budgets;

/// <summary>Budget grouping (programma / domein), in the order the council papers list them.</summary>
public enum BudgetDomain
{
    BeschermdWonen = 1,
    Wmo = 2,
    Jeugd = 3,
    Participatie = 4,
    Bijstand = 5,
    Armoede = 6,
}

public static class BudgetDomains
{
    public static string DutchName(this BudgetDomain domain) => domain switch
    {
        BudgetDomain.BeschermdWonen => "Beschermd wonen",
        BudgetDomain.Wmo => "Wmo",
        BudgetDomain.Jeugd => "Jeugd",
        BudgetDomain.Participatie => "Participatie",
        BudgetDomain.Bijstand => "Bijstand",
        BudgetDomain.Armoede => "Armoede",
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, null),
    };

    /// <summary>The prefix of the codes the demo data and older databases give their lines: WMO-04.</summary>
    public static string CodePrefix(this BudgetDomain domain) => domain switch
    {
        BudgetDomain.BeschermdWonen => "BW",
        BudgetDomain.Wmo => "WMO",
        BudgetDomain.Jeugd => "JGD",
        BudgetDomain.Participatie => "PART",
        BudgetDomain.Bijstand => "BIJST",
        BudgetDomain.Armoede => "ARM",
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, null),
    };

    /// <summary>Parses the Dutch name (case-insensitive); null when unknown.</summary>
    public static BudgetDomain? FromDutchName(string name) =>
        Enum.GetValues<BudgetDomain>()
            .Select(d => (BudgetDomain?)d)
            .FirstOrDefault(d => string.Equals(d!.Value.DutchName(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
