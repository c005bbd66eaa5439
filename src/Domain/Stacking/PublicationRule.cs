namespace SociaalDomein.Domain.Stacking;

/// <summary>
/// What may be published of the stacking analysis (docs/domain.md §10): CBS's rule for care counts in its district tables.
/// A count of 0–7 is hidden (shown as "geheim"), any other count is rounded to a multiple of 5 (a midpoint away from
/// zero: 12.5 → 15), and the amounts and averages of a hidden cell are hidden too. The municipality's own analysts
/// see exact figures (<see cref="Exact"/>); what goes to the council or the public goes through <see cref="Apply"/>.
/// </summary>
public static class PublicationRule
{
    /// <summary>Counts up to and including this are hidden.</summary>
    public const int HiddenUpTo = 7;

    /// <summary>Other counts are rounded to a multiple of this.</summary>
    public const int RoundTo = 5;

    /// <summary>The count as published: null when hidden ("geheim"), else rounded to a multiple of 5.</summary>
    public static int? Count(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return n <= HiddenUpTo ? null : (int)Math.Round(n / (decimal)RoundTo, MidpointRounding.AwayFromZero) * RoundTo;
    }

    private static decimal? Average(decimal amount, int people) => people == 0 ? null : Math.Round(amount / people, 2, MidpointRounding.AwayFromZero);

    /// <summary>The figures as shown and exported: <see cref="Apply"/> in publication mode, else <see cref="Exact"/>.</summary>
    public static StackingFigures Figures(StackingResult r, bool publication) => publication ? Apply(r) : Exact(r);

    /// <summary>The figures exactly as computed, in the shape shown and exported.</summary>
    public static StackingFigures Exact(StackingResult r) => new(
        r.ReferenceDate,
        Publication: false,
        r.Revoked,
        r.Duplicates,
        r.ActiveAssignments,
        r.Clients,
        r.TotalAmount,
        r.Households.Select(h => new HouseholdFigures(h.Clients, h.Addresses, h.Amount, h.AveragePerInhabitant)).ToList(),
        new InstitutionFigures(r.Institutions.Addresses, r.Institutions.Clients, r.Institutions.Amount),
        r.Provisions.Select(p => new ProvisionFigures(p.Provisions, p.Clients, p.Amount, p.AveragePerClient)).ToList(),
        r.ProductPairs.Select(p => new ProductPairFigures(p.ProductA, p.ProductB, p.Clients, p.Amount)).ToList(),
        new CrossLawFigures(r.CrossLaw.Households, r.CrossLaw.Amount),
        r.MostExpensiveHouseholds);

    /// <summary>Amounts are published rounded to whole thousands of euros.</summary>
    public const decimal AmountRoundTo = 1_000m;

    /// <summary>A published amount: rounded to whole thousands (midpoint away from zero).</summary>
    public static decimal Amount(decimal amount) => Math.Round(amount / AmountRoundTo, MidpointRounding.AwayFromZero) * AmountRoundTo;

    /// <summary>The figures fit for publication: every count by <see cref="Count"/>; the amount and average of a line
    /// whose count is hidden are hidden (null) too; the most expensive households are never published. Shown amounts are
    /// rounded to thousands and shown averages are computed from the shown (rounded) amount and count: an exact amount
    /// divided by an exact average would give back the exact count the rounding hides (see docs/decisions/0008).</summary>
    public static StackingFigures Apply(StackingResult r)
    {
        var clients = Count(r.Clients);
        var institutionAddresses = Count(r.Institutions.Addresses);
        var institutionClients = Count(r.Institutions.Clients);
        var crossLaw = Count(r.CrossLaw.Households);
        return new StackingFigures(
            r.ReferenceDate,
            Publication: true,
            Count(r.Revoked),
            Count(r.Duplicates),
            Count(r.ActiveAssignments),
            clients,
            clients is null ? null : Amount(r.TotalAmount),
            r.Households.Select(h => Count(h.Addresses) is { } addresses
                ? new HouseholdFigures(h.Clients, addresses, Amount(h.Amount), Average(Amount(h.Amount), addresses * h.Clients))
                : new HouseholdFigures(h.Clients, null, null, null)).ToList(),
            new InstitutionFigures(
                institutionAddresses,
                institutionClients,
                institutionAddresses is null || institutionClients is null ? null : Amount(r.Institutions.Amount)),
            r.Provisions.Select(p => Count(p.Clients) is { } n
                ? new ProvisionFigures(p.Provisions, n, Amount(p.Amount), Average(Amount(p.Amount), n))
                : new ProvisionFigures(p.Provisions, null, null, null)).ToList(),
            r.ProductPairs.Select(p => Count(p.Clients) is { } n
                ? new ProductPairFigures(p.ProductA, p.ProductB, n, Amount(p.Amount))
                : new ProductPairFigures(p.ProductA, p.ProductB, null, null)).ToList(),
            new CrossLawFigures(crossLaw, crossLaw is null ? null : Amount(r.CrossLaw.Amount)),
            []);
    }
}

/// <summary>The stacking tables as shown and exported: exact (<see cref="PublicationRule.Exact"/>) or fit for
/// publication (<see cref="PublicationRule.Apply"/>). A null count or amount is hidden: show "geheim".</summary>
public sealed record StackingFigures(
    DateOnly ReferenceDate,
    bool Publication,
    int? Revoked,
    int? Duplicates,
    int? ActiveAssignments,
    int? Clients,
    decimal? TotalAmount,
    IReadOnlyList<HouseholdFigures> Households,
    InstitutionFigures Institutions,
    IReadOnlyList<ProvisionFigures> Provisions,
    IReadOnlyList<ProductPairFigures> ProductPairs,
    CrossLawFigures CrossLaw,
    IReadOnlyList<ExpensiveHousehold> MostExpensiveHouseholds);

/// <summary>Table A line: <see cref="Clients"/> is the line's label (1–4), never hidden.</summary>
public sealed record HouseholdFigures(int Clients, int? Addresses, decimal? Amount, decimal? AveragePerInhabitant);

public sealed record InstitutionFigures(int? Addresses, int? Clients, decimal? Amount);

/// <summary>Table B line: <see cref="Provisions"/> is the line's label (5 means 5 or more), never hidden.</summary>
public sealed record ProvisionFigures(int Provisions, int? Clients, decimal? Amount, decimal? AveragePerClient);

public sealed record ProductPairFigures(string ProductA, string ProductB, int? Clients, decimal? Amount);

public sealed record CrossLawFigures(int? Households, decimal? Amount);
