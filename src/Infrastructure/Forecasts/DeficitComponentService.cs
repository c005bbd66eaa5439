using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Infrastructure.Forecasts;

public sealed record DeficitComponentRow(int Id, int Year, string Name, DeficitComponentKind Kind, decimal Amount, string? Note, int SortOrder, int Version);

public sealed record YearAmount(int Year, decimal Amount);

/// <summary>What the baseline is made of: the components per year, the prudence margin per year and the hand-entered
/// target path of each indicative scenario.</summary>
public sealed record PrognosisInputs(
    IReadOnlyList<DeficitComponentRow> Components,
    IReadOnlyList<YearAmount> PrudenceMargins,
    IReadOnlyDictionary<string, IReadOnlyList<YearAmount>> IndicativePaths);

/// <summary>A new component: a name, a kind and an amount for each year it has one in (deficits negative).</summary>
public sealed record DeficitComponentDraft(string? Name, DeficitComponentKind Kind, string? Note, IReadOnlyList<YearAmount>? Amounts);

/// <summary>
/// The multi-year prognosis as controllers edit it (docs/domain.md §7): deficit components per year, the prudence
/// margin and the indicative target paths. Every change needs a reason, is written with its audit entry (before →
/// after, reason) and an input change in one transaction, and queues the scenario recompute. A component edit names
/// the version it read; a margin or path edit the amount it saw. A change made by someone else in between is never
/// overwritten.
/// </summary>
public sealed class DeficitComponentService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IBackgroundJobClient jobs)
{
    public async Task<PrognosisInputs> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var components = await db.DeficitComponents.AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ThenBy(c => c.Year)
            .Select(c => new DeficitComponentRow(c.Id, c.Year, c.Name, c.Kind, c.Amount, c.Note, c.SortOrder, c.Version))
            .ToListAsync(ct);
        var margins = await db.PrudenceMargins.OrderBy(p => p.Year).Select(p => new YearAmount(p.Year, p.Amount)).ToListAsync(ct);
        var paths = await db.ScenarioPathYears
            .Join(db.Scenarios, p => p.ScenarioId, s => s.Id, (p, s) => new { s.Name, p.Year, p.Deficit })
            .OrderBy(p => p.Year)
            .ToListAsync(ct);
        return new PrognosisInputs(
            components,
            margins,
            paths.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => (IReadOnlyList<YearAmount>)g.Select(p => new YearAmount(p.Year, p.Deficit)).ToList()));
    }

    /// <summary>Sets a component's amount and note.</summary>
    public async Task<ChangeResult> UpdateAsync(int id, decimal amount, string? note, string? reason, int expectedVersion, string user, CancellationToken ct = default)
    {
        var errors = Check(amount, "amount", reason);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 1000 })
        {
            errors["note"] = "De toelichting is hoogstens 1000 tekens.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var component = await db.DeficitComponents.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (component is null)
        {
            return ChangeResult.NotFound("Deze tekortcomponent bestaat niet (meer).");
        }

        if (component.Version != expectedVersion)
        {
            return Stale(component);
        }

        if (component.Amount == amount && component.Note == note)
        {
            return ChangeResult.Done;
        }

        var details = $"{MeasureService.Money(component.Amount)} → {MeasureService.Money(amount)}"
            + (component.Note != note ? $"; toelichting: {component.Note ?? "(leeg)"} → {note ?? "(leeg)"}" : "")
            + $"; reden: {reason!.Trim()}";
        component.Amount = amount;
        component.Note = note;
        component.Version++;
        Changed(db, user, $"Tekortcomponent {component.Name} {component.Year}", details);
        return await SaveAsync(db, ct) ?? Stale(component);
    }

    /// <summary>Adds a component (one row per year given).</summary>
    public async Task<ChangeResult> AddAsync(DeficitComponentDraft draft, string? reason, string user, CancellationToken ct = default)
    {
        var errors = Check(0m, "amount", reason);
        var name = draft.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = name.Length == 0 ? "Geef de component een naam." : "De naam is hoogstens 200 tekens.";
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            errors["kind"] = "Kies het soort component.";
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await MeasureService.PeriodAsync(db, ct);
        var amounts = draft.Amounts ?? [];
        if (amounts.Count == 0)
        {
            errors["amounts"] = "Geef voor minstens één jaar een bedrag.";
        }

        for (var i = 0; i < amounts.Count; i++)
        {
            if (period is not null && !period.Contains(amounts[i].Year) && amounts[i].Year != period.LastYear + 1)
            {
                errors[$"amounts[{i}].year"] = $"{amounts[i].Year} sluit niet aan op de prognoseperiode {period}.";
            }
            else if (amounts.Take(i).Any(a => a.Year == amounts[i].Year))
            {
                errors[$"amounts[{i}].year"] = $"{amounts[i].Year} staat twee keer in de bedragen.";
            }

            if (!IsAmount(amounts[i].Amount))
            {
                errors[$"amounts[{i}].amount"] = $"Het bedrag voor {amounts[i].Year} is geen geldig bedrag (euro's, hoogstens twee decimalen).";
            }
        }

        if (errors.Count == 0 && await db.DeficitComponents.AnyAsync(c => c.Name == name, ct))
        {
            errors["name"] = $"Er is al een component '{name}'. Wijzig die, of kies een andere naam.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var sortOrder = (await db.DeficitComponents.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1;
        var note = string.IsNullOrWhiteSpace(draft.Note) ? null : draft.Note.Trim();
        foreach (var amount in amounts)
        {
            db.DeficitComponents.Add(new DeficitComponent { Year = amount.Year, Name = name, Kind = draft.Kind, Amount = amount.Amount, Note = note, SortOrder = sortOrder });
        }

        Changed(db, user, $"Tekortcomponent {name} toegevoegd",
            $"{draft.Kind.DutchName()}; {string.Join(", ", amounts.OrderBy(a => a.Year).Select(a => $"{a.Year}: {MeasureService.Money(a.Amount)}"))}; reden: {reason!.Trim()}");
        return await SaveAsync(db, ct) ?? ChangeResult.Invalid("name", $"Er is intussen al een component '{name}' toegevoegd.");
    }

    /// <summary>Sets the prudence margin of a year. <paramref name="expected"/> is the amount the user saw (null: none).</summary>
    public async Task<ChangeResult> SetMarginAsync(int year, decimal amount, decimal? expected, string? reason, string user, CancellationToken ct = default)
    {
        var errors = Check(amount, "amount", reason);
        if (amount < 0)
        {
            errors["amount"] = "De behoedzaamheidsmarge is 0 of meer.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var margin = await db.PrudenceMargins.FirstOrDefaultAsync(p => p.Year == year, ct);
        if (margin?.Amount != expected)
        {
            return ChangeResult.Conflict($"De behoedzaamheidsmarge van {year} is intussen door iemand anders gewijzigd (nu {MeasureService.Money(margin?.Amount ?? 0)}). Uw wijziging is niet opgeslagen.");
        }

        if (margin is null)
        {
            db.PrudenceMargins.Add(new Domain.Scenarios.PrudenceMargin { Year = year, Amount = amount });
        }
        else
        {
            margin.Amount = amount;
        }

        Changed(db, user, $"Behoedzaamheidsmarge {year}", $"{MeasureService.Money(expected ?? 0)} → {MeasureService.Money(amount)}; reden: {reason!.Trim()}");
        return await SaveSerializableAsync(db, transaction, $"De behoedzaamheidsmarge van {year} werd tegelijk door iemand anders gewijzigd.", ct);
    }

    /// <summary>Sets a year of an indicative scenario's target path (the deficit it aims at).</summary>
    public async Task<ChangeResult> SetPathAsync(string scenario, int year, decimal deficit, decimal? expected, string? reason, string user, CancellationToken ct = default)
    {
        var errors = Check(deficit, "amount", reason);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var target = await db.Scenarios.FirstOrDefaultAsync(s => s.Name == scenario && s.IsIndicative, ct);
        if (target is null)
        {
            return ChangeResult.Invalid("scenario", $"'{scenario}' is geen indicatief scenario; alleen het pad van een indicatief scenario wordt met de hand ingevoerd.");
        }

        var period = await MeasureService.PeriodAsync(db, ct);
        if (period is null || !period.Contains(year))
        {
            return ChangeResult.Invalid("year", $"{year} valt buiten de prognoseperiode{(period is null ? "" : " " + period)}.");
        }

        var row = await db.ScenarioPathYears.FirstOrDefaultAsync(p => p.ScenarioId == target.Id && p.Year == year, ct);
        if ((row?.Deficit ?? 0m) != (expected ?? 0m))
        {
            return ChangeResult.Conflict($"Het pad van {target.Name} in {year} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen.");
        }

        if (row is null)
        {
            db.ScenarioPathYears.Add(new Domain.Scenarios.ScenarioPathYear { ScenarioId = target.Id, Year = year, Deficit = deficit });
        }
        else
        {
            row.Deficit = deficit;
        }

        Changed(db, user, $"Pad {target.Name} {year}", $"{MeasureService.Money(row?.Deficit ?? 0)} → {MeasureService.Money(deficit)}; reden: {reason!.Trim()}");
        return await SaveSerializableAsync(db, transaction, $"Het pad van {target.Name} in {year} werd tegelijk door iemand anders gewijzigd.", ct);
    }

    /// <summary>The name of the component that holds the budget mutations approved after the prognosis was adopted.</summary>
    public const string BudgetChangesName = "Begrotingswijzigingen na vaststelling";

    /// <summary>
    /// Brings the component <see cref="BudgetChangesName"/> up to date with a mutation being approved in the caller's
    /// transaction (docs/domain.md §6–7): per prognosis year the sum of the approved mutations that apply to it and were
    /// approved after the day the prognosis was adopted (<c>Municipality.PrognosisAdoptedOn</c>). A raised budget makes
    /// the deficit smaller, so the amounts count as they are. Returns whether the prognosis changed.
    /// </summary>
    internal static async Task<bool> SyncBudgetChangesAsync(AppDbContext db, Domain.Budgets.BudgetMutation approved, CancellationToken ct)
    {
        var period = await MeasureService.PeriodAsync(db, ct);
        var adoptedOn = await db.CurrentMunicipality.Select(m => m.PrognosisAdoptedOn).FirstOrDefaultAsync(ct);
        DateTimeOffset? after = adoptedOn is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue).AddDays(1), TimeSpan.Zero) : null;
        if (period is null || !period.Years.Any(approved.AppliesTo) || (after is not null && approved.DecidedAt < after))
        {
            return false;
        }

        var counted = await db.BudgetMutations
            .Where(m => m.Status == Domain.Budgets.MutationStatus.Approved && m.Id != approved.Id && (after == null || m.DecidedAt >= after))
            .Select(m => new { m.Year, m.Amount, m.Structural })
            .ToListAsync(ct);
        var mutations = counted.Select(m => (m.Year, m.Amount, m.Structural)).Append((approved.Year, approved.Amount, approved.Structural)).ToList();
        var existing = await db.DeficitComponents.Where(c => c.Name == BudgetChangesName).ToDictionaryAsync(c => c.Year, ct);
        var sortOrder = existing.Values.FirstOrDefault()?.SortOrder ?? (await db.DeficitComponents.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 1;
        foreach (var year in period.Years)
        {
            var amount = mutations.Where(m => m.Structural ? year >= m.Year : year == m.Year).Sum(m => m.Amount);
            if (existing.TryGetValue(year, out var component))
            {
                component.Amount = amount;
                component.Version++;
            }
            else
            {
                db.DeficitComponents.Add(new DeficitComponent
                {
                    Year = year, Name = BudgetChangesName, Kind = DeficitComponentKind.BudgetChange, Amount = amount, SortOrder = sortOrder,
                    Note = "Goedgekeurde begrotingsmutaties na vaststelling van de prognose; bijgehouden door de module Begroting.",
                });
            }
        }

        return true;
    }

    private static Dictionary<string, string> Check(decimal amount, string field, string? reason)
    {
        var errors = new Dictionary<string, string>();
        if (!IsAmount(amount))
        {
            errors[field] = "Dit is geen geldig bedrag (euro's, hoogstens twee decimalen, kleiner dan een miljard).";
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = "Geef een reden voor de wijziging; die komt in het auditlog.";
        }
        else if (reason.Trim().Length > 500)
        {
            errors["reason"] = "De reden is hoogstens 500 tekens.";
        }

        return errors;
    }

    private static bool IsAmount(decimal value) => Math.Abs(value) <= MeasureService.MaxAmount && decimal.Round(value, 2) == value;

    private static ChangeResult Stale(DeficitComponent component) =>
        ChangeResult.Conflict($"{component.Name} {component.Year} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; laad de prognose opnieuw.");

    private void Changed(AppDbContext db, string user, string subject, string details)
    {
        var now = clock.GetUtcNow();
        AuditLog.Add(db, now, user, AuditAction.PrognosisChanged, subject, details);
        Analysis.InputChanges.Add(db, now, subject.ToLowerInvariant(), Analysis.StoredAnalysis.Scenarios);
    }

    private Task<ChangeResult?> SaveAsync(AppDbContext db, CancellationToken ct) => ScenarioRecomputeJob.SaveAndQueueAsync(db, jobs, ct);

    private async Task<ChangeResult> SaveSerializableAsync(AppDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (Edits.IsConcurrent(ex) || Edits.IsConcurrent(ex.InnerException))
        {
            return ChangeResult.Conflict(conflict + " Uw wijziging is niet opgeslagen.");
        }

        ScenarioRecomputeJob.Enqueue(jobs);
        return ChangeResult.Done;
    }
}
