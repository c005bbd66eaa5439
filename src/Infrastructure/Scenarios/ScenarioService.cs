using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Scenarios;

public sealed class ScenarioService(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The deficit of every scenario in every year that has a baseline forecast (docs/domain.md §8).</summary>
    public async Task<IReadOnlyList<ScenarioDeficit>> DeficitsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var baseline = await db.DeficitComponents
            .GroupBy(c => c.Year)
            .Select(g => new { Year = g.Key, Amount = g.Sum(c => c.Amount) })
            .ToDictionaryAsync(x => x.Year, x => x.Amount, ct);
        var scenarios = await db.Scenarios
            .Select(s => new ScenarioInput(s.Id, s.Rank, s.Name, s.IsIndicative))
            .ToListAsync(ct);
        var measures = await db.MeasureYears
            .Join(db.Measures, y => y.MeasureId, m => m.Id, (y, m) => new { y, m })
            .Select(x => new MeasureInput(x.m.Code, x.m.FirstScenario!.Rank, x.y.Year, x.y.Yield, x.y.ImplementationCost))
            .ToListAsync(ct);
        return ScenarioCalculator.Calculate(baseline, scenarios, measures);
    }
}
