using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Municipalities;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Infrastructure.Overview;

/// <summary>The figures of the Overzicht page, all read from the database.</summary>
public sealed record OverviewFigures(
    MunicipalitySummary? Municipality,
    BudgetTable? LastActualYear,
    int? ForecastYear,
    IReadOnlyList<ScenarioDeficit> ForecastDeficits,
    decimal? PrudenceMargin);

public sealed class OverviewService(IDbContextFactory<AppDbContext> contexts, MunicipalityService municipalities, BudgetService budgets, ScenarioService scenarios)
{
    public async Task<OverviewFigures> GetAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var municipality = await municipalities.CurrentAsync(ct);
        var lastActualYear = await db.BudgetLineYears.Where(y => y.Actual != null).MaxAsync(y => (int?)y.Year, ct);
        var table = lastActualYear is { } year ? await budgets.TableAsync(year, ct) : null;

        // The coming year: the first forecast year after the last year with actuals.
        var deficits = await scenarios.DeficitsAsync(ct);
        var forecastYear = deficits.Where(d => lastActualYear is null || d.Year > lastActualYear).Select(d => (int?)d.Year).Min();
        var margin = forecastYear is null ? null
            : await db.PrudenceMargins.Where(p => p.Year == forecastYear).Select(p => (decimal?)p.Amount).FirstOrDefaultAsync(ct);

        return new OverviewFigures(
            municipality,
            table,
            forecastYear,
            deficits.Where(d => d.Year == forecastYear).ToList(),
            margin);
    }
}
