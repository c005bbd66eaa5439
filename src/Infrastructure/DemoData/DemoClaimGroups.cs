using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.DemoData;

/// <summary>
/// The demo's link of Bijlage 1's lines to the product categories of the demo claims (<see cref="DemoAssignments"/>'s
/// products; docs/domain.md §7): the obvious ones. Eigen bijdrage, reserve mutations, Opvang, Overig Wmo, PGB Jeugd,
/// Veilig Thuis, Jeugd lokaal, Participatie, SW, Bijstand and Armoede have no claims and stay unlinked (linear only).
/// </summary>
internal static class DemoClaimGroups
{
    public static readonly IReadOnlyList<(string Code, Law Law, string[] Categories)> Links =
    [
        ("BW-01", Law.Wmo, ["15"]),         // Beschermd wonen
        ("WMO-01", Law.Wmo, ["07"]),        // Dagbesteding
        ("WMO-03", Law.Wmo, ["01"]),        // Huishoudelijke hulp
        ("WMO-04", Law.Wmo, ["02", "03"]),  // Individuele begeleiding: begeleiding and persoonlijke verzorging
        ("WMO-05", Law.Wmo, ["06"]),        // Individuele voorzieningen (hulpmiddelen)
        ("JGD-01", Law.Jeugdwet, ["54"]),   // Jeugd-GGZ
        ("JGD-02", Law.Jeugdwet, ["40", "43"]), // Jeugd en opvoeding: dyslexie, verblijf
        ("JGD-03", Law.Jeugdwet, ["45"]),   // LVB (with ambulant youth care: one category)
    ];

    /// <summary>Adds the links for the lines that exist; returns whether it added any.</summary>
    public static async Task<bool> AddAsync(AppDbContext db, CancellationToken ct)
    {
        var codes = Links.Select(l => l.Code).ToList();
        var lines = await db.BudgetLines.Where(l => codes.Contains(l.Code)).ToDictionaryAsync(l => l.Code, l => l.Id, ct);
        foreach (var (code, law, categories) in Links.Where(l => lines.ContainsKey(l.Code)))
        {
            db.ClaimGroups.Add(new ClaimGroup
            {
                BudgetLineId = lines[code], Law = law, Version = 1,
                Categories = categories.Select(c => new ClaimGroupCategory { BudgetLineId = lines[code], Law = law, ProductCategory = c }).ToList(),
            });
        }

        await db.SaveChangesAsync(ct);
        return lines.Count > 0;
    }
}
