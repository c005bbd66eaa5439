using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Budgets;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Forecasts;
using SociaalDomein.Infrastructure.Persistence;
using SociaalDomein.Infrastructure.Scenarios;

namespace SociaalDomein.Infrastructure.Budgets;

/// <summary>A mutation as a controller enters it; kind by its code (<c>berap1</c>) or Dutch name.</summary>
public sealed record MutationDraft(string? LineCode, int Year, decimal Amount, string? Kind, bool Structural, string? Reason);

public sealed record MutationSummary(
    int Id, string LineCode, string Line, int Year, decimal Amount, MutationKind Kind, bool Structural, string Reason, MutationStatus Status,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason,
    int Version);

/// <summary>
/// Budget mutations (docs/domain.md §6): entered as concept, submitted, then approved or rejected by another controller
/// (four eyes: never by their author). Only a concept can be edited; an approved mutation is never changed, a new one
/// corrects it. A closed year takes no mutation. Every step is checked first (Dutch messages per field, nothing stored
/// otherwise), names the version it read (a stale one is a conflict) and is written with its audit entry. Approving
/// keeps the prognosis component "Begrotingswijzigingen na vaststelling" up to date in the same transaction and queues
/// the scenario recompute.
/// </summary>
public sealed class MutationService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IBackgroundJobClient jobs)
{
    public async Task<IReadOnlyList<MutationSummary>> ListAsync(MutationStatus? status = null, string? lineCode = null, int? year = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.BudgetMutations.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(lineCode))
        {
            query = query.Where(m => m.BudgetLine!.Code == lineCode.Trim());
        }

        if (year is { } y)
        {
            query = query.Where(m => m.Year == y || (m.Structural && m.Year < y));
        }

        return await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new MutationSummary(m.Id, m.BudgetLine!.Code, m.BudgetLine.Name, m.Year, m.Amount, m.Kind, m.Structural, m.Reason, m.Status,
                m.CreatedBy, m.CreatedAt, m.SubmittedAt, m.DecidedBy, m.DecidedAt, m.DecisionReason, m.Version))
            .ToListAsync(ct);
    }

    /// <summary>How many mutations wait for approval (the count in the menu).</summary>
    public async Task<int> PendingCountAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.BudgetMutations.CountAsync(m => m.Status == MutationStatus.Submitted, ct);
    }

    public static string Subject(int id) => $"Begrotingsmutatie {id}:";

    public async Task<(ChangeResult Result, int? Id)> CreateAsync(MutationDraft draft, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (valid, errors) = await ValidateAsync(db, draft, ct);
        if (valid is null)
        {
            return (ChangeResult.Invalid(errors), null);
        }

        var mutation = new BudgetMutation
        {
            BudgetLineId = valid.Line.Id, Year = draft.Year, Amount = draft.Amount, Kind = valid.Kind, Structural = draft.Structural,
            Reason = valid.Reason, CreatedBy = user, CreatedAt = clock.GetUtcNow(), Version = 1,
        };
        db.BudgetMutations.Add(mutation);
        await db.SaveChangesAsync(ct); // the id names the mutation in its audit entry
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetMutationChanged, $"{Subject(mutation.Id)} {valid.Line.Name} {draft.Year}",
            $"Aangemaakt (concept): {Describe(mutation, valid.Line.Name)}");
        await db.SaveChangesAsync(ct);
        return (ChangeResult.Done, mutation.Id);
    }

    /// <summary>Changes a concept mutation.</summary>
    public async Task<ChangeResult> UpdateAsync(int id, MutationDraft draft, int expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mutation = await FindAsync(db, id, ct);
        if (mutation is null)
        {
            return NotFound(id);
        }

        if (mutation.Status != MutationStatus.Concept)
        {
            return ChangeResult.Invalid("status", $"Mutatie {id} is {mutation.Status.DutchName().ToLowerInvariant()}: alleen een concept kan worden gewijzigd. Corrigeer met een nieuwe mutatie.");
        }

        if (mutation.Version != expectedVersion)
        {
            return Stale(id);
        }

        var (valid, errors) = await ValidateAsync(db, draft, ct);
        if (valid is null)
        {
            return ChangeResult.Invalid(errors);
        }

        var before = Describe(mutation, mutation.BudgetLine!.Name);
        mutation.BudgetLineId = valid.Line.Id;
        mutation.Year = draft.Year;
        mutation.Amount = draft.Amount;
        mutation.Kind = valid.Kind;
        mutation.Structural = draft.Structural;
        mutation.Reason = valid.Reason;
        return await StepAsync(db, mutation, user, $"{before} → {Describe(mutation, valid.Line.Name)}", ct);
    }

    public Task<ChangeResult> SubmitAsync(int id, int? expectedVersion, string user, CancellationToken ct = default) =>
        TransitionAsync(id, expectedVersion, user, MutationStatus.Concept, MutationStatus.Submitted, null, ct);

    /// <summary>Approves a submitted mutation; its author cannot (four eyes). Without <paramref name="expectedVersion"/> (a
    /// script that only knows the id) the status check alone guards against a double decision.</summary>
    public Task<ChangeResult> ApproveAsync(int id, int? expectedVersion, string user, CancellationToken ct = default) =>
        TransitionAsync(id, expectedVersion, user, MutationStatus.Submitted, MutationStatus.Approved, null, ct);

    /// <summary>Rejects a submitted mutation, with a reason; its author cannot.</summary>
    public Task<ChangeResult> RejectAsync(int id, int? expectedVersion, string? reason, string user, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(ChangeResult.Invalid("reason", "Geef een reden waarom de mutatie wordt afgewezen."))
            : TransitionAsync(id, expectedVersion, user, MutationStatus.Submitted, MutationStatus.Rejected, reason.Trim(), ct);

    /// <summary>Closes a year after the annual accounts: no mutation or actual changes it any more. Taken under the lock
    /// that serialises imports (<see cref="Imports.ImportLocks.Serial"/>): an actuals import running now commits first,
    /// one that starts later reads the year as closed.</summary>
    public async Task<ChangeResult> CloseYearAsync(int year, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Imports.ImportLocks.Serial})", ct);
        var row = await db.BudgetYears.FirstOrDefaultAsync(y => y.Year == year, ct);
        if (row?.ClosedAt is not null)
        {
            return ChangeResult.Done;
        }

        if (!await db.BudgetLineYears.AnyAsync(y => y.Year == year, ct))
        {
            return ChangeResult.Invalid("year", $"Er is geen begroting voor {year}.");
        }

        if (await db.BudgetMutations.AnyAsync(m => m.Year == year && (m.Status == MutationStatus.Concept || m.Status == MutationStatus.Submitted), ct))
        {
            return ChangeResult.Invalid("year", $"Er staan nog mutaties voor {year} open (concept of ingediend); handel die eerst af.");
        }

        row ??= db.BudgetYears.Add(new BudgetYear { Year = year }).Entity;
        row.ClosedAt = clock.GetUtcNow();
        row.ClosedBy = user;
        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.BudgetYearClosed, $"Begrotingsjaar {year} afgesloten");
        if (!await Edits.TrySaveAsync(db, ct))
        {
            return ChangeResult.Conflict($"Het jaar {year} werd tegelijk door iemand anders afgesloten.");
        }

        await transaction.CommitAsync(ct);
        return ChangeResult.Done;
    }

    private async Task<ChangeResult> TransitionAsync(int id, int? expectedVersion, string user, MutationStatus from, MutationStatus to, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var mutation = await FindAsync(db, id, ct);
        if (mutation is null)
        {
            return NotFound(id);
        }

        if (mutation.Status != from)
        {
            return ChangeResult.Invalid("status", $"Mutatie {id} is al {mutation.Status.DutchName().ToLowerInvariant()}; " +
                (from == MutationStatus.Concept ? "alleen een concept kan worden ingediend." : "alleen een ingediende mutatie kan worden goedgekeurd of afgewezen."));
        }

        if (expectedVersion is { } version && mutation.Version != version)
        {
            return Stale(id);
        }

        if (to is MutationStatus.Approved or MutationStatus.Rejected && string.Equals(mutation.CreatedBy, user, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeResult.Forbidden($"U hebt mutatie {id} zelf opgesteld; een andere controller moet haar beoordelen (vier ogen).");
        }

        if (await IsClosedAsync(db, mutation.Year, ct))
        {
            return ChangeResult.Invalid("year", $"Het begrotingsjaar {mutation.Year} is afgesloten; er verandert niets meer aan.");
        }

        var now = clock.GetUtcNow();
        mutation.Status = to;
        if (to == MutationStatus.Submitted)
        {
            mutation.SubmittedAt = now;
        }
        else
        {
            mutation.DecidedAt = now;
            mutation.DecidedBy = user;
            mutation.DecisionReason = reason;
        }

        var result = await StepAsync(db, mutation, user, $"{from.DutchName()} → {to.DutchName()}" + (reason is null ? "" : $"; reden: {reason}"), ct,
            scenariosChanged: to == MutationStatus.Approved && await DeficitComponentService.SyncBudgetChangesAsync(db, mutation, ct));
        if (result.Succeeded)
        {
            await transaction.CommitAsync(ct);
            if (to == MutationStatus.Approved)
            {
                ScenarioRecomputeJob.Enqueue(jobs);
            }
        }

        return result;
    }

    private async Task<ChangeResult> StepAsync(AppDbContext db, BudgetMutation mutation, string user, string details, CancellationToken ct, bool scenariosChanged = false)
    {
        mutation.Version++;
        var now = clock.GetUtcNow();
        AuditLog.Add(db, now, user, AuditAction.BudgetMutationChanged, $"{Subject(mutation.Id)} {mutation.BudgetLine!.Name} {mutation.Year}", details);
        if (scenariosChanged)
        {
            Analysis.InputChanges.Add(db, now, $"begrotingsmutatie {mutation.Id}", Analysis.StoredAnalysis.Scenarios);
        }

        if (mutation.Status == MutationStatus.Approved)
        {
            // an approved mutation changes the current budget the forecasts show
            Analysis.InputChanges.Add(db, now, $"begrotingsmutatie {mutation.Id}", Analysis.StoredAnalysis.Forecasts);
        }

        return await Edits.TrySaveAsync(db, ct) ? ChangeResult.Done : Stale(mutation.Id);
    }

    private sealed record Valid(BudgetLine Line, MutationKind Kind, string Reason);

    private static async Task<(Valid? Valid, Dictionary<string, string> Errors)> ValidateAsync(AppDbContext db, MutationDraft draft, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var code = draft.LineCode?.Trim() ?? "";
        var line = code.Length == 0 ? null : await db.BudgetLines.FirstOrDefaultAsync(l => l.Code.ToLower() == code.ToLower(), ct);
        if (line is null)
        {
            errors["lineCode"] = code.Length == 0 ? "Kies de begrotingspost." : $"Er is geen begrotingspost met code '{code}'.";
        }
        else if (!await db.BudgetLineYears.AnyAsync(y => y.BudgetLineId == line.Id && y.Year == draft.Year, ct))
        {
            errors["year"] = $"{line.Name} heeft geen begroting voor {draft.Year}.";
        }
        else if (await IsClosedAsync(db, draft.Year, ct))
        {
            errors["year"] = $"Het begrotingsjaar {draft.Year} is afgesloten; er kan geen mutatie meer bij.";
        }

        if (draft.Amount == 0m || Math.Abs(draft.Amount) > MeasureService.MaxAmount || decimal.Round(draft.Amount, 2) != draft.Amount)
        {
            errors["amount"] = draft.Amount == 0m
                ? "Een mutatie van € 0 verandert niets."
                : "Het bedrag is een bedrag in euro's met hoogstens twee decimalen, kleiner dan een miljard.";
        }

        var kind = MutationKinds.Parse(draft.Kind);
        if (kind is null)
        {
            errors["kind"] = $"Kies de soort: {string.Join(", ", Enum.GetValues<MutationKind>().Select(k => k.Code()))}.";
        }

        var reason = draft.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 1000)
        {
            errors["reason"] = reason.Length == 0 ? "Geef een reden voor de mutatie." : "De reden is hoogstens 1000 tekens.";
        }

        return errors.Count > 0 ? (null, errors) : (new Valid(line!, kind!.Value, reason), errors);
    }

    private static Task<bool> IsClosedAsync(AppDbContext db, int year, CancellationToken ct) =>
        db.BudgetYears.AnyAsync(y => y.Year == year && y.ClosedAt != null, ct);

    private static Task<BudgetMutation?> FindAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.BudgetMutations.Include(m => m.BudgetLine).FirstOrDefaultAsync(m => m.Id == id, ct);

    private static string Describe(BudgetMutation m, string line) =>
        $"{line} {m.Year}, {MeasureService.Money(m.Amount)}, {m.Kind.DutchName()}, {(m.Structural ? "structureel" : "incidenteel")}, reden: {m.Reason}";

    private static ChangeResult NotFound(int id) => ChangeResult.NotFound($"Er is geen begrotingsmutatie {id}.");

    private static ChangeResult Stale(int id) =>
        ChangeResult.Conflict($"Mutatie {id} is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; laad haar opnieuw.");
}
