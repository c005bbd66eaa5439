using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Stacking;

/// <summary>
/// The stacking analysis (stapeling, docs/domain.md §5) as a pure function: rows in, tables out. It is the oracle the
/// production path, <see cref="StackingColumns"/> (fed by <c>StackingService</c>'s binary COPY), is tested against, so
/// every rule below is mirrored there.
/// <list type="number">
/// <item>Law filter first: only rows of <see cref="StackingOptions.Law"/> take part at all (also in the counts and
/// in deciding households and institutions), as if only that law had been imported.</item>
/// <item>Revoked rows (end == start) are left out and counted; of the rest, rows sharing (case number, product code,
/// provider, start date) are one assignment: the lowest <see cref="StackingRow.Id"/> is kept, the others counted.
/// Both counts cover all rows considered, whatever their dates; with a district filter, rows whose own postcode
/// lies in the district.</item>
/// <item>Active: start ≤ reference date and (no end or end ≥ reference date). Amount: §4 for the calendar year of the
/// reference date, valued with the price list where a row has no budget and no tariff of its own
/// (<see cref="StackingRow.AmountInYear(int, PriceList)"/>). A row without any amount counts € 0 in the tables and is
/// counted in <see cref="StackingResult.UnpricedAssignments"/> (over the population, as <see cref="StackingResult.ActiveAssignments"/>).</item>
/// <item>A client belongs to the address of its most recently started active assignment; on a tie, the smallest
/// address key (bytes compared unsigned, left to right — PostgreSQL's bytea order).</item>
/// <item>An address's postcode is the smallest postcode its active assignments name (they agree: the key hashes it).
/// The district filter keeps the addresses in the district with all their clients' assignments.</item>
/// <item>Addresses with more than <see cref="StackingOptions.InstitutionThreshold"/> clients are institutions:
/// a line of their own, left out of Table A, of the cross-law households and of the most expensive households,
/// but counted in the totals and in Table B (the council's Table B counts all inhabitants).</item>
/// <item>Top lists are ordered by count (pairs) or amount rounded to cents, descending, then by the codes or the
/// household key, so that rounding noise cannot reorder them.</item>
/// </list>
/// </summary>
public static class StackingCalculator
{
    private sealed record Placed(StackingRow Row, decimal Amount, bool Unpriced, string Client, string Household);

    /// <param name="priceList">The price list (null: none, every row without budget or own tariff has no amount).</param>
    public static StackingResult Calculate(IEnumerable<StackingRow> rows, StackingOptions options, PriceList? priceList = null)
    {
        priceList ??= PriceList.Empty;
        var year = options.Year;
        var considered = rows.Where(r => options.Law is null || r.Law == options.Law).ToList();

        var revoked = considered.Count(r => r.IsRevoked && InDistrict(options, r.Postcode4));
        var kept = new List<StackingRow>();
        var duplicates = 0;
        foreach (var same in considered.Where(r => !r.IsRevoked).GroupBy(r => (r.CaseNumber, r.ProductCode, r.ProviderAgb, r.StartDate)))
        {
            var ordered = same.OrderBy(r => r.Id).ToList();
            kept.Add(ordered[0]);
            duplicates += ordered.Skip(1).Count(r => InDistrict(options, r.Postcode4));
        }

        var active = kept.Where(r => r.IsActiveOn(options.ReferenceDate)).ToList();

        var householdOfClient = active
            .GroupBy(r => Hex(r.ClientKey))
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(r => r.StartDate).ThenBy(r => Hex(r.AddressKey), StringComparer.Ordinal).Select(r => Hex(r.AddressKey)).First());
        var postcodeOfAddress = active
            .GroupBy(r => Hex(r.AddressKey))
            .ToDictionary(g => g.Key, g => g.Select(r => r.Postcode4).Min(StringComparer.Ordinal)!);

        var placed = active
            .Select(r => (Row: r, Amount: r.AmountInYear(year, priceList)))
            .Select(r => new Placed(r.Row, r.Amount ?? 0m, r.Amount is null, Hex(r.Row.ClientKey), householdOfClient[Hex(r.Row.ClientKey)]))
            .Where(p => InDistrict(options, postcodeOfAddress[p.Household]))
            .ToList();

        var households = placed
            .GroupBy(p => p.Household)
            .Select(g => new
            {
                Household = g.Key,
                Clients = g.Select(p => p.Client).Distinct().Count(),
                Products = g.Select(p => p.Row.ProductCode).Distinct().Count(),
                Amount = g.Sum(p => p.Amount),
                CrossLaw = g.Any(p => p.Row.Law == Assignments.Law.Wmo) && g.Any(p => p.Row.Law == Assignments.Law.Jeugdwet),
            })
            .ToList();
        var homes = households.Where(h => h.Clients <= options.InstitutionThreshold).ToList();
        var institutions = households.Where(h => h.Clients > options.InstitutionThreshold).ToList();

        var clients = placed
            .GroupBy(p => p.Client)
            .Select(g => new
            {
                Products = g.GroupBy(p => p.Row.ProductCode).ToDictionary(p => p.Key, p => p.Sum(x => x.Amount), StringComparer.Ordinal),
                Amount = g.Sum(p => p.Amount),
            })
            .ToList();

        var tableA = Enumerable.Range(1, options.InstitutionThreshold)
            .Select(n => homes.Where(h => h.Clients == n).ToList())
            .Select((of, i) => new HouseholdLine(i + 1, of.Count, of.Sum(h => h.Amount)))
            .ToList();

        var tableB = Enumerable.Range(1, StackingOptions.MaxProvisionsBucket)
            .Select(n => clients.Where(c => Math.Min(c.Products.Count, StackingOptions.MaxProvisionsBucket) == n).ToList())
            .Select((of, i) => new ProvisionLine(i + 1, of.Count, of.Sum(c => c.Amount)))
            .ToList();

        var pairs = clients
            .SelectMany(c => c.Products.Keys
                .SelectMany(a => c.Products.Keys
                    .Where(b => string.CompareOrdinal(a, b) < 0)
                    .Select(b => (A: a, B: b, Amount: c.Products[a] + c.Products[b]))))
            .GroupBy(p => (p.A, p.B))
            .Select(g => new ProductPairLine(g.Key.A, g.Key.B, g.Count(), g.Sum(p => p.Amount)))
            .OrderByDescending(p => p.Clients)
            .ThenByDescending(p => Cents(p.Amount))
            .ThenBy(p => p.ProductA, StringComparer.Ordinal)
            .ThenBy(p => p.ProductB, StringComparer.Ordinal)
            .Take(StackingOptions.TopPairs)
            .ToList();

        var crossLaw = homes.Where(h => h.CrossLaw).ToList();

        var mostExpensive = homes
            .OrderByDescending(h => Cents(h.Amount))
            .ThenBy(h => h.Household, StringComparer.Ordinal)
            .Take(StackingOptions.TopHouseholds)
            .Select(h => new ExpensiveHousehold(h.Household, h.Clients, h.Products, h.Amount))
            .ToList();

        return new StackingResult(
            options.ReferenceDate,
            revoked,
            duplicates,
            placed.Count,
            clients.Count,
            placed.Sum(p => p.Amount),
            tableA,
            new InstitutionLine(institutions.Count, institutions.Sum(h => h.Clients), institutions.Sum(h => h.Amount)),
            tableB,
            pairs,
            new CrossLawLine(crossLaw.Count, crossLaw.Sum(h => h.Amount)),
            mostExpensive,
            placed.Count(p => p.Unpriced));
    }

    /// <summary>The pseudonymous key as lowercase hex: the household id shown, and (compared ordinally) the same
    /// order as PostgreSQL gives the bytes.</summary>
    public static string Hex(byte[] key) => Convert.ToHexStringLower(key);

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static bool InDistrict(StackingOptions options, string postcode4) =>
        options.DistrictPostcodes is null || options.DistrictPostcodes.Contains(postcode4);
}
