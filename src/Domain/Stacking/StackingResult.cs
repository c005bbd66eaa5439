namespace SociaalDomein.Domain.Stacking;

/// <summary>The outcome of the stacking analysis on a reference date (docs/domain.md §5). Amounts are exact euros for
/// the calendar year of the reference date; round only when showing them. Stored as JSON in
/// <see cref="StackingSnapshot.ResultJson"/>.</summary>
/// <param name="Revoked">Revoked rows (end == start) left out, over all rows considered, not only active ones.</param>
/// <param name="Duplicates">Extra rows of a (case number, product code, provider, start date) left out, among the
/// rows that are not revoked.</param>
/// <param name="ActiveAssignments">Active assignments of the population (households and institutions).</param>
/// <param name="Clients">Distinct clients of the population (households and institutions).</param>
/// <param name="TotalAmount">The amount of the whole population.</param>
/// <param name="Households">Table A: one line per number of clients 1 … threshold (institutions excluded).</param>
/// <param name="Institutions">Addresses with more clients than the threshold.</param>
/// <param name="Provisions">Table B: one line per number of distinct product codes 1 … 4 and 5+ (all clients,
/// institutions included, as the council's table counts inhabitants overall).</param>
/// <param name="ProductPairs">The 10 product pairs most often received together by one client.</param>
/// <param name="CrossLaw">Households (not institutions) with both Wmo and Jeugdwet assignments.</param>
/// <param name="MostExpensiveHouseholds">The 20 households (not institutions) with the highest amount.</param>
/// <param name="UnpricedAssignments">Active assignments of the population without any amount: no budget and no price
/// (neither an own tariff nor the price list), docs/domain.md §4; they count € 0 in the tables. Null in results stored
/// before the price list existed: such a result is computed again rather than served.</param>
public sealed record StackingResult(
    DateOnly ReferenceDate,
    int Revoked,
    int Duplicates,
    int ActiveAssignments,
    int Clients,
    decimal TotalAmount,
    IReadOnlyList<HouseholdLine> Households,
    InstitutionLine Institutions,
    IReadOnlyList<ProvisionLine> Provisions,
    IReadOnlyList<ProductPairLine> ProductPairs,
    CrossLawLine CrossLaw,
    IReadOnlyList<ExpensiveHousehold> MostExpensiveHouseholds,
    int? UnpricedAssignments = null)
{
    /// <summary>The institution threshold the result was computed with: Table A has a line for 1 … threshold clients.</summary>
    public int InstitutionThreshold => Households.Count;
}

/// <summary>Table A: addresses with <see cref="Clients"/> distinct clients.</summary>
public sealed record HouseholdLine(int Clients, int Addresses, decimal Amount)
{
    /// <summary>Amount / (addresses × clients); 0 without addresses.</summary>
    public decimal AveragePerInhabitant => Addresses == 0 ? 0m : Amount / (Addresses * Clients);
}

public sealed record InstitutionLine(int Addresses, int Clients, decimal Amount);

/// <summary>Table B: clients with <see cref="Provisions"/> distinct product codes (the last line: that many or more).</summary>
public sealed record ProvisionLine(int Provisions, int Clients, decimal Amount)
{
    /// <summary>Amount / clients; 0 without clients.</summary>
    public decimal AveragePerClient => Clients == 0 ? 0m : Amount / Clients;
}

/// <summary>Two product codes (ordinal order) one client receives together: how many clients, and the amount of
/// their assignments of these two products.</summary>
public sealed record ProductPairLine(string ProductA, string ProductB, int Clients, decimal Amount);

public sealed record CrossLawLine(int Households, decimal Amount);

/// <summary>A household for case review, identified only by its pseudonymous address key (lowercase hex).</summary>
public sealed record ExpensiveHousehold(string Household, int Clients, int Products, decimal Amount);
