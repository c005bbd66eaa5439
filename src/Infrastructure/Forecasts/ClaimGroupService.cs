using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Assignments;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>A budget line with the claims linked to it: <see cref="Law"/> null and no categories when unlinked;
/// <see cref="Version"/> null while it never had a link (name none when setting it), otherwise the version to name.</summary>
public sealed record ClaimGroupSummary(string Code, string Name, BudgetDomain Domain, Law? Law, IReadOnlyList<string> ProductCategories, int? Version)
{
    public bool IsLinked => ProductCategories.Count > 0;
}

/// <summary>
/// Which claims (law and product categories) belong to which budget line (docs/domain.md §7), edited by Controller and
/// Beheerder (policy Financieel). A change names the version it read (a stale one is a conflict, nothing stored), a
/// (law, category) already linked to another line is refused, and every change is in the audit log (before → after)
/// in the same save.
/// </summary>
public sealed partial class ClaimGroupService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Every budget line with its link, in domain and sort order.</summary>
    public async Task<IReadOnlyList<ClaimGroupSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lines = await db.BudgetLines.AsNoTracking().OrderBy(l => l.Domain).ThenBy(l => l.SortOrder).ThenBy(l => l.Code)
            .Select(l => new { l.Id, l.Code, l.Name, l.Domain }).ToListAsync(ct);
        var groups = await db.ClaimGroups.AsNoTracking().Include(g => g.Categories).ToDictionaryAsync(g => g.BudgetLineId, ct);
        return lines.Select(l => groups.TryGetValue(l.Id, out var g)
                ? new ClaimGroupSummary(l.Code, l.Name, l.Domain, g.Categories.Count > 0 ? g.Law : null, Sorted(g), g.Version)
                : new ClaimGroupSummary(l.Code, l.Name, l.Domain, null, [], null))
            .ToList();
    }

    /// <summary>
    /// Links a line to the claims of <paramref name="law"/> (Wmo, Jeugdwet, Participatiewet) with the given product
    /// categories (two digits each, e.g. "45"); no categories unlinks it (the law may then be empty). Names the version
    /// it read: null while the line never had a link.
    /// </summary>
    public async Task<ChangeResult> SetAsync(
        string code, string? law, IEnumerable<string?>? productCategories, int? expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = code.Trim().ToLower();
        var line = await db.BudgetLines.FirstOrDefaultAsync(l => l.Code.ToLower() == trimmed, ct);
        if (line is null)
        {
            return ChangeResult.NotFound($"Er is geen begrotingspost met code '{code}'.");
        }

        var errors = new Dictionary<string, string>();
        var categories = (productCategories ?? []).Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (categories.Any(c => !CategoryPattern().IsMatch(c)))
        {
            errors["productCategories"] = "Een productcategorie is twee cijfers, zoals 45 (jeugdhulp) of 02 (begeleiding).";
        }

        Law? parsedLaw = null;
        if (!string.IsNullOrWhiteSpace(law))
        {
            parsedLaw = Enum.GetValues<Law>().Select(l => (Law?)l)
                .FirstOrDefault(l => string.Equals(l.ToString(), law.Trim(), StringComparison.OrdinalIgnoreCase));
            if (parsedLaw is null)
            {
                errors["law"] = $"Kies de wet: {string.Join(", ", Enum.GetValues<Law>())}.";
            }
        }
        else if (categories.Count > 0)
        {
            errors["law"] = $"Kies de wet van de declaraties: {string.Join(", ", Enum.GetValues<Law>())}.";
        }

        var group = await db.ClaimGroups.Include(g => g.Categories).FirstOrDefaultAsync(g => g.BudgetLineId == line.Id, ct);
        if (errors.Count == 0 && parsedLaw is { } l0 && categories.Count > 0)
        {
            var taken = await db.ClaimGroupCategories
                .Where(c => c.Law == l0 && categories.Contains(c.ProductCategory) && c.BudgetLineId != line.Id)
                .Join(db.BudgetLines, c => c.BudgetLineId, b => b.Id, (c, b) => new { c.ProductCategory, b.Code, b.Name })
                .OrderBy(c => c.ProductCategory).ToListAsync(ct);
            if (taken.Count > 0)
            {
                errors["productCategories"] = string.Join(" ", taken.Select(t =>
                    $"Productcategorie {t.ProductCategory} ({l0}) is al gekoppeld aan {t.Code} {t.Name}; een declaratie telt maar bij één post."));
            }
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        if (group is null != expectedVersion is null || (group is not null && group.Version != expectedVersion))
        {
            return ChangeResult.Conflict($"De koppeling van post {line.Code} aan declaraties is intussen door iemand anders gewijzigd. " +
                "Uw wijziging is niet opgeslagen; laad haar opnieuw.");
        }

        var before = group is null ? "geen" : Describe(group.Categories.Count > 0 ? group.Law : null, Sorted(group));
        var after = Describe(categories.Count > 0 ? parsedLaw : null, categories);
        if (before == after)
        {
            return ChangeResult.Done;
        }

        if (group is null)
        {
            group = db.ClaimGroups.Add(new ClaimGroup { BudgetLineId = line.Id, Version = 0 }).Entity;
        }

        group.Law = parsedLaw ?? group.Law;
        group.Version++;
        db.ClaimGroupCategories.RemoveRange(group.Categories.Where(c => c.Law != group.Law || !categories.Contains(c.ProductCategory)));
        foreach (var category in categories.Where(c => !group.Categories.Any(k => k.Law == group.Law && k.ProductCategory == c)))
        {
            group.Categories.Add(new ClaimGroupCategory { BudgetLineId = line.Id, Law = group.Law, ProductCategory = category });
        }

        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.ClaimGroupChanged, BudgetLineService.Subject(line.Code, line.Name),
            $"Declaraties: {before} → {after}");
        Analysis.InputChanges.Add(db, clock.GetUtcNow(), $"declaratiekoppeling {line.Code}", Analysis.StoredAnalysis.Forecasts);
        return await Edits.TrySaveAsync(db, ct)
            ? ChangeResult.Done
            : ChangeResult.Conflict($"Iemand anders wijzigde tegelijk de koppeling van post {line.Code} of koppelde dezelfde productcategorie. " +
                "Er is niets opgeslagen; laad de koppeling opnieuw.");
    }

    /// <summary>"Jeugdwet 43, 40" or "geen".</summary>
    public static string Describe(Law? law, IReadOnlyList<string> categories) =>
        law is { } l && categories.Count > 0 ? $"{l} {string.Join(", ", categories)}" : "geen";

    private static List<string> Sorted(ClaimGroup group) =>
        group.Categories.Select(c => c.ProductCategory).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^\d{2}$")]
    private static partial Regex CategoryPattern();
}
