using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Providers;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// Synthetic budget ceilings for six demo providers, 2018 and 2019, set from the stored demo claims so that the story holds
/// whatever the claims come to: in 2019 (a year in progress, claims to September) exactly one provider, the fast-growing
/// GGZ provider Ambulant Plus, has passed the 70 % warning level and is projected to reach its ceiling in December;
/// the others stay well under it. Amounts are rounded to € 1.000, as a contract would state them.
/// </summary>
internal static class DemoCeilings
{
    /// <summary>The provider that passes 70 % in 2019.</summary>
    public const string Passing = "75750015";

    /// <summary>(AGB, law, product, ceiling ÷ the year's approved claims for 2018, the same ÷ the projection for 2019).</summary>
    private static readonly (string Agb, Law? Law, string? Product, decimal Of2018, decimal Of2019)[] Ceilings =
    [
        (Passing, null, null, 0.99m, 0.97m),               // Ambulant Plus: just over in 2018, heading over in 2019
        ("75750007", Law.Jeugdwet, null, 1.05m, 1.25m),    // Jeugd-GGZ Overijssel, youth care only
        ("75750003", null, null, 1.08m, 1.30m),            // Begeleiding Vechtdal
        ("75750011", null, null, 1.03m, 1.20m),            // Kindplein Zuid
        ("75750009", Law.Wmo, "01A01", 1.10m, 1.35m),      // Huishoudhulp Stadshagen, household help only
        ("75750018", null, null, 1.02m, 1.18m),            // Het Anker
    ];

    /// <summary>Adds the ceilings; returns how many.</summary>
    public static async Task<int> AddAsync(AppDbContext db, CancellationToken ct)
    {
        var approved = db.Claims.Where(c => c.Status == ClaimStatus.Approved);
        // As of the latest service day of the approved claims of 2019 (the shared rule of the ceilings engineer); the demo's
        // claims are monthly, so a claim of 2019 lies wholly before it.
        var asOf = await approved.Where(c => c.PeriodEnd.Year == 2019).MaxAsync(c => (DateOnly?)c.PeriodEnd, ct) ?? new DateOnly(2019, 12, 31);
        var elapsed = asOf.DayNumber - new DateOnly(2019, 1, 1).DayNumber + 1;
        var added = 0;
        foreach (var (agb, law, product, of2018, of2019) in Ceilings)
        {
            var claims = approved.Where(c => c.ProviderAgb == agb && (law == null || c.Law == law) && (product == null || c.ProductCode == product));
            var spent2018 = await claims.Where(c => c.PeriodStart.Year == 2018).SumAsync(c => c.Amount, ct);
            var spent2019 = await claims.Where(c => c.PeriodStart.Year == 2019 && c.PeriodEnd <= asOf).SumAsync(c => c.Amount, ct);
            var projection = spent2019 * 365 / elapsed;
            foreach (var (year, amount) in new[] { (2018, spent2018 * of2018), (2019, projection * of2019) })
            {
                db.BudgetCeilings.Add(new BudgetCeiling
                {
                    ProviderAgb = agb, Year = year, Law = law, ProductCode = product,
                    Amount = Math.Max(1_000m, Math.Round(amount / 1_000m, MidpointRounding.AwayFromZero) * 1_000m),
                });
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}
