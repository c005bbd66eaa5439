namespace SociaalDomein.Domain.Forecasts;

/// <summary>How a development factor came about (docs/domain.md §7, the thin-history guard).</summary>
public enum FactorBasis
{
    /// <summary>Volume-weighted from history: Σ C(k+1) ÷ Σ C(k) over the origins observed at both periods.</summary>
    Estimated = 1,

    /// <summary>Fewer origins observed at both periods than the minimum: factor 1, development taken as finished.</summary>
    TooFewObservations = 2,

    /// <summary>Enough origins, but nothing (or less than nothing) at period k while period k+1 has a positive total: the
    /// factor is unbounded. No factor; an origin that has only reached period k has a completion share of 0.</summary>
    NoBase = 3,

    /// <summary>Enough origins, but period k+1 totals zero or less (credits): no usable ratio, factor 1.</summary>
    NotPositive = 4,
}

/// <summary>The age-to-age factor from development period <see cref="FromPeriod"/> to the next: null only for
/// <see cref="FactorBasis.NoBase"/>. <see cref="Observations"/> counts the origins observed at both periods.</summary>
public sealed record DevelopmentFactor(int FromPeriod, decimal? Factor, int Observations, FactorBasis Basis);

/// <summary>
/// The chain-ladder method on a run-off triangle of cumulative amounts (docs/domain.md §7), on generic development
/// periods: months for the claims of a budget line (<see cref="LagAdjustedForecast"/>), years for the textbook triangles in
/// the tests. Rows are origin periods (a service month), columns development periods (0 = the origin period itself); a row
/// holds the periods observed so far, so later origins have shorter rows. Pure and exact in <see cref="decimal"/>; no
/// division by zero, no NaN, and no exception except <see cref="ArgumentException"/> for a programmer error.
/// </summary>
public static class ChainLadder
{
    /// <summary>Fewer origins than this behind a factor and the factor is 1 (<see cref="FactorBasis.TooFewObservations"/>).</summary>
    public const int DefaultMinimumObservations = 3;

    /// <summary>
    /// The volume-weighted age-to-age factors f(k) = Σ C(i, k+1) ÷ Σ C(i, k), summed over the origins i observed at both k
    /// and k+1, for k = 0 … <paramref name="developmentPeriods"/> − 2 (Mack 1993). The thin-history guard, in this order:
    /// fewer than <paramref name="minimumObservations"/> origins → 1; Σ C(k) ≤ 0 &lt; Σ C(k+1) → no factor
    /// (<see cref="FactorBasis.NoBase"/>); Σ C(k+1) ≤ 0 → 1.
    /// </summary>
    public static IReadOnlyList<DevelopmentFactor> Factors(
        IReadOnlyList<IReadOnlyList<decimal>> cumulative, int developmentPeriods, int minimumObservations = DefaultMinimumObservations)
    {
        ArgumentNullException.ThrowIfNull(cumulative);
        ArgumentOutOfRangeException.ThrowIfLessThan(developmentPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumObservations, 1);
        if (cumulative.Any(row => row is null || row.Count > developmentPeriods))
        {
            throw new ArgumentException($"Every row holds at most {developmentPeriods} development periods.", nameof(cumulative));
        }

        var factors = new List<DevelopmentFactor>(developmentPeriods - 1);
        for (var k = 0; k < developmentPeriods - 1; k++)
        {
            decimal from = 0m, to = 0m;
            var observations = 0;
            foreach (var row in cumulative)
            {
                if (row.Count > k + 1)
                {
                    from += row[k];
                    to += row[k + 1];
                    observations++;
                }
            }

            factors.Add(observations < minimumObservations ? new DevelopmentFactor(k, 1m, observations, FactorBasis.TooFewObservations)
                : from <= 0m && to > 0m ? new DevelopmentFactor(k, null, observations, FactorBasis.NoBase)
                : to <= 0m ? new DevelopmentFactor(k, 1m, observations, FactorBasis.NotPositive)
                : new DevelopmentFactor(k, to / from, observations, FactorBasis.Estimated));
        }

        return factors;
    }

    /// <summary>
    /// The completion share per development period: the part of the ultimate known once an origin has reached period k,
    /// s(k) = 1 ÷ Π f(j) for j ≥ k; the last period is 1 (no tail: nothing develops beyond the triangle). A period at or
    /// before a factor without a value (<see cref="FactorBasis.NoBase"/>) has share 0, and so has a period whose share
    /// would not fit a decimal. The list has one element more than <paramref name="factors"/>.
    /// </summary>
    public static IReadOnlyList<decimal> CompletionShares(IReadOnlyList<DevelopmentFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var shares = new decimal[factors.Count + 1];
        shares[factors.Count] = 1m;
        for (var k = factors.Count - 1; k >= 0; k--)
        {
            shares[k] = factors[k].Factor is { } f && f > 0m && shares[k + 1] != 0m ? DivideOrZero(shares[k + 1], f) : 0m;
        }

        return shares;
    }

    /// <summary>The ultimate of an origin: what is known ÷ its completion share; null when the share is 0 or less (nothing
    /// of the ultimate is known yet) or the quotient does not fit a decimal.</summary>
    public static decimal? Ultimate(decimal known, decimal completionShare)
    {
        if (completionShare <= 0m)
        {
            return null;
        }

        try
        {
            return known / completionShare;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Running sums of each row: the cumulative triangle of an incremental one.</summary>
    public static IReadOnlyList<IReadOnlyList<decimal>> Cumulate(IEnumerable<IReadOnlyList<decimal>> incremental) =>
        incremental.Select(row =>
        {
            var sums = new decimal[row.Count];
            var sum = 0m;
            for (var k = 0; k < row.Count; k++)
            {
                sum += row[k];
                sums[k] = sum;
            }

            return (IReadOnlyList<decimal>)sums;
        }).ToList();

    private static decimal DivideOrZero(decimal share, decimal factor)
    {
        try
        {
            return share / factor;
        }
        catch (OverflowException)
        {
            return 0m;
        }
    }
}
