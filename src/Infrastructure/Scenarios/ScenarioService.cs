using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Scenarios;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Scenarios;

/// <summary>A saved custom scenario: its name, who saved it and when, and its measures with their shift in years.</summary>
public sealed record CustomScenarioSummary(string Name, string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<(string Code, int ShiftYears)> Measures);

/// <summary>
/// The scenario figures as the pages and the API read them: the stored set (<see cref="ScenarioFigureStore"/>), and
/// the custom scenarios (eigen scenario's) people saved. A custom scenario is a choice of measures; its deficits are
/// computed from the stored figures when shown (<see cref="ScenarioFigures.CustomDeficits"/>), so it never changes
/// the four scenarios of the plan and always agrees with them.
/// </summary>
public sealed class ScenarioService(IDbContextFactory<AppDbContext> contexts, ScenarioFigureStore store, TimeProvider clock)
{
    public const int MaxShiftYears = 10;

    public Task<StoredScenarioFigures> GetAsync(CancellationToken ct = default) => store.ReadAsync(ct);

    /// <summary>The deficit of every scenario in every year that has a baseline forecast (docs/domain.md §8), from the
    /// stored figures.</summary>
    public async Task<IReadOnlyList<ScenarioDeficit>> DeficitsAsync(CancellationToken ct = default)
    {
        var figures = (await store.ReadAsync(ct)).Figures;
        return figures.Scenarios
            .SelectMany(s => figures.Years.Select((year, i) => new ScenarioDeficit(s.Rank, s.Name, year, s.Deficits[i], s.Indicative, s.PmMeasures[i])))
            .ToList();
    }

    public async Task<IReadOnlyList<CustomScenarioSummary>> CustomScenariosAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.CustomScenarios.AsNoTracking().Include(c => c.Measures).OrderBy(c => c.Name).ToListAsync(ct))
            .Select(c => new CustomScenarioSummary(c.Name, c.CreatedBy, c.CreatedAt,
                c.Measures.OrderBy(m => MeasureCodes.SortKey(m.Code)).Select(m => (m.Code, m.ShiftYears)).ToList()))
            .ToList();
    }

    /// <summary>Saves a custom scenario under a name; <paramref name="replace"/> overwrites one of the same name.</summary>
    public async Task<ChangeResult> SaveCustomAsync(string? name, IReadOnlyList<(string Code, int ShiftYears)> measures, bool replace, string user,
        CancellationToken ct = default)
    {
        name = name?.Trim() ?? "";
        var errors = new Dictionary<string, string>();
        if (name.Length is 0 or > 100)
        {
            errors["name"] = name.Length == 0 ? "Geef het scenario een naam." : "De naam is hoogstens 100 tekens.";
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var scenarioNames = await db.Scenarios.Select(s => s.Name).ToListAsync(ct);
        if (scenarioNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors["name"] = $"'{name}' is een scenario uit het plan; kies een andere naam.";
        }

        var known = await db.Measures.Where(m => m.RetiredAt == null).Select(m => m.Code).ToListAsync(ct);
        foreach (var (code, shift) in measures)
        {
            if (!known.Contains(code))
            {
                errors["measures"] = $"Maatregel {code} bestaat niet of is ingetrokken.";
            }
            else if (shift is < 0 or > MaxShiftYears)
            {
                errors["measures"] = $"Maatregel {code} kan 0 tot {MaxShiftYears} jaar later starten.";
            }
        }

        if (measures.Select(m => m.Code).Distinct().Count() != measures.Count)
        {
            errors["measures"] = "Een maatregel staat twee keer in het scenario.";
        }

        var existing = await db.CustomScenarios.Include(c => c.Measures).FirstOrDefaultAsync(c => c.Name == name, ct);
        if (existing is not null && !replace && errors.Count == 0)
        {
            errors["name"] = $"Er is al een eigen scenario '{name}'. Kies een andere naam of vervang het.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        if (existing is not null)
        {
            db.CustomScenarios.Remove(existing);
        }

        db.CustomScenarios.Add(new CustomScenario
        {
            Name = name,
            CreatedBy = user,
            CreatedAt = clock.GetUtcNow(),
            Measures = measures.Select(m => new CustomScenarioMeasure { Code = m.Code, ShiftYears = m.ShiftYears }).ToList(),
        });
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.CustomScenarioSaved, $"Eigen scenario {name}",
            string.Join(", ", measures.Select(m => m.ShiftYears == 0 ? m.Code : $"{m.Code} (+{m.ShiftYears} jr)")));
        return await Edits.TrySaveAsync(db, ct) ? ChangeResult.Done : ChangeResult.Conflict($"Het eigen scenario '{name}' werd tegelijk door iemand anders opgeslagen.");
    }

    public async Task<ChangeResult> DeleteCustomAsync(string name, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.CustomScenarios.FirstOrDefaultAsync(c => c.Name == name, ct);
        if (existing is null)
        {
            return ChangeResult.NotFound($"Er is geen eigen scenario '{name}'.");
        }

        db.CustomScenarios.Remove(existing);
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.CustomScenarioDeleted, $"Eigen scenario {name}");
        return await Edits.TrySaveAsync(db, ct) ? ChangeResult.Done : ChangeResult.NotFound($"Er is geen eigen scenario '{name}' meer.");
    }
}
