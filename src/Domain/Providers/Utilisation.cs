using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Providers;

/// <summary>An assignment of one provider as utilisation needs it: its product, period and what determines its amount.</summary>
public sealed record UtilisationAssignment(
    string ProductCode, string? Description, DateOnly Start, DateOnly? End, decimal? Budget, decimal? Volume, decimal? Tariff, Frequency? Frequency);

/// <summary>A claim (or the sum of claims with one product and one service period) of one provider; a credit is
/// negative. Only <see cref="ClaimStatus.Approved"/> counts.</summary>
public sealed record UtilisationClaim(string ProductCode, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, ClaimStatus Status = ClaimStatus.Approved);

/// <summary>Utilisation (uitputting) of one product of a provider in a year: <see cref="Assigned"/> the sum of the amounts
/// of its assignments in the year (docs/domain.md §4, with the price list), <see cref="Claimed"/> its approved claims
/// prorated to the year, <see cref="Ratio"/> claimed ÷ assigned (null when nothing is assigned), <see cref="Flagged"/> when
/// the ratio is below <see cref="Utilisation.Threshold"/>, and <see cref="Unpriced"/> the assignments active in the year
/// without an amount (not in <see cref="Assigned"/>, never counted as € 0).</summary>
public sealed record UtilisationRow(string ProductCode, string? Description, decimal Assigned, decimal Claimed, decimal? Ratio, bool Flagged, int Unpriced);

/// <summary>
/// Utilisation per provider and product (issue 10, docs/domain.md §9): how much of what was assigned has been claimed.
/// A low ratio means assigned care that is not delivered (or not yet claimed); the municipality then reserves more than it
/// spends. Pure: the service reads one provider's assignments, claims and the price list and calls <see cref="Calculate"/>.
/// </summary>
public static class Utilisation
{
    /// <summary>A product whose claimed ÷ assigned is below this fraction is flagged; exactly 80 % is not.</summary>
    public const decimal Threshold = 0.80m;

    /// <summary>The rows of one provider in <paramref name="year"/>, by product code. Assignments: care only (a revoked
    /// one, end = start, is not) active on a day of the year, each valued by
    /// <see cref="AssignmentAmount.Priced"/> with the price-list entries for its product and provider. Claims: approved
    /// ones, signed, prorated by the days of their service period inside the year
    /// (<see cref="ProviderCalculator.AmountInYear"/>, as the provider expenditure). A product with claims but no
    /// assignment has assigned 0 and no ratio.</summary>
    public static IReadOnlyList<UtilisationRow> Calculate(int year, string providerAgb, IEnumerable<UtilisationAssignment> assignments,
        IEnumerable<UtilisationClaim> claims, PriceList priceList)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        var products = new SortedDictionary<string, Sums>(StringComparer.Ordinal);
        Sums Of(string product) => products.TryGetValue(product, out var s) ? s : products[product] = new Sums();

        foreach (var a in assignments)
        {
            if (!ProviderCalculator.IsCare(a.Start, a.End) || a.Start > yearEnd || a.End is { } end && end < yearStart)
            {
                continue;
            }

            var sums = Of(a.ProductCode);
            sums.Description ??= a.Description;
            var amount = AssignmentAmount.Priced(a.Start, a.End, a.Budget, a.Volume, a.Tariff, a.Frequency, year,
                priceList.For(a.ProductCode, providerAgb));
            if (amount.Amount is { } value)
            {
                sums.Assigned += value;
            }
            else
            {
                sums.Unpriced++;
            }
        }

        foreach (var c in claims)
        {
            if (c.Status != ClaimStatus.Approved || c.PeriodEnd < c.PeriodStart || c.PeriodStart > yearEnd || c.PeriodEnd < yearStart)
            {
                continue;
            }

            Of(c.ProductCode).Claimed += ProviderCalculator.AmountInYear(c.PeriodStart, c.PeriodEnd, c.Amount, year);
        }

        return products.Select(p =>
            {
                var ratio = Ratio(p.Value.Claimed, p.Value.Assigned);
                return new UtilisationRow(p.Key, p.Value.Description, p.Value.Assigned, p.Value.Claimed, ratio, IsFlagged(ratio), p.Value.Unpriced);
            })
            .ToList();
    }

    /// <summary>Claimed ÷ assigned; null when nothing is assigned.</summary>
    public static decimal? Ratio(decimal claimed, decimal assigned) => assigned == 0 ? null : claimed / assigned;

    /// <summary>Below <see cref="Threshold"/>; a missing ratio is not flagged.</summary>
    public static bool IsFlagged(decimal? ratio) => ratio is { } r && r < Threshold;

    private sealed class Sums
    {
        public string? Description { get; set; }
        public decimal Assigned { get; set; }
        public decimal Claimed { get; set; }
        public int Unpriced { get; set; }
    }
}
