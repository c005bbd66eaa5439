using Microsoft.EntityFrameworkCore;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Municipalities;

public sealed record MunicipalitySummary(string Name, bool IsDemo, int? Inhabitants, int? InhabitantsYear);

public sealed class MunicipalityService(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The municipality using the product with its latest inhabitant count; null before any data exists.</summary>
    public async Task<MunicipalitySummary?> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CurrentMunicipality
            .Select(m => new MunicipalitySummary(
                m.Name,
                m.IsDemo,
                m.Populations.OrderByDescending(p => p.Year).Select(p => (int?)p.Inhabitants).FirstOrDefault(),
                m.Populations.OrderByDescending(p => p.Year).Select(p => (int?)p.Year).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
    }
}
