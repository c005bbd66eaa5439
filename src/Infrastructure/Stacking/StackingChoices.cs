using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Stacking;

/// <summary>What the Stapeling page offers to choose from: the districts, and the reference date it opens on.</summary>
public sealed class StackingChoices(IDbContextFactory<AppDbContext> contexts, StackingService stacking)
{
    /// <summary>District names, alphabetically.</summary>
    public async Task<IReadOnlyList<string>> DistrictsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Districts.OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(ct);
    }

    /// <summary>1 November of the latest year in which an assignment starts (as the council chose); without
    /// assignments the latest stored reference date; without either, null.</summary>
    public async Task<DateOnly?> DefaultReferenceDateAsync(CancellationToken ct = default)
    {
        if (await stacking.DefaultReferenceDateAsync(ct) is { } date)
        {
            return date;
        }

        var stored = await stacking.StoredReferenceDatesAsync(ct);
        return stored.Count > 0 ? stored[^1] : null;
    }
}
