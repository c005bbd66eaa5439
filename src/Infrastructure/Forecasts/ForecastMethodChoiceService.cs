using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Forecasts;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Budgets;
using SociaalDomein.Infrastructure.Editing;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Forecasts;

/// <summary>A line's method choice as read: <see cref="Method"/> null when the line follows the recommendation again;
/// <see cref="Version"/> the version a change names.</summary>
public sealed record MethodChoiceSummary(ForecastMethod? Method, string Reason, string ChosenBy, DateTimeOffset ChosenAt, int Version)
{
    public static MethodChoiceSummary Of(ForecastMethodChoice choice) =>
        new(choice.Method, choice.Reason, choice.ChosenBy, choice.ChosenAt, choice.Version);
}

/// <summary>
/// A controller (policy Financieel) sets the forecasting method of a budget line over the recommendation, with a reason
/// (docs/domain.md §7). <see cref="ForecastService"/> then takes that method's forecast as the line's forecast, the
/// recommendation staying visible. A change names the version it read (a stale one is a conflict, nothing stored) and is
/// in the audit log (before → after, with the reason) in the same save.
/// </summary>
public sealed class ForecastMethodChoiceService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    /// <summary>What "no choice" reads as, in the audit log and the dialog.</summary>
    public const string FollowRecommendation = "Aanbeveling volgen";

    /// <summary>The line's choice, or null while none was ever made (or the line does not exist).</summary>
    public async Task<MethodChoiceSummary?> GetAsync(string code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = code.Trim().ToLower();
        var choice = await db.ForecastMethodChoices.AsNoTracking()
            .Where(c => db.BudgetLines.Any(l => l.Id == c.BudgetLineId && l.Code.ToLower() == trimmed))
            .FirstOrDefaultAsync(ct);
        return choice is null ? null : MethodChoiceSummary.Of(choice);
    }

    /// <summary>
    /// Sets the method of line <paramref name="code"/>; <paramref name="method"/> null follows the recommendation again. A
    /// reason is required either way. Lag-adjusted and commitment need claims linked to the line. Names the version it
    /// read: null while the line never had a choice.
    /// </summary>
    public async Task<ChangeResult> SetAsync(
        string code, ForecastMethod? method, string? reason, int? expectedVersion, string user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = code.Trim().ToLower();
        var line = await db.BudgetLines.FirstOrDefaultAsync(l => l.Code.ToLower() == trimmed, ct);
        if (line is null)
        {
            return ChangeResult.NotFound($"Er is geen begrotingspost met code '{code}'.");
        }

        var errors = new Dictionary<string, string>();
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            errors["reason"] = "Geef een reden op: waarom deze methode voor deze post? De reden staat bij de prognose en in het auditlog.";
        }
        else if (why.Length > MaxReasonLength)
        {
            errors["reason"] = $"De reden is {why.Length} tekens; ten hoogste {MaxReasonLength}.";
        }

        if (method is { } m && !Enum.IsDefined(m))
        {
            errors["method"] = $"Kies een methode: {string.Join(", ", ForecastMethods.All.Select(x => x.DutchName()))}, of volg de aanbeveling.";
        }
        else if (method is ForecastMethod.LagAdjusted or ForecastMethod.Commitment
                 && !await db.ClaimGroupCategories.AnyAsync(c => c.BudgetLineId == line.Id, ct))
        {
            errors["method"] = $"Post {line.Code} heeft geen gekoppelde declaraties; '{method.Value.DutchName()}' is er niet te berekenen. Kies lineair of koppel eerst declaraties.";
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var choice = await db.ForecastMethodChoices.FirstOrDefaultAsync(c => c.BudgetLineId == line.Id, ct);
        if (choice is null != expectedVersion is null || (choice is not null && choice.Version != expectedVersion))
        {
            return ChangeResult.Conflict($"De methode van post {line.Code} is intussen door iemand anders gewijzigd. " +
                "Uw keuze is niet opgeslagen; laad de prognose opnieuw.");
        }

        var before = Describe(choice?.Method);
        if (choice is not null && choice.Method == method && choice.Reason == why)
        {
            return ChangeResult.Done;
        }

        choice ??= db.ForecastMethodChoices.Add(new ForecastMethodChoice { BudgetLineId = line.Id, Reason = why, ChosenBy = user, Version = 0 }).Entity;
        choice.Method = method;
        choice.Reason = why;
        choice.ChosenBy = user;
        choice.ChosenAt = clock.GetUtcNow();
        choice.Version++;
        AuditLog.Add(db, choice.ChosenAt, user, AuditAction.ForecastMethodChosen, BudgetLineService.Subject(line.Code, line.Name),
            $"Prognosemethode: {before} → {Describe(method)}. Reden: {why}");
        Analysis.InputChanges.Add(db, choice.ChosenAt, $"prognosemethode {line.Code}", Analysis.StoredAnalysis.Forecasts);
        return await Edits.TrySaveAsync(db, ct)
            ? ChangeResult.Done
            : ChangeResult.Conflict($"Iemand anders koos tegelijk de methode van post {line.Code}. Er is niets opgeslagen; laad de prognose opnieuw.");
    }

    /// <summary>"Lineair", or "Aanbeveling volgen" for no choice.</summary>
    public static string Describe(ForecastMethod? method) => method?.DutchName() ?? FollowRecommendation;
}
